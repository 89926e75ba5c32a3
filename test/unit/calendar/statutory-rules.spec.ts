import { execFileSync } from 'node:child_process';
import { festivalDays, publishedYear, statutoryDaysOff, type Festival } from './helpers';

function datesOf(year: number, festival: Festival): string[] {
  return festivalDays(year).find((f) => f.festival === festival)!.dates;
}

function daysOff(year: number): Record<string, string> {
  return Object.fromEntries(statutoryDaysOff(year).map((day) => [day.date, day.name]));
}

/**
 * Runs a Node script in a child process with the given TZ. Jest sandboxes `process.env`, so a time
 * zone can only be changed for real in another process.
 */
function runInTimeZone(tz: string, script: string): unknown {
  const output = execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

const YEARS = Array.from({ length: 201 }, (_, i) => 1900 + i);

/** The lunar-derived festival dates per year, as computed by a library in a child process. */
const LUNAR_JAVASCRIPT_SCRIPT = `
  const { Lunar, Solar } = require('lunar-javascript');
  const out = {};
  for (let y = 1900; y <= 2100; y++) out[y] = [
    Lunar.fromYmd(y, 1, 1).getSolar().toYmd(),
    Solar.fromYmd(y, 4, 1).getLunar().getJieQiTable()['清明'].toYmd(),
    Lunar.fromYmd(y, 5, 5).getSolar().toYmd(),
    Lunar.fromYmd(y, 8, 15).getSolar().toYmd(),
  ];
  process.stdout.write(JSON.stringify(out));`;

const CHINESE_DAYS_SCRIPT = `
  const cd = require('chinese-days');
  const p = (n) => String(n).padStart(2, '0');
  const out = {};
  for (let y = 1900; y <= 2100; y++) out[y] = [
    cd.getSolarDateFromLunar(y + '-01-01').date,
    cd.getSolarTermDate(y, 4, 'pure_brightness'),
    cd.getSolarDateFromLunar(y + '-05-05').date,
    cd.getSolarDateFromLunar(y + '-08-15').date,
  ];
  process.stdout.write(JSON.stringify(out));`;

/** Our fallback's lunar-derived dates in the same shape: 正月初一, 清明, 端午, 中秋. */
function ourLunarDates(year: number): string[] {
  return [
    datesOf(year, 'spring-festival')[1],
    datesOf(year, 'qingming')[0],
    datesOf(year, 'dragon-boat')[0],
    datesOf(year, 'mid-autumn')[0],
  ];
}

describe('statutory fallback (全国年节及纪念日放假办法, 2024 revision)', () => {
  it('matches independently known festival dates of 2030', () => {
    // Spring Festival 2030 (正月初一) is 2030-02-03; Mid-Autumn 2030 is 2030-09-12.
    expect(datesOf(2030, 'spring-festival')).toEqual([
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
    ]);
    expect(datesOf(2030, 'mid-autumn')).toEqual(['2030-09-12']);
    expect(datesOf(2030, 'dragon-boat')).toEqual(['2030-06-05']);
    expect(datesOf(2030, 'qingming')).toEqual(['2030-04-05']);
  });

  it('matches independently known dates of 2031 and 2040', () => {
    expect(datesOf(2031, 'spring-festival')[1]).toBe('2031-01-23');
    expect(datesOf(2031, 'mid-autumn')).toEqual(['2031-10-01']);
    expect(datesOf(2040, 'spring-festival')[1]).toBe('2040-02-12');
  });

  it('takes 除夕 as the last day of the 12th lunar month, also when it is the 29th (2025)', () => {
    // 2025-01-28 was 腊月廿九, the eve of 2025-01-29 (正月初一).
    expect(datesOf(2025, 'spring-festival')).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
  });

  it('uses a lunar conversion that does not depend on the host time zone', () => {
    const ours = Object.fromEntries(YEARS.map((year) => [year, ourLunarDates(year)]));
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      expect(runInTimeZone(tz, LUNAR_JAVASCRIPT_SCRIPT)).toEqual(ours);
    }
  });

  it('agrees with chinese-days’ own lunar conversion for 1900–2100 except two known disagreements', () => {
    // chinese-days' lunar helpers read the host time zone (they are right only in UTC+8) — one
    // reason we never call its functions — so this reference is computed in Asia/Shanghai.
    const reference = runInTimeZone('Asia/Shanghai', CHINESE_DAYS_SCRIPT) as Record<
      string,
      string[]
    >;
    const names = ['spring-festival', 'qingming', 'dragon-boat', 'mid-autumn'];
    const disagreements = YEARS.flatMap((year) =>
      ourLunarDates(year)
        .map((date, i) => (date === reference[year][i] ? null : `${names[i]} ${year}`))
        .filter((entry): entry is string => entry !== null),
    );
    // Mid-Autumn 1996 was 1996-09-27 (lunar-javascript); 清明 2100 is at a day boundary, where
    // chinese-days' approximate term formula and lunar-javascript's ephemeris differ by one day.
    expect(disagreements).toEqual(['mid-autumn 1996', 'qingming 2100']);
  });

  it('makes up a festival day on a weekend on the next working day (art. 6)', () => {
    // 2030: 除夕 Sat 02-02, 初一 Sun 02-03, 初二/初三 Mon–Tue → 补假 Wed 02-06 and Thu 02-07.
    const days = daysOff(2030);
    expect(days['2030-02-06']).toBe('春节（补假）');
    expect(days['2030-02-07']).toBe('春节（补假）');
    expect(days['2030-02-08']).toBeUndefined();
    // 2025: 端午 Sat 05-31 → Mon 06-02, as the official 2025 notice has it.
    expect(daysOff(2025)['2025-06-02']).toBe('端午节（补假）');
    // 2027: 国庆 10-02 Sat and 10-03 Sun → Mon 10-04 and Tue 10-05.
    expect(Object.keys(daysOff(2027)).filter((d) => d.startsWith('2027-10'))).toEqual([
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
      '2027-10-04',
      '2027-10-05',
    ]);
  });

  it('does not make up festival days that fall on weekdays', () => {
    // 2030: 国庆 10-01..03 are Tue–Thu; nothing is added after them.
    const october = Object.keys(daysOff(2030)).filter((d) => d.startsWith('2030-10'));
    expect(october).toEqual(['2030-10-01', '2030-10-02', '2030-10-03']);
  });

  it('makes up a festival that coincides with another (中秋 on 国庆, 2031)', () => {
    const days = daysOff(2031);
    expect(days['2031-10-01']).toBe('中秋节、国庆节'); // names in the order of art. 2
    // 10-01 Wed … 10-03 Fri; 10-04/05 are an ordinary weekend; the day owed lands on Mon 10-06.
    const substitute = statutoryDaysOff(2031).find((day) => day.date === '2031-10-06');
    expect(substitute?.substituteFor).toBe('2031-10-01');
    expect(Object.keys(days).filter((d) => d.startsWith('2031-10'))).toHaveLength(4);
  });

  it('is consistent with the official 2025 and 2026 schedules: every statutory day off is a holiday there', () => {
    for (const year of [2025, 2026]) {
      const official = new Set(
        publishedYear(year)!
          .filter((day) => day.kind === 'holiday')
          .map((day) => day.date),
      );
      const missing = statutoryDaysOff(year).filter((day) => !official.has(day.date));
      expect(missing).toEqual([]);
    }
  });

  it('covers 1900–2100 and refuses other years', () => {
    expect(statutoryDaysOff(1900).length).toBeGreaterThanOrEqual(13);
    expect(statutoryDaysOff(2100).length).toBeGreaterThanOrEqual(13);
    expect(() => statutoryDaysOff(1899)).toThrow(/1900–2100/);
    expect(() => statutoryDaysOff(2101)).toThrow(/1900–2100/);
  });
});
