import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../../../src/modules/audit/audit-entry.entity';
import { Inspection, InspectionForm } from '../../../src/modules/inspection/entities';
import { DEPTS, ITEM_OF, setUpCounty, type County } from '../../support/inspection-fixture';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { until } from '../../support/poll';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(600_000);

const officer = (dept: string) => `${dept.toLowerCase()}-officer`;
const [LEAD, YJ, NY] = DEPTS;

interface Assignment {
  targetCode: string;
  inspectors: Array<{ certificateNo: string }>;
}

/**
 * One joint task from the published plan to the archive, through the HTTP API only, as the
 * principal each step belongs to, on the real Temporal server and database: three departments,
 * 52 targets. Every refused attempt on the way must leave nothing behind.
 */
describe('joint inspection, end to end', () => {
  let t: TestApp;
  let d: InspectionDriver;
  let county: County;
  let db: DataSource;
  let id: string;
  let code: string;
  let drawn: string[];

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { INSPECTION_RECONCILE_MS: '500' } });
    d = new InspectionDriver(t);
    db = t.app.get(DataSource);
    county = await setUpCounty(t.app, { targets: 120 });
  });
  afterAll(() => t?.close());

  const auditCount = () => db.getRepository(AuditEntry).count();

  it('starts from the published plan task, only by the initiating department', async () => {
    const body = { planId: county.planId, planTaskKey: county.planTaskKey };
    expectStatus(await t.http.post('/inspections').send(body), 401);
    expectStatus(await d.post(officer(YJ), '/inspections', body), 400);
    expectStatus(await d.post('office', '/inspections', body), 403);
    expect(await db.getRepository(Inspection).count()).toBe(0);
    const res = await d.post(officer(LEAD), '/inspections', body);
    expectStatus(res, 201);
    ({ id, code } = res.body as { id: string; code: string });
    expect(code).toMatch(/^JI-\d{4}-0001$/);
    expect(res.body.temporary).toBe(false);
    expectStatus(await d.post(officer(LEAD), '/inspections', body), 409);
  });

  it('the scheme is the initiator’s; then every participant is asked to confirm', async () => {
    await d.step(id, 'scheme');
    const scheme = {
      items: DEPTS.map((dept) => ({
        itemCode: ITEM_OF[dept],
        contents: `${dept} 事项检查内容`,
        materials: '营业执照、相关台账',
      })),
      windowStart: county.windowStart,
      windowEnd: county.windowEnd,
      surprise: false,
      inspectorsPerTarget: 2,
    };
    const before = await auditCount();
    expectStatus(await d.post(officer(YJ), `/inspections/${id}/scheme`, scheme), 403);
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/scheme`, {
        ...scheme,
        inspectorsPerTarget: 1,
      }),
      400,
    );
    expect(await auditCount()).toBe(before);
    // The generic task API refuses a domain step and names the endpoint.
    const [task] = await d.step(id, 'scheme');
    const generic = await d.post(
      officer(LEAD),
      `/tasks/${encodeURIComponent(task.taskId)}/complete`,
      {
        output: { surprise: true },
      },
    );
    expectStatus(generic, 409);
    expect(JSON.stringify(generic.body)).toContain('/inspections/:id/scheme');
    expectStatus(await d.post(officer(LEAD), `/inspections/${id}/scheme`, scheme), 201);
    const confirms = await d.step(id, 'confirm', 2);
    expect(confirms.map((s) => s.department).sort()).toEqual([NY, YJ].sort());
    const inbox = await d.get(officer(YJ), '/inbox');
    expect(JSON.stringify(inbox.body)).toContain(code);
  });

  it('a decline needs a reason; the initiator sends it back; then both confirm', async () => {
    expectStatus(
      await d.post(officer(YJ), `/inspections/${id}/confirmation`, { decision: 'decline' }),
      400,
    );
    // the initiator has no confirmation step of its own
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/confirmation`, { decision: 'confirm' }),
      409,
    );
    expectStatus(
      await d.post('gaj-officer', `/inspections/${id}/confirmation`, { decision: 'confirm' }),
      403,
    );
    expectStatus(
      await d.post(officer(YJ), `/inspections/${id}/confirmation`, {
        decision: 'decline',
        reason: '本月专项整治任务冲突',
      }),
      201,
    );
    const [review] = await d.step(id, 'reviewDecline');
    expect(review.subject).toBe(YJ);
    expectStatus(
      await d.post(officer(NY), `/inspections/${id}/confirmations/${YJ}/review`, {
        accept: true,
        note: '同意',
      }),
      403,
    );
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/confirmations/${YJ}/review`, {
        accept: false,
        note: '联合事项需应急部门参加，请确认',
      }),
      201,
    );
    await until(
      async () =>
        (await d.view(id)).openSteps.some((s) => s.elementId === 'confirm' && s.department === YJ),
      'YJJ asked again',
      60_000,
    );
    for (const dept of [YJ, NY])
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/confirmation`, { decision: 'confirm' }),
        201,
      );
    expectStatus(
      await d.post(officer(NY), `/inspections/${id}/confirmation`, { decision: 'confirm' }),
      409,
    );
    await d.step(id, 'commitDraw');
    const inspection = await db.getRepository(Inspection).findOneByOrFail({ id });
    expect(inspection.confirmedDepartments).toEqual([...DEPTS]);
  });

  it('the initiator commits and draws with the witness entropy; the list is locked', async () => {
    const commit = {
      rules: ['A', 'B', 'C', 'D'].map((stratum) => ({ stratum, count: 13 })),
      entropySource: { kind: 'witness', description: '公证员现场掷骰' },
    };
    expectStatus(await d.post(officer(YJ), `/inspections/${id}/draw/commit`, commit), 403);
    const bad = await d.post(officer(LEAD), `/inspections/${id}/draw/commit`, {
      ...commit,
      rules: [{ stratum: 'A', count: -1 }],
    });
    expectStatus(bad, 400);
    expect(JSON.stringify(bad.body)).toContain('rules');
    expectStatus(await d.post(officer(LEAD), `/inspections/${id}/draw/commit`, commit), 201);
    await d.step(id, 'drawTargets');
    expectStatus(
      await d.post(officer(NY), `/inspections/${id}/draw`, { entropy: '3-1-4-1-5' }),
      403,
    );
    const proof = await d.post(officer(LEAD), `/inspections/${id}/draw`, { entropy: '3-1-4-1-5' });
    expectStatus(proof, 201);
    await d.step(id, 'matchInspectors', 3);
    const targets = await d.get(officer(NY), `/inspections/${id}/targets`);
    drawn = (targets.body as Array<{ targetCode: string }>).map((x) => x.targetCode);
    expect(drawn).toHaveLength(52);
    const drawId = (await d.view(id)).drawId!;
    expectStatus(await d.post(officer(LEAD), `/draws/${drawId}/draw`, { entropy: 'again' }), 409);
  });

  it('each department matches its own inspectors; notices go out per target', async () => {
    expectStatus(
      await d.post('office', `/inspections/${id}/inspectors`, { requiredExpertise: ['食品'] }),
      403,
    );
    for (const dept of DEPTS)
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/inspectors`, {
          requiredExpertise: ['食品'],
        }),
        201,
      );
    await d.status(id, 'inspecting');
    const docs = await until(
      async () => {
        const res = await d.get(officer(LEAD), `/inspections/${id}/documents`);
        const notices = (res.body as Array<{ kind: string }>).filter((x) => x.kind === 'notice');
        return notices.length === drawn.length ? notices : undefined;
      },
      'notices',
      60_000,
    );
    expect(docs).toHaveLength(52);
  });

  it('one department, one target, one form; refusals change nothing', async () => {
    const drawId = (await d.view(id)).drawId!;
    const draw = (await d.get('office', `/draws/${drawId}`)).body as {
      departments: Array<{ departmentCode: string; assignments: Assignment[] }>;
    };
    const matched = (dept: string, target: string) =>
      draw.departments
        .find((x) => x.departmentCode === dept)!
        .assignments.find((a) => a.targetCode === target)!
        .inspectors.map((i) => i.certificateNo);
    const form = (dept: string, target: string, i: number) => ({
      targetCode: target,
      inspectedOn: county.windowStart,
      items: [
        i === 0 && dept === LEAD
          ? {
              itemCode: ITEM_OF[dept],
              result: 'problem',
              findings: '未建立进货查验记录',
              measures: '责令限期整改',
            }
          : i === 1
            ? { itemCode: ITEM_OF[dept], result: 'not_found_at_address' }
            : { itemCode: ITEM_OF[dept], result: 'no_problem' },
      ],
      inspectorsPresent: matched(dept, target),
      signature:
        i === 2
          ? { refusal: { reason: '负责人拒绝签字', witnessedBy: ['村委会主任'] } }
          : { signedBy: '负责人' },
    });
    const single = (f: ReturnType<typeof form>) => {
      const { targetCode: _target, ...rest } = f;
      void _target;
      return rest;
    };
    const before = await db.getRepository(InspectionForm).count();
    const first = drawn[0];
    // one matched inspector only: on site needs two
    const alone = await d.put(officer(YJ), `/inspections/${id}/targets/${first}/form`, {
      ...single(form(YJ, first, 5)),
      inspectorsPresent: matched(YJ, first).slice(0, 1),
    });
    expectStatus(alone, 400);
    expect(alone.body.message).toContain('HN 21');
    // an inspector of the department who was not matched to this target
    const stranger = county.inspectors[YJ].find((c) => !matched(YJ, first).includes(c))!;
    expectStatus(
      await d.put(
        county.logins[stranger],
        `/inspections/${id}/targets/${first}/form`,
        single(form(YJ, first, 5)),
      ),
      403,
    );
    // another department's item
    expectStatus(
      await d.put(officer(NY), `/inspections/${id}/targets/${first}/form`, {
        ...single(form(NY, first, 5)),
        items: [{ itemCode: ITEM_OF[YJ], result: 'no_problem' }],
      }),
      400,
    );
    expect(await db.getRepository(InspectionForm).count()).toBe(before);
    // a matched inspector fills his department's form for his target
    const inspector = matched(YJ, first)[0];
    const own = await d.put(
      county.logins[inspector],
      `/inspections/${id}/targets/${first}/form`,
      single(form(YJ, first, 5)),
    );
    expectStatus(own, 200);
    for (const dept of DEPTS) {
      const forms = drawn
        .map((target, i) => form(dept, target, i))
        .filter((f) => !(dept === YJ && f.targetCode === first));
      expectStatus(await d.post(officer(dept), `/inspections/${id}/forms`, { forms }), 201);
    }
    await d.status(id, 'publishing', 120_000);
    expect(await db.getRepository(InspectionForm).count()).toBe(52 * 3);
  });

  it('each department publishes its results once; forms are then read-only', async () => {
    await d.step(id, 'publishResults', 3);
    expectStatus(await d.post('office', `/inspections/${id}/publication`), 403);
    for (const dept of DEPTS)
      expectStatus(await d.post(officer(dept), `/inspections/${id}/publication`), 201);
    expectStatus(await d.post(officer(YJ), `/inspections/${id}/publication`), 409);
    const edit = await d.put(officer(NY), `/inspections/${id}/targets/${drawn[3]}/form`, {
      inspectedOn: county.windowStart,
      items: [{ itemCode: ITEM_OF[NY], result: 'problem', findings: '改' }],
      inspectorsPresent: [],
      signature: { signedBy: 'x' },
    });
    expect([400, 409]).toContain(edit.status);
    const pub = await t.http.get('/public/results').query({ q: drawn[0] });
    expectStatus(pub, 200);
    const text = JSON.stringify(pub.body);
    expect(text).toContain(drawn[0]);
    expect(text).not.toContain('1390000');
  });

  it('the problem found is followed up: a penalty and its information', async () => {
    const [decide] = await d.step(id, 'decideFollowUp');
    expectStatus(
      await d.post(officer(YJ), `/follow-ups/${decide.subject}/decision`, { kind: 'none' }),
      403,
    );
    const today = new Date().toISOString().slice(0, 10);
    expectStatus(
      await d.post(officer(LEAD), `/follow-ups/${decide.subject}/decision`, {
        kind: 'penalty',
        decisionDate: today,
        decisionNo: '彭市监罚〔2026〕1号',
      }),
      201,
    );
    const [penalty] = await d.step(id, 'publishPenalty');
    expect(penalty.subject).toBe(decide.subject);
    expectStatus(
      await d.post(officer(LEAD), `/follow-ups/${decide.subject}/penalty-info`, {
        content: '警告，并处罚款二千元',
      }),
      201,
    );
  });

  it('ends archived, every document present with matching hashes, and read-only', async () => {
    await d.status(id, 'archived', 120_000);
    const manifest = await d.get(officer(NY), `/inspections/${id}/manifest`);
    expectStatus(manifest, 200);
    const docs = manifest.body.documents as Array<{
      id: string;
      kind: string;
      pdfSha256: string | null;
      htmlSha256: string;
    }>;
    const kinds = new Set(docs.map((x) => x.kind));
    for (const kind of [
      'scheme',
      'draw-proof',
      'target-list',
      'notice',
      'forms',
      'results',
      'follow-ups',
      'report',
    ])
      expect(kinds).toContain(kind);
    // one department's forms in volumes of 25 pages: 52 targets → 3 volumes each
    const forms = docs.filter((x) => x.kind === 'forms') as unknown as Array<{ subject: string }>;
    expect(forms.map((x) => x.subject).sort()).toEqual(
      DEPTS.flatMap((dept) => [1, 2, 3].map((k) => `${dept}:${k}`)).sort(),
    );
    expect(docs.filter((x) => x.kind === 'notices')).toHaveLength(3);
    expect(manifest.body.verify.ok).toBe(true);
    const listed = (await d.get(officer(NY), `/inspections/${id}/documents`)).body as Array<{
      kind: string;
    }>;
    expect(listed.map((x) => x.kind)).toContain('manifest');
    for (const doc of docs.filter((x) => x.kind !== 'notice')) {
      const pdf = await d
        .get(officer(NY), `/inspections/${id}/documents/${doc.id}.pdf`)
        .then((r) => r.body as Buffer);
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(doc.pdfSha256);
    }
    expectStatus(await d.post(officer(LEAD), `/inspections/${id}/publication`), 409);
    const outsider = await d.get('gaj-officer', `/inspections/${id}/manifest`);
    expectStatus(outsider, 403);
  });
});
