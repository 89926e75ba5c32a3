import publishedJson from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import type { CivilDate } from './dates';

/**
 * Adapter over the `chinese-days` package's data (国务院办公厅 yearly holiday notices, 2004 onward).
 * We read its JSON directly rather than call `isWorkday()`: the package's functions silently treat a
 * year they do not know as plain Monday–Friday, which is exactly what we must not do.
 *
 * Entries look like `"2025-01-28": "Spring Festival,春节,4"` (English name, Chinese name, statutory
 * days). `holidays` lists every day off in a holiday period, weekends included; `workdays` lists the
 * make-up working days (调休上班).
 */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface PublishedDay {
  date: CivilDate;
  kind: 'holiday' | 'workday';
  /** Chinese name of the holiday period, e.g. '春节'. */
  name: string;
}

export const PUBLISHED_DATA_SOURCE = `chinese-days@${chineseDaysPackage.version}`;

const data: ChineseDaysData = publishedJson;

function chineseName(entry: string): string {
  const parts = entry.split(',');
  return (parts[1] ?? parts[0]).trim();
}

function groupByYear(): Map<number, PublishedDay[]> {
  const years = new Map<number, PublishedDay[]>();
  const add = (date: string, kind: PublishedDay['kind'], entry: string) => {
    const year = Number(date.slice(0, 4));
    const days = years.get(year) ?? [];
    days.push({ date, kind, name: chineseName(entry) });
    years.set(year, days);
  };
  for (const [date, entry] of Object.entries(data.holidays)) add(date, 'holiday', entry);
  for (const [date, entry] of Object.entries(data.workdays)) add(date, 'workday', entry);
  for (const days of years.values()) days.sort((a, b) => (a.date < b.date ? -1 : 1));
  return years;
}

const byYear = groupByYear();

/**
 * Whether the package holds the published schedule of a year. The test is that 1 January is listed
 * as a holiday: every year has 元旦, so a year without it is unknown rather than holiday-free — and a
 * stray December day of a next-year notice (e.g. 2022-12-31 in the 2023 notice) cannot make a year
 * look covered.
 */
export function isPublishedYear(year: number): boolean {
  return Object.prototype.hasOwnProperty.call(data.holidays, `${year}-01-01`);
}

export function publishedYears(): number[] {
  return [...byYear.keys()].filter(isPublishedYear).sort((a, b) => a - b);
}

/** The published non-ordinary days of a year, or null when the year is not covered. */
export function publishedYear(year: number): PublishedDay[] | null {
  return isPublishedYear(year) ? byYear.get(year)!.map((day) => ({ ...day })) : null;
}
