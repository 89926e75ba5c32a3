/**
 * ISO 8601 durations, dates and repeating intervals as used in BPMN timer definitions.
 *
 * Only fixed-length units are accepted for durations (weeks, days, hours, minutes, seconds):
 * years and months have no fixed length in milliseconds, and working days are a different unit
 * altogether (jc:workingDays, see docs/bpmn.md), so `P1M` and `P2WD` are rejected with a hint.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export class DurationError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`无效的时长 invalid duration "${value}": ${reason}`);
    this.name = 'DurationError';
  }
}

const ACCEPTED = 'accepted: ISO 8601 like PT30S, PT2H, P3D, P1W, P1DT12H';

/** Parses an ISO 8601 duration into milliseconds; throws DurationError. */
export function parseIsoDuration(value: string): number {
  const text = value.trim().toUpperCase();
  if (/^P.*WD$/.test(text) || /^P\d+WD/.test(text)) {
    throw new DurationError(
      value,
      `working days are not an ISO unit; use jc:workingDays (${ACCEPTED})`,
    );
  }
  if (/^P(?:\d+(?:[.,]\d+)?Y|\d+(?:[.,]\d+)?M)/.test(text)) {
    throw new DurationError(value, `years and months have no fixed length; use days (${ACCEPTED})`);
  }
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new DurationError(value, ACCEPTED);
  const [, w, d, h, min, s] = m.map((part) =>
    part === undefined ? 0 : Number(part.replace(',', '.')),
  );
  const ms = Math.round(w * WEEK + d * DAY + h * HOUR + min * MINUTE + s * SECOND);
  if (ms <= 0) throw new DurationError(value, 'must be longer than zero');
  return ms;
}

/** True when the value is a valid duration for parseIsoDuration. */
export function isIsoDuration(value: string): boolean {
  try {
    parseIsoDuration(value);
    return true;
  } catch {
    return false;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * True for an ISO 8601 calendar date (2025-03-31) or date-time (2025-03-31T17:00:00+08:00) that
 * exists in the calendar (no 2025-02-30).
 */
export function isIsoDate(value: string): boolean {
  const text = value.trim();
  if (!ISO_DATE.test(text) && !ISO_DATE_TIME.test(text)) return false;
  const [y, mo, d] = text.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export interface RepeatingInterval {
  /** undefined = unbounded (`R/…`). */
  repetitions?: number;
  /** The interval's duration text (e.g. PT10S). */
  duration: string;
}

/**
 * Parses an ISO 8601 repeating interval of the form `R<n>/<duration>` or `R/<duration>`.
 * Start/end dates (`R3/2025-01-01T00:00/PT1H`) are not supported: reminders start when the
 * attached task starts.
 */
export function parseRepeatingInterval(value: string): RepeatingInterval {
  const m = /^R(\d*)\/(P[^/]+)$/i.exec(value.trim());
  if (!m) {
    throw new DurationError(
      value,
      'expected a repeating interval R<n>/<duration> such as R3/PT10S',
    );
  }
  parseIsoDuration(m[2]);
  const repetitions = m[1] === '' ? undefined : Number(m[1]);
  if (repetitions !== undefined && repetitions < 1) {
    throw new DurationError(value, 'the number of repetitions must be at least 1');
  }
  return { repetitions, duration: m[2].toUpperCase() };
}
