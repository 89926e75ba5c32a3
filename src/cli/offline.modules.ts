import { Module } from '@nestjs/common';
import type { DatabaseConfig } from '../config/app-config';
import {
  AddWorkingDaysCommand,
  CalendarCommand,
  IsWorkingDayCommand,
  OfflineWorkingDays,
  WORKING_DAYS,
} from './calendar-days.command';
import {
  DefinitionCommand,
  DefinitionDeployCommand,
  DefinitionListCommand,
  DefinitionValidateCommand,
} from './definition.command';
import { DRAW_COMMANDS } from './draw.command';

/**
 * Commands that need neither a database nor a server (validation, simulation, verification).
 * Nothing here loads the application modules, TypeORM or Temporal, so they start in about a
 * second and create nothing.
 */
export const OFFLINE_COMMAND_PROVIDERS = [
  // `definition validate` is offline; deploy/list open the database themselves
  DefinitionCommand,
  DefinitionValidateCommand,
  DefinitionDeployCommand,
  DefinitionListCommand,
  ...DRAW_COMMANDS,
];

@Module({ providers: OFFLINE_COMMAND_PROVIDERS })
export class OfflineCliModule {}

/** `calendar add-working-days|is-working-day` on SQLite: the file read-only when it exists. */
export function calendarDaysModule(database: DatabaseConfig & { type: 'sqlite' }) {
  @Module({
    providers: [
      { provide: WORKING_DAYS, useValue: new OfflineWorkingDays(database.path) },
      CalendarCommand,
      AddWorkingDaysCommand,
      IsWorkingDayCommand,
    ],
  })
  class CalendarDaysCliModule {}
  return CalendarDaysCliModule;
}
