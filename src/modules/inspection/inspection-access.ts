import { ConflictException, ForbiddenException } from '@nestjs/common';
import { requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import type { Inspection, InspectionStatus } from './entities';

/** Roles that do a department's steps. */
export const DEPARTMENT_ROLES = ['dept_officer', 'dept_admin'] as const;

/** The initiating department's officer or head (or the office). */
export function requireInitiator(principal: Principal, inspection: Inspection): void {
  requireRole(principal, 'office', ...DEPARTMENT_ROLES);
  if (principal.isOffice || principal.departmentCode === inspection.initiatingDepartment) return;
  throw new ForbiddenException(
    `只有发起部门 ${inspection.initiatingDepartment} 可以办理此步骤 / initiating department only`,
  );
}

/** A participating department acting for itself (the office may act for any). */
export function requireParticipant(
  principal: Principal,
  inspection: Inspection,
  departmentCode: string,
  roles: readonly string[] = DEPARTMENT_ROLES,
): void {
  requireRole(principal, 'office', ...(roles as Principal['role'][]));
  if (!principal.isOffice && principal.departmentCode !== departmentCode)
    throw new ForbiddenException(
      `${principal.username} 属于 ${principal.departmentCode}，不能办理部门 ${departmentCode} 的事项`,
    );
  if (!inspection.departments.includes(departmentCode))
    throw new ForbiddenException(
      `部门 ${departmentCode} 不是任务 ${inspection.code} 的参与部门（${inspection.departments.join('、')}）`,
    );
}

/** The office or a department taking part may read the task. */
export function requireVisible(principal: Principal, inspection: Inspection): void {
  if (principal.isOffice || inspection.departments.includes(principal.departmentCode)) return;
  throw new ForbiddenException(`无权查看任务 ${inspection.code}：贵部门未参与 / not a participant`);
}

/** An archived or cancelled task is read-only. */
export function requireWritable(inspection: Inspection): void {
  if (inspection.status === 'archived' || inspection.status === 'cancelled')
    throw new ConflictException(
      `任务 ${inspection.code} 已${inspection.status === 'archived' ? '归档' : '撤销'}，只读 / read-only`,
    );
}

export function requireStatus(inspection: Inspection, ...allowed: InspectionStatus[]): void {
  requireWritable(inspection);
  if (!allowed.includes(inspection.status))
    throw new ConflictException(
      `任务 ${inspection.code} 当前处于“${inspection.status}”阶段，不能办理此步骤 / wrong stage`,
    );
}
