import { addDays, compareDates, endOfDayInstant, parseCivilDate, type CivilDate } from './dates';
import type { DayInfo } from './effective-calendar';
import { CalendarInputError } from './errors';

export { endOfDayInstant } from './dates';

/** What the arithmetic needs from a calendar; EffectiveCalendar provides it. */
export interface DayLookup {
  day(date: CivilDate): DayInfo;
  isProvisional(year: number): boolean;
  yearVersion(year: number): string;
}

/** Provenance of a computed value: which calendar years it rests on and whether any is provisional. */
export interface CalendarBasis {
  /** True if any consulted year came from the statutory fallback (not published, not imported). */
  provisional: boolean;
  /** 'v1:2025=…,2026=…' — the effective-data version of each consulted year; 'v1:none' if none. */
  calendarVersion: string;
  yearsConsulted: number[];
}

export interface ComputedDate extends CalendarBasis {
  date: CivilDate;
  /** UTC ISO string of 23:59:59 Asia/Shanghai on `date`, e.g. '2025-02-05T15:59:59.000Z'. */
  instant: string;
}

export interface WorkingDayCount extends CalendarBasis {
  /** Working days in (from, to]; negative when `to` is before `from`. */
  days: number;
}

function isWorking(calendar: DayLookup, date: CivilDate): boolean {
  const { kind } = calendar.day(date);
  return kind === 'workday' || kind === 'makeup-workday';
}

function basisOf(calendar: DayLookup, dates: CivilDate[]): CalendarBasis {
  const years = dates.map((date) => parseCivilDate(date).year);
  if (years.length === 0)
    return { provisional: false, calendarVersion: 'v1:none', yearsConsulted: [] };
  const yearsConsulted: number[] = [];
  for (let year = Math.min(...years); year <= Math.max(...years); year++) yearsConsulted.push(year);
  return {
    provisional: yearsConsulted.some((year) => calendar.isProvisional(year)),
    calendarVersion: `v1:${yearsConsulted.map((y) => `${y}=${calendar.yearVersion(y)}`).join(',')}`,
    yearsConsulted,
  };
}

function computed(calendar: DayLookup, date: CivilDate, consulted: CivilDate[]): ComputedDate {
  return { date, instant: endOfDayInstant(date).toISOString(), ...basisOf(calendar, consulted) };
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CalendarInputError(
      `工作日数应为非负整数，收到 ${n} / working-day count must be a non-negative integer, got ${n}`,
      'n',
    );
  }
}

/** Steps day by day in `direction` until `n` working days have been passed; `from` is not counted. */
function stepWorkingDays(calendar: DayLookup, from: CivilDate, n: number, direction: 1 | -1) {
  let date = from;
  for (let counted = 0; counted < n;) {
    date = addDays(date, direction);
    if (isWorking(calendar, date)) counted++;
  }
  return date;
}

export function isWorkingDay(calendar: DayLookup, date: CivilDate): boolean {
  parseCivilDate(date);
  return isWorking(calendar, date);
}

/**
 * "Within n working days after `from`": the n-th working day after `from`, `from` itself not counted
 * whether or not it is a working day. n = 0 is `from` itself (the deadline is the end of that day).
 */
export function addWorkingDays(calendar: DayLookup, from: CivilDate, n: number): ComputedDate {
  parseCivilDate(from, 'from');
  checkCount(n);
  const result = stepWorkingDays(calendar, from, n, 1);
  return computed(calendar, result, [from, result]);
}

/** The n-th working day before `date` (`date` not counted); e.g. n = 1 for "1 working day before". */
export function subtractWorkingDays(calendar: DayLookup, date: CivilDate, n: number): ComputedDate {
  parseCivilDate(date, 'date');
  checkCount(n);
  const result = stepWorkingDays(calendar, date, n, -1);
  return computed(calendar, result, [result, date]);
}

/**
 * Working days in the half-open span (from, to] — e.g. how many working days late a task done on
 * `to` was against a due day `from`. Inverse of addWorkingDays: between(d, add(d, n)) = n.
 */
export function workingDaysBetween(
  calendar: DayLookup,
  from: CivilDate,
  to: CivilDate,
): WorkingDayCount {
  parseCivilDate(from, 'from');
  parseCivilDate(to, 'to');
  const sign = compareDates(from, to) <= 0 ? 1 : -1;
  const [start, end] = sign === 1 ? [from, to] : [to, from];
  let days = 0;
  for (let date = addDays(start, 1); compareDates(date, end) <= 0; date = addDays(date, 1)) {
    if (isWorking(calendar, date)) days++;
  }
  return { days: days === 0 ? 0 : sign * days, ...basisOf(calendar, [from, to]) }; // never -0
}

/** The first working day on or after `date`. */
export function nextWorkingDayOnOrAfter(calendar: DayLookup, date: CivilDate): ComputedDate {
  parseCivilDate(date);
  let result = date;
  while (!isWorking(calendar, result)) result = addDays(result, 1);
  return computed(calendar, result, [date, result]);
}

export interface CalendarDeadlineOptions {
  /** When the date is not a working day, move the deadline to the next working day. */
  nextWorkingDay?: boolean;
}

/**
 * A calendar-date deadline ("by the end of March"): the end of that day, or — only when the rule
 * says so — of the first working day on or after it. Without `nextWorkingDay` no calendar data is
 * consulted, so the result is never provisional.
 */
export function calendarDeadline(
  calendar: DayLookup,
  date: CivilDate,
  options: CalendarDeadlineOptions = {},
): ComputedDate {
  parseCivilDate(date);
  if (options.nextWorkingDay) return nextWorkingDayOnOrAfter(calendar, date);
  return computed(calendar, date, []);
}
