/**
 * Stage 2 of the BPMN pipeline: moddle tree → CompiledDefinition (the flat, JSON-serialisable
 * graph the interpreter runs). Lenient by design: everything it cannot represent becomes an
 * issue naming the element and the rule, and compilation carries on so one pass reports all
 * problems. Graph-level checks (reachability, gateways, variables) live in validate.ts.
 */
import {
  COMPILED_FORMAT_VERSION,
  type Assignment,
  type BoundaryEvent,
  type CompiledDefinition,
  type CycleSpec,
  type EscalationSpec,
  type FlowElement,
  type FormSpec,
  type MultiInstanceSpec,
  type ReminderPolicy,
  type RetryPolicySpec,
  type Scope,
  type SequenceFlow,
  type TimerSpec,
  type UserTask,
  type ServiceTask,
  type CallActivity,
} from '../../../workflows/definition/types';
import { isTemplate, unwrapExpression } from '../../../workflows/interpreter/expression';
import {
  CAMUNDA_URI,
  attr,
  body,
  extension,
  foreignAttr,
  inputMappings,
  list,
  outputMappings,
} from './extensions';
import { parseRepeatingInterval } from './iso-duration';
import type { BpmnIssue, ModdleElement } from './parse';

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

const MULTI_INSTANCE_HOSTS = new Set(['userTask', 'subProcess', 'callActivity']);

class Compiler {
  readonly errors: BpmnIssue[] = [];
  readonly warnings: BpmnIssue[] = [];

  error(el: ModdleElement | undefined, rule: string, message: string): void {
    this.errors.push({ elementId: el?.id, rule, message });
  }

  warn(el: ModdleElement | undefined, rule: string, message: string): void {
    this.warnings.push({ elementId: el?.id, rule, message });
  }

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

  private scope(container: ModdleElement, isRoot: boolean): Scope {
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

  private flow(scope: Scope, el: ModdleElement): void {
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

  private element(el: ModdleElement, isRoot: boolean): FlowElement | undefined {
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

  private byType(
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

  private unsupported(el: ModdleElement, what: string): void {
    this.error(
      el,
      'unsupported-element',
      `不支持的元素 ${what} is not in the supported subset (see docs/bpmn.md "Supported elements")`,
    );
  }

  /** The single event definition of an event, or undefined for a none event. */
  private eventDefinition(el: ModdleElement, allowed: string[]): ModdleElement | undefined | null {
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

  private startEvent(
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

  private endEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
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

  private throwEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
    const def = this.eventDefinition(el, ['bpmn:EscalationEventDefinition']);
    if (def === null) return undefined;
    const escalation = def ? this.escalation(el, def) : undefined;
    return { ...base, type: 'intermediateThrowEvent', ...(escalation ? { escalation } : {}) };
  }

  private catchEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
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

  private boundaryEvent(el: ModdleElement, base: ElementBaseFields): FlowElement | undefined {
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

  private message(el: ModdleElement, def: ModdleElement): string {
    const name = attr(def.messageRef, 'name') ?? def.messageRef?.id;
    if (!name)
      this.error(
        el,
        'missing-attribute',
        '消息事件缺少 messageRef message event has no message (messageRef)',
      );
    return name ?? '';
  }

  private escalation(el: ModdleElement, def: ModdleElement): EscalationSpec | undefined {
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

  /**
   * A timer definition: jc:workingDays, timeDuration or timeDate (exactly one), or a cycle
   * (timeCycle R<n>/<duration>, or jc:repeat with one of the former) when `allowCycle`.
   */
  private timer(
    el: ModdleElement,
    def: ModdleElement,
    allowCycle: boolean,
  ): TimerSpec | CycleSpec | undefined {
    const workingDays = attr(def, 'jc:workingDays');
    const duration = body(def.timeDuration);
    const date = body(def.timeDate);
    const cycle = body(def.timeCycle);
    const repeat = attr(def, 'jc:repeat');
    const given = [workingDays, duration, date, cycle].filter((v) => v !== undefined).length;
    if (given === 0) {
      this.error(
        el,
        'missing-attribute',
        '定时器未设置时间 timer needs timeDuration, timeDate, timeCycle or jc:workingDays',
      );
      return undefined;
    }
    if (given > 1) {
      this.error(
        el,
        'conflicting-attributes',
        '定时器只能设置一种时间 timer has more than one of timeDuration, timeDate, timeCycle, jc:workingDays',
      );
      return undefined;
    }
    if ((cycle !== undefined || repeat !== undefined) && !allowCycle) {
      this.error(
        el,
        'timer-cycle-placement',
        '循环定时器只能用于非中断边界事件 a repeating timer is only allowed on a non-interrupting boundary event',
      );
      return undefined;
    }
    const nextWorkingDay = attr(def, 'jc:nextWorkingDay') === 'true';
    const spec: TimerSpec =
      workingDays !== undefined
        ? { kind: 'workingDays', value: workingDays }
        : duration !== undefined
          ? { kind: 'duration', value: duration }
          : { kind: 'date', value: date ?? '', ...(nextWorkingDay ? { nextWorkingDay } : {}) };
    if (cycle !== undefined) return this.isoCycle(el, cycle);
    if (repeat !== undefined) return this.repeat(el, repeat, spec);
    return spec;
  }

  private isoCycle(el: ModdleElement, cycle: string): CycleSpec | undefined {
    try {
      const { repetitions, duration } = parseRepeatingInterval(cycle);
      return {
        ...(repetitions !== undefined ? { repetitions } : {}),
        every: { kind: 'duration', value: duration },
      };
    } catch (e) {
      this.error(el, 'bad-duration', (e as Error).message);
      return undefined;
    }
  }

  private repeat(el: ModdleElement, repeat: string, every: TimerSpec): CycleSpec | undefined {
    const m = /^R(\d*)$/i.exec(repeat);
    if (!m || every.kind === 'date' || m[1] === '0') {
      this.error(
        el,
        'bad-duration',
        `jc:repeat="${repeat}" 无效 invalid; expected R<n> (e.g. R3) or R, with jc:workingDays or timeDuration`,
      );
      return undefined;
    }
    return { ...(m[1] ? { repetitions: Number(m[1]) } : {}), every };
  }

  private userTask(el: ModdleElement, base: ElementBaseFields): FlowElement {
    const zeebeAssign = extension(el, 'zeebe:AssignmentDefinition');
    const zeebeSchedule = extension(el, 'zeebe:TaskSchedule');
    const assignment: Assignment = {};
    const department = attr(el, 'jc:department');
    const role = attr(el, 'jc:role');
    const user =
      attr(el, 'jc:user') ?? attr(el, 'camunda:assignee') ?? attr(zeebeAssign, 'assignee');
    const groups = list(
      attr(el, 'camunda:candidateGroups') ?? attr(zeebeAssign, 'candidateGroups'),
    );
    if (department) assignment.department = department;
    if (role) assignment.role = role;
    if (user) assignment.user = user;
    if (groups.length) assignment.candidateGroups = groups;
    if (!department && !role && !user && !groups.length) {
      this.error(
        el,
        'missing-attribute',
        '用户任务未指定办理人 user task needs jc:department / jc:role, jc:user, or camunda:candidateGroups / camunda:assignee',
      );
    }
    const task: UserTask = { ...base, type: 'userTask', assignment };
    const subject = attr(el, 'jc:subject');
    if (subject) task.subject = subject;
    const due = this.due(el, zeebeSchedule);
    if (due) task.due = due;
    const followUp = attr(el, 'camunda:followUpDate') ?? attr(zeebeSchedule, 'followUpDate');
    if (followUp) task.followUp = { kind: 'date', value: followUp };
    const form = this.form(el);
    if (form) task.form = form;
    const reminderDays = attr(el, 'jc:reminderDays');
    if (reminderDays !== undefined) task.reminders = this.reminders(el, reminderDays);
    return task;
  }

  private due(el: ModdleElement, zeebeSchedule: ModdleElement | undefined): TimerSpec | undefined {
    const dueDate =
      attr(el, 'jc:dueDate') ??
      foreignAttr(el, CAMUNDA_URI, 'dueDate') ??
      attr(zeebeSchedule, 'dueDate');
    const options: TimerSpec[] = [];
    const workingDays = attr(el, 'jc:dueWorkingDays');
    const duration = attr(el, 'jc:dueDuration');
    if (workingDays) options.push({ kind: 'workingDays', value: workingDays });
    if (duration) options.push({ kind: 'duration', value: duration });
    if (dueDate) {
      const next = attr(el, 'jc:dueNextWorkingDay') === 'true';
      options.push({ kind: 'date', value: dueDate, ...(next ? { nextWorkingDay: true } : {}) });
    }
    if (options.length > 1) {
      this.error(
        el,
        'conflicting-attributes',
        '期限只能设置一种 use only one of jc:dueWorkingDays, jc:dueDuration, jc:dueDate',
      );
    }
    return options[0];
  }

  private form(el: ModdleElement): FormSpec | undefined {
    const zeebeForm = extension(el, 'zeebe:FormDefinition');
    const name =
      attr(el, 'jc:form') ??
      attr(el, 'camunda:formKey') ??
      attr(zeebeForm, 'formKey') ??
      attr(zeebeForm, 'formId');
    const schemaText = body(extension(el, 'jc:FormSchema'));
    const form: FormSpec = {};
    if (name) form.name = name;
    if (schemaText !== undefined) {
      try {
        const schema: unknown = JSON.parse(schemaText);
        if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
          throw new Error('not an object');
        form.schema = schema as Record<string, unknown>;
      } catch (e) {
        this.error(
          el,
          'bad-form-schema',
          `jc:formSchema 不是 JSON 对象 is not a JSON object: ${(e as Error).message}`,
        );
      }
    }
    return form.name || form.schema ? form : undefined;
  }

  private reminders(el: ModdleElement, text: string): ReminderPolicy | undefined {
    const days = list(text);
    if (!days.length || days.some((d) => !/^\d+$/.test(d))) {
      this.error(
        el,
        'bad-duration',
        `jc:reminderDays="${text}" 无效 invalid; expected whole working days such as "1,0"`,
      );
      return undefined;
    }
    return { workingDaysBefore: days.map(Number) };
  }

  private serviceTask(el: ModdleElement, base: ElementBaseFields): FlowElement {
    const zeebeTask = extension(el, 'zeebe:TaskDefinition');
    const activity =
      attr(el, 'jc:activity') ?? attr(zeebeTask, 'type') ?? attr(el, 'camunda:topic');
    if (!activity) {
      this.error(
        el,
        'missing-attribute',
        '服务任务缺少 jc:activity service task needs jc:activity (or zeebe:taskDefinition type)',
      );
    }
    const task: ServiceTask = { ...base, type: 'serviceTask', activity: activity ?? '' };
    const resultVariable = attr(el, 'jc:result') ?? attr(el, 'camunda:resultVariable');
    if (resultVariable) task.resultVariable = resultVariable;
    const retry = this.retry(el, attr(zeebeTask, 'retries'));
    if (retry) task.retry = retry;
    const timeout = attr(el, 'jc:timeout');
    if (timeout) task.timeout = timeout;
    return task;
  }

  private positiveInteger(
    el: ModdleElement,
    name: string,
    value: string | undefined,
  ): number | undefined {
    if (value === undefined) return undefined;
    if (/^[1-9]\d{0,8}$/.test(value)) return Number(value);
    this.error(el, 'bad-attribute', `${name}="${value}" 无效 must be a whole number ≥ 1`);
    return undefined;
  }

  private retry(el: ModdleElement, zeebeRetries: string | undefined): RetryPolicySpec | undefined {
    const retry: RetryPolicySpec = {};
    const attempts = attr(el, 'jc:retryMaxAttempts') ?? zeebeRetries;
    if (attempts !== undefined) {
      if (!/^\d+$/.test(attempts) || Number(attempts) < 1) {
        this.error(
          el,
          'bad-attribute',
          `重试次数无效 retry attempts "${attempts}" must be a whole number ≥ 1`,
        );
      } else retry.maximumAttempts = Number(attempts);
    }
    const initial = attr(el, 'jc:retryInitialInterval');
    if (initial) retry.initialInterval = initial;
    const backoff = attr(el, 'jc:retryBackoff');
    if (backoff !== undefined) {
      if (!(Number(backoff) >= 1))
        this.error(el, 'bad-attribute', `jc:retryBackoff="${backoff}" must be a number ≥ 1`);
      else retry.backoffCoefficient = Number(backoff);
    }
    const max = attr(el, 'jc:retryMaxInterval');
    if (max) retry.maximumInterval = max;
    return Object.keys(retry).length ? retry : undefined;
  }

  private callActivity(el: ModdleElement, base: ElementBaseFields): FlowElement {
    const calledKey =
      attr(el, 'calledElement') ?? attr(extension(el, 'zeebe:CalledElement'), 'processId');
    if (!calledKey) {
      this.error(
        el,
        'missing-attribute',
        '调用活动缺少 calledElement call activity needs calledElement (the callee process id)',
      );
    }
    const activity: CallActivity = { ...base, type: 'callActivity', calledKey: calledKey ?? '' };
    const version = this.positiveInteger(el, 'jc:calledVersion', attr(el, 'jc:calledVersion'));
    if (version !== undefined) activity.calledVersion = version;
    return activity;
  }

  private mappings(el: ModdleElement, compiled: FlowElement): void {
    const inputs = inputMappings(el);
    const outputs = outputMappings(el);
    for (const m of [...inputs, ...outputs]) {
      if (!m.name || !/^[A-Za-z_$][\w$]*$/.test(m.name)) {
        this.error(
          el,
          'bad-attribute',
          `映射变量名无效 mapping variable name "${m.name}" must be an identifier`,
        );
      }
    }
    if (inputs.length) compiled.inputs = Object.fromEntries(inputs.map((m) => [m.name, m.value]));
    if (outputs.length)
      compiled.outputs = Object.fromEntries(outputs.map((m) => [m.name, m.value]));
  }

  private loop(el: ModdleElement, compiled: FlowElement): void {
    const lc: ModdleElement | undefined = el.loopCharacteristics;
    if (!lc) return;
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.unsupported(el, `${lc.$type} (standard loop 标准循环)`);
      return;
    }
    if (!MULTI_INSTANCE_HOSTS.has(compiled.type)) {
      this.unsupported(
        el,
        `multi-instance on ${compiled.type} (only userTask, subProcess, callActivity)`,
      );
      return;
    }
    const zeebe = extension(lc, 'zeebe:LoopCharacteristics');
    const cardinality = body(lc.loopCardinality);
    const collection =
      attr(lc, 'jc:inputCollection') ??
      attr(lc, 'camunda:collection') ??
      attr(zeebe, 'inputCollection') ??
      cardinality;
    let elementVariable =
      attr(lc, 'jc:inputElement') ??
      attr(lc, 'camunda:elementVariable') ??
      attr(zeebe, 'inputElement');
    if (!collection) {
      this.error(
        el,
        'missing-attribute',
        '多实例缺少集合 multi-instance needs jc:inputCollection (or loopCardinality)',
      );
      return;
    }
    if (!elementVariable) {
      if (collection !== cardinality) {
        this.error(
          el,
          'missing-attribute',
          '多实例缺少元素变量 multi-instance over a collection needs jc:inputElement',
        );
        return;
      }
      elementVariable = 'item';
    }
    const spec: MultiInstanceSpec = {
      collection,
      elementVariable,
      isSequential: lc.isSequential === true,
    };
    const outputCollection = attr(lc, 'jc:outputCollection') ?? attr(zeebe, 'outputCollection');
    const outputElement = attr(lc, 'jc:outputElement') ?? attr(zeebe, 'outputElement');
    if (outputCollection) spec.outputCollection = outputCollection;
    if (outputElement) spec.outputElement = outputElement;
    const completion = body(lc.completionCondition);
    if (completion) spec.completionCondition = completion;
    const batch = this.positiveInteger(el, 'jc:batchSize', attr(lc, 'jc:batchSize'));
    if (batch !== undefined) spec.batchSize = batch;
    compiled.multiInstance = spec;
  }
}

type ElementBaseFields = {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  boundary: string[];
};

/** Compiles a parsed bpmn:Definitions root. Issues are sorted into errors and warnings. */
export function compileDefinitions(defs: ModdleElement): CompileResult {
  return new Compiler().definition(defs);
}

/** True when a string is an expression rather than a literal (`${…}` or Zeebe `=…`). */
export function isExpressionValue(value: string): boolean {
  return isTemplate(value) || unwrapExpression(value) !== undefined;
}
