import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { resolveAppConfig } from '../config/app-config';
import { ConfigurationError, validateEnvironment } from '../config/environment';
import { runMigrations } from '../modules/database/migrate';
import { DatabaseCliModule, OFFLINE_COMMANDS, OfflineCliModule } from './cli.modules';

/**
 * `npx jointcheck <command>`. Offline commands (validation, simulation) start nothing; the
 * others open the database, applying pending migrations first.
 */
async function main(argv: string[]): Promise<void> {
  const command = argv.find((a) => !a.startsWith('-'));
  const offline = command !== undefined && OFFLINE_COMMANDS.has(command);
  const wantsHelp = !command || argv.includes('--help') || argv.includes('-h');
  if (!offline && !wantsHelp) {
    const config = resolveAppConfig(validateEnvironment(process.env));
    await runMigrations(config.database);
  }
  await CommandFactory.run(offline ? OfflineCliModule : DatabaseCliModule, {
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
  });
}

main(process.argv.slice(2)).catch((err) => {
  console.error(
    err instanceof ConfigurationError ? err.message : `error: ${(err as Error).message}`,
  );
  process.exit(1);
});
