import type { FlowElement } from '../../../../workflows/definition/types';
import { err, type Sink } from './sink';

/** unknown-activity: a service task names a registered activity (when the list is known). */
export function checkUnknownActivity(
  el: FlowElement,
  known: Set<string> | undefined,
  sink: Sink,
): void {
  if (el.type !== 'serviceTask') return;
  if (known && el.activity && !known.has(el.activity)) {
    const list = [...known].sort().join(', ');
    err(
      sink,
      el.id,
      'unknown-activity',
      `未知的活动 unknown activity "${el.activity}" (registered: ${list || 'none'})`,
    );
  }
}
