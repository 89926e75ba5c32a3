/**
 * ISO 8601 durations for `duration` timers, computed inside the workflow (pure, deterministic).
 * Years and months are calendar units and are added on the UTC calendar; weeks, days, hours,
 * minutes and seconds are exact.
 */
const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function addIsoDuration(fromMs: number, iso: string): number {
  const m = PATTERN.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) {
    throw new Error(`invalid ISO 8601 duration "${iso}" (expected e.g. PT30S, PT2H, P3D, P1M)`);
  }
  const [, y, mo, w, d, h, mi, s] = m;
  const date = new Date(fromMs);
  if (y || mo) {
    date.setUTCFullYear(
      date.getUTCFullYear() + Number(y ?? 0),
      date.getUTCMonth() + Number(mo ?? 0),
    );
  }
  const ms =
    Number(w ?? 0) * 7 * 86_400_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(mi ?? 0) * 60_000 +
    Math.round(Number(s ?? 0) * 1000);
  return date.getTime() + ms;
}

/** `R3/PT10S` or `R/PT1H` → repetitions and the interval (an ISO duration). */
export function parseCycle(value: string): { repetitions?: number; every: string } {
  const m = /^R(\d*)\/(P.+)$/.exec(value.trim());
  if (!m)
    throw new Error(`invalid ISO 8601 repeating interval "${value}" (expected e.g. R3/PT10S)`);
  return { repetitions: m[1] ? Number(m[1]) : undefined, every: m[2] };
}
