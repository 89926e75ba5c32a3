import type { FlowElement } from '../../../../workflows/definition/types';
import { isExpressionValue } from '../compile';
import { warn, type Sink } from './sink';

/** unknown-role: jc:role names a known role (warning); the list is KNOWN_ROLES in validate.ts. */
export function checkUserTask(el: FlowElement, knownRoles: readonly string[], sink: Sink): void {
  if (el.type !== 'userTask') return;
  const role = el.assignment.role;
  if (role && !isExpressionValue(role) && !knownRoles.includes(role)) {
    warn(
      sink,
      el.id,
      'unknown-role',
      `未知角色 unknown role "${role}" (known: ${knownRoles.join(', ')})`,
    );
  }
}
