import type { Scope } from '../../../../workflows/definition/types';
import { err, type Sink } from './sink';

/** unreachable-node: everything must be reachable from a start event (or a reachable host's boundary). */
export function checkReachability(scope: Scope, sink: Sink): void {
  const seen = new Set<string>();
  const queue = [...scope.startIds];
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    const el = scope.elements[id];
    if (!el) continue;
    seen.add(id);
    for (const flowId of el.outgoing) {
      const flow = scope.flows[flowId];
      if (flow) queue.push(flow.targetId);
    }
    queue.push(...el.boundary);
  }
  for (const el of Object.values(scope.elements)) {
    if (!seen.has(el.id)) {
      err(
        sink,
        el.id,
        'unreachable-node',
        '从开始事件无法到达该元素 element cannot be reached from any start event',
      );
    }
  }
}
