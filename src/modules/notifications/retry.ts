import { errorText } from './redact';

export interface AttemptOutcome {
  ok: boolean;
  attempts: number;
  lastError: string | null;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `send` up to `attempts` times, waiting backoffMs[i] (the last value repeats) between
 * tries. Never throws: a channel that is down is an outcome, not an error of the caller.
 */
export async function attemptWithRetries(
  send: () => Promise<void>,
  attempts: number,
  backoffMs: number[],
  sleep: Sleep = realSleep,
): Promise<AttemptOutcome> {
  let lastError: string | null = null;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(backoffMs[Math.min(i - 1, backoffMs.length - 1)] ?? 0);
    try {
      await send();
      return { ok: true, attempts: i + 1, lastError: null };
    } catch (error) {
      lastError = errorText(error);
    }
  }
  return { ok: false, attempts, lastError };
}
