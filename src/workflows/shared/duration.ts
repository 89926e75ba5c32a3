/**
 * ISO 8601 durations and repeating intervals: the one grammar that compile, validation, timers
 * and service-task activities all use (pure and deterministic, so the workflow can import it and
 * the modules import it from here). See docs/bpmn.md, "Durations".
 *
 * Grammar (case-insensitive, surrounding blanks ignored):
 *
 *     P[nY][nM][nW][nD][T[nH][nM][nS]]
 *
 * - at least one component, and a `T` must be followed by one;
 * - n is a whole number, except on the last component written, which may have a decimal fraction
 *   (`PT1.5M` = 90 s, `P0,5D` = 12 h; `.` or `,`); years and months never have one;
 * - the result is rounded to the millisecond and at most 100 years long.
 *
 * Weeks, days, hours, minutes and seconds have a fixed length. Years and months do not: only a
 * timer can honour them (they are added on the UTC calendar, see addDuration); anything that needs
 * a length in milliseconds (validation of literals, activity timeouts and retry intervals) refuses
 * them. Working days are a different unit altogether (jc:workingDays), so `P2WD` is refused with a
 * hint.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The longest duration accepted: 100 years of days (a longer one is surely a typo). */
export const MAX_DURATION_MS = 36_525 * DAY;

const N = '(\\d+(?:[.,]\\d+)?)';
const PATTERN = new RegExp(
  `^P(?:${N}Y)?(?:${N}M)?(?:${N}W)?(?:${N}D)?(?:T(?:${N}H)?(?:${N}M)?(?:${N}S)?)?$`,
);
/** Length of each component in ms, in the order of PATTERN's groups (years, months: calendar). */
const UNIT_MS = [0, 0, WEEK, DAY, HOUR, MINUTE, SECOND];

export class DurationError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`无效的时长 invalid duration "${value}": ${reason}`);
    this.name = 'DurationError';
  }
}

const ACCEPTED = 'accepted: ISO 8601 like PT30S, PT1.5M, PT2H, P3D, P1W, P1DT12H';

/** A parsed duration: calendar years and months, and the fixed-length rest in milliseconds. */
export interface Duration {
  years: number;
  months: number;
  ms: number;
}

/** Parses a duration of the grammar above (zero allowed); throws DurationError. */
export function parseDuration(value: string): Duration {
  const text = String(value).trim().toUpperCase();
  if (/^P.*WD$/.test(text) || /^P\d+WD/.test(text)) {
    throw new DurationError(
      value,
      `working days are not an ISO unit; use jc:workingDays (${ACCEPTED})`,
    );
  }
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new DurationError(value, ACCEPTED);
  const parts = m.slice(1, 8);
  const written = parts.map((p, i) => (p === undefined ? -1 : i)).filter((i) => i >= 0);
  const last = written[written.length - 1];
  for (const i of written) {
    if (/[.,]/.test(parts[i] as string) && (i !== last || i < 2)) {
      throw new DurationError(
        value,
        `only the last component may have a fraction, and years and months none (${ACCEPTED})`,
      );
    }
  }
  const [years, months, ...fixed] = parts.map((p) =>
    p === undefined ? 0 : Number(p.replace(',', '.')),
  );
  const ms = Math.round(fixed.reduce((sum, n, i) => sum + n * UNIT_MS[i + 2], 0));
  if (ms + (years * 12 + months) * 31 * DAY > MAX_DURATION_MS) {
    throw new DurationError(value, 'longer than 100 years');
  }
  return { years, months, ms };
}

/**
 * A fixed-length duration longer than zero in milliseconds: what validation accepts for literal
 * durations and what activity timeouts and retry intervals use. Throws DurationError.
 */
export function fixedDurationMs(value: string): number {
  const { years, months, ms } = parseDuration(value);
  if (years || months) {
    throw new DurationError(value, `years and months have no fixed length; use days (${ACCEPTED})`);
  }
  if (ms <= 0) throw new DurationError(value, 'must be longer than zero');
  return ms;
}

/**
 * The instant a timer with this duration fires when armed at `fromMs`: years and months are added
 * on the UTC calendar, the rest exactly. Zero is allowed (a duration expression may give PT0S).
 */
export function addDuration(fromMs: number, value: string): number {
  const { years, months, ms } = parseDuration(value);
  const date = new Date(fromMs);
  if (years || months) {
    date.setUTCFullYear(date.getUTCFullYear() + years, date.getUTCMonth() + months);
  }
  return date.getTime() + ms;
}

export interface RepeatingInterval {
  /** undefined = unbounded (`R/…`). */
  repetitions?: number;
  /** The interval's duration text, upper case (e.g. PT10S). */
  duration: string;
}

/**
 * Parses an ISO 8601 repeating interval `R<n>/<duration>` or `R/<duration>`, the duration fixed
 * and longer than zero. Start/end dates (`R3/2025-01-01T00:00/PT1H`) are not supported: reminders
 * start when the attached task starts.
 */
export function parseRepeatingInterval(value: string): RepeatingInterval {
  const m = /^R(\d*)\/(P[^/]+)$/i.exec(String(value).trim());
  if (!m) {
    throw new DurationError(
      value,
      'expected a repeating interval R<n>/<duration> such as R3/PT10S',
    );
  }
  fixedDurationMs(m[2]);
  const repetitions = m[1] === '' ? undefined : Number(m[1]);
  if (repetitions !== undefined && repetitions < 1) {
    throw new DurationError(value, 'the number of repetitions must be at least 1');
  }
  return { repetitions, duration: m[2].trim().toUpperCase() };
}
