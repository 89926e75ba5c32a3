import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  type Actor,
  claimTaskUpdate,
  completeTaskUpdate,
  messageSignal,
  moveDeadlinesSignal,
  reassignTaskUpdate,
  retryIncidentUpdate,
  stateQuery,
  type TaskView,
  unclaimTaskUpdate,
} from './contract';
import type { Execution, OpenTask } from './execution';
import { addDepartment } from './search';
import { moveDeadlines } from './timers';
import { mayActOnTask, supervisesTask } from '../shared/task-roles';

const rejected = (type: 'NotFound' | 'Forbidden' | 'Conflict' | 'BadRequest', message: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });

function openTask(ex: Execution, taskId: string): OpenTask {
  const task = ex.tasks.get(taskId);
  if (!task) throw rejected('NotFound', `任务 ${taskId} 不存在或已办结`);
  if (task.completion) throw rejected('Conflict', `任务 ${taskId} 已办结`);
  return task;
}

/**
 * Whether the actor may work on the task: the office always; else its department, role and
 * assignee (the shared rule the API applies too, src/workflows/shared/task-roles.ts).
 */
export function mayAct(actor: Actor, task: TaskView): boolean {
  return mayActOnTask(actor, task);
}

function requireActor(actor: Actor, task: TaskView): void {
  if (!mayAct(actor, task)) {
    throw rejected(
      'Forbidden',
      `${actor.username}（${actor.departmentCode}，${actor.role}）无权办理任务 ${task.taskId}`,
    );
  }
}

function requireFields(task: TaskView, output: Record<string, unknown>): void {
  const schema = (task.form as { schema?: { required?: string[] } } | undefined)?.schema;
  const missing = (schema?.required ?? []).filter(
    (k) => output[k] === undefined || output[k] === null,
  );
  if (missing.length) throw rejected('BadRequest', `表单缺少必填字段：${missing.join('、')}`);
}

const view = ({ completion: _c, changes: _ch, ...task }: OpenTask): TaskView => task;

/**
 * Wires the instance's messages. Updates validate first (rights, state, required fields), so a
 * rejected update leaves no trace in history and changes nothing. Handlers only change state;
 * the element's own coroutine writes the records, so no activity runs inside a handler.
 */
export function installHandlers(ex: Execution): void {
  setHandler(stateQuery, () => ex.snapshot());
  setHandler(messageSignal, (message) => ex.pushMessage(message));
  setHandler(moveDeadlinesSignal, (args) => moveDeadlines(ex, args));

  setHandler(
    completeTaskUpdate,
    ({ taskId, actor, output }) => {
      const task = openTask(ex, taskId);
      task.completion = { actor, output };
      return view(task);
    },
    {
      validator: ({ taskId, actor, output }) => {
        const task = openTask(ex, taskId);
        requireActor(actor, task);
        requireFields(task, output ?? {});
      },
    },
  );

  setHandler(
    claimTaskUpdate,
    ({ taskId, actor }) => {
      const task = openTask(ex, taskId);
      task.assignee = actor.username;
      task.changes.push({
        taskId,
        action: 'claim',
        actor: actor.username,
        actorDepartment: actor.departmentCode,
        assignee: actor.username,
      });
      return view(task);
    },
    {
      validator: ({ taskId, actor }) => {
        const task = openTask(ex, taskId);
        if (task.assignee && task.assignee !== actor.username)
          throw rejected('Conflict', `任务已由 ${task.assignee} 认领`);
        requireActor(actor, task);
      },
    },
  );

  setHandler(
    unclaimTaskUpdate,
    ({ taskId, actor }) => {
      const task = openTask(ex, taskId);
      task.assignee = undefined;
      task.changes.push({
        taskId,
        action: 'unclaim',
        actor: actor.username,
        actorDepartment: actor.departmentCode,
        assignee: null,
      });
      return view(task);
    },
    {
      validator: ({ taskId, actor }) => {
        const task = openTask(ex, taskId);
        if (!task.assignee) throw rejected('Conflict', '任务尚未被认领');
        const supervisor = supervisesTask(actor, task);
        if (task.assignee !== actor.username && !supervisor)
          throw rejected('Forbidden', '只有认领人或部门负责人可以退回认领');
      },
    },
  );

  setHandler(
    reassignTaskUpdate,
    ({ taskId, actor, reason, toDepartment, toUser }) => {
      const task = openTask(ex, taskId);
      if (toDepartment) task.department = toDepartment;
      task.assignee = toUser;
      addDepartment(ex, task.department);
      task.changes.push({
        taskId,
        action: 'reassign',
        actor: actor.username,
        actorDepartment: actor.departmentCode,
        department: task.department,
        assignee: toUser ?? null,
        reason,
      });
      return view(task);
    },
    {
      validator: ({ taskId, actor, reason, toDepartment, toUser }) => {
        const task = openTask(ex, taskId);
        if (!reason || !reason.trim()) throw rejected('BadRequest', '改派必须说明理由');
        if (!toDepartment && !toUser) throw rejected('BadRequest', '改派需指定目标部门或人员');
        const supervisor = supervisesTask(actor, task);
        if (!supervisor) throw rejected('Forbidden', '只有联席办或本部门负责人可以改派任务');
        if (toDepartment && toDepartment !== task.department && !actor.isOffice) {
          throw rejected('Forbidden', '改派到其他部门需由联席会议办公室操作');
        }
      },
    },
  );

  setHandler(
    retryIncidentUpdate,
    ({ incidentId, actor }) => {
      const incident = ex.incidents.get(incidentId)!;
      incident.retried = true;
      incident.retriedBy = actor.username;
    },
    {
      validator: ({ incidentId, actor }) => {
        const incident = ex.incidents.get(incidentId);
        if (!incident || incident.retried)
          throw rejected('NotFound', `故障 ${incidentId} 不存在或已处理`);
        const starterAdmin =
          actor.role === 'dept_admin' && actor.departmentCode === ex.startedBy.departmentCode;
        if (!actor.isOffice && !starterAdmin)
          throw rejected('Forbidden', '只有联席办或发起部门负责人可以重试故障');
      },
    },
  );
}
