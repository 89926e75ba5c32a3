/**
 * The one polling helper of the test suites: calls `check` until it returns a truthy value and
 * returns that value. A check that throws is tried again (what it reads may not exist yet); on
 * timeout the error names `what` and the last error seen.
 *
 * Poll for the state you expect, never sleep for a fixed time. To show that something did NOT
 * happen, wait for the state after which it no longer can (the instance ended, the timer is gone,
 * the batch was sent) and assert on that final state or history.
 */
export async function until<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}` +
          (lastError
            ? `: ${lastError instanceof Error ? lastError.message : String(lastError)}`
            : ''),
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
