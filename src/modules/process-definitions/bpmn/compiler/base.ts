import type { BpmnIssue, ModdleElement } from '../types';

/** Issue collection and the helpers every element compiler uses. */
export abstract class CompilerBase {
  readonly errors: BpmnIssue[] = [];
  readonly warnings: BpmnIssue[] = [];

  error(el: ModdleElement | undefined, rule: string, message: string): void {
    this.errors.push({ elementId: el?.id, rule, message });
  }

  warn(el: ModdleElement | undefined, rule: string, message: string): void {
    this.warnings.push({ elementId: el?.id, rule, message });
  }

  protected unsupported(el: ModdleElement, what: string): void {
    this.error(
      el,
      'unsupported-element',
      `不支持的元素 ${what} is not in the supported subset (see docs/bpmn.md "Supported elements")`,
    );
  }

  /** The single event definition of an event, or undefined for a none event. */
  protected eventDefinition(
    el: ModdleElement,
    allowed: string[],
  ): ModdleElement | undefined | null {
    const defs: ModdleElement[] = el.eventDefinitions ?? [];
    if (defs.length === 0) return undefined;
    if (defs.length > 1) {
      this.error(
        el,
        'unsupported-element',
        '一个事件只能有一个事件定义 multiple event definitions on one event',
      );
      return null;
    }
    if (!allowed.includes(defs[0].$type)) {
      this.unsupported(el, `${el.$type} with ${defs[0].$type}`);
      return null;
    }
    return defs[0];
  }

  protected positiveInteger(
    el: ModdleElement,
    name: string,
    value: string | undefined,
  ): number | undefined {
    if (value === undefined) return undefined;
    if (/^[1-9]\d{0,8}$/.test(value)) return Number(value);
    this.error(el, 'bad-attribute', `${name}="${value}" 无效 must be a whole number ≥ 1`);
    return undefined;
  }
}

export type ElementBaseFields = {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  boundary: string[];
};
