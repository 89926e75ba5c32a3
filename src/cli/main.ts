import 'reflect-metadata';
import type { CommandFactoryRunOptions } from 'nest-commander/src/command-factory.interface';
import { resolveDatabaseConfig } from '../config/app-config';
import { ConfigurationError, validateEnvironment } from '../config/environment';
import { requireExistingDatabase } from './database-check';

/**
 * `jointcheck <command>`. Help and offline commands (definition validate, draw, calendar
 * add-working-days|is-working-day on SQLite) read no configuration beyond the database path,
 * create nothing and load only what they run; the others open the database, applying pending
 * migrations first — and refuse a SQLite database that does not exist, except `migrate` and
 * `seed-demo`, which create it. Modules are imported lazily: loading the whole application takes
 * seconds.
 */

/** First words of commands served by the offline module (definition deploy/list open the database themselves). */
const OFFLINE_COMMANDS = new Set<string>(['definition', 'draw']);
const OFFLINE_CALENDAR = new Set<string>(['add-working-days', 'is-working-day']);
/** Database commands that may create the database. */
const CREATES_DATABASE = new Set<string>(['migrate', 'seed-demo']);

const RUN_OPTIONS: CommandFactoryRunOptions = {
  logger: ['error', 'warn'],
  errorHandler: (err) => {
    // commander's own exits (help, unknown option) carry their exit code
    const code = (err as { exitCode?: number }).exitCode ?? 1;
    if (code !== 0 && !(err as { code?: string }).code?.startsWith('commander.'))
      console.error(err.message);
    process.exit(code);
  },
  serviceErrorHandler: (err) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
};

async function main(argv: string[]): Promise<void> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const [command, sub] = words;
  const wantsHelp =
    !command || command === 'help' || argv.includes('--help') || argv.includes('-h');
  const { CommandFactory } = await import('nest-commander');

  if (command !== undefined && OFFLINE_COMMANDS.has(command)) {
    const { OfflineCliModule } = await import('./offline.modules');
    return CommandFactory.run(OfflineCliModule, RUN_OPTIONS);
  }
  if (command === 'calendar' && !wantsHelp && OFFLINE_CALENDAR.has(sub ?? '')) {
    const database = resolveDatabaseConfig(validateEnvironment(process.env));
    if (database.type === 'sqlite') {
      const { calendarDaysModule } = await import('./offline.modules');
      return CommandFactory.run(calendarDaysModule(database), RUN_OPTIONS);
    }
  }
  if (wantsHelp) {
    const { HelpCliModule } = await import('./help.module');
    return CommandFactory.run(HelpCliModule, RUN_OPTIONS);
  }

  if (!CREATES_DATABASE.has(command)) requireExistingDatabase();
  const { resolveAppConfig } = await import('../config/app-config');
  const { runMigrations } = await import('../modules/database/migrate');
  await runMigrations(resolveAppConfig(validateEnvironment(process.env)).database);
  const { DatabaseCliModule } = await import('./cli.modules');
  await CommandFactory.run(DatabaseCliModule, RUN_OPTIONS);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(
    err instanceof ConfigurationError ? err.message : `error: ${(err as Error).message}`,
  );
  process.exit(1);
});
