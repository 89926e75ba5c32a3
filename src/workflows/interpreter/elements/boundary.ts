import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { BoundaryEvent, FlowElement } from '../../definition/types';
import type { Next, ScopeRun } from '../scope';
import { resolveTimer, waitForTimer } from '../timers';
import { waitForMessage } from './events';

/** Upper bound for `R/…` cycles without a count, so no history grows without bound. */
export const MAX_CYCLE_REPETITIONS = 1000;

/**
 * Runs an element with its boundary events: timers (once or cycling) and messages watch while
 * it runs; an interrupting one cancels the element and continues from the boundary, a
 * non-interrupting one adds a token and lets the element go on. Escalations thrown inside a
 * sub-process are offered to the escalation boundaries here.
 */
export async function runWithBoundaries(
  run: ScopeRun,
  element: FlowElement,
  executionId: string,
  body: () => Promise<Next>,
): Promise<Next> {
  const boundaries = element.boundary.map((id) => run.element(id) as BoundaryEvent);
  if (boundaries.length === 0) return body();
  let interruptedBy: BoundaryEvent | undefined;
  let watcherError: unknown;
  const elementScope = new CancellationScope();
  const watchers = new CancellationScope();
  const fire = (b: BoundaryEvent) => {
    if (interruptedBy) return;
    const occurrence = run.ex.nextId(b.id);
    run.ex.enter(occurrence, b.id, b.type, b.name);
    run.ex.leave(occurrence, 'completed');
    if (b.cancelActivity) {
      interruptedBy = b;
      elementScope.cancel();
    } else {
      run.take(run.outgoing(b), { taskId: run.taskOfExecution.get(executionId) });
    }
  };
  run.catchers.set(executionId, (code) => {
    const b = boundaries.find(
      (x) =>
        x.escalationCode !== undefined && (x.escalationCode === null || x.escalationCode === code),
    );
    if (!b) return run.catchEscalation(code);
    fire(b);
    return true;
  });
  for (const b of boundaries) {
    if (b.timer || b.cycle || b.message) {
      watchers
        .run(() => watch(run, b, executionId, fire))
        .catch((err) => {
          if (isCancellation(err)) return;
          watcherError = err;
          elementScope.cancel();
        });
    }
  }
  try {
    const next = await elementScope.run(body);
    // An interruption can land after the element's last await (an escalation end event).
    if (watcherError) throw watcherError;
    return interruptedBy ? { take: run.outgoing(interruptedBy) } : next;
  } catch (err) {
    if (watcherError) throw watcherError;
    if (interruptedBy && isCancellation(err)) return { take: run.outgoing(interruptedBy) };
    throw err;
  } finally {
    watchers.cancel();
    run.catchers.delete(executionId);
  }
}

async function watch(
  run: ScopeRun,
  b: BoundaryEvent,
  executionId: string,
  fire: (b: BoundaryEvent) => void,
) {
  if (b.message) {
    await waitForMessage(run.ex, b.message);
    return fire(b);
  }
  const repetitions = b.cycle ? (b.cycle.repetitions ?? MAX_CYCLE_REPETITIONS) : 1;
  const spec = b.cycle ? b.cycle.every : b.timer!;
  let from = Date.now();
  // A timer already due at the start (a past date) must not fire before the task record exists,
  // or its escalation could not name the task. Counted from the element's start all the same.
  const attached = run.element(b.attachedTo);
  if (
    attached.type === 'userTask' &&
    !attached.multiInstance &&
    patched('boundary-after-task-record')
  ) {
    await condition(() => run.recorded.has(executionId));
  }
  for (let i = 0; i < repetitions; i++) {
    const entry = await resolveTimer(
      `${executionId}:${b.id}:${i}`,
      b.id,
      'boundary',
      spec,
      run.vars,
      from,
    );
    await waitForTimer(run.ex, entry);
    from = Date.parse(entry.fireAt);
    fire(b);
    if (b.cancelActivity) return;
  }
}
