import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, fixture, tokens, until } from '../engine-api/helpers';

/**
 * Statutory deadlines end to end on a real Temporal server, real engine activities and the real
 * calendar: provisional dates and their recomputation after an import; a late task escalated
 * into the joint-meeting office's inbox.
 */
describe('deadlines, escalation and recomputation', () => {
  let t: TestApp;
  let tk: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all', seedDemo: true });
    tk = await tokens(t, 'office', 'scjgj-officer', 'scjgj-admin');
    for (const name of ['deadline-working-days', 'late-escalation']) {
      const res = await t.http
        .post('/definitions')
        .set(bearer(tk.office))
        .send({ xml: fixture(name) });
      expect([200, 201]).toContain(res.status);
    }
  });
  afterAll(() => t.close());

  it('annual plans: each department owes its plan by the end of January, the office publishes by the end of March', async () => {
    const xml = readFileSync(join(__dirname, '../../../processes/plan-deadlines.bpmn'), 'utf8');
    await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .send({ xml })
      .expect((r) => expect(r.status).toBeLessThan(300));
    const vars = { year: 2027, departments: ['SCJGJ', 'GAJ'], officeDept: 'LXBGS' };
    const id = await start('plan-deadlines', vars);
    const tasks = await until(async () => {
      const open = (await state(id)).openTasks;
      return open?.length === 2 && open;
    }, 'two plan tasks');
    expect(tasks.map((x: { department: string }) => x.department).sort()).toEqual(['GAJ', 'SCJGJ']);
    expect(tasks.every((x: { dueAt: string }) => x.dueAt === '2027-01-31T15:59:59.000Z')).toBe(
      true,
    );
    await t.http
      .post(`/instances/${encodeURIComponent(id)}/cancel`)
      .set(bearer(tk.office))
      .send({ reason: '测试结束' });

    // A year whose deadlines have passed: every department's lateness reaches the office at once.
    const late = await start('plan-deadlines', { ...vars, year: 2020 });
    const escalations = await until(
      async () => {
        const res = await t.http.get('/escalations').set(bearer(tk.office));
        const mine = res.body.filter((e: { rootWorkflowId: string }) => e.rootWorkflowId === late);
        return mine.length === 2 && mine;
      },
      'two late-plan escalations',
      30000,
    );
    expect(escalations.map((e: { code: string; rule: string }) => `${e.code} ${e.rule}`)).toEqual([
      'PLAN_LATE NX 18',
      'PLAN_LATE NX 18',
    ]);
    expect(escalations.map((e: { taskDepartment: string }) => e.taskDepartment).sort()).toEqual([
      'GAJ',
      'SCJGJ',
    ]);
    await t.http
      .post(`/instances/${encodeURIComponent(late)}/cancel`)
      .set(bearer(tk.office))
      .send({ reason: '测试结束' });
  });

  const start = async (key: string, variables: Record<string, unknown>) => {
    const res = await t.http
      .post('/instances')
      .set(bearer(tk['scjgj-admin']))
      .send({ key, variables });
    expect(res.status).toBe(201);
    return res.body.workflowId as string;
  };
  const state = async (id: string) =>
    (await t.http.get(`/instances/${encodeURIComponent(id)}`).set(bearer(tk.office))).body;

  it('a deadline in a year without an official schedule is provisional, and moves when the office imports one', async () => {
    // From 2026-11 60 working days reach into 2027, which the bundled data does not cover.
    const id = await start('deadline-working-days', { initiatingDept: 'SCJGJ', dueDays: 60 });
    const due = await until(
      async () => (await state(id)).timers?.find((x: { purpose: string }) => x.purpose === 'due'),
      'due timer',
    );
    expect(due.provisional).toBe(true);
    const task = (await state(id)).openTasks[0];
    expect(task.provisional).toBe(true);

    // The official 2027 schedule: every day of January a holiday, so the deadline must move later.
    const days = Array.from({ length: 31 }, (_, i) => ({
      date: `2027-01-${String(i + 1).padStart(2, '0')}`,
      kind: 'holiday',
    }));
    const res = await t.http
      .post('/calendar/import')
      .set(bearer(tk.office))
      .send({ format: 'json', content: JSON.stringify({ year: 2027, days }) });
    expect(res.status).toBe(201);
    expect(res.body.instancesSignalled).toBeGreaterThanOrEqual(1);

    const moved = await until(async () => {
      const timer = (await state(id)).timers.find((x: { key: string }) => x.key === due.key);
      return timer && timer.fireAt !== due.fireAt && timer;
    }, 'the due date to move');
    expect(moved.provisional).toBe(false);
    expect(Date.parse(moved.fireAt)).toBeGreaterThan(Date.parse(due.fireAt));
    // the move is audited by the engine's activity, right after the workflow moved the timer
    await until(async () => {
      const audit = await t.app.get(AuditService).list({ limit: 500 });
      return audit.some((a) => a.action.includes('deadline') && JSON.stringify(a).includes(id));
    }, 'the deadline move to be audited');
    await t.http
      .post(`/instances/${encodeURIComponent(id)}/cancel`)
      .set(bearer(tk.office))
      .send({ reason: '测试结束' });
  });

  it('a task left past its deadline is escalated to the office inbox, with the task and how late', async () => {
    const id = await start('late-escalation', { initiatingDept: 'SCJGJ' });
    const escalation = await until(
      async () => {
        const res = await t.http.get('/escalations').set(bearer(tk.office));
        return res.body.find((e: { rootWorkflowId: string }) => e.rootWorkflowId === id);
      },
      'escalation',
      30000,
    );
    expect(escalation).toMatchObject({
      code: 'LATE',
      targetDepartment: 'LXBGS',
      rule: 'NX 23',
      status: 'open',
    });
    expect(escalation.taskId).toMatch(new RegExp(`^${id}/confirm`));
    expect(escalation.taskDepartment).toBe('SCJGJ');

    const inbox = await t.http.get('/inbox').set(bearer(tk.office));
    expect(inbox.body.some((m: { kind: string; link?: string }) => m.kind === 'escalation')).toBe(
      true,
    );
    const officerView = await t.http.get('/escalations').set(bearer(tk['scjgj-officer']));
    expect(officerView.body.some((e: { id: string }) => e.id === escalation.id)).toBe(true);

    const denied = await t.http
      .post(`/escalations/${escalation.id}/resolve`)
      .set(bearer(tk['scjgj-officer']))
      .send({ kind: 'done_late', note: '已补办' });
    expect(denied.status).toBe(403);
    const resolved = await t.http
      .post(`/escalations/${escalation.id}/resolve`)
      .set(bearer(tk.office))
      .send({ kind: 'done_late', note: '已补办' });
    expect(resolved.status).toBeLessThan(300);
    const task = await t.http
      .get(`/tasks/${encodeURIComponent(escalation.taskId)}`)
      .set(bearer(tk['scjgj-officer']));
    expect(task.body.overdueSince).toBeTruthy();
    await t.http
      .post(`/instances/${encodeURIComponent(id)}/cancel`)
      .set(bearer(tk.office))
      .send({ reason: '测试结束' });
  });
});
