import { readFileSync } from 'node:fs';
import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { CalendarService } from '../modules/calendar/calendar.service';
import { formatFromFileName } from '../modules/calendar/core';
import { SYSTEM_PRINCIPAL } from '../modules/auth/roles';
import { AddWorkingDaysCommand, IsWorkingDayCommand, WORKING_DAYS } from './calendar-days.command';

function fail(message: string, code = 2): void {
  console.error(message);
  process.exitCode = code;
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description:
    "import a year's official schedule (.json, .csv or .ics) as the office; running deadlines are recomputed",
})
export class ImportCalendarCommand extends CommandRunner {
  constructor(private readonly calendar: CalendarService) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    const format = formatFromFileName(file);
    if (!format) return fail(`cannot tell the format of ${file}: name it .json, .csv or .ics`);
    const outcome = await this.calendar.importSchedule(
      { format, content: readFileSync(file, 'utf8') },
      { ...SYSTEM_PRINCIPAL, username: 'cli' },
    );
    console.log(
      `imported ${outcome.year}: ${outcome.changedDays.length} days changed, ${outcome.instancesSignalled} running instances recomputed`,
    );
    if (outcome.recomputeError)
      fail(
        `${outcome.recomputeError}\nrun \`jointcheck calendar recompute\` once Temporal is reachable`,
        1,
      );
  }
}

@SubCommand({
  name: 'recompute',
  description: 'have every running instance re-resolve its calendar deadlines',
})
export class RecomputeCalendarCommand extends CommandRunner {
  constructor(private readonly calendar: CalendarService) {
    super();
  }

  async run(): Promise<void> {
    const n = await this.calendar.recompute({ ...SYSTEM_PRINCIPAL, username: 'cli' });
    console.log(`${n} running instances recomputed`);
  }
}

@SubCommand({
  name: 'show',
  arguments: '<year>',
  description: 'the effective calendar of YEAR: every non-ordinary day',
})
export class ShowCalendarCommand extends CommandRunner {
  constructor(private readonly calendar: CalendarService) {
    super();
  }

  async run([year]: string[]): Promise<void> {
    if (!/^\d{4}$/.test(year ?? '')) return fail(`YEAR must be four digits (got "${year}")`);
    const effective = await this.calendar.showYear(Number(year));
    console.log(
      `${effective.year} ${effective.provisional ? 'provisional (statutory rules, no official schedule)' : 'official'} ${effective.version}`,
    );
    for (const d of effective.days)
      console.log(`${d.date}\t${d.kind}\t${d.name ?? ''}\t${d.source}`);
  }
}

@Command({
  name: 'calendar',
  description: 'the statutory working-day calendar',
  subCommands: [
    AddWorkingDaysCommand,
    IsWorkingDayCommand,
    ImportCalendarCommand,
    ShowCalendarCommand,
    RecomputeCalendarCommand,
  ],
})
export class CalendarCommand extends CommandRunner {
  async run(): Promise<void> {
    fail('usage: jointcheck calendar add-working-days|is-working-day|import|show|recompute --help');
  }
}

export const CALENDAR_COMMANDS = [
  { provide: WORKING_DAYS, useExisting: CalendarService },
  CalendarCommand,
  AddWorkingDaysCommand,
  IsWorkingDayCommand,
  ImportCalendarCommand,
  ShowCalendarCommand,
  RecomputeCalendarCommand,
];
