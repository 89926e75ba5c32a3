import {
  formatCivilDate,
  isWeekend,
  MAX_YEAR,
  MIN_YEAR,
  tryParseCivilDate,
  type CivilDate,
} from './dates';
import type { OverrideKind } from './effective-calendar';

/** One day of an imported year schedule. */
export interface ImportedDay {
  date: CivilDate;
  kind: OverrideKind;
  name: string | null;
  /** Where it came from in the file (line number; for JSON the line the entry starts on). */
  line: number | null;
}

/** A problem with one entry of the file; the rest of the file is still read. */
export interface ImportIssue {
  line: number | null;
  /** For JSON: the 1-based position of the entry in the days array. */
  item: number | null;
  value: string;
  problem: string;
  accepted: string;
}

export interface ScheduleImport {
  format: 'json' | 'csv' | 'ics';
  /** The schedule's year: given by the caller or the file, else the year most rows fall in. */
  year: number | null;
  rows: ImportedDay[];
  /** Entries that were not imported; an import with errors should be shown, not applied. */
  errors: ImportIssue[];
  /** Entries imported but worth a look (duplicates, a 'workday' on a weekday). */
  warnings: ImportIssue[];
}

export interface ImportOptions {
  /** The year the office is importing; rows must fall in it (or in its preceding December). */
  year?: number;
}

export const ACCEPTED_DATES = 'YYYY-MM-DD（也接受 YYYY/M/D、YYYY.M.D、YYYYMMDD、YYYY年M月D日）';
export const ACCEPTED_KINDS = 'holiday（假日/休/假/放假/休息）或 workday（工作日/班/上班/补班）';

const HOLIDAY_WORDS = [
  'holiday',
  'rest',
  'off',
  '假日',
  '休',
  '假',
  '放假',
  '休息',
  '节假日',
  '假期',
  '调休',
];
const WORKDAY_WORDS = [
  'workday',
  'work',
  'working day',
  '工作日',
  '班',
  '上班',
  '补班',
  '调休上班',
];

/** Maps a kind word (English or Chinese, any case) to holiday/workday; null if not recognised. */
export function normalizeKind(value: unknown): OverrideKind | null {
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (HOLIDAY_WORDS.includes(word)) return 'holiday';
  if (WORKDAY_WORDS.includes(word)) return 'workday';
  return null;
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/** Reads the date spellings officials use in spreadsheets; null if none fits or the day is unreal. */
export function normalizeDate(value: unknown): CivilDate | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  for (const form of DATE_FORMS) {
    const match = form.exec(text);
    if (!match) continue;
    const date = formatCivilDate(Number(match[1]), Number(match[2]), Number(match[3]));
    return tryParseCivilDate(date) ? date : null;
  }
  return null;
}

export interface RawEntry {
  line: number | null;
  item: number | null;
  date: unknown;
  kind: unknown;
  name: unknown;
}

function display(value: unknown): string {
  if (value === undefined) return '(空 / missing)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function mostCommonYear(rows: ImportedDay[]): number | null {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const year = Number(row.date.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [year, count] of counts) if (best === null || count > counts.get(best)!) best = year;
  return best;
}

/** Issues in file order (stable, so issues of one entry keep their order). */
export function byPosition(issues: ImportIssue[]): ImportIssue[] {
  const position = (issue: ImportIssue) => issue.line ?? issue.item ?? 0;
  return [...issues].sort((a, b) => position(a) - position(b));
}

/**
 * Validates raw entries into rows: date and kind must be readable; a date repeated with the same
 * kind is a warning, with a different kind an error; every row must belong to the schedule year
 * (that year, or the December before it, where 元旦 periods may start).
 */
export function collectRows(
  format: ScheduleImport['format'],
  entries: RawEntry[],
  declaredYear: number | null,
): ScheduleImport {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const issue = (entry: RawEntry, value: unknown, problem: string, accepted: string) => ({
    line: entry.line,
    item: entry.item,
    value: display(value),
    problem,
    accepted,
  });
  const candidates: { row: ImportedDay; entry: RawEntry }[] = [];
  for (const entry of entries) {
    const date = normalizeDate(entry.date);
    const kind = normalizeKind(entry.kind);
    if (!date)
      errors.push(issue(entry, entry.date, '日期无法识别 / unreadable date', ACCEPTED_DATES));
    if (!kind) errors.push(issue(entry, entry.kind, '类型无法识别 / unknown kind', ACCEPTED_KINDS));
    if (entry.name !== undefined && entry.name !== null && typeof entry.name !== 'string') {
      errors.push(issue(entry, entry.name, '名称应为文字 / name must be text', '文字或留空'));
      continue;
    }
    if (date && (Number(date.slice(0, 4)) < MIN_YEAR || Number(date.slice(0, 4)) > MAX_YEAR)) {
      errors.push(
        issue(entry, entry.date, '日期超出 1900–2100 年 / date outside 1900–2100', ACCEPTED_DATES),
      );
      continue;
    }
    if (!date || !kind) continue;
    const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : null;
    candidates.push({ row: { date, kind, name, line: entry.line }, entry });
  }
  const year = declaredYear ?? mostCommonYear(candidates.map((c) => c.row));
  const rows: ImportedDay[] = [];
  const seen = new Map<CivilDate, ImportedDay>();
  for (const { row, entry } of candidates) {
    if (
      year !== null &&
      !row.date.startsWith(`${year}-`) &&
      !row.date.startsWith(`${year - 1}-12-`)
    ) {
      errors.push(
        issue(
          entry,
          row.date,
          `日期不属于 ${year} 年度安排 / date is not in the ${year} schedule`,
          `${year} 年内的日期（或 ${year - 1} 年 12 月）`,
        ),
      );
      continue;
    }
    const previous = seen.get(row.date);
    if (previous) {
      const same = previous.kind === row.kind;
      (same ? warnings : errors).push(
        issue(
          entry,
          row.date,
          same
            ? '日期重复，已忽略 / duplicate date, ignored'
            : `同一日期类型冲突（前面为 ${previous.kind}）/ conflicting kind for a date already listed as ${previous.kind}`,
          '每个日期只出现一次 / each date once',
        ),
      );
      continue;
    }
    if (row.kind === 'workday' && !isWeekend(row.date)) {
      warnings.push(
        issue(
          entry,
          row.date,
          '该日本为周一至周五的工作日 / this weekday is a working day anyway',
          '补班日通常为周六或周日',
        ),
      );
    }
    seen.set(row.date, row);
    rows.push(row);
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { format, year, rows, errors: byPosition(errors), warnings: byPosition(warnings) };
}
