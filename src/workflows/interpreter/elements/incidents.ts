import {
  ActivityFailure,
  ChildWorkflowFailure,
  condition,
  isCancellation,
} from '@temporalio/workflow';
import type { FlowElement } from '../../definition/types';
import { engine } from '../activities';
import type { ScopeRun } from '../scope';
import { StepLimitError } from '../execution';
import { setStatus } from '../search';

/**
 * Runs an element; a failure (a service task's activity out of retries, a failed call, a bad
 * expression) becomes an incident visible in state, and the element runs again once someone
 * retries the incident. Cancellation passes through.
 */
export async function withIncidents<T>(
  run: ScopeRun,
  element: FlowElement,
  executionId: string,
  body: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await body();
    } catch (err) {
      if (isCancellation(err)) throw err;
      const incidentId = `${run.ex.workflowId}/${executionId}/incident-${attempt}`;
      const entry = {
        incidentId,
        elementId: element.id,
        activity: element.type === 'serviceTask' ? element.activity : element.type,
        message: describe(err),
        at: new Date().toISOString(),
        retried: false as boolean,
        retriedBy: undefined as string | undefined,
      };
      run.ex.incidents.set(incidentId, entry);
      setStatus(run.ex, 'incident');
      await engine.recordIncident({
        incidentId,
        workflowId: run.ex.workflowId,
        elementId: element.id,
        activity: entry.activity,
        message: entry.message,
      });
      await condition(() => entry.retried);
      await engine.recordIncident({
        ...entry,
        workflowId: run.ex.workflowId,
        resolved: true,
        actor: entry.retriedBy,
      });
      run.ex.incidents.delete(incidentId);
      if (err instanceof StepLimitError) run.ex.releaseStepLimit();
      if (run.ex.incidents.size === 0) setStatus(run.ex, 'running');
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof ActivityFailure || err instanceof ChildWorkflowFailure) {
    return `${err.message}: ${err.cause?.message ?? ''}`.trim();
  }
  return err instanceof Error ? err.message : String(err);
}
