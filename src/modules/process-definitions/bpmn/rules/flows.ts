/** Rules flow-to-nowhere and condition-placement (one pass over the flows of a scope). */
import type { Scope } from '../../../../workflows/definition/types';
import { err, type Sink } from './sink';

/** flow-to-nowhere: every sequence flow connects two supported elements of the same scope. */
export function checkFlows(scope: Scope, sink: Sink): void {
  for (const flow of Object.values(scope.flows)) {
    for (const [end, id] of [
      ['source', flow.sourceId],
      ['target', flow.targetId],
    ] as const) {
      if (!scope.elements[id]) {
        err(
          sink,
          flow.id,
          'flow-to-nowhere',
          `顺序流的${end === 'source' ? '起点' : '终点'}无效 sequence flow ${end} "${id || '(none)'}" is missing, unsupported or in another scope`,
        );
      }
    }
    if (
      flow.condition !== undefined &&
      scope.elements[flow.sourceId]?.type !== 'exclusiveGateway'
    ) {
      err(
        sink,
        flow.id,
        'condition-placement',
        '条件只能用于排他网关的出口 conditions are only supported on flows leaving an exclusive gateway',
      );
    }
  }
}
