import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { AppModule, Role } from './app.module';
import { resolveAppConfig } from './config/app-config';
import { ConfigurationError, validateEnvironment } from './config/environment';
import { ensurePrivateDir } from './config/private-files';
import { configureHttp } from './http';
import { runMigrations } from './modules/database/migrate';
import { DevServer, startDevServer } from './modules/temporal/dev-server';
import { resolveTemporalCli } from './modules/temporal/temporal-cli';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

function parseRole(argv: string[]): Role {
  const i = argv.indexOf('--role');
  const value =
    i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--role='))?.slice(7) ?? 'all');
  if (value === 'api' || value === 'worker' || value === 'all') return value;
  throw new ConfigurationError(`--role must be api, worker or all (got ${JSON.stringify(value)})`);
}

/**
 * Starts jointcheck: on embedded defaults a Temporal dev server persisting to .data/, the SQLite
 * database, migrations, the worker and the HTTP API. Ctrl-C stops everything cleanly.
 */
async function main(): Promise<void> {
  const role = parseRole(process.argv);
  const config = resolveAppConfig(validateEnvironment(process.env));
  let devServer: DevServer | undefined;
  // embedded state (Temporal dev database, SQLite, generated secrets) is for this account only
  if (!config.temporal.address || config.database.type === 'sqlite')
    ensurePrivateDir(config.dataDir);
  if (!config.temporal.address) {
    devServer = await startDevServer({
      cli: resolveTemporalCli(),
      port: config.temporal.devPort,
      uiPort: config.temporal.uiPort,
      dbFile: join(config.dataDir, 'temporal.sqlite'),
      namespace: config.temporal.namespace,
    });
    process.env.TEMPORAL_ADDRESS = devServer.address;
  }
  const applied = await runMigrations(config.database);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);

  const logger = LEVELS.slice(0, LEVELS.indexOf(config.logLevel as LogLevel) + 1);
  const app = await NestFactory.create(
    AppModule.forRole({ role, worker: { exitOnFailure: true } }),
    { logger },
  );
  configureHttp(app);
  if (role === 'worker') await app.init();
  else await app.listen(config.http.port, config.http.host);

  const shown = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  console.log(`jointcheck (${role}) is up`);
  if (role !== 'worker') {
    console.log(
      `  API:        http://${shown}:${config.http.port}  (health: /health, OpenAPI: /api/docs)`,
    );
  }
  console.log(`  Temporal:   ${process.env.TEMPORAL_ADDRESS ?? config.temporal.address}`);
  if (devServer?.uiUrl) console.log(`  Temporal UI: ${devServer.uiUrl}`);
  console.log(
    `  Database:   ${config.database.type === 'sqlite' ? config.database.path : 'mysql'}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping...`);
    await app.close().catch((err) => console.error(err));
    await devServer?.stop();
    process.exit(process.exitCode ?? 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof ConfigurationError ? err.message : err);
  process.exit(1);
});
