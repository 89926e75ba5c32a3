import { CancellationScope, condition, isCancellation, log } from '@temporalio/workflow';
import type { UserTask } from '../../definition/types';
import { engine } from '../activities';
import type { OpenTask, TimerEntry } from '../execution';
import { evaluateTemplate } from '../expression';
import type { VariableScope } from '../variables';
import type { Next, ScopeRun } from '../scope';
import { addDepartment, markOverdue } from '../search';
import { resolveTimer, waitForTimer } from '../timers';

const DEFAULT_REMINDERS = [1, 0];

/**
 * A user task: a task record for the assigned department/role/user, then a wait for the
 * completeTask update (validated in the workflow's update handler). With a due date, reminders go
 * out before it and the task is marked overdue when it passes; both follow the due date if it moves.
 */
export async function userTask(
  run: ScopeRun,
  el: UserTask,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  const ex = run.ex;
  const values = vars.all();
  const text = (expr?: string) =>
    expr === undefined ? undefined : String(evaluateTemplate(expr, values));
  const taskId = `${ex.workflowId}/${executionId}`;
  const due = el.due ? await resolveTimer(`${taskId}:due`, el.id, 'due', el.due, vars) : undefined;
  const task: OpenTask = {
    taskId,
    elementId: el.id,
    name: el.name,
    subject: text(el.subject),
    department: text(el.assignment.department),
    role: el.assignment.role,
    assignee: text(el.assignment.user),
    candidateGroups: el.assignment.candidateGroups?.map((g) => String(evaluateTemplate(g, values))),
    dueAt: due?.fireAt,
    provisional: due?.provisional,
    createdAt: new Date().toISOString(),
    form: el.form,
    changes: [],
  };
  // Known to the update handlers before the record exists, so a completion that races the
  // record's creation is still accepted.
  ex.tasks.set(taskId, task);
  run.taskOfExecution.set(executionId, taskId);
  await engine.createTask({
    ...task,
    workflowId: ex.workflowId,
    rootWorkflowId: ex.rootWorkflowId,
    businessKey: ex.businessKey,
    definitionKey: ex.definitionKey,
  });
  run.recorded.add(executionId);
  addDepartment(ex, task.department);
  for (const group of task.candidateGroups ?? []) addDepartment(ex, group);

  const deadline = new CancellationScope();
  if (due) {
    const reminders =
      el.reminders?.workingDaysBefore ??
      ex.definition?.reminders?.workingDaysBefore ??
      DEFAULT_REMINDERS;
    deadline.run(() => watchDeadline(run, task, due, reminders)).catch(ignoreCancellation);
  }
  try {
    for (;;) {
      await condition(() => task.completion !== undefined || task.changes.length > 0);
      for (let change = task.changes.shift(); change; change = task.changes.shift())
        await engine.updateTask(change);
      if (task.completion) break;
    }
    const { actor, output } = task.completion;
    await engine.updateTask({
      taskId,
      action: 'complete',
      actor: actor.username,
      actorDepartment: actor.departmentCode,
      output,
    });
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() =>
        engine.updateTask({ taskId, action: 'cancel', actor: 'system' }),
      );
    }
    throw err;
  } finally {
    deadline.cancel();
    ex.tasks.delete(taskId);
    run.taskOfExecution.delete(executionId);
    run.recorded.delete(executionId);
  }
  applyOutput(vars, el, task.completion!.output);
  return { take: run.outgoing(el) };
}

function applyOutput(vars: VariableScope, el: UserTask, output: Record<string, unknown>): void {
  if (!el.outputs) return vars.setAll(output);
  const scope = { ...vars.all(), ...output };
  for (const [name, expr] of Object.entries(el.outputs))
    vars.set(name, evaluateTemplate(expr, scope));
}

async function watchDeadline(
  run: ScopeRun,
  task: OpenTask,
  due: TimerEntry,
  workingDaysBefore: number[],
) {
  await Promise.all([remind(run, task, due, workingDaysBefore), overdue(run, task, due)]);
}

/** Sends each reminder once, recomputing the instants whenever the due date moves. */
async function remind(run: ScopeRun, task: OpenTask, due: TimerEntry, workingDaysBefore: number[]) {
  if (workingDaysBefore.length === 0) return;
  const sent = new Set<number>();
  for (;;) {
    const version = due.version;
    const instants = await engine.reminderInstants(due.fireAt, workingDaysBefore);
    const pending = instants
      .map((at, i) => ({ at: Date.parse(at), n: workingDaysBefore[i] }))
      .filter((r) => !sent.has(r.n) && r.at > Date.now() - 1000)
      .sort((a, b) => a.at - b.at);
    const next = pending[0];
    if (!next) {
      await condition(() => due.version !== version);
      continue;
    }
    const moved = await condition(() => due.version !== version, Math.max(1, next.at - Date.now()));
    if (moved) continue;
    sent.add(next.n);
    await engine.remindTask({ taskId: task.taskId, dueAt: due.fireAt, workingDaysBefore: next.n });
  }
}

async function overdue(run: ScopeRun, task: OpenTask, due: TimerEntry) {
  await waitForTimer(run.ex, due);
  markOverdue(run.ex);
  await engine.updateTask({
    taskId: task.taskId,
    action: 'overdue',
    actor: 'system',
    dueAt: due.fireAt,
  });
}

/** Reminders and overdue marks never fail the task itself; a failure is logged. */
function ignoreCancellation(err: unknown): void {
  if (!isCancellation(err)) log.warn('deadline watcher failed', { error: String(err) });
}
