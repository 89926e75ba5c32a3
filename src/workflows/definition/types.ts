/**
 * The compiled form of a BPMN process definition: a flat, JSON-serialisable graph that the
 * interpreter workflow runs. The compiler (src/modules/process-definitions) produces it from
 * BPMN XML; nothing here knows about inspections.
 *
 * Expressions are strings in the safe expression language of `../interpreter/expression/`
 * (`${...}` templates or bare expressions, see docs/bpmn.md).
 */

export const COMPILED_FORMAT_VERSION = 1;

export interface CompiledDefinition {
  formatVersion: number;
  /** BPMN process id; the deployment key. */
  key: string;
  name?: string;
  /** Variables the definition declares (jc:variables), used by the validator. */
  variables: string[];
  root: Scope;
  /** Reminder policy for user tasks with a due date; overridable per task. */
  reminders?: ReminderPolicy;
}

export interface Scope {
  id: string;
  /** Elements of this scope by id (nested sub-processes have their own Scope). */
  elements: Record<string, FlowElement>;
  flows: Record<string, SequenceFlow>;
  /** The none/timer start events of this scope. */
  startIds: string[];
}

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  /** Condition expression; absent means unconditional. */
  condition?: string;
  isDefault: boolean;
}

/**
 * A point in time a timer waits for.
 * - `duration`: ISO 8601 duration (PT30S, P3D) from the moment the timer is armed.
 * - `workingDays`: a whole number of statutory working days after the day the timer is armed,
 *   ending at 23:59:59 Asia/Shanghai of the Nth working day (resolved by the calendar activity).
 * - `date`: an ISO 8601 date-time or date (a date means 23:59:59 Asia/Shanghai that day).
 * `value` is an expression, so `${confirmDays}` may be used.
 */
export interface TimerSpec {
  kind: 'duration' | 'workingDays' | 'date';
  value: string;
  /** For kind `date`: move to the next working day when the date is not one. */
  nextWorkingDay?: boolean;
}

/** A repeating timer (R3/PT10S style, or jc:repeat) for non-interrupting reminders. */
export interface CycleSpec {
  /** Number of repetitions; undefined = until the attached element ends. */
  repetitions?: number;
  every: TimerSpec;
}

export interface RetryPolicySpec {
  maximumAttempts?: number;
  initialInterval?: string;
  backoffCoefficient?: number;
  maximumInterval?: string;
}

export interface Assignment {
  /** Expression giving a department code (e.g. `${initiatingDept}` or `office`). */
  department?: string;
  /** Role that may act (office, dept_admin, dept_officer, inspector). */
  role?: string;
  /** Expression giving a user id/username. */
  user?: string;
  /** Camunda candidateGroups, read as department codes. */
  candidateGroups?: string[];
}

export interface FormSpec {
  /** JSON schema the completion payload is validated against. */
  schema?: Record<string, unknown>;
  /** Name of a registered form (DTO) instead of an inline schema. */
  name?: string;
}

export interface ReminderPolicy {
  /** Working days before the due date at which to remind (e.g. [1, 0]). */
  workingDaysBefore: number[];
}

export interface EscalationSpec {
  /** Escalation code (BPMN escalationCode). */
  code: string;
  /** Who receives it: `office` or a department expression. */
  target: string;
  /** Rule reference shown to people (e.g. "NX 23"). */
  rule?: string;
  name?: string;
}

export interface MultiInstanceSpec {
  /** Expression yielding an array (or a number n meaning 0..n-1). */
  collection: string;
  elementVariable: string;
  /** Output collection variable collecting each instance's `outputElement`. */
  outputCollection?: string;
  outputElement?: string;
  isSequential: boolean;
  completionCondition?: string;
  /** Concurrency window for large fan-out (defaults in the interpreter). */
  batchSize?: number;
}

interface ElementBase {
  id: string;
  name?: string;
  incoming: string[];
  outgoing: string[];
  /** Ids of boundary events attached to this element. */
  boundary: string[];
  multiInstance?: MultiInstanceSpec;
  /** Input mappings evaluated into the element's local variables. */
  inputs?: Record<string, string>;
  /** Output mappings evaluated on completion into the parent scope. */
  outputs?: Record<string, string>;
}

export interface StartEvent extends ElementBase {
  type: 'startEvent';
  timer?: TimerSpec;
}

export interface EndEvent extends ElementBase {
  type: 'endEvent';
  terminate: boolean;
  escalation?: EscalationSpec;
}

export interface UserTask extends ElementBase {
  type: 'userTask';
  assignment: Assignment;
  /** Expression naming what the task is about (e.g. a target code), shown in inboxes and searchable. */
  subject?: string;
  due?: TimerSpec;
  followUp?: TimerSpec;
  form?: FormSpec;
  reminders?: ReminderPolicy;
}

export interface ServiceTask extends ElementBase {
  type: 'serviceTask';
  /** Name of the activity in the activity registry. */
  activity: string;
  /** Variable receiving the activity's result. */
  resultVariable?: string;
  retry?: RetryPolicySpec;
  /** Start-to-close timeout, ISO 8601 duration (default PT1M). */
  timeout?: string;
}

export interface CallActivity extends ElementBase {
  type: 'callActivity';
  calledKey: string;
  calledVersion?: number;
}

export interface SubProcess extends ElementBase {
  type: 'subProcess';
  scope: Scope;
}

export interface ExclusiveGateway extends ElementBase {
  type: 'exclusiveGateway';
  defaultFlow?: string;
}

export interface ParallelGateway extends ElementBase {
  type: 'parallelGateway';
}

export interface EventBasedGateway extends ElementBase {
  type: 'eventBasedGateway';
}

export interface IntermediateCatchEvent extends ElementBase {
  type: 'intermediateCatchEvent';
  timer?: TimerSpec;
  /** Message name for message catch events. */
  message?: string;
}

export interface IntermediateThrowEvent extends ElementBase {
  type: 'intermediateThrowEvent';
  escalation?: EscalationSpec;
}

export interface BoundaryEvent extends ElementBase {
  type: 'boundaryEvent';
  attachedTo: string;
  cancelActivity: boolean;
  timer?: TimerSpec;
  cycle?: CycleSpec;
  /** Catches an escalation thrown inside the attached element (code or any). */
  escalationCode?: string | null;
  message?: string;
}

export type FlowElement =
  | StartEvent
  | EndEvent
  | UserTask
  | ServiceTask
  | CallActivity
  | SubProcess
  | ExclusiveGateway
  | ParallelGateway
  | EventBasedGateway
  | IntermediateCatchEvent
  | IntermediateThrowEvent
  | BoundaryEvent;

export type FlowElementType = FlowElement['type'];
