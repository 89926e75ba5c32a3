import { AuditService } from '../../../src/modules/audit/audit.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, fixture, tokens, until } from './helpers';

/**
 * The engine API end to end on the real interpreter and Temporal dev server: deploy the
 * user-task fixture, start it, complete its task as the right department only.
 */
describe('user task through the API', () => {
  let t: TestApp;
  let tk: Record<string, string>;
  let workflowId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await startTestApp({ role: 'all', seedDemo: true });
    tk = await tokens(t, 'office', 'scjgj-admin', 'scjgj-officer', 'gaj-officer', 'gaj-admin');
    const deployed = await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .set('Content-Type', 'application/xml')
      .send(fixture('user-task'));
    expect(deployed.status).toBe(201);
  });
  afterAll(() => t.close());

  const taskPath = (suffix = '') => `/tasks/${encodeURIComponent(taskId)}${suffix}`;

  it('starts an instance and creates the task for the department the variables name', async () => {
    const res = await t.http
      .post('/instances')
      .set(bearer(tk['scjgj-admin']))
      .send({
        key: 'user-task',
        businessKey: 'JC-2025-001',
        variables: { initiatingDept: 'SCJGJ' },
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      definitionKey: 'user-task',
      version: 1,
      businessKey: 'JC-2025-001',
      startedDepartment: 'SCJGJ',
    });
    workflowId = res.body.workflowId;
    expect(workflowId).toMatch(/^pi-[0-9a-f-]{36}$/);

    const mine = await until(async () => {
      const r = await t.http.get('/tasks/mine').set(bearer(tk['scjgj-officer']));
      return r.body.find((x: { workflowId: string }) => x.workflowId === workflowId);
    }, 'the review task');
    taskId = mine.taskId;
    expect(mine).toMatchObject({
      elementId: 'review',
      departmentCode: 'SCJGJ',
      role: 'dept_officer',
      status: 'open',
      provisional: false,
    });
    expect(mine.dueAt).toBeTruthy();
    const others = await t.http.get('/tasks/mine').set(bearer(tk['gaj-officer']));
    expect(others.body.map((x: { taskId: string }) => x.taskId)).not.toContain(taskId);
    const inbox = await t.http.get('/inbox').set(bearer(tk['scjgj-officer']));
    expect(
      inbox.body.some(
        (m: { kind: string; link: string }) =>
          m.kind === 'task' && m.link.includes(encodeURIComponent(taskId)),
      ),
    ).toBe(true);
  });

  it('lets only involved departments read the instance', async () => {
    const own = await t.http.get(`/instances/${workflowId}`).set(bearer(tk['scjgj-officer']));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ workflowId, status: 'running', businessKey: 'JC-2025-001' });
    expect(own.body.openTasks.map((x: { taskId: string }) => x.taskId)).toEqual([taskId]);
    expect(
      (await t.http.get(`/instances/${workflowId}`).set(bearer(tk['gaj-officer']))).status,
    ).toBe(403);
    expect((await t.http.get(`/instances/${workflowId}`)).status).toBe(401);
    expect((await t.http.get('/instances/pi-unknown').set(bearer(tk.office))).status).toBe(404);
    expect((await t.http.get(taskPath()).set(bearer(tk['gaj-officer']))).status).toBe(403);
  });

  it('lists instances through Temporal visibility, scoped to the department', async () => {
    const found = await until(async () => {
      const r = await t.http
        .get('/instances?key=user-task&businessKey=JC-2025-001&status=running')
        .set(bearer(tk['scjgj-officer']));
      return r.body.length > 0 && r.body;
    }, 'the instance in visibility');
    expect(found[0]).toMatchObject({ workflowId, departments: ['SCJGJ'], overdue: false });
    const gaj = await t.http.get('/instances?key=user-task').set(bearer(tk['gaj-officer']));
    expect(gaj.body).toEqual([]);
    const forbidden = await t.http
      .get('/instances?department=SCJGJ')
      .set(bearer(tk['gaj-officer']));
    expect(forbidden.status).toBe(403);
  });

  it('refuses completion by another department and by a form that breaks the schema; nothing changes', async () => {
    const wrong = await t.http
      .post(taskPath('/complete'))
      .set(bearer(tk['gaj-officer']))
      .send({ output: { approved: true } });
    expect(wrong.status).toBe(403);

    const bad = await t.http
      .post(taskPath('/complete'))
      .set(bearer(tk['scjgj-officer']))
      .send({ output: { approved: 'yes', comment: 7 } });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { instancePath: string }) => e.instancePath).sort();
    expect(paths).toEqual(['/approved', '/comment']);
    expect(
      bad.body.errors.find((e: { instancePath: string }) => e.instancePath === '/approved'),
    ).toMatchObject({
      value: 'yes',
      rule: expect.stringMatching(/type/),
    });

    const missing = await t.http
      .post(taskPath('/complete'))
      .set(bearer(tk['scjgj-officer']))
      .send({ output: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ instancePath: '/approved', rule: 'required' });

    const state = await t.http.get(`/instances/${workflowId}`).set(bearer(tk.office));
    expect(state.body.status).toBe('running');
    expect(state.body.openTasks.map((x: { taskId: string }) => x.taskId)).toEqual([taskId]);
    const task = await t.http.get(taskPath()).set(bearer(tk['scjgj-officer']));
    expect(task.body.status).toBe('open');
  });

  it('maps a rejection from the workflow validator to an HTTP error', async () => {
    // the admin claims; then an officer of the same department may no longer complete it
    const claim = await t.http.post(taskPath('/claim')).set(bearer(tk['scjgj-admin']));
    expect(claim.status).toBe(200);
    expect(claim.body.assignee).toBe('scjgj-admin');
    const other = await t.http.post(taskPath('/claim')).set(bearer(tk['office']));
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/scjgj-admin/);
    const unclaim = await t.http.post(taskPath('/unclaim')).set(bearer(tk['scjgj-admin']));
    expect(unclaim.status).toBe(200);
    await until(async () => {
      const r = await t.http.get(taskPath()).set(bearer(tk['scjgj-officer']));
      return r.body.assignee === null && r.body;
    }, 'the unclaim recorded');
  });

  it('completes for the right department and the instance completes', async () => {
    const ok = await t.http
      .post(taskPath('/complete'))
      .set(bearer(tk['scjgj-officer']))
      .send({ output: { approved: true, comment: '同意' } });
    expect(ok.status).toBe(200);
    const finished = await until(async () => {
      const r = await t.http.get(`/instances/${workflowId}`).set(bearer(tk['scjgj-officer']));
      return r.body.status === 'completed' && r.body;
    }, 'the instance to complete');
    expect(finished.variables).toMatchObject({ approved: true, comment: '同意' });
    const task = await until(async () => {
      const r = await t.http.get(taskPath()).set(bearer(tk['scjgj-officer']));
      return r.body.status === 'completed' && r.body;
    }, 'the task record to complete');
    expect(task).toMatchObject({
      completedBy: 'scjgj-officer',
      output: { approved: true, comment: '同意' },
    });
    const again = await t.http
      .post(taskPath('/complete'))
      .set(bearer(tk['scjgj-officer']))
      .send({ output: { approved: true } });
    expect(again.status).toBe(409);
    const record = await until(async () => {
      const history = await t.app.get(AuditService).history('process_instance', workflowId);
      return history.some((h) => h.action === 'instance.completed') && history;
    }, 'the completion audited');
    expect(record.map((h) => h.action)).toContain('instance.start-requested');
  });

  it('cancels only for the office or the starting department admin', async () => {
    const started = await t.http
      .post('/instances')
      .set(bearer(tk['scjgj-officer']))
      .send({ key: 'user-task', variables: { initiatingDept: 'SCJGJ' } });
    const id = started.body.workflowId;
    const byOfficer = await t.http
      .post(`/instances/${id}/cancel`)
      .set(bearer(tk['scjgj-officer']))
      .send({ reason: '重复发起' });
    expect(byOfficer.status).toBe(403);
    const byOtherAdmin = await t.http
      .post(`/instances/${id}/cancel`)
      .set(bearer(tk['gaj-admin']))
      .send({ reason: '重复发起' });
    expect(byOtherAdmin.status).toBe(403);
    const moveByAdmin = await t.http
      .post(`/instances/${id}/deadlines/move`)
      .set(bearer(tk['scjgj-admin']))
      .send({ reason: '延期', fireAt: '2030-01-01T00:00:00+08:00' });
    expect(moveByAdmin.status).toBe(403);
    const cancel = await t.http
      .post(`/instances/${id}/cancel`)
      .set(bearer(tk['scjgj-admin']))
      .send({ reason: '重复发起' });
    expect(cancel.status).toBe(202);
    const done = await until(async () => {
      const r = await t.http.get(`/instances/${id}`).set(bearer(tk.office));
      return r.body.status === 'cancelled' && r.body;
    }, 'the cancellation');
    expect(done.openTasks).toEqual([]);
  });

  it('escalations: departments see their own, only the office resolves', async () => {
    const none = await t.http.get('/escalations').set(bearer(tk['gaj-officer']));
    expect(none.status).toBe(200);
    const resolve = await t.http
      .post('/escalations/00000000-0000-0000-0000-000000000000/resolve')
      .set(bearer(tk['scjgj-admin']))
      .send({ kind: 'reason_given', note: '已说明' });
    expect(resolve.status).toBe(403);
    const unknown = await t.http
      .post('/escalations/00000000-0000-0000-0000-000000000000/resolve')
      .set(bearer(tk.office))
      .send({ kind: 'reason_given', note: '已说明' });
    expect(unknown.status).toBe(404);
    const badKind = await t.http
      .post('/escalations/00000000-0000-0000-0000-000000000000/resolve')
      .set(bearer(tk.office))
      .send({ kind: 'forgiven', note: 'x' });
    expect(badKind.status).toBe(400);
  });
});
