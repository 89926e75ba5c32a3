import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessDefinitionsService } from '../../../src/modules/process-definitions/process-definitions.service';
import { SYSTEM_PRINCIPAL } from '../../../src/modules/auth/roles';
import { DEPTS, ITEM_OF, setUpCounty, type County } from '../../support/inspection-fixture';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { until } from '../../support/poll';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(300_000);

const officer = (dept: string) => `${dept.toLowerCase()}-officer`;
const [LEAD, YJ] = DEPTS;
const PROCESSES = join(__dirname, '../../../processes');

/**
 * The shipped definition with its three statutory boundary timers shortened to seconds (the
 * definitions are data; the working-day arithmetic has its own tests): confirmation 2 working
 * days → 2 s, publication deadline → 2 s, penalty information 7 working days → 2 s.
 */
function fastDefinition(): string {
  const xml = readFileSync(join(PROCESSES, 'joint-inspection.bpmn'), 'utf8');
  const timer = (id: string) =>
    new RegExp(`<bpmn:timerEventDefinition id="${id}"[\\s\\S]*?(/>|</bpmn:timerEventDefinition>)`);
  const fast = (id: string) =>
    `<bpmn:timerEventDefinition id="${id}"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2S</bpmn:timeDuration></bpmn:timerEventDefinition>`;
  let out = xml;
  for (const id of ['confirmLate_timer', 'publishLate_timer', 'penaltyLate_timer']) {
    if (!timer(id).test(out)) throw new Error(`timer ${id} not found in joint-inspection.bpmn`);
    out = out.replace(timer(id), fast(id));
  }
  return out;
}

describe('joint inspection escalations to the joint-meeting office', () => {
  let t: TestApp;
  let d: InspectionDriver;
  let county: County;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { INSPECTION_RECONCILE_MS: '500' } });
    d = new InspectionDriver(t);
    county = await setUpCounty(t.app, { targets: 8 });
    const definitions = t.app.get(ProcessDefinitionsService);
    await definitions.deploy(
      readFileSync(join(PROCESSES, 'joint-inspection-target.bpmn'), 'utf8'),
      SYSTEM_PRINCIPAL,
    );
    await definitions.deploy(fastDefinition(), SYSTEM_PRINCIPAL);
  });
  afterAll(() => t?.close());

  const officeInbox = async (code: string) => {
    const res = await d.get('office', '/inbox');
    return (res.body as Array<{ kind: string; title: string; body: string }>).filter(
      (m) => m.kind === 'escalation' && `${m.title} ${m.body}`.includes(code),
    );
  };
  const escalations = async () =>
    (await d.get('office', '/escalations')).body as Array<{ code: string; department?: string }>;

  it('a late confirmation escalates to the office; the department can still confirm', async () => {
    const res = await d.post(officer(LEAD), '/inspections', {
      temporary: true,
      reason: '群众投诉集中，开展临时联合抽查',
      name: '临时联合抽查',
      departments: [LEAD, YJ],
      itemCodes: [ITEM_OF[LEAD], ITEM_OF[YJ]],
      windowStart: county.windowStart,
      windowEnd: county.windowEnd,
    });
    expectStatus(res, 201);
    expect(res.body.temporary).toBe(true);
    id = res.body.id;
    await d.step(id, 'scheme');
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/scheme`, {
        items: [LEAD, YJ].map((dept) => ({ itemCode: ITEM_OF[dept], contents: '检查' })),
        windowStart: county.windowStart,
        windowEnd: county.windowEnd,
        surprise: true,
      }),
      201,
    );
    await d.step(id, 'confirm');
    const late = await until(
      async () => {
        const found = (await escalations()).filter((e) => e.code === 'CONFIRM_LATE');
        return found.length ? found : undefined;
      },
      'CONFIRM_LATE',
      60_000,
    );
    expect(late).toHaveLength(1);
    expect(
      (await officeInbox('NX 23')).length + (await officeInbox('逾期未确认')).length,
    ).toBeGreaterThan(0);
    expectStatus(
      await d.post(officer(YJ), `/inspections/${id}/confirmation`, { decision: 'confirm' }),
      201,
    );
  });

  it('late results publication and late penalty information escalate too', async () => {
    await d.step(id, 'commitDraw');
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/draw/commit`, {
        rules: ['A', 'B', 'C', 'D'].map((stratum) => ({ stratum, count: 1 })),
        entropySource: { kind: 'witness', description: '现场见证' },
      }),
      201,
    );
    await d.step(id, 'drawTargets');
    expectStatus(await d.post(officer(LEAD), `/inspections/${id}/draw`, { entropy: '42' }), 201);
    await d.step(id, 'matchInspectors', 2);
    for (const dept of [LEAD, YJ])
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/inspectors`, { requiredExpertise: [] }),
        201,
      );
    const drawId = (await d.view(id)).drawId!;
    const draw = (await d.get('office', `/draws/${drawId}`)).body as {
      departments: Array<{
        departmentCode: string;
        assignments: Array<{ targetCode: string; inspectors: Array<{ certificateNo: string }> }>;
      }>;
    };
    for (const dept of [LEAD, YJ]) {
      const { assignments } = draw.departments.find((x) => x.departmentCode === dept)!;
      const forms = assignments.map((a, i) => ({
        targetCode: a.targetCode,
        inspectedOn: county.windowStart,
        items: [
          dept === LEAD && i === 0
            ? { itemCode: ITEM_OF[dept], result: 'problem', findings: '无证经营' }
            : { itemCode: ITEM_OF[dept], result: 'no_problem' },
        ],
        inspectorsPresent: a.inspectors.map((x) => x.certificateNo),
        signature: { signedBy: '负责人' },
      }));
      expectStatus(await d.post(officer(dept), `/inspections/${id}/forms`, { forms }), 201);
    }
    await d.step(id, 'publishResults', 2, 120_000);
    await until(
      async () => (await escalations()).some((e) => e.code === 'PUBLISH_LATE'),
      'PUBLISH_LATE',
      60_000,
    );
    for (const dept of [LEAD, YJ])
      expectStatus(await d.post(officer(dept), `/inspections/${id}/publication`), 201);
    const [decide] = await d.step(id, 'decideFollowUp');
    expectStatus(
      await d.post(officer(LEAD), `/follow-ups/${decide.subject}/decision`, {
        kind: 'penalty',
        decisionDate: new Date().toISOString().slice(0, 10),
        decisionNo: '彭市监罚〔2026〕9号',
      }),
      201,
    );
    await d.step(id, 'publishPenalty');
    await until(
      async () => (await escalations()).some((e) => e.code === 'PENALTY_LATE'),
      'PENALTY_LATE',
      60_000,
    );
    const codes = (await escalations()).map((e) => e.code).sort();
    expect(codes).toEqual(['CONFIRM_LATE', 'PENALTY_LATE', 'PUBLISH_LATE', 'PUBLISH_LATE']);
    const inbox = (await d.get('office', '/inbox')).body as Array<{ kind: string }>;
    expect(inbox.filter((m) => m.kind === 'escalation').length).toBeGreaterThanOrEqual(4);
  });
});
