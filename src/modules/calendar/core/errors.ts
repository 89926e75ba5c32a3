/**
 * Errors of the working-day calendar. Messages are bilingual because they reach officials.
 */

/** A date outside 1900–2100, the span the statutory fallback (and so the calendar) is defined for. */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
  constructor(readonly value: string) {
    super(
      `日期 ${value} 超出工作日历支持的范围（1900–2100 年）/ ` +
        `date ${value} is outside the calendar's supported range (years 1900–2100)`,
    );
  }
}

/** A value that is not a civil date 'YYYY-MM-DD', or a bad argument such as a negative day count. */
export class CalendarInputError extends TypeError {
  override readonly name = 'CalendarInputError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** An import file that cannot be read at all (not JSON, no CSV header, not iCalendar). */
export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
  constructor(
    message: string,
    readonly format: 'json' | 'csv' | 'ics',
  ) {
    super(message);
  }
}
