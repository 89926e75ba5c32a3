/**
 * The contract between the interpreter workflow and the rest of the system: its input, the
 * messages it accepts (signals, updates, queries), and the engine activities it calls. Modules
 * import this file for types and message definitions only.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CompiledDefinition, TimerSpec } from '../definition/types';

export const PROCESS_WORKFLOW = 'processInstance';
export const BATCH_WORKFLOW = 'multiInstanceBatch';

/** The caller as the workflow sees it (mirrors auth's Principal; no import to keep workflows pure). */
export interface Actor {
  username: string;
  departmentCode: string;
  role: string;
  isOffice: boolean;
}

export interface ProcessInstanceInput {
  /** Deployed definition row id; the instance runs this version to its end. */
  definitionId: string;
  businessKey?: string;
  variables: Record<string, unknown>;
  startedBy: Actor;
  /** Set when started by a call activity. */
  parent?: { workflowId: string; elementId: string; rootWorkflowId?: string };
}

/** Input of a batch child running one multi-instance element over a slice of its collection. */
export interface MultiInstanceBatchInput {
  definitionId: string;
  rootWorkflowId: string;
  /** Path of scope ids from the root to the element's scope (sub-processes). */
  scopePath: string[];
  elementId: string;
  /** Index of the first item of this slice in the whole collection. */
  offset: number;
  items: unknown[];
  variables: Record<string, unknown>;
  startedBy: Actor;
}

export interface MultiInstanceBatchResult {
  outputs: unknown[];
  /** Variables written by the instances, merged by the parent. */
  variables: Record<string, unknown>;
}

// ---- messages ------------------------------------------------------------------------------

export interface CompleteTaskArgs {
  taskId: string;
  actor: Actor;
  /** Form payload (already validated against the form's JSON schema by the API). */
  output: Record<string, unknown>;
}
export interface ClaimTaskArgs {
  taskId: string;
  actor: Actor;
}
export interface ReassignTaskArgs {
  taskId: string;
  actor: Actor;
  reason: string;
  toDepartment?: string;
  toUser?: string;
}
export interface MessageArgs {
  name: string;
  payload?: Record<string, unknown>;
  actor: Actor;
}
export interface MoveDeadlineArgs {
  /** Timer key as listed in state().timers, or undefined = re-resolve every calendar timer. */
  timerKey?: string;
  /** New absolute instant (ISO); undefined = re-resolve from the calendar. */
  fireAt?: string;
  reason: string;
  actor: Actor;
}
export interface CancelArgs {
  reason: string;
  actor: Actor;
}
export interface RetryIncidentArgs {
  incidentId: string;
  actor: Actor;
}

export const completeTaskUpdate = defineUpdate<TaskView, [CompleteTaskArgs]>('completeTask');
export const claimTaskUpdate = defineUpdate<TaskView, [ClaimTaskArgs]>('claimTask');
export const unclaimTaskUpdate = defineUpdate<TaskView, [ClaimTaskArgs]>('unclaimTask');
export const reassignTaskUpdate = defineUpdate<TaskView, [ReassignTaskArgs]>('reassignTask');
export const retryIncidentUpdate = defineUpdate<void, [RetryIncidentArgs]>('retryIncident');
export const messageSignal = defineSignal<[MessageArgs]>('message');
export const moveDeadlinesSignal = defineSignal<[MoveDeadlineArgs]>('moveDeadlines');
export const cancelSignal = defineSignal<[CancelArgs]>('cancel');
export const stateQuery = defineQuery<InstanceState>('state');

// ---- observable state ------------------------------------------------------------------------

export type InstanceStatus = 'running' | 'incident' | 'completed' | 'terminated' | 'cancelled';

export interface TaskView {
  taskId: string;
  elementId: string;
  name?: string;
  subject?: string;
  department?: string;
  role?: string;
  assignee?: string;
  candidateGroups?: string[];
  dueAt?: string;
  provisional?: boolean;
  createdAt: string;
  form?: unknown;
}

export interface TimerView {
  key: string;
  elementId: string;
  purpose: 'timer' | 'boundary' | 'due' | 'reminder';
  fireAt: string;
  spec: TimerSpec;
  provisional: boolean;
  calendarVersion?: string;
}

export interface ElementRecord {
  elementId: string;
  type: string;
  name?: string;
  startedAt: string;
  endedAt?: string;
  actor?: string;
  outcome?: 'completed' | 'cancelled' | 'terminated';
}

export interface IncidentView {
  incidentId: string;
  elementId: string;
  activity: string;
  message: string;
  at: string;
}

export interface InstanceState {
  workflowId: string;
  definitionId: string;
  definitionKey: string;
  businessKey?: string;
  status: InstanceStatus;
  startedAt: string;
  endedAt?: string;
  variables: Record<string, unknown>;
  active: ElementRecord[];
  /** The most recent completed elements (bounded; completedCount has the total). */
  completed: ElementRecord[];
  completedCount: number;
  openTasks: TaskView[];
  timers: TimerView[];
  incidents: IncidentView[];
  overdue: boolean;
}

// ---- engine activities -------------------------------------------------------------------------

export interface ResolvedInstant {
  fireAt: string;
  provisional: boolean;
  calendarVersion?: string;
}

export interface TaskRecordInput {
  taskId: string;
  workflowId: string;
  rootWorkflowId: string;
  elementId: string;
  name?: string;
  subject?: string;
  department?: string;
  role?: string;
  assignee?: string;
  candidateGroups?: string[];
  form?: unknown;
  dueAt?: string;
  provisional?: boolean;
  businessKey?: string;
  definitionKey: string;
}

export interface EscalationInput {
  workflowId: string;
  rootWorkflowId: string;
  elementId: string;
  code: string;
  target: string;
  rule?: string;
  name?: string;
  /** The open task the escalation is about, when raised from a boundary on a user task. */
  taskId?: string;
  businessKey?: string;
  definitionKey: string;
}

export interface DefinitionRef {
  definitionId?: string;
  key?: string;
  version?: number;
  /** For a call activity: the calling instance's definition (domain definitions check it). */
  caller?: { definitionKey: string };
}

export interface LoadedDefinition {
  definitionId: string;
  key: string;
  version: number;
  definition: CompiledDefinition;
}

/** Second argument of every service-task activity: where it runs, for idempotency keys and audit. */
export interface ServiceTaskContext {
  workflowId: string;
  rootWorkflowId: string;
  elementId: string;
  /** Unique per execution of the element (stable across activity retries). */
  executionId: string;
  businessKey?: string;
  definitionKey: string;
}

/** Activities the interpreter itself calls (implemented in src/activities/engine.activities.ts). */
export interface EngineActivities {
  /** By id (fixed at start), or by key and optional version (latest) for call activities. */
  loadDefinition(ref: DefinitionRef): Promise<LoadedDefinition>;
  /** Absolute instant for a calendar timer (kinds workingDays and date), counted from `from`. */
  resolveInstant(
    spec: { kind: 'workingDays' | 'date'; value: string; nextWorkingDay?: boolean },
    from: string,
  ): Promise<ResolvedInstant>;
  recordInstance(event: {
    workflowId: string;
    definitionId: string;
    businessKey?: string;
    status: InstanceStatus;
    actor: string;
    reason?: string;
    variables?: Record<string, unknown>;
    parentWorkflowId?: string;
  }): Promise<void>;
  createTask(task: TaskRecordInput): Promise<void>;
  updateTask(change: {
    taskId: string;
    action: 'claim' | 'unclaim' | 'reassign' | 'complete' | 'cancel' | 'overdue' | 'deadline-moved';
    actor: string;
    actorDepartment?: string;
    assignee?: string | null;
    department?: string;
    reason?: string;
    output?: Record<string, unknown>;
    dueAt?: string;
  }): Promise<void>;
  remindTask(reminder: { taskId: string; dueAt: string; workingDaysBefore: number }): Promise<void>;
  raiseEscalation(escalation: EscalationInput): Promise<string>;
  recordIncident(incident: {
    incidentId: string;
    workflowId: string;
    elementId: string;
    activity: string;
    message: string;
    resolved?: boolean;
    actor?: string;
  }): Promise<void>;
  recordDeadlineMoved(change: {
    workflowId: string;
    timerKey: string;
    elementId: string;
    from: string;
    to: string;
    reason: string;
    actor: string;
  }): Promise<void>;
}

/** Activities served by the calendar module for reminders before a due instant. */
export interface CalendarActivities {
  /** The instants (09:00 Asia/Shanghai) `n` working days before the due day, one per entry. */
  reminderInstants(dueAt: string, workingDaysBefore: number[]): Promise<string[]>;
}
