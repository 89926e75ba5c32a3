import {
  CalendarInputError,
  isPublishedYear,
  publishedYears,
  WorkingDayCalendar,
  type OverrideRow,
} from './helpers';

describe('published data (chinese-days)', () => {
  it('covers 2004–2026 and nothing after', () => {
    const years = publishedYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(isPublishedYear(2027)).toBe(false);
    expect(isPublishedYear(2003)).toBe(false);
    expect(WorkingDayCalendar.publishedYears()).toEqual(years);
  });

  it('lists the 2025 notice: holidays and make-up days', () => {
    const year = new WorkingDayCalendar().effectiveYear(2025);
    expect(year).toMatchObject({ year: 2025, basis: 'published', provisional: false });
    const makeup = year.days.filter((d) => d.kind === 'makeup-workday').map((d) => d.date);
    expect(makeup).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    const springFestival = year.days.filter((d) => d.name === '春节' && d.kind === 'holiday');
    expect(springFestival.map((d) => d.date)).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
  });
});

describe('dayKind', () => {
  const calendar = new WorkingDayCalendar();
  it('tells ordinary days, weekends, holidays and make-up working days apart', () => {
    expect(calendar.dayKind('2025-03-03')).toEqual({
      date: '2025-03-03',
      kind: 'workday',
      name: null,
      source: 'published',
      provisional: false,
    });
    expect(calendar.dayKind('2025-03-01').kind).toBe('weekend');
    expect(calendar.dayKind('2025-05-05')).toMatchObject({ kind: 'holiday', name: '劳动节' });
    expect(calendar.dayKind('2025-04-27')).toMatchObject({
      kind: 'makeup-workday',
      name: '劳动节',
    });
    expect(calendar.dayKind('2031-03-03')).toMatchObject({ kind: 'workday', source: 'statutory' });
  });
});

describe('office overrides', () => {
  it('a manual edit overlays a published year and moves deadlines', () => {
    const edit: OverrideRow = {
      date: '2025-10-09',
      kind: 'holiday',
      name: '临时调整',
      source: 'manual',
    };
    const calendar = new WorkingDayCalendar([edit]);
    expect(calendar.dayKind('2025-10-09')).toMatchObject({ kind: 'holiday', source: 'office' });
    expect(calendar.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-10');
    const year = calendar.effectiveYear(2025);
    expect(year.basis).toBe('published');
    expect(year.days.find((d) => d.date === '2025-10-09')).toEqual({
      date: '2025-10-09',
      kind: 'holiday',
      name: '临时调整',
      source: 'office',
    });
  });

  it('a manual workday cancels a published holiday; a workday on a weekend is a make-up day', () => {
    const calendar = new WorkingDayCalendar([
      { date: '2025-10-08', kind: 'workday', source: 'manual' },
      { date: '2025-10-18', kind: 'workday', source: 'manual' },
    ]);
    expect(calendar.dayKind('2025-10-08')).toMatchObject({ kind: 'workday', source: 'office' });
    expect(calendar.dayKind('2025-10-18').kind).toBe('makeup-workday');
    expect(calendar.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-08');
  });

  it('an imported year replaces the statutory fallback and is no longer provisional', () => {
    // A hypothetical 2027 notice: 10/1–10/7 off, Sunday 9/26 and Saturday 10/9 worked.
    const rows: OverrideRow[] = [
      ...['01', '02', '03', '04', '05', '06', '07'].map((day): OverrideRow => ({
        date: `2027-10-${day}`,
        kind: 'holiday',
        name: '国庆节',
        source: 'import',
      })),
      { date: '2027-09-26', kind: 'workday', name: '国庆节', source: 'import' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节', source: 'import' },
    ];
    const before = new WorkingDayCalendar();
    const after = new WorkingDayCalendar(rows);
    expect(before.effectiveYear(2027)).toMatchObject({ basis: 'statutory', provisional: true });
    expect(after.effectiveYear(2027)).toMatchObject({ basis: 'office', provisional: false });
    // The fallback's 元旦 is gone: an import is the whole year's schedule.
    expect(after.dayKind('2027-01-01')).toMatchObject({ kind: 'workday', source: 'office' });
    expect(after.addWorkingDays('2027-09-30', 1)).toMatchObject({
      date: '2027-10-08',
      provisional: false,
    });
    expect(after.addWorkingDays('2027-10-08', 1).date).toBe('2027-10-09');
    expect(after.effectiveYear(2027).version).not.toBe(before.effectiveYear(2027).version);
  });

  it('an imported row of the previous December overlays that year instead of replacing it', () => {
    const calendar = new WorkingDayCalendar([
      { date: '2026-12-31', kind: 'holiday', name: '元旦', source: 'import', scheduleYear: 2027 },
      { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'import' },
    ]);
    expect(calendar.effectiveYear(2026).basis).toBe('published');
    expect(calendar.dayKind('2026-12-31')).toMatchObject({ kind: 'holiday', source: 'office' });
    expect(calendar.dayKind('2026-10-01')).toMatchObject({ kind: 'holiday', source: 'published' });
    expect(calendar.effectiveYear(2027).basis).toBe('office');
  });

  it('manual edits win over imported rows for the same date', () => {
    const calendar = new WorkingDayCalendar([
      { date: '2027-05-03', kind: 'holiday', source: 'manual' },
      { date: '2027-05-03', kind: 'workday', source: 'import' },
    ]);
    expect(calendar.dayKind('2027-05-03').kind).toBe('holiday');
  });

  it('rejects malformed override rows with a message naming the field', () => {
    expect(
      () => new WorkingDayCalendar([{ date: '2025-13-01', kind: 'holiday', source: 'manual' }]),
    ).toThrow(/overrides\[0\]\.date/);
    expect(
      () =>
        new WorkingDayCalendar([{ date: '2025-01-01', kind: 'rest' as never, source: 'manual' }]),
    ).toThrow(CalendarInputError);
    expect(
      () =>
        new WorkingDayCalendar([
          { date: '2025-01-01', kind: 'holiday', source: 'office' as never },
        ]),
    ).toThrow(/source/);
  });
});

describe('calendar version', () => {
  it('is stable for the same data and changes when a working day changes', () => {
    const a = new WorkingDayCalendar().addWorkingDays('2025-09-26', 20).calendarVersion;
    const b = new WorkingDayCalendar().addWorkingDays('2025-09-26', 20).calendarVersion;
    const edited = new WorkingDayCalendar([
      { date: '2025-12-01', kind: 'holiday', source: 'manual' },
    ]);
    expect(a).toBe(b);
    expect(edited.addWorkingDays('2025-09-26', 20).calendarVersion).not.toBe(a);
  });

  it('ignores edits that change no working day (a name, or a holiday on a Sunday)', () => {
    const base = new WorkingDayCalendar().effectiveYear(2025).version;
    const renamed = new WorkingDayCalendar([
      { date: '2025-10-05', kind: 'holiday', name: '国庆（改名）', source: 'manual' },
      { date: '2025-11-02', kind: 'holiday', source: 'manual' },
    ]);
    expect(renamed.effectiveYear(2025).version).toBe(base);
  });
});
