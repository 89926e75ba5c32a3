import { CalendarInputError, CalendarRangeError } from './errors';

/**
 * A civil (calendar) date 'YYYY-MM-DD' in China, with no time and no time zone. All calendar
 * arithmetic is done on day numbers derived from these strings, never on local `Date` objects,
 * so the host's time zone cannot shift a date.
 */
export type CivilDate = string;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parts of a well-formed civil date, or null when the string is not a real 'YYYY-MM-DD' date. */
export function tryParseCivilDate(value: unknown): DateParts | null {
  if (typeof value !== 'string') return null;
  const match = CIVIL_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCivilDate(value: unknown): value is CivilDate {
  return tryParseCivilDate(value) !== null;
}

/** Parses a civil date and checks it lies in 1900–2100; `field` names the argument in errors. */
export function parseCivilDate(value: unknown, field = 'date'): DateParts {
  const parts = tryParseCivilDate(value);
  if (!parts) {
    throw new CalendarInputError(
      `${field} 不是有效日期：${String(value)}，应为 YYYY-MM-DD / ` +
        `${field} is not a valid date: ${String(value)}; expected YYYY-MM-DD`,
      field,
    );
  }
  if (parts.year < MIN_YEAR || parts.year > MAX_YEAR) throw new CalendarRangeError(String(value));
  return parts;
}

export function formatCivilDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = parseCivilDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of toDayNumber (H. Hinnant's civil_from_days). */
export function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatCivilDate(year, month, day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function dayOfWeek(date: CivilDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: CivilDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

export function yearOf(date: CivilDate): number {
  return parseCivilDate(date).year;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0; // 'YYYY-MM-DD' strings sort chronologically
}

/** The last day of a month, e.g. lastDayOfMonth(2025, 3) = '2025-03-31' ("end of March"). */
export function lastDayOfMonth(year: number, month: number): CivilDate {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new CalendarInputError(`月份应为 1–12 / month must be 1–12, got ${month}`, 'month');
  }
  const date = formatCivilDate(year, month, daysInMonth(year, month));
  parseCivilDate(date, 'year');
  return date;
}

/** China Standard Time is UTC+08:00 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** The civil date in Asia/Shanghai at an instant, e.g. for "today" or "the day the task ended". */
export function shanghaiDateOf(instant: Date): CivilDate {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000);
  return formatCivilDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** 23:59:59.000 Asia/Shanghai on the given date, the end of a deadline day. */
export function endOfDayInstant(date: CivilDate): Date {
  const utcMidnight = toDayNumber(date) * 86_400_000;
  return new Date(utcMidnight + 86_399_000 - SHANGHAI_OFFSET_MINUTES * 60_000);
}
