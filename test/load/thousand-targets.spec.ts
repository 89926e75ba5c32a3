import { DataSource } from 'typeorm';
import { InspectionTarget } from '../../src/modules/inspection/entities';
import { DEPTS, ITEM_OF, setUpCounty, type County } from '../support/inspection-fixture';
import { expectStatus, InspectionDriver } from '../support/inspection-driver';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(1_500_000);

const LEAD = DEPTS[0];
const officer = `${LEAD.toLowerCase()}-officer`;

/**
 * A task with 1,000 targets runs to the archive: the per-target child processes go through the
 * engine's batch children (500 per batch), forms arrive in bulk before most targets' processes
 * have started, and every target ends inspected. (The benchmark issue times it.)
 */
describe('a joint task with 1,000 targets', () => {
  let t: TestApp;
  let d: InspectionDriver;
  let county: County;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { INSPECTION_RECONCILE_MS: '1000' } });
    d = new InspectionDriver(t);
    county = await setUpCounty(t.app, { targets: 1000 });
  });
  afterAll(() => t?.close());

  it('completes with every target inspected and archived', async () => {
    const res = await d.post(officer, '/inspections', {
      temporary: true,
      reason: '全覆盖专项检查',
      name: '千户全覆盖检查',
      departments: [LEAD],
      itemCodes: [ITEM_OF[LEAD]],
      windowStart: county.windowStart,
      windowEnd: county.windowEnd,
      publishDays: 10,
    });
    expectStatus(res, 201);
    const id = res.body.id as string;
    await d.step(id, 'scheme');
    expectStatus(
      await d.post(officer, `/inspections/${id}/scheme`, {
        items: [{ itemCode: ITEM_OF[LEAD], contents: '食品安全' }],
        windowStart: county.windowStart,
        windowEnd: county.windowEnd,
        surprise: false,
      }),
      201,
    );
    await d.step(id, 'commitDraw');
    expectStatus(
      await d.post(officer, `/inspections/${id}/draw/commit`, {
        rules: ['A', 'B', 'C', 'D'].map((stratum) => ({ stratum, ratio: '100%' })),
        entropySource: { kind: 'witness', description: '现场见证' },
        modeReason: '全覆盖检查：对象全部检查，仅执法人员随机（HN 19）',
      }),
      201,
    );
    await d.step(id, 'drawTargets');
    expectStatus(await d.post(officer, `/inspections/${id}/draw`, { entropy: '2026' }), 201);
    await d.step(id, 'matchInspectors');
    expectStatus(
      await d.post(officer, `/inspections/${id}/inspectors`, { requiredExpertise: [] }),
      201,
    );
    await d.status(id, 'inspecting', 300_000);
    const drawId = (await d.view(id)).drawId!;
    const draw = (await d.get('office', `/draws/${drawId}`)).body as {
      departments: Array<{
        assignments: Array<{ targetCode: string; inspectors: Array<{ certificateNo: string }> }>;
      }>;
    };
    const forms = draw.departments[0].assignments.map((a) => ({
      targetCode: a.targetCode,
      inspectedOn: county.windowStart,
      items: [{ itemCode: ITEM_OF[LEAD], result: 'no_problem' }],
      inspectorsPresent: a.inspectors.map((x) => x.certificateNo),
      signature: { signedBy: '负责人' },
    }));
    expect(forms).toHaveLength(1000);
    for (let at = 0; at < forms.length; at += 250)
      expectStatus(
        await d.post(officer, `/inspections/${id}/forms`, { forms: forms.slice(at, at + 250) }),
        201,
      );
    await d.step(id, 'publishResults', 1, 1_200_000);
    expectStatus(await d.post(officer, `/inspections/${id}/publication`), 201);
    await d.status(id, 'archived', 600_000);
    const inspected = await t.app
      .get(DataSource)
      .getRepository(InspectionTarget)
      .count({ where: { inspectionId: id, status: 'inspected' } });
    expect(inspected).toBe(1000);
  });
});
