import { createHash } from 'node:crypto';
import { isWeekend, parseCivilDate, type CivilDate, MAX_YEAR, MIN_YEAR } from './dates';
import { CalendarInputError, CalendarRangeError } from './errors';
import { publishedYear } from './published-data';
import { statutoryDaysOff } from './statutory-rules';

/** What a day is: an ordinary working day, a weekend, a day off, or a weekend made a working day. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

/** Where a year's (or a day's) data came from. */
export type DaySource = 'published' | 'statutory' | 'office';

export type OverrideKind = 'holiday' | 'workday';

/**
 * 'import': a row of a whole-year schedule the joint-meeting office imported; 'manual': a single day
 * the office edited. An import replaces the year's published/statutory data; a manual edit overlays.
 */
export type OverrideSource = 'import' | 'manual';

/** One office override, as stored by the calendar module. */
export interface OverrideRow {
  date: CivilDate;
  kind: OverrideKind;
  name?: string | null;
  source: OverrideSource;
  /**
   * For imported rows: the year whose schedule the row belongs to (default: the date's own year).
   * A notice for year Y may list days of late December Y-1 (元旦 spans); such rows overlay Y-1
   * instead of replacing it.
   */
  scheduleYear?: number | null;
}

export interface EffectiveDay {
  date: CivilDate;
  kind: DayKind;
  name: string | null;
  source: DaySource;
}

export interface DayInfo extends EffectiveDay {
  /** True when the day's year rests on the statutory fallback (no published data, no import). */
  provisional: boolean;
}

export interface EffectiveYear {
  year: number;
  /** Where the year's base data came from before single-day edits. */
  basis: DaySource;
  provisional: boolean;
  /** Identifies the year's effective working/non-working days (see yearVersion). */
  version: string;
  /** Every day that is not an ordinary Mon–Fri working day or Sat/Sun rest day, plus office edits. */
  days: EffectiveDay[];
}

interface Entry {
  kind: OverrideKind;
  name: string | null;
  source: DaySource;
}

interface YearTable {
  year: number;
  basis: DaySource;
  provisional: boolean;
  entries: Map<CivilDate, Entry>;
  version: string;
}

const OVERRIDE_KINDS: readonly string[] = ['holiday', 'workday'];
const OVERRIDE_SOURCES: readonly string[] = ['import', 'manual'];

function kindOf(date: CivilDate, entry: Entry | undefined): DayKind {
  const weekend = isWeekend(date);
  if (!entry) return weekend ? 'weekend' : 'workday';
  if (entry.kind === 'holiday') return 'holiday';
  return weekend ? 'makeup-workday' : 'workday';
}

/**
 * Hash of what matters for arithmetic: whether the year is provisional and which dates deviate from
 * the Mon–Fri rule (days off on weekdays, working weekends). Names, and a holiday on a day that is a
 * weekend anyway, do not change any deadline, so they do not change the version.
 */
function versionOf(year: number, provisional: boolean, entries: Map<CivilDate, Entry>): string {
  const deviations = [...entries.entries()]
    .filter(([date, entry]) => (entry.kind === 'workday') === isWeekend(date))
    .map(([date, entry]) => `${date}=${entry.kind === 'workday' ? 'on' : 'off'}`)
    .sort();
  const digest = createHash('sha256')
    .update(`${year}|${provisional ? 'provisional' : 'final'}|${deviations.join(',')}`)
    .digest('hex');
  return digest.slice(0, 12);
}

function validateRow(row: OverrideRow, index: number): void {
  const where = `overrides[${index}]`;
  parseCivilDate(row?.date, `${where}.date`);
  if (!OVERRIDE_KINDS.includes(row.kind)) {
    throw new CalendarInputError(
      `${where}.kind 无效：${String(row.kind)}，应为 holiday 或 workday / ` +
        `${where}.kind is invalid: ${String(row.kind)}; expected 'holiday' or 'workday'`,
      `${where}.kind`,
    );
  }
  if (!OVERRIDE_SOURCES.includes(row.source)) {
    throw new CalendarInputError(
      `${where}.source 无效：${String(row.source)}，应为 import 或 manual / ` +
        `${where}.source is invalid: ${String(row.source)}; expected 'import' or 'manual'`,
      `${where}.source`,
    );
  }
  const scheduleYear = row.scheduleYear;
  if (scheduleYear !== undefined && scheduleYear !== null) {
    if (!Number.isInteger(scheduleYear) || scheduleYear < MIN_YEAR || scheduleYear > MAX_YEAR) {
      throw new CalendarInputError(
        `${where}.scheduleYear 应为 1900–2100 的整数 / ${where}.scheduleYear must be an integer 1900–2100`,
        `${where}.scheduleYear`,
      );
    }
  }
}

/**
 * The effective calendar: per year, the published schedule (chinese-days) or else the statutory
 * fallback, replaced by an office import when there is one, then overlaid by single-day office edits.
 * Built once from the override rows; years are computed lazily and cached.
 */
export class EffectiveCalendar {
  private readonly tables = new Map<number, YearTable>();
  private readonly importedYears = new Set<number>();
  /** Rows by the calendar year of their date; imports first, then manual edits (later rows win). */
  private readonly rowsByYear = new Map<number, OverrideRow[]>();

  constructor(overrides: readonly OverrideRow[] = []) {
    overrides.forEach(validateRow);
    const ordered = [
      ...overrides.filter((row) => row.source === 'import'),
      ...overrides.filter((row) => row.source === 'manual'),
    ];
    for (const row of ordered) {
      const year = parseCivilDate(row.date).year;
      if (row.source === 'import') this.importedYears.add(row.scheduleYear ?? year);
      const rows = this.rowsByYear.get(year) ?? [];
      rows.push(row);
      this.rowsByYear.set(year, rows);
    }
  }

  day(date: CivilDate): DayInfo {
    const table = this.table(parseCivilDate(date).year);
    const entry = table.entries.get(date);
    return {
      date,
      kind: kindOf(date, entry),
      name: entry?.name ?? null,
      source: entry?.source ?? table.basis,
      provisional: table.provisional,
    };
  }

  year(year: number): EffectiveYear {
    const table = this.table(year);
    const days = [...table.entries.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, entry]) => ({
        date,
        kind: kindOf(date, entry),
        name: entry.name,
        source: entry.source,
      }));
    const { basis, provisional, version } = table;
    return { year, basis, provisional, version, days };
  }

  isProvisional(year: number): boolean {
    return this.table(year).provisional;
  }

  yearVersion(year: number): string {
    return this.table(year).version;
  }

  private table(year: number): YearTable {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new CalendarRangeError(String(year));
    }
    let table = this.tables.get(year);
    if (!table) {
      table = this.buildTable(year);
      this.tables.set(year, table);
    }
    return table;
  }

  private buildTable(year: number): YearTable {
    const entries = new Map<CivilDate, Entry>();
    let basis: DaySource;
    const published = this.importedYears.has(year) ? null : publishedYear(year);
    if (this.importedYears.has(year)) {
      basis = 'office';
    } else if (published) {
      basis = 'published';
      for (const day of published) {
        entries.set(day.date, { kind: day.kind, name: day.name, source: 'published' });
      }
    } else {
      basis = 'statutory';
      for (const day of statutoryDaysOff(year)) {
        entries.set(day.date, { kind: 'holiday', name: day.name, source: 'statutory' });
      }
    }
    for (const row of this.rowsByYear.get(year) ?? []) {
      entries.set(row.date, { kind: row.kind, name: row.name ?? null, source: 'office' });
    }
    const provisional = basis === 'statutory';
    return { year, basis, provisional, entries, version: versionOf(year, provisional, entries) };
  }
}
