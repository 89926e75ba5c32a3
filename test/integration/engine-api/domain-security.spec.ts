import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../../../src/modules/audit/audit-entry.entity';
import { DocumentRecord } from '../../../src/modules/documents/document.entity';
import {
  IncidentRecord,
  ProcessInstanceRecord,
  UserTaskRecord,
} from '../../../src/modules/engine/entities';
import { Inspection } from '../../../src/modules/inspection/entities';
import { compileDefinitions, parseBpmn } from '../../../src/modules/process-definitions/bpmn';
import { ProcessDefinition } from '../../../src/modules/process-definitions/process-definition.entity';
import { DEPTS, ITEM_OF, setUpCounty, type County } from '../../support/inspection-fixture';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { until } from '../../support/poll';
import { startTestApp, type TestApp } from '../../support/test-app';
import { NO_WAIT_LOOP } from '../../support/no-wait-loop';
import { processXml } from './helpers';

jest.setTimeout(300_000);

const officer = (dept: string) => `${dept.toLowerCase()}-officer`;
const [LEAD, YJ, NY] = DEPTS;
const SHIPPED = readFileSync(join(__dirname, '../../../processes/joint-inspection.bpmn'), 'utf8');

/** start → one element `nodeId` → end, under `key`. */
const around = (key: string, name: string, node: string, nodeId: string) =>
  processXml(key, name, node)
    .replace(
      '<bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>',
      '<bpmn:endEvent id="end" />',
    )
    .replace(
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />',
      `<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${nodeId}" />
    <bpmn:sequenceFlow id="f2" sourceRef="${nodeId}" targetRef="end" />`,
    );

/** A definition of an uninvolved department's making: one domain service task on any inspection. */
const intruder = (key: string, activity: string) =>
  around(
    key,
    `越权 ${activity}`,
    `<bpmn:serviceTask id="act" jc:activity="${activity}" jc:retryMaxAttempts="1">
      <bpmn:extensionElements><jc:input name="inspectionId" value="\${inspectionId}" /></bpmn:extensionElements>
    </bpmn:serviceTask>`,
    'act',
  );

/** A definition calling the per-target process for some inspection's target. */
const callsTarget = around(
  'intruder-call',
  '越权调用',
  `<bpmn:callActivity id="call" calledElement="joint-inspection-target">
    <bpmn:extensionElements>
      <jc:input name="inspectionId" value="\${inspectionId}" />
      <jc:input name="target" value="\${target}" />
    </bpmn:extensionElements>
  </bpmn:callActivity>`,
  'call',
);

/**
 * Issue 11, items 1–3, performed as an attacker would on a real server (HTTP, Temporal, database):
 * a department head deploying or replacing definitions, another department's definition running
 * the inspection's domain activities on a task it has no part in, starting the inspection's own
 * definitions by hand, and a definition that loops without a wait state.
 */
describe('domain definitions and activities are locked to their module', () => {
  let t: TestApp;
  let d: InspectionDriver;
  let db: DataSource;
  let county: County;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { INSPECTION_RECONCILE_MS: '500' } });
    d = new InspectionDriver(t);
    db = t.app.get(DataSource);
    county = await setUpCounty(t.app, { targets: 8 });
    const res = await d.post(officer(LEAD), '/inspections', {
      planId: county.planId,
      planTaskKey: county.planTaskKey,
    });
    expectStatus(res, 201);
    id = res.body.id;
    expect(res.body.workflowId).toMatch(/^pi-/);
    await d.step(id, 'scheme');
    expectStatus(
      await d.post(officer(LEAD), `/inspections/${id}/scheme`, {
        items: DEPTS.map((dept) => ({ itemCode: ITEM_OF[dept], contents: '检查' })),
        windowStart: county.windowStart,
        windowEnd: county.windowEnd,
        surprise: false,
        inspectorsPerTarget: 2,
      }),
      201,
    );
    await d.step(id, 'confirm', 2);
  });
  afterAll(() => t?.close());

  const inspection = () => db.getRepository(Inspection).findOneByOrFail({ id });
  const definitionRows = (key: string) => db.getRepository(ProcessDefinition).countBy({ key });
  const inspectionAudit = () =>
    db.getRepository(AuditEntry).countBy({ entityType: 'inspection', entityId: id });
  const incidentOf = (workflowId: string) =>
    until(
      async () => {
        const found = await db.getRepository(IncidentRecord).findOneBy({ workflowId });
        return found ?? undefined;
      },
      `incident on ${workflowId}`,
      60_000,
    );
  const start = async (user: string, key: string, variables: Record<string, unknown>) =>
    d.post(user, '/instances', { key, variables });

  it('a department head cannot deploy; the office cannot replace the process with 200 working days to confirm', async () => {
    const before = await definitionRows('joint-inspection');
    expect(before).toBe(1);
    const longer = SHIPPED.replace(/="\$\{confirmDays\}"/g, '="200"');
    for (const who of ['gaj-admin', 'scjgj-admin']) {
      const res = await d.post(who, '/definitions', { xml: longer });
      expectStatus(res, 403);
      expect(res.body.message).toMatch(/联席会议办公室/);
      expectStatus(await d.post(who, '/definitions', { xml: processXml('dept-own', '部门') }), 403);
    }
    const res = await d.post('office', '/definitions', { xml: longer });
    expectStatus(res, 400);
    expect(res.body.errors.map((e: { elementId: string }) => e.elementId)).toEqual([
      'confirm',
      'confirm',
    ]);
    expect(res.body.message).toContain('NX 23');
    expect(res.body.message).toContain('2 个工作日');
    expect(await definitionRows('joint-inspection')).toBe(before);
    expect(await definitionRows('dept-own')).toBe(0);
    // the shipped one is still accepted (a no-op: the same XML is deployed already)
    const same = await d.post('office', '/definitions', { xml: SHIPPED });
    expectStatus(same, 200);
    expect(same.body.created).toBe(false);
  });

  it('POST /instances refuses the inspection’s definitions; a call activity cannot start a per-target process', async () => {
    const instancesBefore = await db.getRepository(ProcessInstanceRecord).count();
    const main = await start(officer(LEAD), 'joint-inspection', { inspectionId: id });
    expectStatus(main, 403);
    expect(main.body.message).toContain('POST /inspections');
    const child = await start('gaj-officer', 'joint-inspection-target', {
      inspectionId: id,
      target: 'JC-100000',
    });
    expectStatus(child, 403);
    expect(await db.getRepository(ProcessInstanceRecord).count()).toBe(instancesBefore);

    expectStatus(await d.post('office', '/definitions', { xml: callsTarget }), 201);
    const call = await start('gaj-officer', 'intruder-call', {
      inspectionId: id,
      target: 'JC-100000',
    });
    expectStatus(call, 201);
    const incident = await incidentOf(call.body.workflowId);
    expect(incident).toMatchObject({ elementId: 'call', activity: 'callActivity' });
    expect(incident.message).toContain('POST /inspections');
    // no ghost form tasks in any department's queue
    expect(
      await db.getRepository(UserTaskRecord).countBy({ definitionKey: 'joint-inspection-target' }),
    ).toBe(0);
  });

  it('another definition running inspection.archive / confirmedDepartments on this task gets an incident; the task is unchanged', async () => {
    const auditBefore = await inspectionAudit();
    const stateBefore = await inspection();
    expect(stateBefore.status).toBe('confirming');
    for (const [key, activity] of [
      ['intruder-archive', 'inspection.archive'],
      ['intruder-confirm', 'inspection.confirmedDepartments'],
      ['intruder-launch', 'inspection.launch'],
    ]) {
      // deploying is the office's now; the activity itself must still refuse
      expectStatus(await d.post('office', '/definitions', { xml: intruder(key, activity) }), 201);
      const started = await start('gaj-officer', key, { inspectionId: id });
      expectStatus(started, 201);
      const incident = await incidentOf(started.body.workflowId);
      expect(incident).toMatchObject({ elementId: 'act', activity });
      expect(incident.message).toContain('拒绝执行');
      expect(incident.message).toContain(stateBefore.code);
    }
    const after = await inspection();
    expect(after).toMatchObject({
      status: 'confirming',
      confirmedDepartments: null,
      archivedAt: null,
      launchedAt: stateBefore.launchedAt,
    });
    expect(await inspectionAudit()).toBe(auditBefore);
    expect(await db.getRepository(DocumentRecord).countBy({ inspectionId: id })).toBe(0);
    const confirms = await d.step(id, 'confirm', 2);
    expect(confirms.map((s) => s.department).sort()).toEqual([NY, YJ].sort());
  });

  it('a loop without a wait state is rejected on deploy; inserted anyway, it stops with an incident and the worker serves the real task', async () => {
    const rejected = await d.post('office', '/definitions', { xml: NO_WAIT_LOOP });
    expectStatus(rejected, 400);
    expect(JSON.stringify(rejected.body)).toContain('cycle-without-wait-state');
    expect(rejected.body.message).toContain('join → split → join');

    const parsed = await parseBpmn(NO_WAIT_LOOP);
    const compiled = compileDefinitions(parsed.definitions!).definition!;
    await db.getRepository(ProcessDefinition).insert({
      id: randomUUID(),
      key: compiled.key,
      version: 1,
      name: null,
      sha256: createHash('sha256').update(NO_WAIT_LOOP).digest('hex'),
      xml: NO_WAIT_LOOP,
      compiledJson: JSON.stringify(compiled),
      deployedBy: 'test-bypass',
      deployedAt: new Date(),
    });
    const loop = await start('gaj-officer', 'no-wait-loop', { n: 1 });
    expectStatus(loop, 201);
    const incident = await incidentOf(loop.body.workflowId);
    expect(incident.message).toMatch(/等待状态/);

    // The same worker goes on with the real task: both departments confirm, the draw opens.
    for (const dept of [YJ, NY])
      expectStatus(
        await d.post(officer(dept), `/inspections/${id}/confirmation`, { decision: 'confirm' }),
        201,
      );
    await d.step(id, 'commitDraw');
    expect((await inspection()).confirmedDepartments).toEqual([...DEPTS]);

    // …and the looping instance can be cancelled.
    expectStatus(
      await d.post('gaj-admin', `/instances/${encodeURIComponent(loop.body.workflowId)}/cancel`, {
        reason: '错误的流程定义',
      }),
      202,
    );
    await until(
      async () => {
        const row = await db
          .getRepository(ProcessInstanceRecord)
          .findOneBy({ workflowId: loop.body.workflowId });
        return row?.status === 'cancelled';
      },
      'loop cancelled',
      60_000,
    );
  });
});
