import { existsSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { isCalendarDate } from '../common/calendar-date';
import { MAX_YEAR, MIN_YEAR } from '../modules/calendar/core/dates';
import {
  isCivilDate,
  WorkingDayCalendar,
  type ComputedDate,
  type OverrideRow,
} from '../modules/calendar/core';

/**
 * What `calendar add-working-days` and `calendar is-working-day` count with: the calendar service
 * (database commands, MySQL) or, offline, the built-in calendar plus the office's overrides read
 * straight from the SQLite file when it exists. This file imports nothing heavy so the two
 * commands start in about a second.
 */
export const WORKING_DAYS = Symbol('WORKING_DAYS');

export interface WorkingDaysSource {
  addWorkingDays(from: string, n: number): Promise<ComputedDate>;
  dayInfo(date: string): Promise<{ working: boolean }>;
}

type SqliteConstructor = new (
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  close(): void;
};

function fail(message: string, code = 2): void {
  console.error(message);
  process.exitCode = code;
}

/** The DATE argument must be a real day the calendar covers; otherwise exit 2 naming the form. */
function badDate(date: string | undefined): boolean {
  if (isCalendarDate(date, { minYear: MIN_YEAR, maxYear: MAX_YEAR })) return false;
  fail(
    `DATE 应为有效的日历日期 YYYY-MM-DD（${MIN_YEAR}–${MAX_YEAR} 年），收到 "${date ?? ''}" / DATE must be a real calendar date YYYY-MM-DD in ${MIN_YEAR}–${MAX_YEAR}`,
  );
  return true;
}

/** The built-in calendar with the overrides of an existing SQLite database, opened read-only. */
export class OfflineWorkingDays implements WorkingDaysSource {
  private calendar?: WorkingDayCalendar;

  constructor(private readonly sqlitePath: string) {}

  private load(): WorkingDayCalendar {
    if (this.calendar) return this.calendar;
    let overrides: OverrideRow[] = [];
    if (this.sqlitePath !== ':memory:' && existsSync(this.sqlitePath)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Database = require('better-sqlite3') as SqliteConstructor;
      const db = new Database(this.sqlitePath, { readonly: true, fileMustExist: true });
      try {
        const table = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
          .get('calendar_overrides');
        if (table) {
          const rows = db
            .prepare(
              'SELECT day, kind, name, source, schedule_year FROM calendar_overrides ORDER BY id',
            )
            .all() as Array<{
            day: string;
            kind: OverrideRow['kind'];
            name: string | null;
            source: OverrideRow['source'];
            schedule_year: number | null;
          }>;
          overrides = rows.map((r) => ({
            date: r.day,
            kind: r.kind,
            name: r.name ?? undefined,
            source: r.source,
            scheduleYear: r.schedule_year ?? undefined,
          }));
        }
      } finally {
        db.close();
      }
    } else {
      console.error(
        `注意：没有数据库 ${this.sqlitePath}，按内置日历（国务院公布的安排与法定规则）计算，不含联席会议办公室的调整 / ` +
          'note: no database, built-in calendar without the office overrides',
      );
    }
    this.calendar = new WorkingDayCalendar(overrides);
    return this.calendar;
  }

  async addWorkingDays(from: string, n: number): Promise<ComputedDate> {
    return this.load().addWorkingDays(civil(from), n);
  }

  async dayInfo(date: string): Promise<{ working: boolean }> {
    return { working: this.load().isWorkingDay(civil(date)) };
  }
}

function civil(value: string): string {
  if (!isCivilDate(value)) throw new Error(`日期须为有效日期 YYYY-MM-DD，收到 "${value}"`);
  return value;
}

@SubCommand({
  name: 'add-working-days',
  arguments: '<date> <n>',
  description:
    'the due date N working days after DATE (YYYY-MM-DD); prints the date, and "provisional" when it is',
})
export class AddWorkingDaysCommand extends CommandRunner {
  constructor(@Inject(WORKING_DAYS) private readonly calendar: WorkingDaysSource) {
    super();
  }

  async run([date, n]: string[]): Promise<void> {
    if (badDate(date)) return;
    if (!/^\d+$/.test(n ?? ''))
      return fail(`N must be a whole number of working days (got "${n}")`);
    const due = await this.calendar.addWorkingDays(date, Number(n));
    console.log(due.date);
    if (due.provisional) console.log('provisional');
  }
}

@SubCommand({
  name: 'is-working-day',
  arguments: '<date>',
  description: 'prints true or false for DATE (YYYY-MM-DD)',
})
export class IsWorkingDayCommand extends CommandRunner {
  constructor(@Inject(WORKING_DAYS) private readonly calendar: WorkingDaysSource) {
    super();
  }

  async run([date]: string[]): Promise<void> {
    if (badDate(date)) return;
    const day = await this.calendar.dayInfo(date);
    console.log(day.working ? 'true' : 'false');
  }
}

/** `calendar` as the offline process sees it: only the two counting subcommands. */
@Command({
  name: 'calendar',
  description: 'the statutory working-day calendar',
  subCommands: [AddWorkingDaysCommand, IsWorkingDayCommand],
})
export class CalendarCommand extends CommandRunner {
  async run(): Promise<void> {
    fail('usage: jointcheck calendar add-working-days|is-working-day|import|show|recompute --help');
  }
}

/** Subcommands of `calendar` that run offline (on SQLite). */
export const OFFLINE_CALENDAR_SUBCOMMANDS = new Set(['add-working-days', 'is-working-day']);
