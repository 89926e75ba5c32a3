import {
  type BoundaryEvent,
  type EscalationSpec,
  type FlowElement,
} from '../../../../workflows/definition/types';
import { attr } from '../extensions';
import type { ModdleElement } from '../types';
import { TimerCompiler } from './timers';
import type { ElementBaseFields } from './base';

/** Start, end, intermediate and boundary events, with their message, escalation and timer definitions. */
export abstract class EventCompiler extends TimerCompiler {
  protected startEvent(
    el: ModdleElement,
    base: ElementBaseFields,
    isRoot: boolean,
  ): FlowElement | undefined {
    const def = this.eventDefinition(el, isRoot ? ['bpmn:TimerEventDefinition'] : []);
    if (def === null) return undefined;
    if (!def) return { ...base, type: 'startEvent' };
    const timer = this.timer(el, def, false);
    return { ...base, type: 'startEvent', ...(timer && 'kind' in timer ? { timer } : {}) };
  }

  protected endEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
    const def = this.eventDefinition(el, [
      'bpmn:TerminateEventDefinition',
      'bpmn:EscalationEventDefinition',
    ]);
    if (def === null) return undefined;
    const escalation =
      def?.$type === 'bpmn:EscalationEventDefinition' ? this.escalation(el, def) : undefined;
    return {
      ...base,
      type: 'endEvent',
      terminate: def?.$type === 'bpmn:TerminateEventDefinition',
      ...(escalation ? { escalation } : {}),
    };
  }

  protected throwEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
    const def = this.eventDefinition(el, ['bpmn:EscalationEventDefinition']);
    if (def === null) return undefined;
    const escalation = def ? this.escalation(el, def) : undefined;
    return { ...base, type: 'intermediateThrowEvent', ...(escalation ? { escalation } : {}) };
  }

  protected catchEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
    const def = this.eventDefinition(el, [
      'bpmn:TimerEventDefinition',
      'bpmn:MessageEventDefinition',
    ]);
    if (def === null) return undefined;
    if (!def) {
      this.error(
        el,
        'missing-attribute',
        '中间捕获事件需要定时器或消息 catch event needs a timer or message definition',
      );
      return undefined;
    }
    if (def.$type === 'bpmn:MessageEventDefinition') {
      return { ...base, type: 'intermediateCatchEvent', message: this.message(el, def) };
    }
    const timer = this.timer(el, def, false);
    return {
      ...base,
      type: 'intermediateCatchEvent',
      ...(timer && 'kind' in timer ? { timer } : {}),
    };
  }

  protected boundaryEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
    const def = this.eventDefinition(el, [
      'bpmn:TimerEventDefinition',
      'bpmn:EscalationEventDefinition',
      'bpmn:MessageEventDefinition',
    ]);
    if (def === null) return undefined;
    if (!def) {
      this.error(
        el,
        'missing-attribute',
        '边界事件需要事件定义 boundary event needs a timer, escalation or message',
      );
      return undefined;
    }
    const cancelActivity = el.cancelActivity !== false;
    const event: BoundaryEvent = {
      ...base,
      type: 'boundaryEvent',
      attachedTo: el.attachedToRef?.id ?? '',
      cancelActivity,
    };
    if (def.$type === 'bpmn:TimerEventDefinition') {
      const timer = this.timer(el, def, !cancelActivity);
      if (timer && 'every' in timer) event.cycle = timer;
      else if (timer) event.timer = timer;
    } else if (def.$type === 'bpmn:MessageEventDefinition') {
      event.message = this.message(el, def);
    } else {
      event.escalationCode = attr(def.escalationRef, 'escalationCode') ?? null;
    }
    return event;
  }

  protected message(el: ModdleElement, def: ModdleElement): string {
    const name = attr(def.messageRef, 'name') ?? def.messageRef?.id;
    if (!name)
      this.error(
        el,
        'missing-attribute',
        '消息事件缺少 messageRef message event has no message (messageRef)',
      );
    return name ?? '';
  }

  protected escalation(el: ModdleElement, def: ModdleElement): EscalationSpec | undefined {
    const ref: ModdleElement | undefined = def.escalationRef;
    const code = attr(ref, 'escalationCode');
    if (!code) {
      this.error(
        el,
        'missing-attribute',
        '升级事件缺少 escalationCode escalation event needs escalationRef to a <bpmn:escalation escalationCode="…">',
      );
      return undefined;
    }
    const spec: EscalationSpec = {
      code,
      target: attr(def, 'jc:target') ?? attr(ref, 'jc:target') ?? 'office',
    };
    const rule = attr(def, 'jc:rule') ?? attr(ref, 'jc:rule');
    if (rule) spec.rule = rule;
    if (ref?.name) spec.name = String(ref.name);
    return spec;
  }
}
