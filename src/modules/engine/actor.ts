import type { Principal } from '../auth/roles';
import type { Actor, TaskView } from '../../workflows/interpreter/contract';
import { mayActOnTask, taskDepartments } from '../../workflows/shared/task-roles';

export { taskDepartments };

/** The caller as the workflow sees it. */
export const actorOf = (p: Principal): Actor => ({
  username: p.username,
  departmentCode: p.departmentCode,
  role: p.role,
  isOffice: p.isOffice,
});

type TaskRights = Pick<TaskView, 'department' | 'role' | 'assignee' | 'candidateGroups'>;

/**
 * Whether a principal may work on a task: the office always; else the assignee, or the task's
 * department with a covering role. The same rule as the workflow's (src/workflows/shared/
 * task-roles.ts), which re-checks it when the update arrives.
 */
export function mayWorkOn(p: Principal, task: TaskRights): boolean {
  return mayActOnTask(p, task);
}

/** Whether a principal may see a task: office, its departments, or its assignee. */
export function maySee(p: Principal, task: TaskRights): boolean {
  return (
    p.isOffice || task.assignee === p.username || taskDepartments(task).includes(p.departmentCode)
  );
}
