/**
 * Stage 3 of the BPMN pipeline: checks before deploy. Our rules run over the compiled graph
 * (so they see exactly what the interpreter will run); bpmnlint's recommended rules run over the
 * moddle tree. Every issue names the element id and the rule id (ours plain, bpmnlint's prefixed
 * `bpmnlint/`). The rule list with examples is in docs/bpmn.md ("Validation rules").
 */
import type {
  CompiledDefinition,
  FlowElement,
  Scope,
  TimerSpec,
} from '../../../workflows/definition/types';
import { ExpressionError, freeVariables } from '../../../workflows/interpreter/expression';
import { isExpressionValue } from './compile';
import { ENGINE_VARIABLES } from '../../../workflows/shared/engine-variables';
import { BUSINESS_ROLES, isBusinessRole } from '../../../workflows/shared/task-roles';
import { DurationError, isIsoDate, parseIsoDuration } from './iso-duration';
import { nativeRequire } from './native-require';
import type { BpmnIssue, ModdleElement } from './parse';

export interface ValidationResult {
  valid: boolean;
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

export interface ValidateOptions {
  /** Names of the registered activities; when given, service tasks must use one of them. */
  knownActivities?: Iterable<string>;
  /** Variables the engine sets itself; defaults to ENGINE_VARIABLES. */
  engineVariables?: readonly string[];
}

/**
 * Variables the interpreter provides without the definition declaring them (multi-instance
 * counters, the business key, the initiator, the start date): src/workflows/shared/engine-variables.ts.
 */
export { ENGINE_VARIABLES };

/** Roles a user task may name in jc:role: the business roles (src/workflows/shared/task-roles.ts). */
export const KNOWN_ROLES: readonly string[] = BUSINESS_ROLES;

/**
 * bpmnlint's recommended rules, as we apply them. Changed from `recommended`:
 * - label-required → warn: a nameless gateway or event runs fine; task names are still shown.
 * - no-bpmndi → warn: definitions generated in code have no diagram and still run.
 * - no-inclusive-gateway, no-complex-gateway → off: our `unsupported-element` rule reports them.
 */
export const BPMNLINT_RULES: Record<string, 'error' | 'warn' | 'off'> = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  global: 'warn',
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'warn',
  'no-complex-gateway': 'off',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'error',
  'no-implicit-split': 'error',
  'no-implicit-end': 'error',
  'no-implicit-start': 'error',
  'no-inclusive-gateway': 'off',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-label': 'warn',
  'superfluous-termination': 'warn',
};

/** Runs our rules and bpmnlint; `definitions` is the parsed root the definition came from. */
export async function validateDefinition(
  definitions: ModdleElement,
  definition: CompiledDefinition,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const ours = checkDefinition(definition, options);
  const lint = await lintWithBpmnlint(definitions, definition.key);
  const errors = [...ours.errors, ...lint.errors];
  const warnings = [...ours.warnings, ...lint.warnings];
  return { valid: errors.length === 0, errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// Our rules

interface Sink {
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

/** Our rules only (synchronous; no bpmnlint). */
export function checkDefinition(
  definition: CompiledDefinition,
  options: ValidateOptions = {},
): Sink {
  const sink: Sink = { errors: [], warnings: [] };
  const known = options.knownActivities ? new Set(options.knownActivities) : undefined;
  const scopes = allScopes(definition.root);
  for (const scope of scopes) {
    checkFlows(scope, sink);
    checkReachability(scope, sink);
    checkCyclesWait(scope, sink);
    for (const el of Object.values(scope.elements)) {
      checkGateway(scope, el, sink);
      checkEventGateway(scope, el, sink);
      checkBoundary(scope, el, sink);
      checkTimers(el, sink);
      checkServiceTask(el, known, sink);
      checkUserTask(el, sink);
    }
  }
  checkExpressions(definition, scopes, options.engineVariables ?? ENGINE_VARIABLES, sink);
  return sink;
}

function allScopes(scope: Scope): Scope[] {
  const nested = Object.values(scope.elements).flatMap((el) =>
    el.type === 'subProcess' ? allScopes(el.scope) : [],
  );
  return [scope, ...nested];
}

function err(sink: Sink, elementId: string, rule: string, message: string): void {
  sink.errors.push({ elementId, rule, message });
}

function warn(sink: Sink, elementId: string, rule: string, message: string): void {
  sink.warnings.push({ elementId, rule, message });
}

/** flow-to-nowhere: every sequence flow connects two supported elements of the same scope. */
function checkFlows(scope: Scope, sink: Sink): void {
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

/** unreachable-node: everything must be reachable from a start event (or a reachable host's boundary). */
function checkReachability(scope: Scope, sink: Sink): void {
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

/**
 * cycle-without-wait-state: every cycle of the flow graph must pass through an element that
 * yields to the Temporal server, or the interpreter would loop inside one workflow activation
 * (the interpreter also caps the steps of an activation, but then the instance stops with an
 * incident). Edges are sequence flows and host → attached boundary event. Wait states:
 * - user task, service task and call activity (each calls an activity first, so it yields), when
 *   not multi-instance (an empty collection passes straight through);
 * - message catch events and message boundary events (the buffer holds at most 100 messages);
 * - timer catch and timer boundary events with a working-day or date timer (resolved by an
 *   activity) or a literal duration longer than zero (an expression may give PT0S);
 * - an embedded sub-process, not multi-instance, whose every path from start to end passes
 *   through a wait state.
 * Gateways, throw events, escalation boundary events and start/end events never wait.
 */
function checkCyclesWait(scope: Scope, sink: Sink): void {
  const waits = (id: string): boolean => {
    const el = scope.elements[id];
    return el !== undefined && isWaitState(el);
  };
  const next = (id: string): string[] => {
    const el = scope.elements[id];
    if (!el) return [];
    const targets = el.outgoing
      .map((f) => scope.flows[f]?.targetId)
      .filter((t): t is string => t !== undefined && scope.elements[t] !== undefined);
    return [...targets, ...el.boundary.filter((b) => scope.elements[b] !== undefined)];
  };
  const nodes = Object.keys(scope.elements).filter((id) => !waits(id));
  for (const component of stronglyConnected(nodes, (id) => next(id).filter((t) => !waits(t)))) {
    const cycle = cycleWithin(component, (id) => next(id).filter((t) => !waits(t)));
    if (!cycle) continue;
    err(
      sink,
      cycle[0],
      'cycle-without-wait-state',
      `循环中没有等待状态（用户任务、服务任务、调用活动、消息或定时器事件），流程会在一次执行中无限循环 cycle without a wait state: ${[...cycle, cycle[0]].join(' → ')}`,
    );
  }
}

/** True when running the element always yields to the server (see checkCyclesWait). */
export function isWaitState(el: FlowElement): boolean {
  if (el.multiInstance) return false;
  switch (el.type) {
    case 'userTask':
    case 'serviceTask':
    case 'callActivity':
      return true;
    case 'intermediateCatchEvent':
      return el.message !== undefined || (el.timer !== undefined && timerWaits(el.timer));
    case 'boundaryEvent':
      return (
        el.message !== undefined ||
        (el.timer !== undefined && timerWaits(el.timer)) ||
        (el.cycle !== undefined && timerWaits(el.cycle.every))
      );
    case 'subProcess':
      return alwaysWaits(el.scope);
    default:
      return false;
  }
}

function timerWaits(spec: TimerSpec): boolean {
  if (spec.kind !== 'duration') return true;
  if (isExpressionValue(spec.value)) return false;
  try {
    return parseIsoDuration(spec.value) > 0;
  } catch {
    return false;
  }
}

/** True when no end of the scope can be reached from its start without passing a wait state. */
function alwaysWaits(scope: Scope): boolean {
  const seen = new Set<string>();
  const queue = [...scope.startIds];
  while (queue.length) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = scope.elements[id];
    if (!el || isWaitState(el)) continue;
    if (el.type === 'endEvent' || el.outgoing.length === 0) return false;
    for (const f of el.outgoing) {
      const target = scope.flows[f]?.targetId;
      if (target !== undefined) queue.push(target);
    }
  }
  return true;
}

/** Tarjan's strongly connected components (iterative: definitions may be large). */
function stronglyConnected(nodes: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; edges: string[]; at: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: next(id), at: 0 });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.at < frame.edges.length) {
        const to = frame.edges[frame.at++];
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length)
        low.set(
          work[work.length - 1].id,
          Math.min(low.get(work[work.length - 1].id)!, low.get(frame.id)!),
        );
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        out.push(component);
      }
    }
  }
  return out;
}

/** One concrete cycle inside a strongly connected component (none for a lone node without a self-loop). */
function cycleWithin(component: string[], next: (id: string) => string[]): string[] | undefined {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const id = queue.shift() as string;
    for (const to of next(id).filter((t) => members.has(t))) {
      if (to === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return path;
      }
      if (seen.has(to)) continue;
      seen.add(to);
      parent.set(to, id);
      queue.push(to);
    }
  }
  return undefined;
}

/** gateway-default-required: an exclusive split whose conditions may all be false needs a default. */
function checkGateway(scope: Scope, el: FlowElement, sink: Sink): void {
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

/** event-gateway-target: an event-based gateway leads only to timer or message catch events. */
function checkEventGateway(scope: Scope, el: FlowElement, sink: Sink): void {
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

/** boundary-attachment: escalations are caught on sub-processes and call activities only. */
function checkBoundary(scope: Scope, el: FlowElement, sink: Sink): void {
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

/** bad-duration: literal timer values must parse; expressions are checked by checkExpressions. */
function checkTimers(el: FlowElement, sink: Sink): void {
  const specs: TimerSpec[] = [];
  if (
    (el.type === 'startEvent' ||
      el.type === 'intermediateCatchEvent' ||
      el.type === 'boundaryEvent') &&
    el.timer
  ) {
    specs.push(el.timer);
  }
  if (el.type === 'boundaryEvent' && el.cycle) specs.push(el.cycle.every);
  if (el.type === 'userTask') {
    if (el.due) specs.push(el.due);
    if (el.followUp) specs.push(el.followUp);
  }
  for (const spec of specs) {
    const problem = timerProblem(spec);
    if (problem) err(sink, el.id, 'bad-duration', problem);
  }
}

/** Why a literal timer value is invalid, or undefined when it is fine (or an expression). */
export function timerProblem(spec: TimerSpec): string | undefined {
  if (isExpressionValue(spec.value)) return undefined;
  if (spec.kind === 'workingDays') {
    return /^\d{1,3}$/.test(spec.value)
      ? undefined
      : `工作日数无效 working days "${spec.value}" must be a whole number 0-999 or an expression like \${days}`;
  }
  if (spec.kind === 'date') {
    return isIsoDate(spec.value)
      ? undefined
      : `日期无效 date "${spec.value}" must be ISO 8601 like 2025-03-31 or 2025-03-31T17:00:00+08:00`;
  }
  return durationProblem(spec.value);
}

function durationProblem(value: string): string | undefined {
  try {
    parseIsoDuration(value);
    return undefined;
  } catch (e) {
    if (e instanceof DurationError) return e.message;
    throw e;
  }
}

/** unknown-activity and bad-duration of retry intervals / timeouts. */
function checkServiceTask(el: FlowElement, known: Set<string> | undefined, sink: Sink): void {
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
  for (const value of [el.timeout, el.retry?.initialInterval, el.retry?.maximumInterval]) {
    const problem = value === undefined ? undefined : durationProblem(value);
    if (problem) err(sink, el.id, 'bad-duration', problem);
  }
}

function checkUserTask(el: FlowElement, sink: Sink): void {
  if (el.type !== 'userTask') return;
  const role = el.assignment.role;
  if (role && !isExpressionValue(role) && !isBusinessRole(role)) {
    warn(
      sink,
      el.id,
      'unknown-role',
      `未知角色 unknown role "${role}" (known: ${KNOWN_ROLES.join(', ')})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions: syntax everywhere; declared variables when the process declares jc:variables

interface ExpressionSite {
  elementId: string;
  what: string;
  src: string;
  mode: 'expression' | 'template';
}

function expressionSites(scopes: Scope[]): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  const add = (
    elementId: string,
    what: string,
    src: string | undefined,
    mode: ExpressionSite['mode'],
  ) => {
    if (src !== undefined) sites.push({ elementId, what, src, mode });
  };
  for (const scope of scopes) {
    for (const flow of Object.values(scope.flows))
      add(flow.id, 'condition', flow.condition, 'expression');
    for (const el of Object.values(scope.elements)) {
      for (const [name, value] of Object.entries(el.inputs ?? {}))
        add(el.id, `input ${name}`, value, 'template');
      for (const [name, value] of Object.entries(el.outputs ?? {}))
        add(el.id, `output ${name}`, value, 'template');
      if (el.multiInstance) {
        add(el.id, 'multi-instance collection', el.multiInstance.collection, 'expression');
        add(el.id, 'completionCondition', el.multiInstance.completionCondition, 'expression');
      }
      for (const timer of timersOf(el))
        add(el.id, `timer (${timer.kind})`, timer.value, 'template');
      if (el.type === 'userTask') {
        const a = el.assignment;
        add(el.id, 'jc:department', a.department, 'template');
        add(el.id, 'jc:role', a.role, 'template');
        add(el.id, 'jc:subject', el.subject, 'template');
        add(el.id, 'assignee', a.user, 'template');
        for (const g of a.candidateGroups ?? []) add(el.id, 'candidateGroups', g, 'template');
      }
      if ((el.type === 'endEvent' || el.type === 'intermediateThrowEvent') && el.escalation) {
        add(el.id, 'jc:target', el.escalation.target, 'template');
      }
    }
  }
  return sites;
}

function timersOf(el: FlowElement): TimerSpec[] {
  switch (el.type) {
    case 'startEvent':
    case 'intermediateCatchEvent':
      return el.timer ? [el.timer] : [];
    case 'boundaryEvent':
      return [...(el.timer ? [el.timer] : []), ...(el.cycle ? [el.cycle.every] : [])];
    case 'userTask':
      return [...(el.due ? [el.due] : []), ...(el.followUp ? [el.followUp] : [])];
    default:
      return [];
  }
}

/** Variables some element sets: multi-instance element/output variables, results, mappings, form fields. */
function engineSetVariables(scopes: Scope[]): Set<string> {
  const names = new Set<string>();
  for (const scope of scopes) {
    for (const el of Object.values(scope.elements)) {
      Object.keys(el.inputs ?? {}).forEach((n) => names.add(n));
      Object.keys(el.outputs ?? {}).forEach((n) => names.add(n));
      if (el.multiInstance) {
        names.add(el.multiInstance.elementVariable);
        if (el.multiInstance.outputCollection) names.add(el.multiInstance.outputCollection);
        if (el.multiInstance.outputElement) names.add(el.multiInstance.outputElement);
      }
      if (el.type === 'serviceTask' && el.resultVariable) names.add(el.resultVariable);
      if (el.type === 'userTask') {
        const props = el.form?.schema?.properties;
        if (props && typeof props === 'object') Object.keys(props).forEach((n) => names.add(n));
      }
    }
  }
  return names;
}

function checkExpressions(
  definition: CompiledDefinition,
  scopes: Scope[],
  engineVariables: readonly string[],
  sink: Sink,
): void {
  const declaresVariables = definition.variables.length > 0;
  const declared = new Set([
    ...definition.variables,
    ...engineVariables,
    ...engineSetVariables(scopes),
  ]);
  for (const site of expressionSites(scopes)) {
    let names: string[];
    try {
      names = freeVariables(site.src, site.mode);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      err(sink, site.elementId, 'expression-syntax', `${site.what}: ${e.message}`);
      continue;
    }
    if (!declaresVariables) continue;
    for (const name of names.filter((n) => !declared.has(n))) {
      err(
        sink,
        site.elementId,
        'undeclared-variable',
        `${site.what} 使用了未声明的变量 uses undeclared variable "${name}" (declare it in jc:variables on the process)`,
      );
    }
  }
  if (!declaresVariables && definition.key) {
    warn(
      sink,
      definition.key,
      'undeclared-variable',
      '流程未声明 jc:variables，跳过变量检查 the process declares no jc:variables, so variable names are not checked',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// bpmnlint

interface LintReport {
  id?: string;
  message: string;
  category: string;
}

interface BpmnlintLinter {
  lint(root: ModdleElement, config: unknown): Promise<Record<string, LintReport[]>>;
}

let ruleCache: Record<string, unknown> | undefined;

/**
 * bpmnlint's Linter over its bundled rules, via a static resolver (no .bpmnlintrc needed).
 * A fresh Linter per run: some rules (no-duplicate-sequence-flows) keep state in their
 * instance, and the Linter caches instances.
 */
function createLinter(): BpmnlintLinter {
  const { Linter } = nativeRequire('bpmnlint') as {
    Linter: new (options: { resolver: unknown }) => BpmnlintLinter;
  };
  const StaticResolver = nativeRequire('bpmnlint/lib/resolver/static-resolver') as new (
    cache: Record<string, unknown>,
  ) => unknown;
  if (!ruleCache) {
    ruleCache = {};
    for (const [name, level] of Object.entries(BPMNLINT_RULES)) {
      if (level !== 'off')
        ruleCache[`rule:bpmnlint/${name}`] = nativeRequire(`bpmnlint/rules/${name}`);
    }
  }
  return new Linter({ resolver: new StaticResolver(ruleCache) });
}

/**
 * Runs the bpmnlint rules of BPMNLINT_RULES over a parsed definitions root. With `processId`,
 * only reports on that process and its elements are kept: other pools of a collaboration are
 * documentation (e.g. an external participant) and are never run.
 */
export async function lintWithBpmnlint(
  definitions: ModdleElement,
  processId?: string,
): Promise<Sink> {
  const sink: Sink = { errors: [], warnings: [] };
  const process = (definitions.rootElements ?? []).find(
    (e: ModdleElement) => e.$type === 'bpmn:Process' && e.id === processId,
  );
  const inScope = process ? idsWithin(process) : undefined;
  const rules = Object.fromEntries(
    Object.entries(BPMNLINT_RULES).filter(([, level]) => level !== 'off'),
  );
  const results = await createLinter().lint(definitions, { rules });
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (
        inScope &&
        report.id &&
        !inScope.has(report.id) &&
        isOtherProcessElement(definitions, report.id)
      ) {
        continue;
      }
      const issue: BpmnIssue = {
        elementId: report.id,
        rule: `bpmnlint/${rule}`,
        message: report.message,
      };
      (report.category === 'error' || report.category === 'rule-error'
        ? sink.errors
        : sink.warnings
      ).push(issue);
    }
  }
  return sink;
}

function idsWithin(el: ModdleElement, ids = new Set<string>()): Set<string> {
  if (el.id) ids.add(el.id);
  for (const child of (el.flowElements ?? []) as ModdleElement[]) idsWithin(child, ids);
  return ids;
}

/** True when the id belongs to another bpmn:Process (or its elements) of the same file. */
function isOtherProcessElement(definitions: ModdleElement, id: string): boolean {
  return (definitions.rootElements ?? []).some(
    (e: ModdleElement) => e.$type === 'bpmn:Process' && idsWithin(e).has(id),
  );
}
