import { DataSource } from 'typeorm';
import { DemoCountyService } from '../../../src/modules/demo/demo-county.service';
import { Plan, PlanTaskRow } from '../../../src/modules/plans/plan.entity';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(300_000);

/**
 * docs/walkthrough.md, steps 1–5, on the seeded demo county: the seeded joint plan task starts,
 * takes the walkthrough's scheme and ratios, and every department can match inspectors for what
 * is drawn (no shortfall with the seeded inspectors).
 */
describe('the demo county walks through docs/walkthrough.md', () => {
  let t: TestApp;
  let d: InspectionDriver;

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
    const id = started.body.id as string;
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
    for (const dept of ['scjgj', 'yjj', 'nyncj'])
      expectStatus(
        await d.post(`${dept}-officer`, `/inspections/${id}/inspectors`, { requiredExpertise: [] }),
        201,
      );
    await d.status(id, 'inspecting', 120_000);
  });
});
