import { Lunar, Solar, type SolarDay } from 'lunar-javascript';
import { addDays, formatCivilDate, isWeekend, MAX_YEAR, MIN_YEAR, type CivilDate } from './dates';
import { CalendarRangeError } from './errors';

/**
 * Statutory fallback (法定节假日推算) for years the published data does not cover, from
 * 《全国年节及纪念日放假办法》 as revised on 2024-11-10 (State Council Decree 795):
 *   Art. 2 — 元旦 1 day (Jan 1); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (清明 solar term day);
 *   劳动节 2 days (May 1–2); 端午节 1 day (5th of 5th lunar month); 中秋节 1 day (15th of 8th lunar
 *   month); 国庆节 3 days (Oct 1–3).
 *   Art. 6 — 全体公民放假的假日，如果适逢周六、周日，应当在工作日补假。
 * The 调休 swaps of the yearly State Council notice (make-up Saturdays/Sundays) cannot be
 * predicted, so a year computed here is always marked provisional by the effective calendar.
 */
export const STATUTORY_RULES_ID = 'gov-holidays-2024-rev';

export type Festival =
  | 'new-year'
  | 'spring-festival'
  | 'qingming'
  | 'labour-day'
  | 'dragon-boat'
  | 'mid-autumn'
  | 'national-day';

export const FESTIVAL_NAMES: Readonly<Record<Festival, string>> = {
  'new-year': '元旦',
  'spring-festival': '春节',
  qingming: '清明节',
  'labour-day': '劳动节',
  'dragon-boat': '端午节',
  'mid-autumn': '中秋节',
  'national-day': '国庆节',
};

export interface FestivalDays {
  festival: Festival;
  name: string;
  dates: CivilDate[];
}

export interface StatutoryDay {
  date: CivilDate;
  /** Festival names joined with '、' when two festivals share the date. */
  name: string;
  festivals: Festival[];
  /** For a 补假 (substitute) day: the festival day it makes up for. */
  substituteFor: CivilDate | null;
}

function ymd(solar: SolarDay): CivilDate {
  return formatCivilDate(solar.getYear(), solar.getMonth(), solar.getDay());
}

function lunarToSolar(year: number, lunarMonth: number, lunarDay: number): CivilDate {
  return ymd(Lunar.fromYmd(year, lunarMonth, lunarDay).getSolar());
}

function assertStatutoryYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarRangeError(String(year));
  }
}

/** Art. 2 festival days of a Gregorian year, lunar dates converted with lunar-javascript. */
export function festivalDays(year: number): FestivalDays[] {
  assertStatutoryYear(year);
  // 正月初一 of lunar year `year` always falls in Gregorian `year` (between Jan 21 and Feb 20);
  // 除夕 is the day before it, whether the 12th month had 29 or 30 days.
  const firstDay = lunarToSolar(year, 1, 1);
  const qingming = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()['清明'];
  const festivals: [Festival, CivilDate[]][] = [
    ['new-year', [formatCivilDate(year, 1, 1)]],
    [
      'spring-festival',
      [addDays(firstDay, -1), firstDay, addDays(firstDay, 1), addDays(firstDay, 2)],
    ],
    ['qingming', [ymd(qingming)]],
    ['labour-day', [formatCivilDate(year, 5, 1), formatCivilDate(year, 5, 2)]],
    ['dragon-boat', [lunarToSolar(year, 5, 5)]],
    ['mid-autumn', [lunarToSolar(year, 8, 15)]],
    ['national-day', [1, 2, 3].map((day) => formatCivilDate(year, 10, day))],
  ];
  return festivals.map(([festival, dates]) => ({
    festival,
    name: FESTIVAL_NAMES[festival],
    dates,
  }));
}

/**
 * Every day off in a year under the statutory rules: the festival days, then one 补假 day for each
 * festival day on a Saturday or Sunday, placed on the next working day (a weekday that is neither a
 * festival day nor an earlier 补假). A festival day that coincides with another festival's day
 * (e.g. 中秋 on 10月1日) is made up the same way, so no statutory day is lost — as the State Council
 * did in 2020 when 中秋 fell on 国庆.
 */
export function statutoryDaysOff(year: number): StatutoryDay[] {
  const byDate = new Map<CivilDate, StatutoryDay>();
  const owed: { date: CivilDate; festival: Festival }[] = [];
  const occurrences = festivalDays(year)
    .flatMap(({ festival, dates }) => dates.map((date) => ({ date, festival })))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const { date, festival } of occurrences) {
    const existing = byDate.get(date);
    if (existing) {
      existing.festivals.push(festival);
      existing.name = existing.festivals.map((f) => FESTIVAL_NAMES[f]).join('、');
      owed.push({ date, festival });
      continue;
    }
    byDate.set(date, {
      date,
      name: FESTIVAL_NAMES[festival],
      festivals: [festival],
      substituteFor: null,
    });
    if (isWeekend(date)) owed.push({ date, festival });
  }
  for (const { date, festival } of owed) {
    let candidate = addDays(date, 1);
    while (isWeekend(candidate) || byDate.has(candidate)) candidate = addDays(candidate, 1);
    byDate.set(candidate, {
      date: candidate,
      name: `${FESTIVAL_NAMES[festival]}（补假）`,
      festivals: [festival],
      substituteFor: date,
    });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
