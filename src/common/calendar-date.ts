/**
 * Calendar dates in requests: `YYYY-MM-DD` that is a real day (no 2026-02-30, no 9999-99-99)
 * within a sane range of years. One decorator for every DTO field that takes a date, so the rule
 * and its Chinese message are the same everywhere.
 */
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** Years accepted for business dates (plans, windows, inspections, decisions). */
export const MIN_BUSINESS_YEAR = 2000;
export const MAX_BUSINESS_YEAR = 2100;

export interface CalendarDateRange {
  minYear?: number;
  maxYear?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function realDay(y: string, m: string, d: string, range: Required<CalendarDateRange>): boolean {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  return (
    year >= range.minYear &&
    year <= range.maxYear &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month)
  );
}

function withDefaults(range: CalendarDateRange = {}): Required<CalendarDateRange> {
  return {
    minYear: range.minYear ?? MIN_BUSINESS_YEAR,
    maxYear: range.maxYear ?? MAX_BUSINESS_YEAR,
  };
}

/** True for a real calendar day `YYYY-MM-DD` within the range (default 2000–2100). */
export function isCalendarDate(value: unknown, range?: CalendarDateRange): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return m !== null && realDay(m[1], m[2], m[3], withDefaults(range));
}

/**
 * True for an ISO 8601 date or date-time (`2026-03-01`, `2026-03-01T09:00:00+08:00`, `…Z`) whose
 * day is real and within the range, and whose time and offset are valid.
 */
export function isCalendarDateTime(value: unknown, range?: CalendarDateRange): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m || !realDay(m[1], m[2], m[3], withDefaults(range))) return false;
  const [hh, mm, ss, oh, om] = [m[4], m[5], m[6], m[7], m[8]].map((p) => Number(p ?? 0));
  return hh <= 23 && mm <= 59 && ss <= 59 && oh <= 14 && om <= 59;
}

function received(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function register(
  name: string,
  check: (value: unknown, range: Required<CalendarDateRange>) => boolean,
  form: string,
  range: CalendarDateRange,
  options?: ValidationOptions,
): PropertyDecorator {
  const r = withDefaults(range);
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} 应为有效的日历日期 ${form}（${r.minYear}–${r.maxYear} 年），收到 "${received(args.value)}" / ${args.property} must be a real calendar date ${form} in ${r.minYear}–${r.maxYear}`,
        ...options,
      },
      validator: { validate: (value: unknown) => check(value, r) },
    });
}

/** A real calendar day `YYYY-MM-DD` in minYear–maxYear (default 2000–2100). */
export function IsCalendarDate(
  range: CalendarDateRange = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return register('isCalendarDate', isCalendarDate, 'YYYY-MM-DD', range, options);
}

/** An ISO 8601 date or date-time on a real calendar day in minYear–maxYear (default 2000–2100). */
export function IsCalendarDateTime(
  range: CalendarDateRange = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return register(
    'isCalendarDateTime',
    isCalendarDateTime,
    'YYYY-MM-DD 或 ISO 8601 日期时间 (e.g. 2026-03-01T09:00:00+08:00)',
    range,
    options,
  );
}
