import { Module } from '@nestjs/common';
import { AUDIT_COMMANDS } from './audit.command';
import { CALENDAR_COMMANDS } from './calendar.command';
import { DatabaseContextModule } from './database-context.module';
import { EngineCommand, EngineInstancesCommand, EngineStartCommand } from './engine.command';
import { InboxCommand } from './inbox.command';
import { MigrateCommand } from './migrate.command';
import { REGISTRY_COMMANDS } from './targets.command';
import { SeedDemoCommand } from './seed-demo.command';
import {
  DepartmentCommand,
  DepartmentCreateCommand,
  UserCommand,
  UserCreateCommand,
  UserResetPasswordCommand,
  UserUnlockCommand,
} from './user.command';

/**
 * Commands that read or write the database (`--help` lists these with the offline ones of
 * offline.modules.ts, see help.module.ts). The Temporal client is lazy: commands that do not
 * talk to Temporal never connect.
 */
@Module({
  imports: [DatabaseContextModule],
  providers: [
    MigrateCommand,
    SeedDemoCommand,
    UserCommand,
    UserCreateCommand,
    UserResetPasswordCommand,
    UserUnlockCommand,
    DepartmentCommand,
    DepartmentCreateCommand,
    ...CALENDAR_COMMANDS,
    EngineCommand,
    EngineStartCommand,
    EngineInstancesCommand,
    InboxCommand,
    ...REGISTRY_COMMANDS,
    ...AUDIT_COMMANDS,
  ],
})
export class DatabaseCliModule {}
