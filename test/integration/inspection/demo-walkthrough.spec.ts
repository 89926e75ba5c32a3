import { DataSource } from 'typeorm';
import { DemoCountyService } from '../../../src/modules/demo/demo-county.service';
import { publishedTargetName } from '../../../src/modules/publication/masking';
import { Plan, PlanTaskRow } from '../../../src/modules/plans/plan.entity';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(300_000);

interface DrawnTarget {
  targetCode: string;
  targetName: string;
  targetType: string;
  distribution: Record<string, string[]>;
}

interface DrawView {
  departments: Array<{
    departmentCode: string;
    assignments: Array<{ targetCode: string; inspectors: Array<{ certificateNo: string }> }>;
  }>;
}

/**
 * docs/walkthrough.md on the seeded demo county: the seeded joint plan task starts, takes the
 * walkthrough's scheme and ratios, an inspector recuses himself from a drawn target, every
 * department matches inspectors for what is drawn (no shortfall with the seeded inspectors), the
 * forms go in and the results are published — an individual business's operator masked.
 */
describe('the demo county walks through docs/walkthrough.md', () => {
  let t: TestApp;
  let d: InspectionDriver;
  let id: string;
  let drawn: DrawnTarget[];
  let draw: DrawView;
  let recusedFrom: string;
  let window: { windowStart: string; windowEnd: string };
  const matched = (dept: string, target: string) =>
    draw.departments
      .find((x) => x.departmentCode === dept)!
      .assignments.find((a) => a.targetCode === target)!
      .inspectors.map((i) => i.certificateNo);

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    d = new InspectionDriver(t);
    await t.app.get(DemoCountyService).seed();
  });
  afterAll(() => t?.close());

  it('starts from the seeded plan and reaches inspection', async () => {
    const plans = (await t.http.get('/public/plans')).body as Array<{
      id: string;
      kind: string;
      tasks: Array<{ taskKey: string; windowStart: string; windowEnd: string }>;
    }>;
    const joint = plans.find((p) => p.kind === 'joint')!;
    const task = joint.tasks[0];
    window = task;
    const plan = await t.app.get(DataSource).getRepository(Plan).findOneByOrFail({ id: joint.id });
    expect(plan.status).toBe('published');
    expect(
      await t.app.get(DataSource).getRepository(PlanTaskRow).countBy({ planId: joint.id }),
    ).toBe(1);
    const started = await d.post('scjgj-officer', '/inspections', {
      planId: joint.id,
      planTaskKey: task.taskKey,
    });
    expectStatus(started, 201);
    id = started.body.id as string;
    await d.step(id, 'scheme');
    expectStatus(
      await d.post('scjgj-officer', `/inspections/${id}/scheme`, {
        items: [
          {
            itemCode: 'LH-001',
            contents: '农资和食品生产经营台账、进货查验',
            materials: '营业执照、进货台账',
          },
          { itemCode: 'YJ-001', contents: '安全生产责任制落实' },
          { itemCode: 'NY-001', contents: '农药经营许可' },
        ],
        windowStart: task.windowStart,
        windowEnd: task.windowEnd,
        surprise: false,
        inspectorsPerTarget: 2,
      }),
      201,
    );
    await d.step(id, 'confirm', 2);
    for (const dept of ['yjj', 'nyncj'])
      expectStatus(
        await d.post(`${dept}-officer`, `/inspections/${id}/confirmation`, { decision: 'confirm' }),
        201,
      );
    await d.step(id, 'commitDraw');
    expectStatus(
      await d.post('scjgj-officer', `/inspections/${id}/draw/commit`, {
        rules: [
          { stratum: 'A', ratio: '1%' },
          { stratum: 'B', ratio: '2%' },
          { stratum: 'C', ratio: '3%' },
          { stratum: 'D', ratio: '5%' },
        ],
        entropySource: { kind: 'witness', description: '公证员现场掷骰子' },
      }),
      201,
    );
    await d.step(id, 'drawTargets');
    const proof = await d.post('scjgj-officer', `/inspections/${id}/draw`, {
      entropy: '3-6-2-5-1-4',
    });
    expectStatus(proof, 201);
    expect((proof.body as { drawn: unknown[] }).drawn.length).toBeGreaterThan(20);
    await d.step(id, 'matchInspectors', 3);
    drawn = (await d.get('scjgj-officer', `/inspections/${id}/targets`)).body as DrawnTarget[];

    // Every individual business is registered with its operator (经营者), which publication masks.
    const individual = drawn.filter((x) => x.targetType === 'individual_business');
    expect(individual.length).toBeGreaterThan(0);
    for (const x of individual) expect(x.targetName).toMatch(/[（(][\u4e00-\u9fa5]{2,4}[）)]$/);

    // Walkthrough step 5: SCJGJ-003 finds a relative's business on the drawn list and recuses
    // himself (利害关系, NX 25) before the departments match their inspectors.
    const people = (await d.get('office', '/inspectors?department=SCJGJ')).body as Array<{
      id: string;
      certificateNo: string;
    }>;
    const inspector = people.find((x) => x.certificateNo === 'SCJGJ-003')!;
    recusedFrom = drawn.find((x) => (x.distribution.SCJGJ ?? []).length > 0)!.targetCode;
    expectStatus(
      await d.post('insp-scjgj-003', `/inspectors/${inspector.id}/conflicts`, {
        kind: 'target',
        value: recusedFrom,
        reason: '近亲属为该经营主体负责人',
      }),
      201,
    );
    for (const dept of ['scjgj', 'yjj', 'nyncj'])
      expectStatus(
        await d.post(`${dept}-officer`, `/inspections/${id}/inspectors`, { requiredExpertise: [] }),
        201,
      );
    await d.status(id, 'inspecting', 120_000);
    const drawId = (await d.view(id)).drawId!;
    draw = (await d.get('office', `/draws/${drawId}`)).body as DrawView;
    expect(matched('SCJGJ', recusedFrom)).not.toContain('SCJGJ-003');
    expect(matched('SCJGJ', recusedFrom)).toHaveLength(2);
  });

  it('refuses a form without a signature with a 400 naming the field (was a 500)', async () => {
    const target = drawn[1];
    const { signature: _, ...unsigned } = formFor('YJJ', target);
    const res = await d.put(
      'yjj-officer',
      `/inspections/${id}/targets/${target.targetCode}/form`,
      (({ targetCode: _code, ...rest }) => rest)(unsigned),
    );
    expectStatus(res, 400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'signature',
        rules: [expect.stringMatching(/^检查对象签字（signature）：必填/)],
      }),
    ]);
  });

  it('takes every form, publishes once per department, and masks the operator on the public pages', async () => {
    for (const dept of ['SCJGJ', 'YJJ', 'NYNCJ']) {
      const forms = drawn
        .filter((x) => (x.distribution[dept] ?? []).length > 0)
        .map((x) => formFor(dept, x));
      expectStatus(
        await d.post(`${dept.toLowerCase()}-officer`, `/inspections/${id}/forms`, { forms }),
        201,
      );
    }
    await d.status(id, 'publishing', 120_000);
    await d.step(id, 'publishResults', 3);
    for (const dept of ['scjgj', 'yjj', 'nyncj'])
      expectStatus(await d.post(`${dept}-officer`, `/inspections/${id}/publication`), 201);
    // A repeat is 409 — also while the step may still be open (was 201 {"alreadyPublished":true}).
    const again = await d.post('yjj-officer', `/inspections/${id}/publication`);
    expectStatus(again, 409);
    expect(JSON.stringify(again.body)).toMatch(/不能重复公示/);

    const individual = drawn.find((x) => {
      const [, before, operator] = /^(.*)[（(]([^（）()]+)[）)]$/.exec(x.targetName) ?? [];
      return x.targetType === 'individual_business' && operator && !before.includes(operator);
    })!;
    const operator = /[（(]([^（）()]+)[）)]$/.exec(individual.targetName)![1];
    const masked = publishedTargetName(individual.targetName, 'individual_business');
    expect(masked).toMatch(/[（(][\u4e00-\u9fa5]+\*+[）)]$/);
    const pub = await t.http.get('/public/results').query({ q: individual.targetCode });
    expectStatus(pub, 200);
    const text = JSON.stringify(pub.body);
    expect(text).toContain(masked);
    expect(text).not.toContain(operator);
  });

  function formFor(dept: string, target: DrawnTarget) {
    return {
      targetCode: target.targetCode,
      inspectedOn: window.windowStart,
      items: target.distribution[dept].map((itemCode) => ({ itemCode, result: 'no_problem' })),
      inspectorsPresent: matched(dept, target.targetCode),
      signature: { signedBy: '负责人' },
    };
  }
});
