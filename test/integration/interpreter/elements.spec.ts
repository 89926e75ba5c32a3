import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  cancelSignal,
  completeTaskUpdate,
  messageSignal,
  moveDeadlinesSignal,
  retryIncidentUpdate,
  type InstanceState,
} from '../../../src/workflows/interpreter/contract';
import { actor, InterpreterHarness, OFFICE } from './harness';

/**
 * One test per element kind and documented semantic, on a real Temporal dev server
 * (given a fixture definition, when it runs, then …).
 */
describe('interpreter on a real Temporal server', () => {
  let h: InterpreterHarness;
  beforeAll(async () => {
    h = await new InterpreterHarness().start();
  });
  afterAll(() => h.close());

  const result = async (handle: { result(): Promise<unknown> }) =>
    (await handle.result()) as { status: string; variables: Record<string, any> };

  it('user task: creates a task for the department, refuses the wrong one, completes for the right one', async () => {
    const handle = await h.run(await h.deploy('user-task'), { initiatingDept: 'SCJGJ' }, 'BK-1');
    const task = await h.until(
      () => h.tasks.find((t) => t.workflowId === handle.workflowId),
      'task',
    );
    expect(task).toMatchObject({ department: 'SCJGJ', role: 'dept_officer', businessKey: 'BK-1' });

    await expect(
      handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.taskId, actor: actor('GAJ'), output: { approved: true } }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    await expect(
      handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.taskId, actor: actor('SCJGJ'), output: {} }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const before = await h.state(handle);
    expect(before.openTasks.map((t) => t.taskId)).toEqual([task.taskId]);

    await handle.executeUpdate(completeTaskUpdate, {
      args: [
        { taskId: task.taskId, actor: actor('SCJGJ'), output: { approved: true, comment: '同意' } },
      ],
    });
    const done = await result(handle);
    expect(done.status).toBe('completed');
    expect(done.variables).toMatchObject({ approved: true, comment: '同意' });
    const state = await h.state(handle);
    expect(state.completed.find((e) => e.elementId === 'review')).toBeDefined();
    await h.recordHistory(handle, 'user-task');
  });

  it('due date: reminders go out before it (1 working day before, then on the day) and the task turns overdue', async () => {
    h.instantOffsetMs = 2000;
    const handle = await h.run(await h.deploy('user-task'), { initiatingDept: 'SCJGJ' });
    const task = await h.until(
      () => h.tasks.find((t) => t.workflowId === handle.workflowId),
      'task',
    );
    await h.until(
      () => h.taskUpdates.find((u) => u.taskId === task.taskId && u.action === 'overdue'),
      'overdue',
      10000,
    );
    expect(
      h.reminders.filter((r) => r.taskId === task.taskId).map((r) => r.workingDaysBefore),
    ).toEqual([1, 0]);
    const state = await h.state(handle);
    expect(state.overdue).toBe(true);
    expect(state.openTasks[0].dueAt).toBe(task.dueAt);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, actor: actor('SCJGJ'), output: { approved: true } }],
    });
    expect((await result(handle)).status).toBe('completed');
    expect(h.reminders.filter((r) => r.taskId === task.taskId)).toHaveLength(2);
  });

  it('service task: runs registered activities in order and stores their results', async () => {
    const handle = await h.run(await h.deploy('service-task'), { x: 2, y: 3 });
    const done = await result(handle);
    expect(done.variables).toMatchObject({ sum: 5, echoed: 5 });
    await h.recordHistory(handle, 'service-task');
  });

  it('service task failing after its retries becomes an incident, resolved by retry', async () => {
    h.failing = true;
    const handle = await h.run(await h.deploy('service-task-fail'));
    const state = await h.until(async () => {
      const s = await h.state(handle);
      return s.incidents.length > 0 && s;
    }, 'incident');
    expect(state.status).toBe('incident');
    expect(state.incidents[0]).toMatchObject({ elementId: 'boom', activity: 'fail' });
    expect(state.incidents[0].message).toMatch(/deliberate failure/);
    await expect(
      handle.executeUpdate(retryIncidentUpdate, {
        args: [{ incidentId: state.incidents[0].incidentId, actor: actor('GAJ') }],
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    h.failing = false;
    await handle.executeUpdate(retryIncidentUpdate, {
      args: [{ incidentId: state.incidents[0].incidentId, actor: OFFICE }],
    });
    expect((await result(handle)).status).toBe('completed');
    expect(
      h.incidents.filter((i) => i.workflowId === handle.workflowId).map((i) => !!i.resolved),
    ).toEqual([false, true]);
    await h.recordHistory(handle, 'incident-retry');
  });

  it.each([
    [150, 'high'],
    [50, 'low'],
    [0, 'none'],
  ])(
    'exclusive gateway: amount %s takes the %s branch (default when no condition holds)',
    async (amount, _branch) => {
      const handle = await h.run(await h.deploy('exclusive-gateway'), { amount });
      const done = await result(handle);
      const taken = (await h.state(handle)).completed.map((e) => e.elementId);
      const expected = amount > 100 ? 'high' : amount > 0 ? 'low' : 'zero';
      expect(taken).toContain(expected);
      expect(['high', 'low', 'zero'].filter((b) => taken.includes(b))).toEqual([expected]);
      expect(done.status).toBe('completed');
    },
  );

  it('parallel gateway: the join waits for both branches', async () => {
    const handle = await h.run(await h.deploy('parallel-gateway'), { x: 10 });
    const done = await result(handle);
    expect(done.variables).toMatchObject({ left: 11, right: 12, total: 23 });
    const totals = (await h.state(handle)).completed.filter((e) => e.elementId === 'total');
    expect(totals).toHaveLength(1);
    await h.recordHistory(handle, 'parallel-gateway');
  });

  it('intermediate timer: waits its duration', async () => {
    const started = Date.now();
    const handle = await h.run(await h.deploy('timer-intermediate'));
    const done = await result(handle);
    expect(done.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('interrupting boundary timer cancels the task and leaves through the boundary', async () => {
    const handle = await h.run(await h.deploy('boundary-interrupting'), {
      initiatingDept: 'SCJGJ',
    });
    const done = await result(handle);
    expect(done.status).toBe('completed');
    const task = h.tasks.find((t) => t.workflowId === handle.workflowId)!;
    expect(h.taskUpdates).toContainEqual(
      expect.objectContaining({ taskId: task.taskId, action: 'cancel' }),
    );
    const taken = (await h.state(handle)).completed.map((e) => e.elementId);
    expect(taken).toEqual(expect.arrayContaining(['timeout', 'timedOut', 'endTimedOut']));
    expect(taken).not.toContain('end');
  });

  it('non-interrupting repeating boundary timer fires N times while the task stays open', async () => {
    const handle = await h.run(await h.deploy('boundary-reminder-cycle'), {
      initiatingDept: 'SCJGJ',
    });
    // R3: after the third reminder no boundary timer is left, so no fourth can come.
    const reminders = (s: InstanceState) =>
      s.completed.filter((e) => e.elementId === 'sendReminder').length;
    const state = await h.until(
      async () => {
        const s = await h.state(handle);
        return reminders(s) === 3 && !s.timers.some((x) => x.elementId === 'remind') && s;
      },
      '3 reminders and the cycle spent',
      15000,
    );
    expect(state.openTasks).toHaveLength(1);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: state.openTasks[0].taskId, actor: actor('SCJGJ'), output: {} }],
    });
    expect((await result(handle)).status).toBe('completed');
    expect(reminders(await h.state(handle))).toBe(3);
    await h.recordHistory(handle, 'boundary-reminder-cycle');
  });

  it('escalation thrown in a sub-process is recorded for the office and caught by a non-interrupting boundary', async () => {
    const handle = await h.run(await h.deploy('escalation'));
    const done = await result(handle);
    expect(done.status).toBe('completed');
    expect(h.escalations.filter((e) => e.workflowId === handle.workflowId)).toEqual([
      expect.objectContaining({
        code: 'LATE',
        target: 'office',
        rule: 'NX 23',
        elementId: 'throwLate',
      }),
    ]);
    const taken = (await h.state(handle)).completed.map((e) => e.elementId);
    expect(taken).toEqual(expect.arrayContaining(['work', 'notifyOffice', 'end', 'endNotified']));
    await h.recordHistory(handle, 'escalation');
  });

  it('escalation end event interrupts the sub-process through an interrupting boundary', async () => {
    const handle = await h.run(await h.deploy('escalation-end'));
    await result(handle);
    const taken = (await h.state(handle)).completed.map((e) => e.elementId);
    expect(taken).toEqual(expect.arrayContaining(['handleEscalation', 'endEscalated']));
    expect(taken).not.toContain('end');
  });

  it('multi-instance user task: one task per department, outputs collected in order', async () => {
    const handle = await h.run(await h.deploy('multi-instance-user-task'), {
      departments: ['GAJ', 'WJJ', 'SWJ'],
    });
    const tasks = await h.until(() => {
      const mine = h.tasks.filter((t) => t.workflowId === handle.workflowId);
      return mine.length === 3 && mine;
    }, '3 tasks');
    expect(tasks.map((t) => t.department).sort()).toEqual(['GAJ', 'SWJ', 'WJJ']);
    for (const t of [...tasks].reverse()) {
      await handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskId: t.taskId,
            actor: actor(t.department!),
            output: { accepted: t.department !== 'WJJ' },
          },
        ],
      });
    }
    const done = await result(handle);
    expect(done.variables.responses).toEqual([true, false, true]);
    await h.recordHistory(handle, 'multi-instance-user-task');
  });

  it('sequential multi-instance sub-process keeps each iteration in order', async () => {
    const handle = await h.run(await h.deploy('multi-instance-subprocess'), { items: [1, 2, 3] });
    expect((await result(handle)).variables.results).toEqual([2, 3, 4]);
  });

  it('multi-instance with 500 items completes through batch child workflows, outputs in order', async () => {
    const items = Array.from({ length: 500 }, (_, i) => i);
    const handle = await h.run(await h.deploy('multi-instance-large'), { items });
    const done = await result(handle);
    expect(done.variables.results).toEqual(items.map((i) => i + 1));
    const batch = await h.client.workflow
      .getHandle(`${handle.workflowId}/perItem#2/batch-0`)
      .describe();
    expect(batch.type).toBe('multiInstanceBatch');
  });

  it('call activity runs the called definition as a child instance', async () => {
    await h.deploy('call-activity-callee');
    const handle = await h.run(await h.deploy('call-activity'), { x: 21 });
    const done = await result(handle);
    expect(done.variables.doubled).toBe(42);
    expect(h.instances.some((i) => i.parentWorkflowId === handle.workflowId)).toBe(true);
    await h.recordHistory(handle, 'call-activity');
  });

  it('embedded sub-process runs its own scope', async () => {
    const handle = await h.run(await h.deploy('subprocess'), { x: 1 });
    const done = await result(handle);
    expect(done.status).toBe('completed');
    expect((await h.state(handle)).completed.map((e) => e.elementId)).toEqual(
      expect.arrayContaining(['start', 'end']),
    );
  });

  it('event-based gateway: a message before the timer wins; otherwise the timer does', async () => {
    const def = await h.deploy('event-gateway');
    const quick = await h.run(def);
    await quick.signal(messageSignal, { name: 'approve', actor: OFFICE });
    const a = await result(quick);
    const slow = await h.run(def);
    const b = await result(slow);
    expect((await h.state(quick)).completed.map((e) => e.elementId)).toContain('onApproved');
    expect((await h.state(slow)).completed.map((e) => e.elementId)).toContain('onTimeout');
    expect([a.status, b.status]).toEqual(['completed', 'completed']);
    await h.recordHistory(quick, 'event-gateway-message');
  });

  it('message catch: waits for the named message and takes its payload', async () => {
    const handle = await h.run(await h.deploy('message-catch'));
    const waiting = await h.until(async () => {
      const s = await h.state(handle);
      return s.active.some((e) => e.elementId === 'waitDocs') && s;
    }, 'the message catch to wait');
    expect(waiting.status).toBe('running');
    await handle.signal(messageSignal, {
      name: 'documentsReceived',
      payload: { pages: 12 },
      actor: OFFICE,
    });
    const done = await result(handle);
    expect(done.variables.pages).toBe(12);
  });

  it('terminate end event ends the instance with other branches still running', async () => {
    const handle = await h.run(await h.deploy('terminate-end'), { initiatingDept: 'SCJGJ' });
    const done = await result(handle);
    expect(done.status).toBe('terminated');
  });

  it('working-day timer waits for the instant the calendar resolves, and can be moved by a signal', async () => {
    h.instantOffsetMs = 60 * 60 * 1000;
    const handle = await h.run(await h.deploy('working-day-timer'), {
      confirmDays: 2,
      initiatingDept: 'SCJGJ',
    });
    const timer = await h.until(
      async () => (await h.state(handle)).timers.find((t) => t.spec.kind === 'workingDays'),
      'working-day timer',
    );
    expect(timer.provisional).toBe(true);
    h.instantOffsetMs = 2000;
    await handle.signal(moveDeadlinesSignal, {
      timerKey: timer.key,
      fireAt: new Date(Date.now() + 500).toISOString(),
      reason: '测试调整',
      actor: OFFICE,
    });
    await h.until(
      () => h.moves.find((m) => m.workflowId === handle.workflowId && m.timerKey === timer.key),
      'move recorded',
    );
    await h.until(
      async () => !(await h.state(handle)).timers.some((t) => t.key === timer.key),
      'timer fired after move',
    );
    await handle.signal(cancelSignal, { reason: 'done', actor: OFFICE });
    expect((await result(handle)).status).toBe('cancelled');
    await h.recordHistory(handle, 'deadline-moved-cancelled');
  });

  it('cancel: an instance cancelled with a reason cancels its open tasks and records who and why', async () => {
    const handle = await h.run(await h.deploy('user-task'), { initiatingDept: 'SCJGJ' });
    const task = await h.until(
      () => h.tasks.find((t) => t.workflowId === handle.workflowId),
      'task',
    );
    await handle.signal(cancelSignal, { reason: '计划调整', actor: OFFICE });
    expect((await result(handle)).status).toBe('cancelled');
    expect(h.taskUpdates).toContainEqual(
      expect.objectContaining({ taskId: task.taskId, action: 'cancel' }),
    );
    expect(h.instances).toContainEqual(
      expect.objectContaining({
        workflowId: handle.workflowId,
        status: 'cancelled',
        reason: '计划调整',
        actor: 'office',
      }),
    );
  });

  it('a worker stopped mid-instance and restarted continues where it was', async () => {
    const handle = await h.run(await h.deploy('user-task'), { initiatingDept: 'SCJGJ' });
    const task = await h.until(
      () => h.tasks.find((t) => t.workflowId === handle.workflowId),
      'task',
    );
    await h.stopWorker();
    await h.startWorker();
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, actor: actor('SCJGJ'), output: { approved: false } }],
    });
    const done = await result(handle);
    expect(done.variables.approved).toBe(false);
    expect(h.tasks.filter((t) => t.taskId === task.taskId)).toHaveLength(1);
  });
});
