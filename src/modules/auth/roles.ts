/**
 * Roles: the joint-meeting office (联席会议办公室) sees and acts everywhere; department admins
 * (部门负责人) approve within their department; officers (经办人) do its steps; inspectors (检查人员)
 * see their assignments.
 */
export const ROLES = ['office', 'dept_admin', 'dept_officer', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as carried in the access token. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  departmentCode: string;
  /** True for the joint-meeting office: may act for any department. */
  isOffice: boolean;
}

/** The system itself, for audit entries written by workflows and schedules. */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: 'system',
  username: 'system',
  role: 'office',
  departmentCode: 'system',
  isOffice: true,
};
