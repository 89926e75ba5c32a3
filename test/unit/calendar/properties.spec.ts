import fc from 'fast-check';
import { addDays, WorkingDayCalendar, type OverrideRow } from './helpers';

/** Dates in 2023–2028: published years, the 2026→2027 boundary and fallback years. */
const dateArb = fc.integer({ min: 0, max: 6 * 365 }).map((offset) => addDays('2023-01-01', offset));
const countArb = fc.integer({ min: 0, max: 40 });
const overridesArb = fc.array(
  fc.record({
    date: dateArb,
    kind: fc.constantFrom('holiday' as const, 'workday' as const),
    source: fc.constantFrom('import' as const, 'manual' as const),
  }),
  { maxLength: 8 },
);

describe('working-day arithmetic properties', () => {
  it('addWorkingDays(d, n ≥ 1) lands on a working day after d', () => {
    fc.assert(
      fc.property(overridesArb, dateArb, fc.integer({ min: 1, max: 40 }), (rows, date, n) => {
        const calendar = new WorkingDayCalendar(rows as OverrideRow[]);
        const result = calendar.addWorkingDays(date, n).date;
        expect(result > date).toBe(true);
        expect(calendar.isWorkingDay(result)).toBe(true);
      }),
    );
  });

  it('adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(overridesArb, dateArb, countArb, countArb, (rows, date, a, b) => {
        const calendar = new WorkingDayCalendar(rows as OverrideRow[]);
        const stepwise = calendar.addWorkingDays(calendar.addWorkingDays(date, a).date, b).date;
        expect(stepwise).toBe(calendar.addWorkingDays(date, a + b).date);
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(overridesArb, dateArb, countArb, (rows, date, n) => {
        const calendar = new WorkingDayCalendar(rows as OverrideRow[]);
        const due = calendar.addWorkingDays(date, n).date;
        expect(calendar.workingDaysBetween(date, due).days).toBe(n);
        expect(calendar.workingDaysBetween(due, date).days).toBe(0 - n); // +0, not -0, when n = 0
      }),
    );
  });

  it('subtracting n undoes adding n from a working day', () => {
    fc.assert(
      fc.property(dateArb, countArb, (date, n) => {
        const calendar = new WorkingDayCalendar();
        const start = calendar.nextWorkingDayOnOrAfter(date).date;
        const due = calendar.addWorkingDays(start, n).date;
        expect(calendar.subtractWorkingDays(due, n).date).toBe(start);
      }),
    );
  });

  it('is provisional exactly when a consulted year is a fallback year', () => {
    fc.assert(
      fc.property(dateArb, countArb, (date, n) => {
        const calendar = new WorkingDayCalendar();
        const result = calendar.addWorkingDays(date, n);
        expect(result.provisional).toBe(result.yearsConsulted.some((year) => year >= 2027));
        expect(result.instant.endsWith('T15:59:59.000Z')).toBe(true);
      }),
    );
  });
});
