import {
  CancellationScope,
  executeChild,
  isCancellation,
  workflowInfo,
} from '@temporalio/workflow';
import type { FlowElement } from '../../definition/types';
import {
  BATCH_WORKFLOW,
  type MultiInstanceBatchInput,
  type MultiInstanceBatchResult,
} from '../contract';
import { evaluateCondition, evaluateTemplate } from '../expression';
import type { Next, ScopeRun } from '../scope';
import type { VariableScope } from '../variables';

/** Collections up to this size run in this workflow; larger ones in batch child workflows. */
export const INLINE_LIMIT = 200;
/** Iterations running at once inside one workflow (well under 2,000 pending activities/children). */
export const ITERATION_WINDOW = 100;
/** Items per batch child, and batch children running at once. */
export const BATCH_SIZE = 500;
export const BATCH_WINDOW = 10;

/**
 * Multi-instance over a collection. Small collections iterate here (parallel within a sliding
 * window, or one by one); large parallel ones are split into batch child workflows so that no
 * single history grows past Temporal's limits. Outputs are collected in collection order.
 */
export async function multiInstance(
  run: ScopeRun,
  el: FlowElement,
  executionId: string,
): Promise<Next> {
  const mi = el.multiInstance!;
  const items = toItems(evaluateTemplate(mi.collection, run.vars.all()), el.id);
  const outputs =
    items.length > INLINE_LIMIT && !mi.isSequential
      ? await runBatches(run, el, executionId, items)
      : await runIterations(run, el, executionId, items, 0, run.vars);
  if (mi.outputCollection) run.vars.set(mi.outputCollection, outputs);
  return { take: run.outgoing(el) };
}

export async function runIterations(
  run: ScopeRun,
  el: FlowElement,
  executionId: string,
  items: unknown[],
  offset: number,
  vars: VariableScope,
): Promise<unknown[]> {
  const mi = el.multiInstance!;
  const total = offset + items.length;
  const outputs: unknown[] = new Array(items.length).fill(null);
  const window = mi.isSequential ? 1 : Math.min(mi.batchSize ?? ITERATION_WINDOW, ITERATION_WINDOW);
  let next = 0;
  let completed = 0;
  let active = 0;
  let stop = false;
  const scope = new CancellationScope();
  const iterate = async (i: number) => {
    const iterationId = `${executionId}/${offset + i}`;
    const local = vars.child(
      { [mi.elementVariable]: items[i], loopCounter: offset + i + 1, nrOfInstances: total },
      true,
    );
    active += 1;
    run.ex.enter(iterationId, el.id, el.type, el.name);
    await run.executeOnce(el, iterationId, local);
    run.ex.leave(iterationId, 'completed');
    active -= 1;
    completed += 1;
    outputs[i] = mi.outputElement
      ? evaluateTemplate(mi.outputElement, local.all())
      : iterationOutput(local, mi.elementVariable);
    if (mi.completionCondition) {
      const counters = {
        nrOfInstances: total,
        nrOfCompletedInstances: completed,
        nrOfActiveInstances: active,
      };
      if (evaluateCondition(mi.completionCondition, { ...vars.all(), ...counters })) {
        stop = true;
        scope.cancel();
      }
    }
  };
  try {
    await scope.run(() =>
      Promise.all(
        Array.from({ length: Math.min(window, items.length) }, async () => {
          while (!stop && next < items.length) await iterate(next++);
        }),
      ),
    );
  } catch (err) {
    if (!(stop && isCancellation(err))) throw err;
  }
  return outputs;
}

async function runBatches(
  run: ScopeRun,
  el: FlowElement,
  executionId: string,
  items: unknown[],
): Promise<unknown[]> {
  const outputs: unknown[] = [];
  const batches: MultiInstanceBatchInput[] = [];
  for (let offset = 0; offset < items.length; offset += BATCH_SIZE) {
    batches.push({
      definitionId: run.ex.definitionId,
      rootWorkflowId: run.ex.rootWorkflowId,
      scopePath: run.path,
      elementId: el.id,
      offset,
      items: items.slice(offset, offset + BATCH_SIZE),
      variables: run.vars.all(),
      startedBy: run.ex.startedBy,
    });
  }
  const results: MultiInstanceBatchResult[] = new Array(batches.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(BATCH_WINDOW, batches.length) }, async () => {
      while (next < batches.length) {
        const b = next++;
        results[b] = await executeChild(BATCH_WORKFLOW, {
          workflowId: `${run.ex.workflowId}/${executionId}/batch-${b}`,
          taskQueue: workflowInfo().taskQueue,
          args: [batches[b]],
        });
      }
    }),
  );
  for (const r of results) outputs.push(...r.outputs);
  return outputs;
}

function iterationOutput(local: VariableScope, elementVariable: string): unknown {
  const own = local.ownValues();
  delete own[elementVariable];
  delete own.loopCounter;
  delete own.nrOfInstances;
  return own;
}

function toItems(value: unknown, elementId: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
    return Array.from({ length: value }, (_, i) => i);
  throw new Error(
    `multi-instance ${elementId}: collection must be an array or a whole number, got ${JSON.stringify(value)}`,
  );
}
