import fc from 'fast-check';
import {
  addDays,
  CalendarInputError,
  CalendarRangeError,
  dayOfWeek,
  daysBetween,
  endOfDayInstant,
  fromDayNumber,
  isCivilDate,
  lastDayOfMonth,
  shanghaiDateOf,
  toDayNumber,
} from '../../../src/modules/calendar/core';

describe('civil dates', () => {
  it('agrees with Date.UTC on day numbers for every day of 1900–2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
        const utc = new Date(ms);
        const iso = utc.toISOString().slice(0, 10);
        const dayNumber = Math.floor(ms / 86_400_000);
        expect(toDayNumber(iso)).toBe(dayNumber);
        expect(fromDayNumber(dayNumber)).toBe(iso);
        expect(dayOfWeek(iso)).toBe(utc.getUTCDay());
      }),
    );
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('knows weekdays: 2024-02-04 and 2024-02-18 were Sundays, 2025-02-08 a Saturday', () => {
    expect(dayOfWeek('2024-02-04')).toBe(0);
    expect(dayOfWeek('2024-02-18')).toBe(0);
    expect(dayOfWeek('2025-02-08')).toBe(6);
  });

  it('rejects strings that are not real dates', () => {
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-1-5',
      '20250105',
      '',
      '2025-01-01T00:00',
    ]) {
      expect(isCivilDate(bad)).toBe(false);
      expect(() => toDayNumber(bad)).toThrow(CalendarInputError);
    }
    expect(() => toDayNumber('1899-12-31')).toThrow(CalendarRangeError);
    expect(() => toDayNumber('2101-01-01')).toThrow(CalendarRangeError);
  });

  it('ends a day at 23:59:59 Asia/Shanghai, whatever the host time zone', () => {
    expect(endOfDayInstant('2025-10-30').toISOString()).toBe('2025-10-30T15:59:59.000Z');
    expect(endOfDayInstant('2026-01-01').toISOString()).toBe('2026-01-01T15:59:59.000Z');
  });

  it('reads the Shanghai civil date of an instant (UTC+8)', () => {
    expect(shanghaiDateOf(new Date('2025-01-31T15:59:59.999Z'))).toBe('2025-01-31');
    expect(shanghaiDateOf(new Date('2025-01-31T16:00:00.000Z'))).toBe('2025-02-01');
  });

  it('gives the last day of a month for "end of" deadlines', () => {
    expect(lastDayOfMonth(2025, 1)).toBe('2025-01-31');
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2025, 3)).toBe('2025-03-31');
    expect(() => lastDayOfMonth(2025, 13)).toThrow(CalendarInputError);
  });
});
