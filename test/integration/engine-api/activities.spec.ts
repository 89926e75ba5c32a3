import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  createEngineActivities,
  type EngineActivityImpl,
  type EscalationRequest,
} from '../../../src/activities';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { CalendarService } from '../../../src/modules/calendar/calendar.service';
import {
  EscalationRecord,
  IncidentRecord,
  InboxMessage,
  ProcessInstanceRecord,
  UserTaskRecord,
} from '../../../src/modules/engine/entities';
import { ProcessDefinitionsService } from '../../../src/modules/process-definitions/process-definitions.service';
import { SYSTEM_PRINCIPAL } from '../../../src/modules/auth/roles';
import { ActivityRegistry } from '../../../src/modules/temporal/activity-registry';
import type { TaskRecordInput } from '../../../src/workflows/interpreter/contract';
import { startTestApp, TestApp } from '../../support/test-app';
import { fixture } from './helpers';

/** The engine activities against the real database: each retried call changes nothing twice. */
describe('engine activities', () => {
  let t: TestApp;
  let db: DataSource;
  let acts: EngineActivityImpl;
  let clock = new Date('2025-06-02T02:00:00Z');
  const audit = (entityType: string, entityId: string) =>
    t.app.get(AuditService).history(entityType, entityId);

  beforeAll(async () => {
    // Only departments matter here; inserted directly so no account machinery is involved.
    t = await startTestApp({ role: 'api' });
    db = t.app.get(DataSource);
    for (const [code, isOffice] of [
      ['LXBGS', true],
      ['SCJGJ', false],
      ['GAJ', false],
      ['FGJ', false],
    ] as const) {
      await db.query(
        'INSERT INTO departments (id, code, name, is_office, created_at) VALUES (?, ?, ?, ?, ?)',
        [randomUUID(), code, code, isOffice ? 1 : 0, '2025-01-01 00:00:00.000'],
      );
    }
    acts = createEngineActivities({
      db,
      audit: t.app.get(AuditService),
      definitions: t.app.get(ProcessDefinitionsService),
      calendar: t.app.get(CalendarService),
      now: () => clock,
    });
  });
  afterAll(() => t.close());

  const task = (taskId: string, extra: Partial<TaskRecordInput> = {}): TaskRecordInput => ({
    taskId,
    workflowId: 'pi-test',
    rootWorkflowId: 'pi-test',
    elementId: 'review',
    name: '审核',
    department: 'SCJGJ',
    role: 'dept_officer',
    candidateGroups: ['GAJ'],
    form: { schema: { type: 'object' } },
    dueAt: '2025-06-04T15:59:59.000Z',
    provisional: true,
    definitionKey: 'user-task',
    businessKey: 'BK-7',
    ...extra,
  });

  it('are registered by the engine module (and not offered to service tasks)', () => {
    const names = t.app.get(ActivityRegistry).names();
    expect(names).toEqual(
      expect.arrayContaining(['createTask', 'raiseEscalation', 'loadDefinition']),
    );
    expect(t.app.get(ProcessDefinitionsService).knownActivities()).not.toContain('createTask');
  });

  it('createTask twice with the same id writes one task, one audit entry, one inbox message each', async () => {
    await acts.createTask(task('pi-test/review#1'));
    await acts.createTask(task('pi-test/review#1', { name: '改了' }));
    const rows = await db.getRepository(UserTaskRecord).findBy({ taskId: 'pi-test/review#1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'open',
      name: '审核',
      departmentCode: 'SCJGJ',
      candidateGroups: ['GAJ'],
      provisional: true,
    });
    expect(rows[0].dueAt?.toISOString()).toBe('2025-06-04T15:59:59.000Z');
    expect(await audit('user_task', 'pi-test/review#1')).toHaveLength(1);
    const inbox = await db.getRepository(InboxMessage).findBy({ kind: 'task' });
    expect(inbox.map((m) => m.departmentCode).sort()).toEqual(['GAJ', 'SCJGJ']);
  });

  it("updateTask 'complete' twice is a no-op the second time", async () => {
    await acts.createTask(task('pi-test/review#2'));
    const done = {
      taskId: 'pi-test/review#2',
      action: 'complete' as const,
      actor: 'scjgj-officer',
      actorDepartment: 'SCJGJ',
      output: { approved: true },
    };
    await acts.updateTask(done);
    await acts.updateTask({ ...done, actor: 'someone-else', output: { approved: false } });
    const row = await db.getRepository(UserTaskRecord).findOneByOrFail({ taskId: done.taskId });
    expect(row).toMatchObject({
      status: 'completed',
      completedBy: 'scjgj-officer',
      output: { approved: true },
    });
    const entries = await audit('user_task', done.taskId);
    expect(entries.map((e) => e.action)).toEqual(['task.create', 'task.complete']);
    expect(entries[1]).toMatchObject({ actor: 'scjgj-officer', actorDepartment: 'SCJGJ' });
    // a completed task is not cancelled afterwards either
    await acts.updateTask({ taskId: done.taskId, action: 'cancel', actor: 'system' });
    expect(
      (await db.getRepository(UserTaskRecord).findOneByOrFail({ taskId: done.taskId })).status,
    ).toBe('completed');
  });

  it('claim, reassign and overdue are applied once', async () => {
    const id = 'pi-test/review#3';
    await acts.createTask(task(id));
    const claim = { taskId: id, action: 'claim' as const, actor: 'u1', assignee: 'u1' };
    await acts.updateTask(claim);
    await acts.updateTask(claim);
    const reassign = {
      taskId: id,
      action: 'reassign' as const,
      actor: 'office',
      actorDepartment: 'LXBGS',
      department: 'GAJ',
      assignee: null,
      reason: '职责调整',
    };
    await acts.updateTask(reassign);
    await acts.updateTask(reassign);
    clock = new Date('2025-06-05T01:00:00Z');
    await acts.updateTask({ taskId: id, action: 'overdue', actor: 'system' });
    const firstOverdue = (await db.getRepository(UserTaskRecord).findOneByOrFail({ taskId: id }))
      .overdueSince;
    clock = new Date('2025-06-05T03:00:00Z');
    await acts.updateTask({ taskId: id, action: 'overdue', actor: 'system' });
    const row = await db.getRepository(UserTaskRecord).findOneByOrFail({ taskId: id });
    expect(row).toMatchObject({ departmentCode: 'GAJ', assignee: null, claimedBy: null });
    expect(row.overdueSince?.toISOString()).toBe(firstOverdue?.toISOString());
    const actions = (await audit('user_task', id)).map((e) => e.action);
    expect(actions).toEqual(['task.create', 'task.claim', 'task.reassign', 'task.overdue']);
  });

  it('raiseEscalation returns the same escalation on retry; office escalations reach the office inbox', async () => {
    clock = new Date('2025-06-05T04:00:00Z');
    await acts.createTask(task('pi-test/confirm#4', { dueAt: '2025-06-04T15:59:59.000Z' }));
    const input: EscalationRequest = {
      workflowId: 'pi-test',
      rootWorkflowId: 'pi-test',
      elementId: 'lateConfirm',
      code: 'CONFIRM_LATE',
      target: 'office',
      rule: 'NX 23',
      name: '确认超期',
      taskId: 'pi-test/confirm#4',
      definitionKey: 'user-task',
      businessKey: 'BK-7',
      occurrence: 'first',
    };
    const first = await acts.raiseEscalation(input);
    const again = await acts.raiseEscalation(input);
    expect(again).toBe(first);
    const second = await acts.raiseEscalation({ ...input, occurrence: 'second' });
    expect(second).not.toBe(first);
    const row = await db.getRepository(EscalationRecord).findOneByOrFail({ id: first });
    expect(row).toMatchObject({
      targetDepartment: 'LXBGS',
      taskDepartment: 'SCJGJ',
      rule: 'NX 23',
      status: 'open',
      hoursLate: 12,
    });
    const officeInbox = await db
      .getRepository(InboxMessage)
      .findBy({ departmentCode: 'LXBGS', kind: 'escalation' });
    expect(officeInbox).toHaveLength(2);
    expect(officeInbox[0].title).toMatch(/确认超期/);
    expect(await audit('escalation', first)).toHaveLength(1);
  });

  it('remindTask sends each reminder once', async () => {
    const id = 'pi-test/review#5';
    await acts.createTask(task(id, { department: 'FGJ', candidateGroups: [] }));
    const reminder = { taskId: id, dueAt: '2025-06-04T15:59:59.000Z', workingDaysBefore: 1 };
    await acts.remindTask(reminder);
    await acts.remindTask(reminder);
    await acts.remindTask({ ...reminder, workingDaysBefore: 0 });
    const row = await db.getRepository(UserTaskRecord).findOneByOrFail({ taskId: id });
    expect(row.remindersSent).toBe(2);
    const inbox = await db
      .getRepository(InboxMessage)
      .findBy({ departmentCode: 'FGJ', kind: 'reminder' });
    expect(inbox).toHaveLength(2);
  });

  it('recordIncident opens once and resolves once', async () => {
    const incident = {
      incidentId: 'pi-test:boom#1',
      workflowId: 'pi-test',
      elementId: 'boom',
      activity: 'fail',
      message: 'deliberate failure',
    };
    await acts.recordIncident(incident);
    await acts.recordIncident(incident);
    await acts.recordIncident({ ...incident, resolved: true, actor: 'office' });
    await acts.recordIncident({ ...incident, resolved: true, actor: 'office' });
    const row = await db
      .getRepository(IncidentRecord)
      .findOneByOrFail({ incidentId: incident.incidentId });
    expect(row).toMatchObject({ status: 'resolved', resolvedBy: 'office' });
    expect((await audit('incident', incident.incidentId)).map((e) => e.action)).toEqual([
      'incident.open',
      'incident.retry',
    ]);
  });

  it('recordInstance creates the record once and closes it once', async () => {
    const def = await t.app
      .get(ProcessDefinitionsService)
      .deploy(fixture('user-task'), SYSTEM_PRINCIPAL);
    const event = {
      workflowId: 'pi-rec',
      definitionId: def.id,
      businessKey: 'BK-9',
      status: 'running' as const,
      actor: 'scjgj-admin',
    };
    await acts.recordInstance(event);
    await acts.recordInstance(event);
    await acts.recordInstance({
      ...event,
      status: 'completed',
      actor: 'system',
      variables: { a: 1 },
    });
    await acts.recordInstance({ ...event, status: 'completed', actor: 'system' });
    await acts.recordInstance(event); // a late 'running' does not reopen it
    const row = await db
      .getRepository(ProcessInstanceRecord)
      .findOneByOrFail({ workflowId: 'pi-rec' });
    expect(row).toMatchObject({
      status: 'completed',
      definitionKey: 'user-task',
      version: def.version,
    });
    expect(row.endedAt).not.toBeNull();
    expect((await audit('process_instance', 'pi-rec')).map((e) => e.action)).toEqual([
      'instance.start',
      'instance.completed',
    ]);
  });

  it('recordDeadlineMoved audits each move once', async () => {
    const move = {
      workflowId: 'pi-test',
      timerKey: 'pi-test/review#1:due',
      elementId: 'review',
      from: '2025-06-04T15:59:59.000Z',
      to: '2025-06-06T15:59:59.000Z',
      reason: '节假日调整',
      actor: 'office',
    };
    await acts.recordDeadlineMoved(move);
    await acts.recordDeadlineMoved(move);
    expect(await audit('timer', 'pi-test:pi-test/review#1:due')).toHaveLength(1);
  });

  it('loadDefinition reads by id and by key (latest)', async () => {
    const byKey = await acts.loadDefinition({ key: 'user-task' });
    const byId = await acts.loadDefinition({ definitionId: byKey.definitionId });
    expect(byId).toEqual(byKey);
    expect(byKey.definition.key).toBe('user-task');
    await expect(acts.loadDefinition({ key: 'nope' })).rejects.toThrow(/nope/);
  });

  it('resolveInstant counts statutory working days in Asia/Shanghai', async () => {
    // Friday 2025-06-06 10:00 +08:00: 1 working day later is Monday 06-09, 23:59:59 +08:00
    expect(
      await acts.resolveInstant({ kind: 'workingDays', value: '1' }, '2025-06-06T02:00:00Z'),
    ).toEqual({
      fireAt: '2025-06-09T15:59:59.000Z',
      provisional: false,
      calendarVersion: expect.stringMatching(/^v1:2025=/),
    });
    // Over Dragon Boat 2025 (05-31..06-02 off): Friday 05-30 + 1 working day is Tuesday 06-03
    expect(
      (await acts.resolveInstant({ kind: 'workingDays', value: '1' }, '2025-05-30T02:00:00Z'))
        .fireAt,
    ).toBe('2025-06-03T15:59:59.000Z');
    // Friday 23:30 +08:00 is still Friday in Shanghai although Friday 15:30 UTC
    expect(
      (await acts.resolveInstant({ kind: 'workingDays', value: '2' }, '2025-06-06T15:30:00Z'))
        .fireAt,
    ).toBe('2025-06-10T15:59:59.000Z');
    expect(
      (await acts.resolveInstant({ kind: 'date', value: '2025-06-07' }, clock.toISOString()))
        .fireAt,
    ).toBe('2025-06-07T15:59:59.000Z');
    expect(
      (
        await acts.resolveInstant(
          { kind: 'date', value: '2025-06-07', nextWorkingDay: true },
          clock.toISOString(),
        )
      ).fireAt,
    ).toBe('2025-06-09T15:59:59.000Z');
    expect(
      (
        await acts.resolveInstant(
          { kind: 'date', value: '2025-06-07T09:00:00+08:00' },
          clock.toISOString(),
        )
      ).fireAt,
    ).toBe('2025-06-07T01:00:00.000Z');
    await expect(
      acts.resolveInstant({ kind: 'workingDays', value: 'x' }, clock.toISOString()),
    ).rejects.toThrow(/工作日数必须是非负整数/);
  });
});
