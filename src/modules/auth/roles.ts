import { BUSINESS_ROLES, type BusinessRole } from '../../workflows/shared/task-roles';

/**
 * Business roles (office, dept_admin, dept_officer, inspector): defined with the rule of who may
 * act on a task in src/workflows/shared/task-roles.ts, which the workflow imports too.
 */
export { BUSINESS_ROLES, type BusinessRole };

/**
 * Separated administration (三员分立, MLPS 2.0 level 3): the system administrator (系统管理员:
 * users, departments, configuration), the security administrator (安全管理员: roles, lockouts,
 * two-factor policy) and the audit administrator (审计管理员: reads and verifies the audit log).
 * None of them is a business role and none can do another's job.
 */
export const ADMIN_ROLES = ['sys_admin', 'sec_admin', 'audit_admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ROLES = [...BUSINESS_ROLES, ...ADMIN_ROLES] as const;
export type Role = (typeof ROLES)[number];

export function isAdminRole(role: string): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

/** The authenticated caller, as carried in the access token. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  departmentCode: string;
  /** True for the joint-meeting office: may act for any department. */
  isOffice: boolean;
  /** The sign-in session the request's token belongs to (absent for system principals). */
  sessionId?: string;
  /**
   * What the account must do before anything else: change the password an administrator set,
   * then enrol in two-factor sign-in where the policy requires it. Empty when nothing is owed.
   */
  pending?: PendingStep[];
}

export const PENDING_STEPS = ['password-change', 'two-factor-enrolment'] as const;
export type PendingStep = (typeof PENDING_STEPS)[number];

/** The system itself, for audit entries written by workflows and schedules. */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: 'system',
  username: 'system',
  role: 'office',
  departmentCode: 'system',
  isOffice: true,
};

/** Role names as officials read them, for messages and pages. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  office: '联席会议办公室',
  dept_admin: '部门负责人',
  dept_officer: '部门经办人',
  inspector: '执法检查人员',
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
};

/** `联席会议办公室（office）` */
export function roleLabel(role: Role): string {
  return `${ROLE_LABELS[role] ?? role}（${role}）`;
}
