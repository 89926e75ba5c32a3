import { upsertSearchAttributes } from '@temporalio/workflow';
import type { InstanceStatus } from './contract';
import type { Execution } from './execution';

/**
 * Search attributes that make instances listable by definition key, business key, department,
 * status and overdue without reading histories.
 */
export function setStatus(ex: Execution, status: InstanceStatus): void {
  if (ex.status === status) return;
  ex.status = status;
  upsertSearchAttributes({ JcStatus: [status] });
}

export function addDepartment(ex: Execution, department: string | undefined): void {
  if (!department || ex.departments.has(department)) return;
  ex.departments.add(department);
  upsertSearchAttributes({ JcDepartments: [...ex.departments].sort() });
}

export function markOverdue(ex: Execution): void {
  if (ex.overdue) return;
  ex.overdue = true;
  upsertSearchAttributes({ JcOverdue: [true] });
}

export function initialSearchAttributes(ex: Execution): void {
  const attrs: Record<string, string[] | boolean[]> = {
    JcDefinitionKey: [ex.definitionKey],
    JcStatus: [ex.status],
    JcOverdue: [false],
    JcDepartments: [...ex.departments].sort(),
  };
  if (ex.businessKey) attrs.JcBusinessKey = [ex.businessKey];
  upsertSearchAttributes(attrs);
}
