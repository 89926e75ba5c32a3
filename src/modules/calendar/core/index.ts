import { type CivilDate } from './dates';
import {
  EffectiveCalendar,
  type DayInfo,
  type EffectiveYear,
  type OverrideRow,
} from './effective-calendar';
import { publishedYears } from './published-data';
import {
  addWorkingDays,
  calendarDeadline,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  subtractWorkingDays,
  workingDaysBetween,
  type CalendarDeadlineOptions,
  type ComputedDate,
  type WorkingDayCount,
} from './working-days';

export * from './dates';
export * from './errors';
export * from './import-parsers';
export {
  type CalendarBasis,
  type CalendarDeadlineOptions,
  type ComputedDate,
  type DayLookup,
  type WorkingDayCount,
} from './working-days';
export {
  EffectiveCalendar,
  type DayInfo,
  type DayKind,
  type DaySource,
  type EffectiveDay,
  type EffectiveYear,
  type OverrideKind,
  type OverrideRow,
  type OverrideSource,
} from './effective-calendar';
export { isPublishedYear, publishedYears, PUBLISHED_DATA_SOURCE } from './published-data';
export {
  festivalDays,
  statutoryDaysOff,
  STATUTORY_RULES_ID,
  type Festival,
  type StatutoryDay,
} from './statutory-rules';

/**
 * China's statutory working-day calendar (法定工作日历): published data (chinese-days) or the
 * statutory fallback, with the joint-meeting office's overrides. Construct it from the stored
 * override rows; it is immutable, so build a new one after the office changes anything.
 * See docs/calendar.md for the semantics.
 */
export class WorkingDayCalendar {
  private readonly calendar: EffectiveCalendar;

  constructor(overrides: readonly OverrideRow[] = []) {
    this.calendar = new EffectiveCalendar(overrides);
  }

  /** Years with a published schedule in the bundled data (others use the statutory fallback). */
  static publishedYears(): number[] {
    return publishedYears();
  }

  dayKind(date: CivilDate): DayInfo {
    return this.calendar.day(date);
  }

  isWorkingDay(date: CivilDate): boolean {
    return isWorkingDay(this.calendar, date);
  }

  /** "Within n working days after `date`"; n = 0 is the end of `date` itself. */
  addWorkingDays(date: CivilDate, n: number): ComputedDate {
    return addWorkingDays(this.calendar, date, n);
  }

  /** The n-th working day before `date`, e.g. for "remind 1 working day before the due day". */
  subtractWorkingDays(date: CivilDate, n: number): ComputedDate {
    return subtractWorkingDays(this.calendar, date, n);
  }

  /** Working days in (from, to], e.g. how many working days late; negative if `to` < `from`. */
  workingDaysBetween(from: CivilDate, to: CivilDate): WorkingDayCount {
    return workingDaysBetween(this.calendar, from, to);
  }

  nextWorkingDayOnOrAfter(date: CivilDate): ComputedDate {
    return nextWorkingDayOnOrAfter(this.calendar, date);
  }

  /** A calendar-date deadline ("end of March"), optionally moved to the next working day. */
  calendarDeadline(date: CivilDate, options?: CalendarDeadlineOptions): ComputedDate {
    return calendarDeadline(this.calendar, date, options);
  }

  /** Every non-ordinary day of a year with kind, name and source, and whether it is provisional. */
  effectiveYear(year: number): EffectiveYear {
    return this.calendar.year(year);
  }

  isProvisionalYear(year: number): boolean {
    return this.calendar.isProvisional(year);
  }
}
