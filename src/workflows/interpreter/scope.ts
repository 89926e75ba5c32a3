import type { BoundaryEvent, FlowElement, Scope, SequenceFlow } from '../definition/types';
import type { Execution } from './execution';
import type { VariableScope } from './variables';

/*
 * The runner's contract with the elements: what an element may ask of the scope it runs in.
 * Elements import this file, never runner.ts (which imports the elements), so the two do not form
 * an import cycle. `ScopeRun` in runner.ts implements it.
 */

export type ScopeOutcome = 'completed' | 'terminated';

/** What an element asks the runner to do next. */
export type Next = { take: string[] } | { terminate: true };

/** Handler of escalations thrown inside this scope, supplied by the enclosing element's boundaries. */
export type EscalationCatcher = (code: string) => boolean;

/** Where a token came from, when that matters to the element it reaches (escalations). */
export interface TokenOrigin {
  /** The open user task whose boundary event produced this token. */
  taskId?: string;
}

/** One running scope (the process, or one sub-process execution), as the elements see it. */
export interface ScopeRun {
  readonly ex: Execution;
  readonly scope: Scope;
  readonly vars: VariableScope;
  readonly catchEscalation: EscalationCatcher;
  /** Ids of the sub-process elements from the process scope down to this one. */
  readonly path: string[];
  /** Escalation catchers of elements now running, by execution id (for their sub-scopes). */
  readonly catchers: Map<string, EscalationCatcher>;
  /** The open user task of an element execution, by execution id (for boundary escalations). */
  readonly taskOfExecution: Map<string, string>;
  /** Element executions whose task record exists (boundary timers on user tasks wait for it). */
  readonly recorded: Set<string>;
  run(startIds?: string[]): Promise<ScopeOutcome>;
  /** A nested scope run in the same execution (a sub-process body). */
  child(
    scope: Scope,
    vars: VariableScope,
    catchEscalation: EscalationCatcher,
    path: string[],
  ): ScopeRun;
  /** Runs one element once in the given variable scope (one multi-instance iteration). */
  executeOnce(el: FlowElement, executionId: string, vars: VariableScope): Promise<Next>;
  element(id: string): FlowElement;
  spawn(elementId: string, viaFlow?: string, origin?: TokenOrigin): void;
  take(flowIds: string[], origin?: TokenOrigin): void;
  terminate(): void;
  outgoing(element: FlowElement | BoundaryEvent): string[];
  holds(flow: SequenceFlow): boolean;
}
