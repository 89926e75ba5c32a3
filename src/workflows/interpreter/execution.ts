import { workflowInfo } from '@temporalio/workflow';
import type { CompiledDefinition } from '../definition/types';
import type {
  Actor,
  EngineActivities,
  ElementRecord,
  IncidentView,
  InstanceState,
  InstanceStatus,
  MessageArgs,
  TaskView,
  TimerView,
} from './contract';

const COMPLETED_KEPT = 200;
const MESSAGES_KEPT = 100;

export type TaskChange = Parameters<EngineActivities['updateTask']>[0];

export interface OpenTask extends TaskView {
  completion?: { actor: Actor; output: Record<string, unknown> };
  /** Record changes made by update handlers, written by the task's own coroutine. */
  changes: TaskChange[];
}

export interface TimerEntry extends TimerView {
  /** The instant the timer was counted from (calendar timers are re-resolved from it). */
  from: string;
  /** The evaluated spec value (expression already resolved). */
  resolvedValue: string;
  /** Bumped whenever fireAt moves, so the waiting timer re-arms. */
  version: number;
}

export interface IncidentEntry extends IncidentView {
  retried: boolean;
  retriedBy?: string;
}

/**
 * Everything a running instance knows about itself: plain data, kept small, shown by the state
 * query. One per workflow run (the process instance or a multi-instance batch).
 */
export class Execution {
  readonly workflowId = workflowInfo().workflowId;
  status: InstanceStatus = 'running';
  readonly startedAt = new Date().toISOString();
  endedAt?: string;
  overdue = false;
  definitionKey = '';
  departments = new Set<string>();
  private seq = 0;
  private readonly activeElements = new Map<string, ElementRecord>();
  private readonly completedElements: ElementRecord[] = [];
  completedCount = 0;
  readonly tasks = new Map<string, OpenTask>();
  readonly timers = new Map<string, TimerEntry>();
  readonly incidents = new Map<string, IncidentEntry>();
  private readonly messages: MessageArgs[] = [];
  variablesView: () => Record<string, unknown> = () => ({});

  constructor(
    readonly definitionId: string,
    readonly rootWorkflowId: string,
    readonly startedBy: Actor,
    readonly businessKey?: string,
    public definition?: CompiledDefinition,
  ) {}

  /** A deterministic, instance-unique id for an element execution. */
  nextId(elementId: string): string {
    this.seq += 1;
    return `${elementId}#${this.seq}`;
  }

  enter(executionId: string, elementId: string, type: string, name?: string): void {
    this.activeElements.set(executionId, {
      elementId,
      type,
      name,
      startedAt: new Date().toISOString(),
    });
  }

  leave(executionId: string, outcome: ElementRecord['outcome'], actor?: string): void {
    const record = this.activeElements.get(executionId);
    if (!record) return;
    this.activeElements.delete(executionId);
    this.completedElements.push({ ...record, endedAt: new Date().toISOString(), outcome, actor });
    if (this.completedElements.length > COMPLETED_KEPT) this.completedElements.shift();
    this.completedCount += 1;
  }

  pushMessage(message: MessageArgs): void {
    this.messages.push(message);
    if (this.messages.length > MESSAGES_KEPT) this.messages.shift();
  }

  /** Takes the oldest buffered message with this name, if any. */
  takeMessage(name: string): MessageArgs | undefined {
    const i = this.messages.findIndex((m) => m.name === name);
    return i >= 0 ? this.messages.splice(i, 1)[0] : undefined;
  }

  snapshot(): InstanceState {
    return {
      workflowId: this.workflowId,
      definitionId: this.definitionId,
      definitionKey: this.definitionKey,
      businessKey: this.businessKey,
      status: this.status,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      variables: this.variablesView(),
      active: [...this.activeElements.values()],
      completed: [...this.completedElements],
      completedCount: this.completedCount,
      openTasks: [...this.tasks.values()].map(({ completion: _c, changes: _ch, ...view }) => view),
      timers: [...this.timers.values()].map(
        ({ from: _f, resolvedValue: _r, version: _v, ...view }) => view,
      ),
      incidents: [...this.incidents.values()]
        .filter((i) => !i.retried)
        .map(({ retried: _r, retriedBy: _b, ...view }) => view),
      overdue: this.overdue,
    };
  }
}
