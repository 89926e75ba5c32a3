import { DataSource, In } from 'typeorm';
import { AuditEntry } from '../../../src/modules/audit/audit-entry.entity';
import { verifyProof, type DrawProof } from '../../../src/modules/draw/core';
import { Draw } from '../../../src/modules/draw/entities';
import { UserTaskRecord } from '../../../src/modules/engine/entities';
import { InspectionForm } from '../../../src/modules/inspection/entities';
import { InspectionForms } from '../../../src/modules/inspection/inspection-forms.service';
import { Inspector } from '../../../src/modules/inspectors/inspector.entity';
import { DEPTS, ITEM_OF, setUpCounty, type County } from '../../support/inspection-fixture';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { until } from '../../support/poll';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(600_000);

const officer = (dept: string) => `${dept.toLowerCase()}-officer`;
const admin = (dept: string) => `${dept.toLowerCase()}-admin`;
const [LEAD, YJ, NY] = DEPTS;
const STRANGER = 'GAJ'; // a department with no part in the task

interface Assignment {
  targetCode: string;
  inspectors: Array<{ certificateNo: string }>;
}

/**
 * Issue 11, items 4 and 5 and the privacy of surprise checks, each as the attack performed on a
 * real server: a department hijacking another's draw by its task code, an unmatched inspector
 * claiming a target's form task, a refused form that must leave nothing behind, conflicts of
 * interest declared for a colleague, and a surprise check's drawn list published too early.
 */
describe('authority over draws, form tasks and conflicts; surprise checks stay private', () => {
  let t: TestApp;
  let d: InspectionDriver;
  let db: DataSource;
  let county: County;
  let id: string;
  let code: string;
  let drawId: string;
  let drawn: string[];
  let assignments: Record<string, Assignment[]>;

  const RULES = ['A', 'B', 'C', 'D'].map((stratum) => ({ stratum, count: 1 }));

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { INSPECTION_RECONCILE_MS: '300' } });
    d = new InspectionDriver(t);
    db = t.app.get(DataSource);
    county = await setUpCounty(t.app, { targets: 40, perDept: 4 });
  });
  afterAll(() => t?.close());

  /** Audit entries of the given actions (workflow activities keep writing others meanwhile). */
  const audits = (...actions: string[]) =>
    db.getRepository(AuditEntry).count({ where: { action: In(actions) } });
  const matched = (dept: string, target: string) =>
    assignments[dept].find((a) => a.targetCode === target)!.inspectors.map((i) => i.certificateNo);
  const publicDraw = async () => {
    const res = await t.http.get(`/public/draws/${drawId}`);
    expectStatus(res, 200);
    return { body: res.body as Record<string, unknown>, text: JSON.stringify(res.body) };
  };

  it('sets up a surprise check up to its commitment step', async () => {
    const res = await d.post(officer(LEAD), '/inspections', {
      planId: county.planId,
      planTaskKey: county.planTaskKey,
    });
    expectStatus(res, 201);
    ({ id, code } = res.body as { id: string; code: string });
    await d.step(id, 'scheme');
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/scheme`, {
        items: DEPTS.map((dept) => ({ itemCode: ITEM_OF[dept], contents: '检查' })),
        windowStart: county.windowStart,
        windowEnd: county.windowEnd,
        surprise: true,
        inspectorsPerTarget: 2,
      }),
      201,
    );
    await d.step(id, 'confirm', 2);
    for (const dept of [YJ, NY])
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/confirmation`, { decision: 'confirm' }),
        201,
      );
    await d.step(id, 'commitDraw');
  });

  it('item 4: an uninvolved department cannot take the task’s code for a draw of its own', async () => {
    const before = await audits('draw.commit');
    const body = {
      departmentCode: STRANGER,
      participatingDepartments: [...DEPTS],
      rules: [{ stratum: 'A', ratio: '1' }],
      entropySource: { kind: 'witness', description: '自己人' },
    };
    for (const taskRef of [code, code.toLowerCase(), ` ${code}`, code.replace('JI', 'ＪＩ')]) {
      const res = await d.post(officer(STRANGER), '/draws', { ...body, taskRef });
      expectStatus(res, 400);
      expect(res.body.message).toContain('JI-');
      expect(res.body.message).toContain('POST /inspections/:id/draw/commit');
    }
    expect(await db.getRepository(Draw).count()).toBe(0);
    expect(await audits('draw.commit')).toBe(before);
    // A standalone draw under its own reference is still fine, and does not touch the task.
    const own = await d.post(officer(STRANGER), '/draws', { ...body, taskRef: 'GAJ-2026-001' });
    expectStatus(own, 201);

    const commit = await d.post(officer(LEAD), `/inspections/${id}/draw/commit`, {
      rules: RULES,
      entropySource: { kind: 'witness', description: '公证员现场掷骰' },
    });
    expectStatus(commit, 201);
    drawId = commit.body.drawId;
    expect(drawId).not.toBe(own.body.drawId);
    const draw = await db.getRepository(Draw).findOneByOrFail({ id: drawId });
    // The task's own draw: its code, its initiator, its rules, linked by the task's id.
    expect(draw).toMatchObject({
      inspectionId: id,
      taskRef: code,
      departmentCode: LEAD,
      rules: { A: { count: 1 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } },
      disclosure: 'after-inspection',
    });
    expect(draw.participating.sort()).toEqual([...DEPTS].sort());

    // Nobody draws or matches the task's draw around its steps, not even its own initiator.
    expectStatus(await d.post(officer(STRANGER), `/draws/${drawId}/draw`, { entropy: 'x' }), 403);
    const around = await d.post(officer(LEAD), `/draws/${drawId}/draw`, { entropy: 'mine' });
    expectStatus(around, 409);
    expect(around.body.message).toContain('/inspections/:id/draw');
    await d.step(id, 'drawTargets');
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/draw`, { entropy: '见证人 6-2-5' }),
      201,
    );
    const after = await db.getRepository(Draw).findOneByOrFail({ id: drawId });
    expect(after.entropy).toBe('见证人 6-2-5');
    await d.step(id, 'matchInspectors', 3);
    const around2 = await d.post(officer(YJ), `/draws/${drawId}/inspectors/${YJ}`, {
      m: 3,
      onSite: true,
      requiredExpertise: [],
    });
    expectStatus(around2, 409);
    for (const dept of DEPTS)
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/inspectors`, { requiredExpertise: [] }),
        201,
      );
    const full = (await d.get('office', `/draws/${drawId}`)).body as {
      drawn: Array<{ code: string }>;
      departments: Array<{ departmentCode: string; assignments: Assignment[] }>;
    };
    drawn = full.drawn.map((x) => x.code);
    expect(drawn).toHaveLength(4);
    assignments = Object.fromEntries(
      full.departments.map((x) => [x.departmentCode, x.assignments]),
    );
    for (const a of assignments[YJ]) expect(a.inspectors).toHaveLength(2);
  });

  it('privacy: before the targets are inspected the public sees the commitment only', async () => {
    const { body, text } = await publicDraw();
    expect(body).toMatchObject({ drawId, withheld: true, entropy: '见证人 6-2-5' });
    expect(body.commitmentHash).toMatch(/^[0-9a-f]{64}$/);
    for (const key of ['drawn', 'departments', 'secret', 'seed', 'snapshot'])
      expect(body).not.toHaveProperty(key);
    for (const target of drawn) expect(text).not.toContain(target);
    for (const cert of Object.values(county.inspectors).flat()) expect(text).not.toContain(cert);
    expect(text).not.toContain('insp-');
    expectStatus(await t.http.get(`/public/draws/${drawId}/addenda`), 200);
    expect((await t.http.get(`/public/draws/${drawId}/addenda`)).body).toEqual([]);
    const page = await t.http.get(`/public/inspections/${code}`);
    expectStatus(page, 200);
    for (const target of drawn) expect(JSON.stringify(page.body)).not.toContain(target);
  });

  it('item 5: only an inspector matched to the target may claim its form task', async () => {
    await d.status(id, 'inspecting');
    const target = drawn[0];
    const steps = await d.step(id, 'fillForm', 3 * drawn.length);
    const task = steps.find((s) => s.department === YJ && s.subject === target)!;
    const path = `/tasks/${encodeURIComponent(task.taskId)}`;
    const stranger = county.inspectors[YJ].find((c) => !matched(YJ, target).includes(c))!;
    const before = await audits('task.claim-requested', 'task.reassign-requested');
    const refused = await d.post(county.logins[stranger], `${path}/claim`);
    expectStatus(refused, 403);
    expect(refused.body.message).toContain('未被匹配');
    // nor may the department head hand it to him
    expectStatus(
      await d.post(admin(YJ), `${path}/reassign`, {
        reason: '改派',
        toUser: county.logins[stranger],
      }),
      403,
    );
    // another department's matched inspector is no better
    const other = matched(NY, target)[0];
    expectStatus(await d.post(county.logins[other], `${path}/claim`), 403);
    expect(await audits('task.claim-requested', 'task.reassign-requested')).toBe(before);
    const record = await db.getRepository(UserTaskRecord).findOneByOrFail({ taskId: task.taskId });
    expect(record.assignee).toBeNull();
    expect(record.status).toBe('open');

    const inspector = matched(YJ, target)[0];
    expectStatus(await d.post(county.logins[inspector], `${path}/claim`), 200);
  });

  it('item 5: a refused form writes nothing, and no sweep completes the task', async () => {
    const target = drawn[0];
    const inspector = matched(YJ, target)[0];
    const form = {
      inspectedOn: county.windowStart,
      items: [{ itemCode: ITEM_OF[YJ], result: 'no_problem' }],
      inspectorsPresent: matched(YJ, target),
      signature: { signedBy: '负责人' },
    };
    const before = await audits('inspection.forms.submit', 'inspection.forms.resubmit');
    // The task is claimed by the matched inspector: the officer's completion would be refused,
    // so his form is refused before anything is stored.
    const refused = await d.put(officer(YJ), `/inspections/${id}/targets/${target}/form`, form);
    expectStatus(refused, 403);
    expect(refused.body.message).toContain('认领');
    const bulk = await d.post(officer(YJ), `/inspections/${id}/forms`, {
      forms: [{ ...form, targetCode: target }],
    });
    expectStatus(bulk, 403);
    // A whole sweep, run to its end here rather than waited for: it finds no form to complete
    // the task with.
    await t.app.get(InspectionForms).reconcile();
    expect(
      await db
        .getRepository(InspectionForm)
        .count({ where: { inspectionId: id, departmentCode: YJ, targetCode: target } }),
    ).toBe(0);
    expect(await audits('inspection.forms.submit', 'inspection.forms.resubmit')).toBe(before);
    const task = await db.getRepository(UserTaskRecord).findOneOrFail({
      where: { elementId: 'fillForm', departmentCode: YJ, subject: target, status: 'open' },
    });
    expect(task.assignee).toBe(county.logins[inspector]);
    // The matched inspector who holds it enters the form himself.
    const own = await d.put(
      county.logins[inspector],
      `/inspections/${id}/targets/${target}/form`,
      form,
    );
    expectStatus(own, 200);
    expect(own.body.completed).toBe(true);
  });

  it('item 5: conflicts of interest: only the inspector himself, his department head or the office', async () => {
    const people = await db.getRepository(Inspector).find({ where: { departmentCode: YJ } });
    const [self, colleague] = people.filter((p) => p.certificateNo).slice(0, 2);
    const conflict = (value: string) => ({
      kind: 'region',
      value,
      reason: '近亲属在该地经营',
    });
    const before = await audits('inspectors.conflict.declare');
    for (const user of [
      self.username!, // a colleague's
      officer(YJ), // an officer is not the department head
      admin(NY), // another department's head
      officer(STRANGER),
    ]) {
      const res = await d.post(user, `/inspectors/${colleague.id}/conflicts`, conflict('640401'));
      expectStatus(res, 403);
      expect(res.body.message).toMatch(/申报/);
    }
    expect(await audits('inspectors.conflict.declare')).toBe(before);
    expectStatus(
      await d.post(self.username!, `/inspectors/${self.id}/conflicts`, conflict('640402')),
      201,
    );
    expectStatus(
      await d.post(admin(YJ), `/inspectors/${colleague.id}/conflicts`, conflict('640403')),
      201,
    );
    expectStatus(
      await d.post('office', `/inspectors/${colleague.id}/conflicts`, conflict('640404')),
      201,
    );
    expect(await audits('inspectors.conflict.declare')).toBe(before + 3);
  });

  it('privacy: no results are published before every target is inspected; then the full proof', async () => {
    const forms = (dept: string) =>
      drawn
        .filter((target) => !(dept === YJ && target === drawn[0]))
        .map((target) => ({
          targetCode: target,
          inspectedOn: county.windowStart,
          items: [{ itemCode: ITEM_OF[dept], result: 'no_problem' }],
          inspectorsPresent: matched(dept, target),
          signature: { signedBy: '负责人' },
        }));
    expectStatus(await d.post(officer(YJ), `/inspections/${id}/forms`, { forms: forms(YJ) }), 201);
    // YJJ has all its forms in, but the others have not inspected yet: publishing would name
    // the targets of a surprise check.
    const early = await d.post(officer(YJ), `/inspections/${id}/publication`);
    expectStatus(early, 409);
    expect(early.body.message).toContain('不预先告知');
    expect((await publicDraw()).body.withheld).toBe(true);
    for (const dept of [LEAD, NY])
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/forms`, { forms: forms(dept) }),
        201,
      );
    await d.status(id, 'publishing', 120_000);
    const proof = await until(
      async () => {
        const { body } = await publicDraw();
        return body.withheld ? undefined : (body as unknown as DrawProof);
      },
      'disclosed proof',
      60_000,
    );
    expect(proof.drawn.map((x) => x.code).sort()).toEqual([...drawn].sort());
    expect(proof.entropy).toBe('见证人 6-2-5');
    expect(verifyProof(proof)).toEqual({ ok: true });
    const text = JSON.stringify(proof);
    expect(text).toContain(matched(YJ, drawn[0])[0]);
    expect(text).not.toContain('insp-');
    expect(await audits('draw.disclose')).toBe(1);
    const page = await t.http.get(`/public/inspections/${code}`);
    expect(page.body.drawProof).toBe(`/public/draws/${drawId}`);
    expectStatus(await d.post(officer(YJ), `/inspections/${id}/publication`), 201);
  });
});
