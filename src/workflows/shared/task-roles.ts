/**
 * Business roles and who may act on a user task: the one rule that the workflow's update
 * validators, the API (src/modules/engine/actor.ts), the BPMN validator (`jc:role`, rule
 * unknown-role) and the auth module (BUSINESS_ROLES) import. Pure, so the workflow may use it.
 *
 * Only business roles are task roles. The separated administrators (auth's ADMIN_ROLES) are never
 * task assignees: no task role covers them.
 */

/**
 * Business roles: the joint-meeting office (联席会议办公室) sees and acts everywhere; department
 * admins (部门负责人) approve within their department; officers (经办人) do its steps; inspectors
 * (检查人员) see their assignments.
 */
export const BUSINESS_ROLES = ['office', 'dept_admin', 'dept_officer', 'inspector'] as const;
export type BusinessRole = (typeof BUSINESS_ROLES)[number];

/** True for a role a user task may name in `jc:role`. */
export function isBusinessRole(role: string): role is BusinessRole {
  return (BUSINESS_ROLES as readonly string[]).includes(role);
}

/** The task roles each role may act on: a department admin may do an officer's task. */
export const ROLE_COVERS: Readonly<Record<BusinessRole, readonly BusinessRole[]>> = {
  office: ['office'],
  dept_admin: ['dept_admin', 'dept_officer', 'inspector'],
  dept_officer: ['dept_officer', 'inspector'],
  inspector: ['inspector'],
};

/** Whether someone with `actorRole` covers a task meant for `taskRole` (no task role: anyone). */
export function roleCovers(actorRole: string, taskRole: string | undefined): boolean {
  if (!taskRole) return true;
  return isBusinessRole(actorRole) && ROLE_COVERS[actorRole].includes(taskRole as BusinessRole);
}

/** The caller as far as task rights go (auth's Principal and the workflow's Actor both fit). */
export interface TaskActor {
  username: string;
  departmentCode: string;
  role: string;
  isOffice: boolean;
}

/** The fields of a task that decide who may act on it. */
export interface TaskRights {
  department?: string | null;
  role?: string | null;
  assignee?: string | null;
  candidateGroups?: string[] | null;
}

/** Departments a task belongs to: its own and its candidate groups. */
export function taskDepartments(task: TaskRights): string[] {
  return [task.department, ...(task.candidateGroups ?? [])].filter((d): d is string => !!d);
}

/**
 * Whether the actor may work on (claim, complete) the task: the office always; else the assignee
 * only, when there is one; else the task's departments (if any) with a role covering the task's.
 */
export function mayActOnTask(actor: TaskActor, task: TaskRights): boolean {
  if (actor.isOffice) return true;
  if (task.assignee) return task.assignee === actor.username;
  const departments = taskDepartments(task);
  if (departments.length > 0 && !departments.includes(actor.departmentCode)) return false;
  return roleCovers(actor.role, task.role ?? undefined);
}

/**
 * Whether the actor supervises the task (may take back another's claim, reassign it): the office,
 * or the admin of the task's department.
 */
export function supervisesTask(actor: TaskActor, task: TaskRights): boolean {
  return (
    actor.isOffice || (actor.role === 'dept_admin' && actor.departmentCode === task.department)
  );
}
