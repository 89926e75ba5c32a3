import { ConflictException, ForbiddenException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../../../src/modules/audit/audit-entry.entity';
import { AuthService } from '../../../src/modules/auth/auth.service';
import type { Principal } from '../../../src/modules/auth/roles';
import { Draw } from '../../../src/modules/draw/entities';
import {
  Inspection,
  InspectionForm,
  InspectionTarget,
  type FormItemResult,
} from '../../../src/modules/inspection/entities';
import { ItemsService } from '../../../src/modules/items/items.service';
import { PublicationService } from '../../../src/modules/publication/publication.service';
import {
  PublishedResult,
  ResultPublication,
} from '../../../src/modules/publication/published-result.entity';
import { Target } from '../../../src/modules/targets/target.entity';
import { DEMO_PASSWORD } from '../../../src/modules/demo/pengyang';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(300_000);

const YEAR = new Date().getFullYear();
const CODE = `JI-${YEAR}-0901`;
const OTHER_CODE = `JI-${YEAR}-0902`;
const ARCHIVED_CODE = `JI-${YEAR}-0903`;

/** Targets as the directory holds them, with the personal data that must never be published. */
const ENT = {
  code: '91640425MA7PUB0001',
  name: '彭阳县红河食品有限公司',
  type: 'enterprise',
  legal: '王建国',
  phone: '13912345678',
  address: '彭阳县白阳镇阳洼村12号',
} as const;
const IND = {
  code: '92640425MA7PUB0002',
  name: '彭阳县张三便利店（张三）',
  type: 'individual_business',
  legal: '张三',
  phone: '13800001111',
  address: '彭阳县红河镇友联村5号',
} as const;
const SECRET = {
  code: '91640425MA7PUB0003',
  name: '彭阳县宁安化工有限公司',
  type: 'enterprise',
  legal: '李四海',
  phone: '13700002222',
  address: '彭阳县城阳乡长城村8号',
} as const;
const TARGETS = [ENT, IND, SECRET];
const OFFICE: Principal = {
  userId: 'office',
  username: 'office',
  role: 'office',
  departmentCode: 'LXBGS',
  isOffice: true,
};
const WITHHOLD_BASIS = '《中华人民共和国保守国家秘密法》第二条';

/**
 * Publication on a demo-seeded app: the inspection rows are inserted directly (running the task
 * is the inspection module's job), then everything goes through PublicationService as real
 * principals and through HTTP for corrections and the public portal.
 */
describe('results publication (结果公示) and the public results portal', () => {
  let t: TestApp;
  let db: DataSource;
  let publication: PublicationService;
  let items: Map<string, string>;
  let id: string;
  let drawId: string;
  const principals: Record<string, Principal> = {};
  const tokens: Record<string, string> = {};

  const count = async () => ({
    publications: await db.getRepository(ResultPublication).count(),
    entries: await db.getRepository(PublishedResult).count(),
    publishedForms: await db
      .getRepository(InspectionForm)
      .createQueryBuilder('f')
      .where('f.publishedAt IS NOT NULL')
      .getCount(),
    publishAudits: await db
      .getRepository(AuditEntry)
      .count({ where: { action: 'results.publish' } }),
  });
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    db = t.app.get(DataSource);
    publication = t.app.get(PublicationService);
    const auth = t.app.get(AuthService);
    await auth.createUser({
      username: 'insp-scjgj-001',
      displayName: '市场监管执法人员1',
      password: DEMO_PASSWORD,
      departmentCode: 'SCJGJ',
      role: 'inspector',
    });
    await publishItemList();
    for (const user of [
      'scjgj-officer',
      'yjj-officer',
      'nyncj-officer',
      'office',
      'insp-scjgj-001',
    ]) {
      const row = await auth.findUser(user);
      principals[user] = (await auth.principalForUser(row!.id))!;
      tokens[user] = await t.login(user);
    }
    const published = await t.app.get(ItemsService).publishedItems(YEAR);
    items = new Map(published.items.map((i) => [i.code, i.name]));
    drawId = await insertDraw('drawn');
    id = await insertInspection(CODE, 'publishing', drawId);
    await insertTargets(id);
    await insertForm(id, ENT.code, 'SCJGJ', [
      { itemCode: 'SCJG-002', result: 'problem', findings: '超范围经营', measures: '责令限期整改' },
    ]);
    await insertForm(id, IND.code, 'SCJGJ', [{ itemCode: 'SCJG-002', result: 'no_problem' }]);
    await insertForm(id, SECRET.code, 'SCJGJ', [
      {
        itemCode: 'SCJG-002',
        result: 'problem',
        measures: '涉密处理',
        withhold: { basis: WITHHOLD_BASIS },
      },
    ]);
    // YJJ has entered one of its two forms: SECRET is missing.
    await insertForm(id, ENT.code, 'YJJ', [{ itemCode: 'YJ-002', result: 'no_problem' }]);
  });
  afterAll(() => t?.close());

  async function publishItemList(): Promise<void> {
    const service = t.app.get(ItemsService);
    const list = await service.createDraft(YEAR, OFFICE);
    for (const [code, name, departmentCode] of [
      ['SCJG-002', '食品销售者经营行为检查', 'SCJGJ'],
      ['YJ-002', '工贸企业安全生产检查', 'YJJ'],
    ])
      await service.putItem(
        list.id,
        {
          code,
          name,
          content: '依法检查',
          category: 'key',
          method: 'on_site',
          departmentCode,
          legalBasis: '《食品安全法》',
        } as Parameters<ItemsService['putItem']>[1],
        OFFICE,
      );
    await service.publish(list.id, undefined, OFFICE);
  }

  async function insertDraw(status: Draw['status']): Promise<string> {
    const drawId = randomUUID();
    await db.getRepository(Draw).insert({
      id: drawId,
      taskRef: `TEST-${drawId}`,
      departmentCode: 'SCJGJ',
      participating: ['SCJGJ', 'YJJ'],
      scope: {} as Draw['scope'],
      rules: {},
      status,
      commitment: {} as Draw['commitment'],
      commitmentHash: '0'.repeat(64),
      snapshotHash: '0'.repeat(64),
      targetCount: 3,
      counts: [],
      entropySource: {} as Draw['entropySource'],
      modeReason: null,
      entropy: null,
      seed: null,
      secretSealed: 'x',
      createdBy: 'scjgj-officer',
      createdAt: new Date(),
      drawnBy: null,
      drawnAt: null,
      lockedAt: null,
    });
    return drawId;
  }

  async function insertInspection(
    code: string,
    status: Inspection['status'],
    drawId: string | null,
  ): Promise<string> {
    const inspectionId = randomUUID();
    await db.getRepository(Inspection).insert({
      id: inspectionId,
      code,
      name: '食品销售和工贸企业安全生产部门联合抽查',
      year: YEAR,
      planId: null,
      planTaskKey: null,
      temporary: true,
      temporaryReason: '测试',
      initiatingDepartment: 'SCJGJ',
      departments: ['SCJGJ', 'YJJ', 'NYNCJ'],
      // NYNCJ declined and its reason was accepted: it has nothing to publish.
      confirmedDepartments: ['SCJGJ', 'YJJ'],
      itemCodes: ['SCJG-002', 'YJ-002'],
      windowStart: `${YEAR}-04-01`,
      windowEnd: `${YEAR}-05-31`,
      publishDays: 20,
      status,
      scheme: null,
      drawId,
      workflowId: null,
      createdBy: 'scjgj-officer',
      createdAt: new Date(),
      launchedAt: new Date(),
      archivedAt: null,
    });
    return inspectionId;
  }

  async function insertTargets(inspectionId: string): Promise<void> {
    const now = new Date();
    for (const target of TARGETS) {
      if (!(await db.getRepository(Target).exists({ where: { code: target.code } })))
        await db.getRepository(Target).insert({
          code: target.code,
          codeKind: 'uscc',
          name: target.name,
          type: target.type,
          address: target.address,
          regionCode: '640425',
          industryTags: ['食品'],
          legalRepresentative: target.legal,
          phone: target.phone,
          riskClass: 'B',
          riskClassSetAt: now,
          supervisingDepartments: ['SCJGJ', 'YJJ'],
          status: 'active',
          complaintCount: 0,
          violationCount: 0,
          createdAt: now,
          updatedAt: now,
        });
      await db.getRepository(InspectionTarget).insert({
        inspectionId,
        targetCode: target.code,
        targetName: target.name,
        targetType: target.type,
        address: target.address,
        distribution:
          target === IND ? { SCJGJ: ['SCJG-002'] } : { SCJGJ: ['SCJG-002'], YJJ: ['YJ-002'] },
        leaderDepartment: 'SCJGJ',
        workflowId: null,
        status: 'inspected',
        inspectedAt: now,
      });
    }
  }

  async function insertForm(
    inspectionId: string,
    targetCode: string,
    departmentCode: string,
    formItems: FormItemResult[],
  ): Promise<void> {
    await db.getRepository(InspectionForm).insert({
      inspectionId,
      targetCode,
      departmentCode,
      inspectedOn: `${YEAR}-05-10`,
      items: formItems,
      inspectorsPresent: [`${departmentCode}-001`, `${departmentCode}-002`],
      signature: { signedBy: '现场负责人' },
      attachments: [],
      submittedBy: `${departmentCode.toLowerCase()}-officer`,
      submittedAt: new Date(),
      publishedAt: null,
    });
  }

  it('refuses anyone but the department itself, and writes nothing', async () => {
    const before = await count();
    const refusals: Array<[string, string]> = [
      ['yjj-officer', 'SCJGJ'], // another department's officer
      ['office', 'SCJGJ'], // not even the office publishes for a department
      ['insp-scjgj-001', 'SCJGJ'], // an inspector of the department
      ['nyncj-officer', 'NYNCJ'], // declined: not among the confirmed departments
    ];
    for (const [user, dept] of refusals)
      await expect(publication.publishDepartment(id, dept, principals[user])).rejects.toThrow(
        ForbiddenException,
      );
    expect(await count()).toEqual(before);
    expect(before).toEqual({ publications: 0, entries: 0, publishedForms: 0, publishAudits: 0 });
  });

  it('refuses while a form is missing, naming the target', async () => {
    const err = await publication
      .publishDepartment(id, 'YJJ', principals['yjj-officer'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictException);
    const body = (err as ConflictException).getResponse() as { message: string; missing: string[] };
    expect(body.missing).toEqual([SECRET.code]);
    expect(body.message).toContain(SECRET.code);
    expect((await count()).entries).toBe(0);
    expect(await publication.isPublished(id, 'YJJ')).toBe(false);
  });

  it('publishes a department’s results: one entry per target and item, forms read-only', async () => {
    const res = await publication.publishDepartment(id, 'SCJGJ', principals['scjgj-officer']);
    expect(res.entries).toBe(3);
    expect(new Date(res.publishedAt).getTime()).toBeGreaterThan(0);
    expect(await publication.isPublished(id, 'SCJGJ')).toBe(true);
    expect(await count()).toEqual({
      publications: 1,
      entries: 3,
      publishedForms: 3,
      publishAudits: 1,
    });
    const rows = await publication.resultsOf(id);
    const byTarget = new Map(rows.map((r) => [r.targetCode, r]));
    expect(byTarget.get(ENT.code)).toMatchObject({
      entryType: 'publication',
      departmentCode: 'SCJGJ',
      departmentName: '县市场监管局',
      targetName: ENT.name,
      itemCode: 'SCJG-002',
      itemName: items.get('SCJG-002'),
      result: 'problem',
      handling: '责令限期整改',
      withheld: false,
      inspectedOn: `${YEAR}-05-10`,
      inspectionCode: CODE,
      publishedBy: 'scjgj-officer',
    });
    expect(byTarget.get(IND.code)!.targetName).toBe('彭阳县张三便利店（张*）');
    expect(byTarget.get(SECRET.code)).toMatchObject({
      withheld: true,
      withholdBasis: WITHHOLD_BASIS,
      result: null,
      handling: null,
    });
    const yjjForm = await db
      .getRepository(InspectionForm)
      .findOneByOrFail({ inspectionId: id, departmentCode: 'YJJ' });
    expect(yjjForm.publishedAt).toBeNull();
  });

  it('refuses a second publication, in the service and in the database itself', async () => {
    const before = await count();
    await expect(
      publication.publishDepartment(id, 'SCJGJ', principals['scjgj-officer']),
    ).rejects.toThrow(/已公示，不能重复公示/);
    await expect(
      db.getRepository(ResultPublication).insert({
        inspectionId: id,
        departmentCode: 'SCJGJ',
        entryCount: 0,
        publishedBy: 'x',
        publishedAt: new Date(),
      }),
    ).rejects.toThrow();
    expect(await count()).toEqual(before);
  });

  it('summarises what is published', async () => {
    const summary = await publication.summary(id);
    expect(summary).toMatchObject({
      targets: 3,
      entries: 3,
      byResult: { problem: 1, no_problem: 1, withheld: 1 },
    });
    expect(summary.departments.map((d) => [d.departmentCode, d.entries])).toEqual([['SCJGJ', 3]]);
  });

  const entryOf = async (code: string) =>
    (await publication.resultsOf(id)).filter((r) => r.targetCode === code).pop()!;

  it('publishes a correction as a new entry; the public sees the corrected value and the record', async () => {
    const original = await entryOf(ENT.code);
    const body = { result: 'no_problem', handling: '已当场整改完毕', reason: '录入时选错检查结果' };
    const url = `/results/${original.id}/correction`;
    expect((await t.http.post(url).send(body)).status).toBe(401);
    expect((await t.http.post(url).set(as('yjj-officer')).send(body)).status).toBe(403);
    expect((await t.http.post(url).set(as('office')).send(body)).status).toBe(403);
    const noReason = await t.http.post(url).set(as('scjgj-officer')).send({ result: 'other' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    const badResult = await t.http
      .post(url)
      .set(as('scjgj-officer'))
      .send({ result: 'fine', reason: 'x' });
    expect(badResult.status).toBe(400);
    expect((await count()).entries).toBe(3);

    const res = await t.http.post(url).set(as('scjgj-officer')).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      entryType: 'correction',
      supersedesId: original.id,
      result: 'no_problem',
      handling: '已当场整改完毕',
      reason: '录入时选错检查结果',
    });
    expect((await count()).entries).toBe(4);
    // The original stays on record, unchanged.
    expect(await db.getRepository(PublishedResult).findOneByOrFail({ id: original.id })).toEqual(
      original,
    );
    // Correct the latest one, not the one it replaced.
    const again = await t.http.post(url).set(as('scjgj-officer')).send(body);
    expect(again.status).toBe(409);
    await expect(
      publication.correct(original.id, body, principals['scjgj-officer']),
    ).rejects.toThrow(ConflictException);
    expect((await count()).entries).toBe(4);
    const audits = await db
      .getRepository(AuditEntry)
      .count({ where: { action: 'results.correct', entityId: String(res.body.id) } });
    expect(audits).toBe(1);

    const pub = await t.http.get(`/public/results/${ENT.code}`);
    expect(pub.status).toBe(200);
    expect(pub.body.targetName).toBe(ENT.name);
    const [entry] = pub.body.entries;
    expect(entry).toMatchObject({
      id: res.body.id,
      originalId: original.id,
      status: 'corrected',
      result: 'no_problem',
      resultLabel: '未发现问题',
      handling: '已当场整改完毕',
      reason: '录入时选错检查结果',
      departmentName: '县市场监管局',
      itemName: items.get('SCJG-002'),
      inspectionCode: CODE,
    });
    expect(entry.corrections).toHaveLength(1);
    expect(entry.corrections[0].replaced).toMatchObject({
      id: original.id,
      result: 'problem',
      resultLabel: '发现问题',
      handling: '责令限期整改',
    });
  });

  it('publishes a withdrawal with its reason; the withdrawn content is no longer shown', async () => {
    const original = await entryOf(IND.code);
    const url = `/results/${original.id}/withdrawal`;
    expect((await t.http.post(url).set(as('scjgj-officer')).send({})).status).toBe(400);
    const res = await t.http
      .post(url)
      .set(as('scjgj-officer'))
      .send({ reason: '检查对象录入错误' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ entryType: 'withdrawal', supersedesId: original.id });
    expect(
      (
        await t.http
          .post(`/results/${res.body.id}/correction`)
          .set(as('scjgj-officer'))
          .send({ result: 'other', reason: 'x' })
      ).status,
    ).toBe(409);
    const pub = await t.http.get(`/public/results/${IND.code}`);
    expect(pub.body.entries[0]).toMatchObject({
      status: 'withdrawn',
      reason: '检查对象录入错误',
      result: null,
      handling: null,
    });
    expect(await publication.summary(id)).toMatchObject({
      targets: 2,
      entries: 2,
      byResult: { no_problem: 1, withheld: 1, withdrawn: 1 },
    });
  });

  it('refuses correcting a withheld entry into public content', async () => {
    const withheld = await entryOf(SECRET.code);
    const res = await t.http
      .post(`/results/${withheld.id}/correction`)
      .set(as('scjgj-officer'))
      .send({ result: 'no_problem', reason: '更正' });
    expect(res.status).toBe(400);
  });

  it('finds results by name (escaped LIKE) and by exact code, paged by enterprise', async () => {
    const byName = await t.http.get('/public/results').query({ q: '红河食品' });
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ q: '红河食品', page: 1, total: 1 });
    expect(byName.body.enterprises.map((e: { targetCode: string }) => e.targetCode)).toEqual([
      ENT.code,
    ]);
    const byCode = await t.http.get('/public/results').query({ q: SECRET.code.toLowerCase() });
    expect(byCode.body.total).toBe(1);
    expect(byCode.body.enterprises[0].entries[0]).toMatchObject({
      withheld: true,
      withholdBasis: WITHHOLD_BASIS,
      result: null,
    });
    const all = await t.http.get('/public/results').query({ q: '彭阳县' });
    expect(all.body.total).toBe(3);
    expect((await t.http.get('/public/results').query({ q: '%' })).body.total).toBe(0);
    expect((await t.http.get('/public/results').query({ q: '_' })).body.total).toBe(0);
    expect((await t.http.get('/public/results').query({ q: '' })).body.total).toBe(0);
    expect((await t.http.get('/public/results').query({ q: 'x', page: 'two' })).status).toBe(400);
    // Unpublished departments show nothing: YJJ's form for ENT is not public.
    expect(
      byName.body.enterprises[0].entries.map((e: { departmentCode: string }) => e.departmentCode),
    ).toEqual(['SCJGJ']);
  });

  it('renders the Chinese page without any personal data of the directory', async () => {
    const res = await t.http.get('/public/results.html').query({ q: '彭阳县' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.text;
    for (const text of [
      '抽查结果公示',
      ENT.name,
      '未发现问题',
      '已更正',
      '更正前：发现问题',
      '已撤回',
      '检查对象录入错误',
      `依法不予公示（依据：${WITHHOLD_BASIS}）`,
      '彭阳县张三便利店（张*）',
      '县市场监管局',
      items.get('SCJG-002')!,
      CODE,
    ])
      expect(html).toContain(text);
    for (const target of TARGETS) {
      expect(html).not.toContain(target.phone);
      expect(html).not.toContain(target.address);
    }
    expect(html).not.toContain(ENT.legal);
    expect(html).not.toContain(SECRET.legal);
    expect(html).not.toContain('（张三）');
    expect(html).not.toContain('涉密处理');

    const json = JSON.stringify((await t.http.get('/public/results').query({ q: '彭阳县' })).body);
    for (const target of TARGETS) expect(json).not.toContain(target.phone);
    expect(json).not.toContain('（张三）');
    expect(json).not.toContain('涉密处理');
  });

  it('shows one enterprise; 404 for a code with nothing published', async () => {
    const page = await t.http.get(`/public/results/${ENT.code}.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(ENT.name);
    expect(page.text).not.toContain(ENT.phone);
    expect((await t.http.get('/public/results/91640425MA7NOTHING')).status).toBe(404);
    const missing = await t.http.get('/public/results/91640425MA7NOTHING.html');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('未查询到');
  });

  it('shows a task: departments, window, counts, and the draw proof once drawn', async () => {
    const res = await t.http.get(`/public/inspections/${CODE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: CODE,
      windowStart: `${YEAR}-04-01`,
      windowEnd: `${YEAR}-05-31`,
      drawProof: `/public/draws/${drawId}`,
      targets: 2,
      byResult: { no_problem: 1, withheld: 1, withdrawn: 1 },
    });
    expect(res.body.departments.map((d: { code: string }) => d.code)).toEqual(['SCJGJ', 'YJJ']);
    expect(res.body.published.map((p: { departmentCode: string }) => p.departmentCode)).toEqual([
      'SCJGJ',
    ]);
    const page = await t.http.get(`/public/inspections/${CODE}.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('县市场监管局');
    expect(page.text).toContain('县应急局');
    expect(page.text).toContain(`/public/draws/${drawId}`);
    expect(page.text).toContain('依法不予公示');

    const committed = await insertDraw('committed');
    await insertInspection(OTHER_CODE, 'inspecting', committed);
    const other = await t.http.get(`/public/inspections/${OTHER_CODE}`);
    expect(other.body).toMatchObject({ drawProof: null, targets: 0, published: [] });
    const otherPage = await t.http.get(`/public/inspections/${OTHER_CODE}.html`);
    expect(otherPage.text).not.toContain('/public/draws/');
    expect(otherPage.text).toContain('尚无部门公示');

    expect((await t.http.get('/public/inspections/JI-1999-0001')).status).toBe(404);
    expect((await t.http.get('/public/inspections/JI-1999-0001.html')).status).toBe(404);
  });

  it('refuses publishing an archived task', async () => {
    const archived = await insertInspection(ARCHIVED_CODE, 'archived', null);
    await expect(
      publication.publishDepartment(archived, 'SCJGJ', principals['scjgj-officer']),
    ).rejects.toThrow(ConflictException);
    expect(await publication.isPublished(archived, 'SCJGJ')).toBe(false);
  });

  it('lets exactly one of two racing publications through', async () => {
    await insertForm(id, SECRET.code, 'YJJ', [{ itemCode: 'YJ-002', result: 'no_problem' }]);
    const before = await count();
    const outcomes = await Promise.allSettled([
      publication.publishDepartment(id, 'YJJ', principals['yjj-officer']),
      publication.publishDepartment(id, 'YJJ', principals['yjj-officer']),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictException);
    expect(await count()).toEqual({
      publications: before.publications + 1,
      entries: before.entries + 2,
      publishedForms: before.publishedForms + 2,
      publishAudits: before.publishAudits + 1,
    });
  });

  it('lets exactly one of two racing corrections of the same entry through', async () => {
    const entry = (await publication.resultsOf(id)).find(
      (r) => r.departmentCode === 'YJJ' && r.targetCode === ENT.code,
    )!;
    const before = (await count()).entries;
    const outcomes = await Promise.allSettled(
      ['other', 'problem'].map((result) =>
        publication.correct(entry.id, { result, reason: '复核' }, principals['yjj-officer']),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(lost.reason).toBeInstanceOf(ConflictException);
    expect((await count()).entries).toBe(before + 1);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths as object);
    for (const path of [
      '/results/{entryId}/correction',
      '/results/{entryId}/withdrawal',
      '/public/results',
      '/public/results.html',
      '/public/results/{code}',
      '/public/results/{code}.html',
      '/public/inspections/{code}',
      '/public/inspections/{code}.html',
    ])
      expect(paths).toContain(path);
  });
});
