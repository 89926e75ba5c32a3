import type { FlowElement, Scope } from '../../../../workflows/definition/types';
import { err, warn, type Sink } from './sink';

/** gateway-default-required: an exclusive split whose conditions may all be false needs a default. */
export function checkGateway(scope: Scope, el: FlowElement, sink: Sink): void {
  if (el.type !== 'exclusiveGateway' || el.outgoing.length < 2) return;
  const flows = el.outgoing.map((id) => scope.flows[id]).filter((f) => f !== undefined);
  if (el.defaultFlow === undefined && flows.every((f) => f.condition !== undefined)) {
    err(
      sink,
      el.id,
      'gateway-default-required',
      '排他网关需要默认流：所有条件可能都不成立 exclusive gateway needs a default flow in case no condition is true',
    );
  }
  for (const f of flows) {
    if (!f.isDefault && f.condition === undefined) {
      err(
        sink,
        f.id,
        'gateway-flow-condition',
        '排他网关的非默认出口需要条件 non-default flow leaving an exclusive gateway needs a condition',
      );
    }
    if (f.isDefault && f.condition !== undefined) {
      warn(
        sink,
        f.id,
        'gateway-flow-condition',
        '默认流的条件会被忽略 the condition of a default flow is ignored',
      );
    }
  }
}
