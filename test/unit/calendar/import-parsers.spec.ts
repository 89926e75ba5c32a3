import { readFileSync } from 'node:fs';
import * as iconv from 'iconv-lite';
import {
  formatFromFileName,
  ImportFormatError,
  parseSchedule,
  parseScheduleCsv,
  parseScheduleIcs,
  parseScheduleJson,
  publishedYear,
} from './helpers';

describe('JSON schedules', () => {
  it('reads an array of {date, kind, name}', () => {
    const result = parseScheduleJson(
      JSON.stringify([
        { date: '2025-01-28', kind: 'holiday', name: '春节' },
        { date: '2025-01-26', kind: 'workday', name: '春节' },
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.year).toBe(2025);
    expect(result.rows).toEqual([
      { date: '2025-01-26', kind: 'workday', name: '春节', line: 1 },
      { date: '2025-01-28', kind: 'holiday', name: '春节', line: 1 },
    ]);
  });

  it('reads {year, days}, Chinese kind words, and reports the line of each bad entry', () => {
    const text = [
      '{',
      '  "year": 2025,',
      '  "days": [',
      '    { "date": "2025-10-01", "kind": "休", "name": "国庆节" },',
      '    { "date": "2025-10-32", "kind": "休" },',
      '    { "date": "2025-10-11", "kind": "加班" },',
      '    { "date": "2024-10-01", "kind": "班" },',
      '    "2025-10-02"',
      '  ]',
      '}',
    ].join('\n');
    const result = parseScheduleJson(text);
    expect(result.rows).toEqual([{ date: '2025-10-01', kind: 'holiday', name: '国庆节', line: 4 }]);
    expect(result.errors.map((e) => [e.line, e.item, e.value])).toEqual([
      [5, 2, '2025-10-32'],
      [6, 3, '加班'],
      [7, 4, '2024-10-01'],
      [8, 5, '(空 / missing)'],
    ]);
    expect(result.errors[1].accepted).toMatch(/holiday.*workday/);
  });

  it('flags duplicates: same kind is a warning, a conflicting kind an error', () => {
    const result = parseScheduleJson(
      JSON.stringify([
        { date: '2025-05-01', kind: 'holiday' },
        { date: '2025-05-01', kind: 'holiday' },
        { date: '2025-05-01', kind: 'workday' },
      ]),
    );
    expect(result.rows).toHaveLength(1);
    expect(result.warnings).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].problem).toMatch(/冲突/);
  });

  it('warns about a workday on a weekday', () => {
    const result = parseScheduleJson('[{"date":"2025-05-06","kind":"workday"}]');
    expect(result.errors).toEqual([]);
    expect(result.warnings[0]).toMatchObject({ value: '2025-05-06', item: 1 });
  });

  it('checks rows against the year chosen by the office, allowing the preceding December', () => {
    const result = parseScheduleJson(
      '[{"date":"2022-12-31","kind":"holiday"},{"date":"2023-01-02","kind":"holiday"},{"date":"2024-01-01","kind":"holiday"}]',
      { year: 2023 },
    );
    expect(result.rows.map((r) => r.date)).toEqual(['2022-12-31', '2023-01-02']);
    expect(result.errors.map((e) => e.value)).toEqual(['2024-01-01']);
  });

  it('throws a clear error only for unreadable files', () => {
    expect(() => parseScheduleJson('{"days": [')).toThrow(ImportFormatError);
    expect(() => parseScheduleJson('{"days": [')).toThrow(/不是有效的 JSON/);
    expect(() => parseScheduleJson('{"holidays": []}')).toThrow(/year, days/);
    expect(() => parseScheduleJson('{"year": 2026, "days": []}', { year: 2025 })).toThrow(/2026/);
  });
});

describe('CSV schedules', () => {
  it('reads an English header and several date spellings', () => {
    const csv =
      'date,kind,name\n2025-01-28,holiday,春节\n2025/1/26,workday,春节\n20250208,workday,\n';
    const result = parseScheduleCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.date, r.kind, r.name, r.line])).toEqual([
      ['2025-01-26', 'workday', '春节', 3],
      ['2025-01-28', 'holiday', '春节', 2],
      ['2025-02-08', 'workday', null, 4],
    ]);
  });

  it('reads a Chinese header with 假日/休/班/工作日, in GB18030 as Excel saves it', () => {
    const text =
      '日期,类型,名称\r\n2025年10月1日,假日,国庆节\r\n2025-10-02,休,国庆节\r\n2025-09-28,班,国庆节\r\n2025-10-11,工作日,国庆节\r\n';
    const result = parseScheduleCsv(iconv.encode(text, 'gb18030'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => `${r.date}:${r.kind}:${r.name}`)).toEqual([
      '2025-09-28:workday:国庆节',
      '2025-10-01:holiday:国庆节',
      '2025-10-02:holiday:国庆节',
      '2025-10-11:workday:国庆节',
    ]);
  });

  it('reports bad rows with their line numbers and keeps the good ones', () => {
    const csv = '\uFEFFdate,kind\n2025-05-01,holiday\n2025-02-30,holiday\n\n2025-05-02,maybe\n';
    const result = parseScheduleCsv(csv);
    expect(result.rows.map((r) => r.date)).toEqual(['2025-05-01']);
    expect(result.errors.map((e) => [e.line, e.value])).toEqual([
      [3, '2025-02-30'],
      [5, 'maybe'],
    ]);
    expect(result.errors[0].accepted).toMatch(/YYYY-MM-DD/);
  });

  it('throws for a file without a usable header or with broken quoting', () => {
    expect(() => parseScheduleCsv('2025-05-01,holiday\n')).toThrow(/表头/);
    expect(() => parseScheduleCsv('')).toThrow(ImportFormatError);
    expect(() => parseScheduleCsv('date,kind\n"2025-05-01,holiday\n')).toThrow(ImportFormatError);
  });
});

describe('ICS schedules', () => {
  it('reads the chinese-days 2025 calendar into exactly the published 2025 data', () => {
    const ics = readFileSync(require.resolve('chinese-days/dist/years/2025.ics'), 'utf8');
    const result = parseScheduleIcs(ics);
    expect(result.errors).toEqual([]);
    expect(result.year).toBe(2025);
    const published = publishedYear(2025)!
      .map((d) => `${d.date}:${d.kind}`)
      .sort();
    expect(result.rows.map((r) => `${r.date}:${r.kind}`)).toEqual(published);
    expect(result.rows.find((r) => r.date === '2025-01-26')?.name).toBe('春节');
  });

  const event = (lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
  const calendar = (...events: string[][]) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//CN',
      ...events.flat(),
      'END:VCALENDAR',
    ].join('\r\n');

  it('expands date ranges and reads summaries, X- hints, DURATION and UTC times', () => {
    const ics = calendar(
      event(['DTSTART;VALUE=DATE:20271001', 'DTEND;VALUE=DATE:20271008', 'SUMMARY:国庆节放假']),
      event(['DTSTART;VALUE=DATE:20270926', 'SUMMARY:国庆节补班']),
      event([
        'DTSTART;VALUE=DATE:20270501',
        'DURATION:P3D',
        'SUMMARY:劳动节',
        'X-DAY-KIND:holiday',
      ]),
      event([
        'DTSTART:20271008T170000Z',
        'DTEND:20271008T180000Z',
        'SUMMARY:某日',
        'X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY',
      ]),
    );
    const result = parseScheduleIcs(ics);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => `${r.date}:${r.kind}`)).toEqual([
      '2027-05-01:holiday',
      '2027-05-02:holiday',
      '2027-05-03:holiday',
      '2027-09-26:workday',
      '2027-10-01:holiday',
      '2027-10-02:holiday',
      '2027-10-03:holiday',
      '2027-10-04:holiday',
      '2027-10-05:holiday',
      '2027-10-06:holiday',
      '2027-10-07:holiday',
      '2027-10-09:workday', // 17:00Z on 10-08 is 01:00 on 10-09 in Shanghai
    ]);
  });

  it('reports events it cannot use, with the line of BEGIN:VEVENT', () => {
    const ics = calendar(
      event(['DTSTART;VALUE=DATE:20270101', 'SUMMARY:元旦(休)']),
      event(['DTSTART;VALUE=DATE:20270301', 'SUMMARY:会议']),
      event(['DTSTART;VALUE=DATE:20270601', 'RRULE:FREQ=YEARLY', 'SUMMARY:休']),
      event(['DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20280101', 'SUMMARY:假']),
    );
    const result = parseScheduleIcs(ics);
    expect(result.rows.map((r) => r.date)).toEqual(['2027-01-01']);
    expect(result.errors.map((e) => [e.line, e.value])).toEqual([
      [8, '会议'],
      [12, '休'],
      [17, '2027-01-01..2027-12-31'],
    ]);
    expect(result.errors[0].accepted).toMatch(/SUMMARY/);
  });

  it('throws for a file that is not iCalendar', () => {
    expect(() => parseScheduleIcs('this is not a calendar')).toThrow(ImportFormatError);
    expect(() => parseScheduleIcs('BEGIN:VEVENT\r\nEND:VEVENT')).toThrow(/VCALENDAR/);
  });
});

describe('parseSchedule', () => {
  it('dispatches by format and picks the format from a file name', () => {
    expect(formatFromFileName('2027年放假安排.CSV')).toBe('csv');
    expect(formatFromFileName('holidays.ics')).toBe('ics');
    expect(formatFromFileName('notice.pdf')).toBeNull();
    const bytes = Buffer.from('[{"date":"2027-01-01","kind":"holiday"}]', 'utf8');
    expect(parseSchedule('json', bytes).rows).toHaveLength(1);
    expect(() => parseSchedule('xml' as never, '')).toThrow(/json、csv、ics/);
  });
});
