import { existsSync } from 'node:fs';
import { resolveDatabaseConfig } from '../config/app-config';
import { ConfigurationError, validateEnvironment } from '../config/environment';

/**
 * Throws when the configured SQLite database does not exist: a wrong DATA_DIR or DATABASE_URL
 * would otherwise create an empty database and fail later as "unknown user".
 */
export function requireExistingDatabase(env: NodeJS.ProcessEnv = process.env): void {
  const database = resolveDatabaseConfig(validateEnvironment(env));
  if (database.type !== 'sqlite' || database.path === ':memory:' || existsSync(database.path))
    return;
  throw new ConfigurationError(
    `数据库不存在：${database.path}（请检查 DATA_DIR / DATABASE_URL；新建数据库请运行 \`jointcheck migrate\`，` +
      `或 \`jointcheck seed-demo\` 建演示数据，或 \`npm start\`）\n` +
      `no database at ${database.path}: check DATA_DIR / DATABASE_URL, or create it with ` +
      '`jointcheck migrate` (empty), `jointcheck seed-demo` (the demo county) or `npm start`',
  );
}
