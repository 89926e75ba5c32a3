import { proxyActivities } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { RetryPolicySpec } from '../definition/types';
import { fixedDurationMs } from '../shared/duration';
import type { CalendarActivities, EngineActivities, ServiceTaskContext } from './contract';

/**
 * The engine's own activities: bookkeeping that must eventually succeed (database blips are
 * retried without limit; they are idempotent).
 */
export const engine = proxyActivities<EngineActivities & CalendarActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

type ServiceActivity = (
  input: Record<string, unknown>,
  context: ServiceTaskContext,
) => Promise<unknown>;

/** Default for service tasks without jc:retry: three attempts, then an incident. */
const DEFAULT_RETRY: RetryPolicySpec = {
  maximumAttempts: 3,
  initialInterval: 'PT1S',
  backoffCoefficient: 2,
};

/**
 * The activity options of a service task: its retry policy and timeout, durations read with the
 * same grammar validation applies (src/workflows/shared/duration.ts).
 */
export function serviceActivityOptions(
  retry: RetryPolicySpec | undefined,
  timeout: string | undefined,
): ActivityOptions {
  const policy = { ...DEFAULT_RETRY, ...retry };
  return {
    startToCloseTimeout: fixedDurationMs(timeout ?? 'PT1M'),
    retry: {
      maximumAttempts: policy.maximumAttempts,
      initialInterval: policy.initialInterval ? fixedDurationMs(policy.initialInterval) : undefined,
      backoffCoefficient: policy.backoffCoefficient,
      maximumInterval: policy.maximumInterval ? fixedDurationMs(policy.maximumInterval) : undefined,
    },
  };
}

/** A service task's activity, with the retry policy and timeout its definition gives. */
export function serviceActivity(
  name: string,
  retry: RetryPolicySpec | undefined,
  timeout: string | undefined,
): ServiceActivity {
  const acts = proxyActivities<Record<string, ServiceActivity>>(
    serviceActivityOptions(retry, timeout),
  );
  return acts[name];
}
