import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type {
  EventBasedGateway,
  ExclusiveGateway,
  IntermediateCatchEvent,
} from '../../definition/types';
import type { VariableScope } from '../variables';
import type { Next, ScopeRun } from '../scope';
import { resolveTimer, waitForTimer } from '../timers';
import { waitForMessage } from './events';

/** The first outgoing flow (in document order) whose condition holds, else the default flow. */
export function exclusiveGateway(run: ScopeRun, el: ExclusiveGateway): Next {
  const flows = el.outgoing.map((id) => run.scope.flows[id]);
  const chosen = flows.find((f) => f.id !== el.defaultFlow && !f.isDefault && run.holds(f));
  if (chosen) return { take: [chosen.id] };
  const fallback = el.defaultFlow ?? flows.find((f) => f.isDefault)?.id;
  if (fallback) return { take: [fallback] };
  throw new Error(
    `exclusive gateway ${el.id}: no outgoing condition is true and there is no default flow`,
  );
}

/**
 * Event-based gateway: the catch events after it race; the first to occur wins and the others
 * are withdrawn. The winner's own outgoing flows are taken directly.
 */
export async function eventBasedGateway(
  run: ScopeRun,
  el: EventBasedGateway,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  const events = el.outgoing.map(
    (id) => run.element(run.scope.flows[id].targetId) as IntermediateCatchEvent,
  );
  const race = new CancellationScope();
  let winner: IntermediateCatchEvent | undefined;
  const waits = events.map((event) =>
    race
      .run(async () => {
        if (event.timer) {
          await waitForTimer(
            run.ex,
            await resolveTimer(`${executionId}:${event.id}`, event.id, 'timer', event.timer, vars),
          );
        } else if (event.message) {
          const message = await waitForMessage(run.ex, event.message);
          if (message.payload) vars.setAll(message.payload);
        }
        winner ??= event;
        race.cancel();
      })
      .catch((err) => {
        if (!isCancellation(err)) throw err;
      }),
  );
  await Promise.all(waits);
  if (!winner) throw new Error(`event-based gateway ${el.id}: no event occurred`);
  const executed = run.ex.nextId(winner.id);
  run.ex.enter(executed, winner.id, winner.type, winner.name);
  run.ex.leave(executed, 'completed');
  return { take: run.outgoing(winner) };
}
