import { CalendarInputError, CalendarRangeError, WorkingDayCalendar } from './helpers';

/**
 * Expected dates come from the State Council General Office notices (国务院办公厅关于…部分节假日安排的通知)
 * for 2024, 2025 and 2026, not from the code.
 */
const calendar = new WorkingDayCalendar();
const add = (date: string, n: number) => calendar.addWorkingDays(date, n).date;
const sub = (date: string, n: number) => calendar.subtractWorkingDays(date, n).date;

describe('working days in published years', () => {
  it('Spring Festival 2024: 2/10–2/17 off, Sundays 2/4 and 2/18 worked, 除夕 2/9 a working day', () => {
    expect(add('2024-02-03', 1)).toBe('2024-02-04');
    expect(add('2024-02-08', 1)).toBe('2024-02-09');
    expect(add('2024-02-09', 1)).toBe('2024-02-18');
    expect(add('2024-02-09', 2)).toBe('2024-02-19');
    expect(calendar.dayKind('2024-02-04').kind).toBe('makeup-workday');
    expect(calendar.dayKind('2024-02-12').kind).toBe('holiday');
  });

  it('Spring Festival 2025: 1/28–2/4 off, Sunday 1/26 and Saturday 2/8 worked', () => {
    expect(add('2025-01-24', 1)).toBe('2025-01-26');
    expect(add('2025-01-27', 1)).toBe('2025-02-05');
    expect(add('2025-01-27', 2)).toBe('2025-02-06');
    expect(add('2025-02-07', 1)).toBe('2025-02-08');
    expect(add('2025-02-08', 1)).toBe('2025-02-10');
  });

  it('National Day 2025: 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 worked', () => {
    expect(add('2025-09-26', 1)).toBe('2025-09-28');
    expect(add('2025-09-30', 1)).toBe('2025-10-09');
    expect(add('2025-10-10', 1)).toBe('2025-10-11');
    expect(calendar.dayKind('2025-10-06')).toMatchObject({ kind: 'holiday', source: 'published' });
  });

  it('counts 20 working days across National Day 2025', () => {
    // 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13–17, 10/20–24, 10/27–30 → the 20th is 10/30.
    const result = calendar.addWorkingDays('2025-09-26', 20);
    expect(result).toMatchObject({
      date: '2025-10-30',
      instant: '2025-10-30T15:59:59.000Z',
      provisional: false,
      yearsConsulted: [2025],
    });
    expect(result.calendarVersion).toMatch(/^v1:2025=[0-9a-f]{12}$/);
  });

  it('crosses a year boundary into 2026 (元旦 1/1–1/3 off, Sunday 1/4 worked)', () => {
    const result = calendar.addWorkingDays('2025-12-31', 1);
    expect(result.date).toBe('2026-01-04');
    expect(result.yearsConsulted).toEqual([2025, 2026]);
    expect(add('2025-12-31', 2)).toBe('2026-01-05');
  });

  it('N = 0 is the start day itself, even when that day is a holiday', () => {
    expect(add('2025-10-03', 0)).toBe('2025-10-03');
    expect(calendar.addWorkingDays('2025-10-03', 0).instant).toBe('2025-10-03T15:59:59.000Z');
  });

  it('does not count the start day, whether a holiday or a make-up day', () => {
    expect(add('2025-10-03', 1)).toBe('2025-10-09');
    expect(add('2025-09-28', 1)).toBe('2025-09-29');
    expect(add('2024-02-18', 2)).toBe('2024-02-20');
  });

  it('2 working days to confirm a push made on the Friday before Spring Festival 2026', () => {
    // 2026: 2/15–2/23 off, Saturday 2/14 and Saturday 2/28 worked.
    expect(add('2026-02-13', 1)).toBe('2026-02-14');
    expect(add('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('counts backwards for reminders ("1 working day before the due day")', () => {
    expect(sub('2025-10-09', 1)).toBe('2025-09-30');
    expect(sub('2025-02-05', 1)).toBe('2025-01-27');
    expect(sub('2025-01-27', 1)).toBe('2025-01-26');
    expect(sub('2026-01-05', 2)).toBe('2025-12-31');
    expect(sub('2025-10-09', 0)).toBe('2025-10-09');
  });

  it('counts working days between two dates, for "how late"', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-09').days).toBe(1);
    expect(calendar.workingDaysBetween('2025-10-09', '2025-09-30').days).toBe(-1);
    expect(calendar.workingDaysBetween('2025-10-01', '2025-10-08').days).toBe(0);
    expect(calendar.workingDaysBetween('2025-10-09', '2025-10-09').days).toBe(0);
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-30').days).toBe(20);
  });

  it('isWorkingDay follows make-up days and holidays', () => {
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-04')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-09')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-10')).toBe(true);
  });
});

describe('calendar-date deadlines', () => {
  it('ends at 23:59:59 that day and consults no calendar data', () => {
    expect(calendar.calendarDeadline('2031-03-31')).toEqual({
      date: '2031-03-31',
      instant: '2031-03-31T15:59:59.000Z',
      provisional: false,
      calendarVersion: 'v1:none',
      yearsConsulted: [],
    });
  });

  it('moves to the next working day only when asked', () => {
    expect(calendar.calendarDeadline('2024-03-31').date).toBe('2024-03-31'); // a Sunday
    expect(calendar.calendarDeadline('2024-03-31', { nextWorkingDay: true }).date).toBe(
      '2024-04-01',
    );
    expect(calendar.calendarDeadline('2025-01-31', { nextWorkingDay: true }).date).toBe(
      '2025-02-05',
    );
    expect(calendar.calendarDeadline('2025-03-31', { nextWorkingDay: true }).date).toBe(
      '2025-03-31',
    );
  });
});

describe('statutory-fallback years are provisional', () => {
  it('marks a computation reaching 2027 as provisional', () => {
    const result = calendar.addWorkingDays('2026-12-30', 5);
    expect(result.provisional).toBe(true);
    expect(result.yearsConsulted).toEqual([2026, 2027]);
    // 2027-01-01 (Fri) is 元旦; 12/31, 1/4, 1/5, 1/6, 1/7.
    expect(result.date).toBe('2027-01-07');
  });

  it('counts over the fallback Spring Festival of 2030 (2/2–2/7 off)', () => {
    const result = calendar.addWorkingDays('2030-02-01', 1);
    expect(result).toMatchObject({ date: '2030-02-08', provisional: true });
    expect(calendar.dayKind('2030-02-06')).toMatchObject({
      kind: 'holiday',
      name: '春节（补假）',
      source: 'statutory',
      provisional: true,
    });
  });

  it('a result inside a published year is not provisional', () => {
    expect(calendar.addWorkingDays('2026-06-01', 3).provisional).toBe(false);
  });
});

describe('bad arguments', () => {
  it('rejects negative or fractional counts and malformed dates', () => {
    expect(() => calendar.addWorkingDays('2025-01-01', -1)).toThrow(CalendarInputError);
    expect(() => calendar.addWorkingDays('2025-01-01', 1.5)).toThrow(CalendarInputError);
    expect(() => calendar.addWorkingDays('2025/01/01', 1)).toThrow(/YYYY-MM-DD/);
  });

  it('refuses to run past 2100', () => {
    expect(() => calendar.addWorkingDays('2100-12-30', 5)).toThrow(CalendarRangeError);
  });
});

describe('workingDaysBetween sign', () => {
  it('returns +0, never -0, for a backwards span without working days', () => {
    expect(Object.is(calendar.workingDaysBetween('2025-10-08', '2025-10-01').days, 0)).toBe(true);
  });
});
