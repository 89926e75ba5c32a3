import { startTestApp, TestApp } from '../../support/test-app';

/**
 * Item lists and annual plans over HTTP: publication, immutability, revisions, the plan rules
 * (NX 9, 18; HN 18), authorization and the public pages.
 */
describe('item lists and annual plans', () => {
  let t: TestApp;
  let office: string;
  let scjg: string;
  let wjj: string;
  let wjjAdmin: string;
  let listId: string;

  const as = (token: string) => ({
    get: (url: string) => t.http.get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http.post(url).auth(token, { type: 'bearer' }).send(body),
    put: (url: string, body: object) => t.http.put(url).auth(token, { type: 'bearer' }).send(body),
  });
  const item = (code: string, departmentCode: string, extra: object = {}) => ({
    code,
    name: `事项${code}`,
    category: 'general',
    method: 'on_site',
    departmentCode,
    maxRatio: '5%',
    legalBasis: '《示例条例》第十条',
    ...extra,
  });
  const task = (extra: object = {}) => ({
    name: '食品销售联合检查',
    itemCodes: ['SC-01', 'WJ-01'],
    scope: { supervisingDepartments: ['SCJGJ', 'WJJ'] },
    ratio: '3%',
    initiatingDepartment: 'SCJGJ',
    participatingDepartments: ['WJJ'],
    windowStart: '2026-04-01',
    windowEnd: '2026-10-31',
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    office = await t.login('office');
    scjg = await t.login('scjgj-officer');
    wjj = await t.login('wjj-officer');
    wjjAdmin = await t.login('wjj-admin');
  });
  afterAll(() => t.close());

  it('the office drafts the 2026 item list; departments fill in only their own items; the office publishes', async () => {
    expect((await as(scjg).post('/items/lists', { year: 2026 })).status).toBe(403);
    const draft = await as(office).post('/items/lists', { year: 2026 });
    expect(draft.status).toBe(201);
    listId = draft.body.id;
    expect(
      (
        await as(scjg).put(
          `/items/lists/${listId}/items`,
          item('SC-01', 'SCJGJ', {
            joint: true,
            area: '食品安全',
            initiatingDepartment: 'SCJGJ',
            cooperatingDepartments: ['WJJ'],
          }),
        )
      ).status,
    ).toBe(200);
    expect((await as(scjg).put(`/items/lists/${listId}/items`, item('WJ-01', 'WJJ'))).status).toBe(
      403,
    );
    expect(
      (
        await as(wjj).put(
          `/items/lists/${listId}/items`,
          item('WJ-01', 'WJJ', { joint: true, area: '公共卫生', initiatingDepartment: 'WJJ' }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await as(wjj).put(
          `/items/lists/${listId}/items`,
          item('WJ-02', 'WJJ', { category: 'key', maxRatio: undefined }),
        )
      ).status,
    ).toBe(200);
    for (const code of ['SC-02', 'SC-03'])
      await as(scjg).put(
        `/items/lists/${listId}/items`,
        item(code, 'SCJGJ', { joint: true, area: '产品质量', initiatingDepartment: 'SCJGJ' }),
      );
    const noMax = await as(scjg).put(
      `/items/lists/${listId}/items`,
      item('SC-09', 'SCJGJ', { maxRatio: undefined }),
    );
    expect(noMax.status).toBe(400);
    expect(noMax.body.message).toMatch(/比例上限/);
    // the public does not see the draft
    expect((await t.http.get(`/public/items/${listId}`)).status).toBe(404);
    expect((await t.http.get('/public/items')).body).toEqual([]);
    expect((await as(scjg).post(`/items/lists/${listId}/publish`)).status).toBe(403);
    const published = await as(office).post(`/items/lists/${listId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  });

  it('a published list is immutable; a revision needs a change note and every revision stays public', async () => {
    expect(
      (await as(scjg).put(`/items/lists/${listId}/items`, item('SC-04', 'SCJGJ'))).status,
    ).toBe(409);
    const revision = await as(office).post('/items/lists', { year: 2026 });
    expect(revision.body.revision).toBe(2);
    expect(
      (await as(scjg).put(`/items/lists/${revision.body.id}/items`, item('SC-04', 'SCJGJ'))).status,
    ).toBe(200);
    const noNote = await as(office).post(`/items/lists/${revision.body.id}/publish`);
    expect(noNote.status).toBe(400);
    expect(noNote.body.message).toMatch(/调整说明/);
    expect(
      (
        await as(office).post(`/items/lists/${revision.body.id}/publish`, {
          changeNote: '新增 SC-04（新法规施行）',
        })
      ).status,
    ).toBe(200);
    const pub = await t.http.get('/public/items').query({ year: 2026 });
    expect(pub.status).toBe(200);
    expect(
      pub.body.map((l: { revision: number; items: unknown[] }) => [l.revision, l.items.length]),
    ).toEqual([
      [2, 6],
      [1, 5],
    ]);
    const html = await t.http.get('/public/items.html').query({ year: 2026 });
    expect(html.status).toBe(200);
    expect(html.text).toContain('新增 SC-04（新法规施行）');
    expect(html.text).toContain('第1版');
  });

  let jointPlanId: string;

  it('plan rules, each failing then passing: ratio over the item maximum, joint scope not common, window outside the year', async () => {
    expect((await as(scjg).post('/plans', { year: 2026, kind: 'joint' })).status).toBe(403);
    const plan = await as(office).post('/plans', { year: 2026, kind: 'joint' });
    expect(plan.status).toBe(201);
    jointPlanId = plan.body.id;
    const over = await as(office).post(`/plans/${jointPlanId}/tasks`, task({ ratio: '8%' }));
    expect(over.status).toBe(400);
    expect(over.body.errors.map((e: { code: string }) => e.code)).toContain('ratio_over_max');
    const notCommon = await as(office).post(
      `/plans/${jointPlanId}/tasks`,
      task({ scope: { supervisingDepartments: ['SCJGJ'] } }),
    );
    expect(notCommon.status).toBe(400);
    expect(notCommon.body.message).toMatch(/共同监管/);
    const outside = await as(office).post(
      `/plans/${jointPlanId}/tasks`,
      task({ windowEnd: '2027-01-15' }),
    );
    expect(outside.status).toBe(400);
    expect(outside.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'window_outside_year',
    ]);
    const ok = await as(office).post(`/plans/${jointPlanId}/tasks`, task());
    expect(ok.status).toBe(201);
    expect(ok.body.task.taskKey).toBeTruthy();
  });

  it('joint coverage under 80% is a warning listing the uncovered items, not a block', async () => {
    const published = await as(office).post(`/plans/${jointPlanId}/publish`);
    expect(published.status).toBe(200);
    const warning = published.body.warnings.find(
      (w: { code: string }) => w.code === 'joint_coverage',
    );
    expect(warning.message).toMatch(/50%/);
    expect(warning.message).toContain('SC-02');
    expect(warning.message).toContain('SC-03');
    const coverage = await as(office).get('/plans/coverage/2026');
    expect(coverage.body).toMatchObject({ coveredPercent: '50%' });
    expect(coverage.body.uncoveredItems.map((i: { code: string }) => i.code)).toEqual([
      'SC-02',
      'SC-03',
    ]);
  });

  it('adjustments publish a new revision with the reason and keep the earlier one unchanged', async () => {
    const plan = await as(office).get(`/plans/${jointPlanId}`);
    const key = plan.body.tasks[0].taskKey;
    expect((await as(office).post(`/plans/${jointPlanId}/tasks`, task())).status).toBe(409);
    const bad = await as(office).post(`/plans/${jointPlanId}/adjustments`, {
      reason: '提高比例',
      changes: [{ kind: 'change_ratio', taskKey: key, sampling: { ratio: '9%' } }],
    });
    expect(bad.status).toBe(400);
    const adjusted = await as(office).post(`/plans/${jointPlanId}/adjustments`, {
      reason: '受汛期影响延期，并新增产品质量联合检查',
      changes: [
        { kind: 'postpone', taskKey: key, windowEnd: '2026-12-15' },
        {
          kind: 'add',
          task: task({ name: '产品质量联合检查', itemCodes: ['SC-02', 'SC-03', 'WJ-01'] }),
        },
      ],
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.plan).toMatchObject({
      revision: 2,
      status: 'published',
      reason: '受汛期影响延期，并新增产品质量联合检查',
    });
    expect(
      adjusted.body.warnings.find((w: { code: string }) => w.code === 'joint_coverage'),
    ).toBeUndefined();
    const old = await as(office).get(`/plans/${jointPlanId}`);
    expect(old.body.tasks.map((x: { windowEnd: string }) => x.windowEnd)).toEqual(['2026-10-31']);
    const stale = await as(office).post(`/plans/${jointPlanId}/adjustments`, {
      reason: '取消',
      changes: [{ kind: 'cancel', taskKey: key }],
    });
    expect(stale.status).toBe(409);
    const pub = await t.http.get('/public/plans').query({ year: 2026 });
    expect(
      pub.body.map((p: { revision: number; tasks: unknown[] }) => [p.revision, p.tasks.length]),
    ).toEqual([
      [2, 2],
      [1, 1],
    ]);
    const html = await t.http.get('/public/plans.html');
    expect(html.text).toContain('受汛期影响延期');
    expect(html.text).toContain('2026-12-15');
  });

  it("department plans: another department's officer can neither see the draft nor change it; the public sees neither", async () => {
    const plan = await as(wjj).post('/plans', {
      year: 2026,
      kind: 'department',
      departmentCode: 'WJJ',
    });
    expect(plan.status).toBe(201);
    const id = plan.body.id;
    const own = task({
      name: '卫生监督抽查',
      itemCodes: ['WJ-01', 'WJ-02'],
      initiatingDepartment: 'WJJ',
      participatingDepartments: [],
      scope: {},
      ratio: undefined,
      ratiosByRiskClass: { A: '1%', B: '3%', C: '5%', D: '5%' },
    });
    expect((await as(scjg).post(`/plans/${id}/tasks`, own)).status).toBe(403);
    expect((await as(scjg).get(`/plans/${id}`)).status).toBe(404);
    expect((await t.http.get(`/public/plans/${id}`)).status).toBe(404);
    expect(
      (await as(scjg).post('/plans', { year: 2026, kind: 'department', departmentCode: 'WJJ' }))
        .status,
    ).toBe(403);
    const notOwn = await as(wjj).post(`/plans/${id}/tasks`, {
      ...own,
      initiatingDepartment: 'SCJGJ',
    });
    expect(notOwn.status).toBe(400);
    expect((await as(wjj).post(`/plans/${id}/tasks`, own)).status).toBe(201);
    expect((await as(wjj).post(`/plans/${id}/publish`)).status).toBe(403); // officers draft, admins publish
    expect((await as(wjjAdmin).post(`/plans/${id}/publish`)).status).toBe(200);
    expect((await t.http.get(`/public/plans/${id}`)).status).toBe(200);
    expect((await t.http.post('/plans').send({ year: 2026, kind: 'joint' })).status).toBe(401);
  });
});
