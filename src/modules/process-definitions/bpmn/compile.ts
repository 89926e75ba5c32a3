/**
 * Stage 2 of the BPMN pipeline: moddle tree → CompiledDefinition (the flat, JSON-serialisable
 * graph the interpreter runs). Lenient by design: everything it cannot represent becomes an
 * issue naming the element and the rule, and compilation carries on so one pass reports all
 * problems. Graph-level checks (reachability, gateways, variables) live in validate.ts.
 *
 * The compiler is one class built in layers, one file per kind of element, each extending the
 * one before: compiler/base.ts (issues, shared helpers) → timers.ts → events.ts → tasks.ts →
 * mappings.ts (mappings, multi-instance) → Compiler here (process, scopes, flows, dispatch).
 * A layer may call only what the layers before it define.
 */
import {
  COMPILED_FORMAT_VERSION,
  type CompiledDefinition,
  type FlowElement,
  type Scope,
  type SequenceFlow,
} from '../../../workflows/definition/types';
import { isTemplate, unwrapExpression } from '../../../workflows/interpreter/expression';
import type { ElementBaseFields } from './compiler/base';
import { MappingCompiler } from './compiler/mappings';
import { attr, body, list } from './extensions';
import type { BpmnIssue, ModdleElement } from './types';

export interface CompileResult {
  definition?: CompiledDefinition;
  /** The bpmn:Process that was compiled (for bpmnlint and the validator). */
  process?: ModdleElement;
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

/** Moddle types we deliberately skip: they carry no execution semantics for us. */
const IGNORED_TYPES = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
]);

class Compiler extends MappingCompiler {
  definition(defs: ModdleElement): CompileResult {
    const process = this.pickProcess(defs);
    if (!process) return { errors: this.errors, warnings: this.warnings };
    if (!process.id) this.error(process, 'missing-attribute', '流程缺少 id process has no id');
    const reminderDays = attr(process, 'jc:reminderDays');
    const definition: CompiledDefinition = {
      formatVersion: COMPILED_FORMAT_VERSION,
      key: process.id ?? '',
      variables: list(attr(process, 'jc:variables')),
      root: this.scope(process, true),
    };
    if (process.name) definition.name = process.name;
    if (reminderDays !== undefined) definition.reminders = this.reminders(process, reminderDays);
    return { definition, process, errors: this.errors, warnings: this.warnings };
  }

  /** The only process, or the only executable one when a collaboration has several pools. */
  private pickProcess(defs: ModdleElement): ModdleElement | undefined {
    const processes = (defs.rootElements ?? []).filter(
      (e: ModdleElement) => e.$type === 'bpmn:Process',
    );
    if (processes.length === 0) {
      this.error(defs, 'process-required', '没有流程 the file contains no <bpmn:process>');
      return undefined;
    }
    if (processes.length === 1) return processes[0];
    const executable = processes.filter((p: ModdleElement) => p.isExecutable);
    if (executable.length === 1) return executable[0];
    this.error(
      defs,
      'process-required',
      `文件包含 ${processes.length} 个流程 the file has ${processes.length} processes; exactly one must be isExecutable="true"`,
    );
    return undefined;
  }

  protected scope(container: ModdleElement, isRoot: boolean): Scope {
    const scope: Scope = { id: container.id ?? '', elements: {}, flows: {}, startIds: [] };
    const nodes: ModdleElement[] = container.flowElements ?? [];
    for (const el of nodes) {
      if (el.$type === 'bpmn:SequenceFlow') this.flow(scope, el);
    }
    for (const el of nodes) {
      if (el.$type === 'bpmn:SequenceFlow' || IGNORED_TYPES.has(el.$type)) continue;
      const compiled = this.element(el, isRoot);
      if (!compiled) continue;
      scope.elements[compiled.id] = compiled;
      if (compiled.type === 'startEvent') scope.startIds.push(compiled.id);
    }
    // sourceRef/targetRef are authoritative; <bpmn:incoming>/<bpmn:outgoing> are optional in XML.
    for (const flow of Object.values(scope.flows)) {
      scope.elements[flow.sourceId]?.outgoing.push(flow.id);
      scope.elements[flow.targetId]?.incoming.push(flow.id);
    }
    for (const el of Object.values(scope.elements)) {
      if (el.type !== 'boundaryEvent') continue;
      const host = scope.elements[el.attachedTo];
      if (host) host.boundary.push(el.id);
    }
    return scope;
  }

  protected flow(scope: Scope, el: ModdleElement): void {
    const flow: SequenceFlow = {
      id: el.id ?? '',
      sourceId: el.sourceRef?.id ?? '',
      targetId: el.targetRef?.id ?? '',
      isDefault: el.sourceRef?.default === el,
    };
    const condition = body(el.conditionExpression);
    if (condition !== undefined) flow.condition = condition;
    scope.flows[flow.id] = flow;
  }

  protected element(el: ModdleElement, isRoot: boolean): FlowElement | undefined {
    const base = {
      id: el.id ?? '',
      incoming: [] as string[],
      outgoing: [] as string[],
      boundary: [] as string[],
      ...(el.name ? { name: String(el.name) } : {}),
    };
    const compiled = this.byType(el, base, isRoot);
    if (!compiled) return undefined;
    this.mappings(el, compiled);
    this.loop(el, compiled);
    return compiled;
  }

  protected byType(
    el: ModdleElement,
    base: ElementBaseFields,
    isRoot: boolean,
  ): FlowElement | undefined {
    switch (el.$type) {
      case 'bpmn:StartEvent':
        return this.startEvent(el, base, isRoot);
      case 'bpmn:EndEvent':
        return this.endEvent(el, base);
      case 'bpmn:UserTask':
        return this.userTask(el, base);
      case 'bpmn:ServiceTask':
        return this.serviceTask(el, base);
      case 'bpmn:CallActivity':
        return this.callActivity(el, base);
      case 'bpmn:SubProcess':
        if (el.triggeredByEvent) {
          this.unsupported(el, 'event sub-process 事件子流程');
          return undefined;
        }
        return { ...base, type: 'subProcess', scope: this.scope(el, false) };
      case 'bpmn:ExclusiveGateway':
        return {
          ...base,
          type: 'exclusiveGateway',
          ...(el.default ? { defaultFlow: el.default.id } : {}),
        };
      case 'bpmn:ParallelGateway':
        return { ...base, type: 'parallelGateway' };
      case 'bpmn:EventBasedGateway':
        return { ...base, type: 'eventBasedGateway' };
      case 'bpmn:IntermediateCatchEvent':
        return this.catchEvent(el, base);
      case 'bpmn:IntermediateThrowEvent':
        return this.throwEvent(el, base);
      case 'bpmn:BoundaryEvent':
        return this.boundaryEvent(el, base);
      default:
        this.unsupported(el, el.$type);
        return undefined;
    }
  }
}

/** Compiles a parsed bpmn:Definitions root. Issues are sorted into errors and warnings. */
export function compileDefinitions(defs: ModdleElement): CompileResult {
  return new Compiler().definition(defs);
}

/** True when a string is an expression rather than a literal (`${…}` or Zeebe `=…`). */
export function isExpressionValue(value: string): boolean {
  return isTemplate(value) || unwrapExpression(value) !== undefined;
}
