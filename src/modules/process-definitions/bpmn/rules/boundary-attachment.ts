import type { FlowElement, Scope } from '../../../../workflows/definition/types';
import { err, type Sink } from './sink';

/** boundary-attachment: escalations are caught on sub-processes and call activities only. */
export function checkBoundary(scope: Scope, el: FlowElement, sink: Sink): void {
  if (el.type !== 'boundaryEvent') return;
  const host = scope.elements[el.attachedTo];
  if (!host) {
    err(
      sink,
      el.id,
      'boundary-attachment',
      `边界事件附着的元素不存在 attached element "${el.attachedTo}" is missing or unsupported`,
    );
    return;
  }
  if (
    el.escalationCode !== undefined &&
    host.type !== 'subProcess' &&
    host.type !== 'callActivity'
  ) {
    err(
      sink,
      el.id,
      'boundary-attachment',
      '升级边界事件只能附着在子流程或调用活动上 escalation boundary events attach to sub-processes or call activities',
    );
  }
}
