import type { FlowElement, Scope } from '../../../../workflows/definition/types';
import { err, type Sink } from './sink';

/** event-gateway-target: an event-based gateway leads only to timer or message catch events. */
export function checkEventGateway(scope: Scope, el: FlowElement, sink: Sink): void {
  if (el.type !== 'eventBasedGateway') return;
  if (el.outgoing.length < 2) {
    err(
      sink,
      el.id,
      'event-gateway-target',
      '事件网关至少需要两个出口 event-based gateway needs at least two outgoing flows',
    );
  }
  for (const flowId of el.outgoing) {
    const target = scope.elements[scope.flows[flowId]?.targetId ?? ''];
    if (target && target.type !== 'intermediateCatchEvent') {
      err(
        sink,
        target.id,
        'event-gateway-target',
        '事件网关之后必须是定时器或消息捕获事件 an event-based gateway must lead to timer or message catch events',
      );
    }
  }
}
