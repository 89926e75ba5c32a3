/**
 * ISO 8601 durations, dates and repeating intervals as used in BPMN timer definitions.
 *
 * The duration grammar is the engine's own (`src/workflows/shared/duration.ts`), so what
 * validation accepts is exactly what timers and activities run. Validation of a literal duration
 * uses its fixed-length form: weeks, days, hours, minutes, seconds, longer than zero; years and
 * months (`P1M`) and working days (`P2WD`) are rejected with a hint (see docs/bpmn.md).
 */
import {
  DurationError,
  fixedDurationMs,
  parseRepeatingInterval,
  type RepeatingInterval,
} from '../../../workflows/shared/duration';

export { DurationError, parseRepeatingInterval, type RepeatingInterval };

/** Parses a literal ISO 8601 duration into milliseconds (fixed length, > 0); throws DurationError. */
export function parseIsoDuration(value: string): number {
  return fixedDurationMs(value);
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
