import type { Principal } from '../auth/roles';
import type { Actor, TaskView } from '../../workflows/interpreter/contract';

/** The caller as the workflow sees it. */
export const actorOf = (p: Principal): Actor => ({
  username: p.username,
  departmentCode: p.departmentCode,
  role: p.role,
  isOffice: p.isOffice,
});

/** Roles that may act on a task meant for a role (mirrors the workflow's own rule). */
const ROLE_COVERS: Record<string, string[]> = {
  dept_admin: ['dept_admin', 'dept_officer', 'inspector'],
  dept_officer: ['dept_officer', 'inspector'],
  inspector: ['inspector'],
  office: ['office'],
};

type TaskRights = Pick<TaskView, 'department' | 'role' | 'assignee' | 'candidateGroups'>;

/** Departments a task belongs to: its own and its candidate groups. */
export function taskDepartments(task: TaskRights): string[] {
  return [task.department, ...(task.candidateGroups ?? [])].filter((d): d is string => !!d);
}

/**
 * Whether a principal may work on a task: the office always; else the assignee, or the task's
 * department with a covering role. The workflow re-checks this when the update arrives.
 */
export function mayWorkOn(p: Principal, task: TaskRights): boolean {
  if (p.isOffice) return true;
  if (task.assignee) return task.assignee === p.username;
  const departments = taskDepartments(task);
  if (departments.length > 0 && !departments.includes(p.departmentCode)) return false;
  return !task.role || (ROLE_COVERS[p.role] ?? []).includes(task.role);
}

/** Whether a principal may see a task: office, its departments, or its assignee. */
export function maySee(p: Principal, task: TaskRights): boolean {
  return (
    p.isOffice || task.assignee === p.username || taskDepartments(task).includes(p.departmentCode)
  );
}
