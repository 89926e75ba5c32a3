import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { BoundaryEvent, FlowElement, Scope, SequenceFlow } from '../definition/types';
import { runWithBoundaries } from './elements/boundary';
import { executeElement, executeOnce } from './elements/dispatch';
import { withIncidents } from './elements/incidents';
import type { Execution } from './execution';
import { evaluateCondition } from './expression';
import type {
  EscalationCatcher,
  Next,
  ScopeOutcome,
  ScopeRun as ScopeRunContract,
  TokenOrigin,
} from './scope';
import type { VariableScope } from './variables';

export type { EscalationCatcher, Next, ScopeOutcome, TokenOrigin } from './scope';

/**
 * Runs one scope (the process, or one sub-process execution) by walking tokens: each token runs
 * its element then moves along the chosen flows; a parallel join waits for a token on every
 * incoming flow; the scope completes when no token is left, or ends at once on a terminate end.
 */
export class ScopeRun implements ScopeRunContract {
  private tokens = 0;
  private readonly joins = new Map<string, Map<string, number>>();
  private readonly cancellation = new CancellationScope();
  private finish!: (outcome: ScopeOutcome) => void;
  private fail!: (err: unknown) => void;
  private ended = false;
  /** Escalation catchers of elements now running, by execution id (for their sub-scopes). */
  readonly catchers = new Map<string, EscalationCatcher>();
  /** The open user task of an element execution, by execution id (for boundary escalations). */
  readonly taskOfExecution = new Map<string, string>();
  /** Element executions whose task record exists (boundary timers on user tasks wait for it). */
  readonly recorded = new Set<string>();

  constructor(
    readonly ex: Execution,
    readonly scope: Scope,
    readonly vars: VariableScope,
    readonly catchEscalation: EscalationCatcher = () => false,
    /** Ids of the sub-process elements from the process scope down to this one. */
    readonly path: string[] = [],
  ) {}

  run(startIds = this.scope.startIds): Promise<ScopeOutcome> {
    return new Promise<ScopeOutcome>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
      if (startIds.length === 0) return resolve('completed');
      for (const id of startIds) this.spawn(id);
    });
  }

  /** A nested scope run in the same execution (a sub-process body). */
  child(
    scope: Scope,
    vars: VariableScope,
    catchEscalation: EscalationCatcher,
    path: string[],
  ): ScopeRun {
    return new ScopeRun(this.ex, scope, vars, catchEscalation, path);
  }

  /** Runs one element once in the given variable scope (one multi-instance iteration). */
  executeOnce(el: FlowElement, executionId: string, vars: VariableScope): Promise<Next> {
    return executeOnce(this, el, executionId, vars);
  }

  element(id: string): FlowElement {
    const element = this.scope.elements[id];
    if (!element) throw new Error(`element ${id} not found in scope ${this.scope.id}`);
    return element;
  }

  /** Starts a token at an element (after arriving over `viaFlow`). */
  spawn(elementId: string, viaFlow?: string, origin?: TokenOrigin): void {
    this.tokens += 1;
    this.cancellation
      .run(() => this.step(elementId, viaFlow, origin))
      .then(
        () => this.tokenDone(),
        (err) => {
          if (isCancellation(err) && this.ended) return;
          this.end();
          this.fail(err);
        },
      );
  }

  /** Follows flows (used by non-interrupting boundary events, which add tokens). */
  take(flowIds: string[], origin?: TokenOrigin): void {
    for (const id of flowIds) this.spawn(this.scope.flows[id].targetId, id, origin);
  }

  terminate(): void {
    if (this.ended) return;
    this.end();
    this.cancellation.cancel();
    this.finish('terminated');
  }

  private end(): void {
    this.ended = true;
  }

  private tokenDone(): void {
    this.tokens -= 1;
    if (this.tokens === 0 && !this.ended) {
      this.end();
      this.finish('completed');
    }
  }

  private async step(elementId: string, viaFlow?: string, origin?: TokenOrigin): Promise<void> {
    const element = this.element(elementId);
    if (
      element.type === 'parallelGateway' &&
      element.incoming.length > 1 &&
      !this.joined(element.id, element.incoming, viaFlow)
    ) {
      return;
    }
    const executionId = this.ex.nextId(element.id);
    this.ex.enter(executionId, element.id, element.type, element.name);
    let next: Next;
    try {
      next = await withIncidents(this, element, executionId, () => {
        const run = () =>
          runWithBoundaries(this, element, executionId, () =>
            executeElement(this, element, executionId, origin),
          );
        const held = this.ex.countStep(element.id);
        return held ? held.then(run) : run();
      });
    } catch (err) {
      this.ex.leave(executionId, isCancellation(err) ? 'cancelled' : 'terminated');
      throw err;
    }
    this.ex.leave(executionId, 'completed');
    if ('terminate' in next) return this.terminate();
    this.take(next.take);
  }

  /** Parallel join: true once a token has arrived on every incoming flow (consuming one each). */
  private joined(gatewayId: string, incoming: string[], viaFlow?: string): boolean {
    const arrived = this.joins.get(gatewayId) ?? new Map<string, number>();
    this.joins.set(gatewayId, arrived);
    if (viaFlow) arrived.set(viaFlow, (arrived.get(viaFlow) ?? 0) + 1);
    if (!incoming.every((f) => (arrived.get(f) ?? 0) > 0)) return false;
    for (const f of incoming) arrived.set(f, (arrived.get(f) ?? 0) - 1);
    return true;
  }

  /** Outgoing flows of an activity or event: unconditional ones plus those whose condition holds. */
  outgoing(element: FlowElement | BoundaryEvent): string[] {
    const flows = element.outgoing.map((id) => this.scope.flows[id]);
    const chosen = flows.filter((f) => !f.isDefault && (!f.condition || this.holds(f)));
    if (chosen.length > 0) return chosen.map((f) => f.id);
    return flows.filter((f) => f.isDefault).map((f) => f.id);
  }

  holds(flow: SequenceFlow): boolean {
    return flow.condition ? evaluateCondition(flow.condition, this.vars.all()) : true;
  }
}
