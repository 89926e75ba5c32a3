import { condition, workflowInfo } from '@temporalio/workflow';
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
/**
 * Element steps one workflow activation may run. A definition that loops without a wait state
 * (validation rejects those, but the interpreter must not trust it) would otherwise never yield
 * and crash the worker; past this many steps the instance stops with an incident instead.
 * Measured on a loaded 2-core machine: 2,000 gateway steps take about 0.6 s in one activation
 * (10,000 took 3.4 s, past the SDK's 2 s deadlock detector); the shipped processes run at most
 * a few hundred steps per activation (a parallel window of 100 sub-process iterations).
 */
export const MAX_STEPS_PER_ACTIVATION = 2_000;

/** Thrown by the step that exceeds MAX_STEPS_PER_ACTIVATION; becomes an incident on its element. */
export class StepLimitError extends Error {
  constructor(elementId: string) {
    super(
      `流程在一次工作流激活中执行了超过 ${MAX_STEPS_PER_ACTIVATION} 个元素步骤，疑为没有等待状态的循环，已停在元素 ${elementId}；修正流程定义后可重试或撤销实例 / more than ${MAX_STEPS_PER_ACTIVATION} element steps in one workflow activation (a loop without a wait state?), stopped at ${elementId}`,
    );
    this.name = 'StepLimitError';
  }
}

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
  /** The engine's instance variables were seeded at start (patch `engine-variables`). */
  instanceVariablesSeeded = false;
  departments = new Set<string>();
  private seq = 0;
  private readonly activeElements = new Map<string, ElementRecord>();
  private readonly completedElements: ElementRecord[] = [];
  completedCount = 0;
  readonly tasks = new Map<string, OpenTask>();
  readonly timers = new Map<string, TimerEntry>();
  readonly incidents = new Map<string, IncidentEntry>();
  private readonly messages: MessageArgs[] = [];
  /** Step budget: the activation being counted (its history length) and its steps so far. */
  private budgetActivation = -1;
  private budgetSteps = 0;
  /** True while a step-limit incident is open: every other token waits for its retry. */
  private stepLimitHit = false;
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

  /**
   * Counts one element step of this activation (workflowInfo().historyLength changes with every
   * workflow task, so it is the same on replay). Throws StepLimitError past the limit; while that
   * incident is open, other tokens wait here instead of stepping (and raising more incidents).
   * Costs no command and no microtask on the normal path, so recorded histories replay unchanged.
   */
  countStep(elementId: string): Promise<void> | undefined {
    // Synchronous on the normal path: an extra await per step would shift command order.
    if (this.stepLimitHit)
      return condition(() => !this.stepLimitHit).then(() => this.countStep(elementId));
    const activation = workflowInfo().historyLength;
    if (activation !== this.budgetActivation) {
      this.budgetActivation = activation;
      this.budgetSteps = 0;
    }
    this.budgetSteps += 1;
    if (this.budgetSteps > MAX_STEPS_PER_ACTIVATION) {
      this.stepLimitHit = true;
      throw new StepLimitError(elementId);
    }
    return undefined;
  }

  /** The step-limit incident was retried: waiting tokens go on, with a fresh budget. */
  releaseStepLimit(): void {
    this.stepLimitHit = false;
    this.budgetActivation = -1;
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
