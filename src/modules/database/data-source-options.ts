import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { ensurePrivateFile } from '../../config/private-files';
import { MIGRATIONS } from '../../migrations';
import { hideQueryParameters } from './query-error-redaction';

/**
 * TypeORM options for either dialect. Schema comes only from migrations (never synchronize):
 * SQLite is the embedded default, MySQL/MariaDB the production database.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  hideQueryParameters();
  const common = {
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // never 'query' or 'error': TypeORM's logger prints every query's parameters
    logging: false,
  };
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') {
      // 0600 before the driver opens it (it would create 0644); -wal/-shm copy the file's mode
      mkdirSync(dirname(db.path), { recursive: true, mode: 0o700 });
      ensurePrivateFile(db.path);
      for (const extra of ['-wal', '-shm']) {
        if (existsSync(db.path + extra)) chmodSync(db.path + extra, 0o600);
      }
    }
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      enableWAL: db.path !== ':memory:',
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: false,
  };
}
