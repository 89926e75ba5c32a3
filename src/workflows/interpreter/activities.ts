import { proxyActivities } from '@temporalio/workflow';
import type { RetryPolicySpec } from '../definition/types';
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

/** A service task's activity, with the retry policy and timeout its definition gives. */
export function serviceActivity(
  name: string,
  retry: RetryPolicySpec | undefined,
  timeout: string | undefined,
): ServiceActivity {
  const policy = { ...DEFAULT_RETRY, ...retry };
  const acts = proxyActivities<Record<string, ServiceActivity>>({
    startToCloseTimeout: isoToMs(timeout ?? 'PT1M'),
    retry: {
      maximumAttempts: policy.maximumAttempts,
      initialInterval: policy.initialInterval ? isoToMs(policy.initialInterval) : undefined,
      backoffCoefficient: policy.backoffCoefficient,
      maximumInterval: policy.maximumInterval ? isoToMs(policy.maximumInterval) : undefined,
    },
  });
  return acts[name];
}

function isoToMs(iso: string): number {
  const m = /^PT?(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso);
  if (!m) throw new Error(`invalid ISO 8601 duration "${iso}"`);
  return (
    ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 +
    Number(m[4] ?? 0) * 1000
  );
}
