import { ForbiddenException } from '@nestjs/common';
import { Principal, Role, roleLabel } from './roles';

/**
 * The one access check every department-scoped service method begins with: a principal acts
 * only for its own department unless it is the joint-meeting office.
 */
export function requireDepartment(principal: Principal, departmentCode: string): void {
  if (principal.isOffice) return;
  if (principal.departmentCode !== departmentCode) {
    throw new ForbiddenException(
      `无权操作其他部门的数据：您属于 ${principal.departmentCode}，目标部门为 ${departmentCode}`,
    );
  }
}

export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (principal.isOffice && roles.includes('office')) return;
  if (!roles.includes(principal.role)) {
    throw new ForbiddenException(
      `此操作仅限 ${roles.map(roleLabel).join('、')}；当前角色为 ${roleLabel(principal.role)}`,
    );
  }
}

export function requireOffice(principal: Principal): void {
  if (!principal.isOffice) throw new ForbiddenException('此操作仅限联席会议办公室');
}
