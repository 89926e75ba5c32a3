import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Environment } from './environment';
import { ensurePrivateDir } from './private-files';

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string };

export type AppMode = 'development' | 'production';

export interface AppConfig {
  /** JC_MODE: `production` refuses demo passwords and enforces two-factor sign-in. */
  mode: AppMode;
  dataDir: string;
  database: DatabaseConfig;
  temporal: {
    /** undefined = embedded dev server started by this process. */
    address?: string;
    namespace: string;
    taskQueue: string;
    devPort: number;
    uiPort: number;
  };
  http: { port: number; host: string };
  jwt: { secret: string; expiresIn: string };
  payloadCodecKey: Buffer;
  logLevel: string;
  mail: { smtpUrl?: string; from: string };
  webhookUrl?: string;
  /** PUBLIC_BASE_URL without a trailing slash; undefined when unset. */
  publicBaseUrl?: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The database the environment names (touches nothing: no directory, no secrets). */
export function resolveDatabaseConfig(env: Environment, cwd = process.cwd()): DatabaseConfig {
  const dataDir = absolute(env.DATA_DIR ?? '.data', cwd);
  const url = env.DATABASE_URL ?? `sqlite:${join(dataDir, 'jointcheck.sqlite')}`;
  return url.startsWith('sqlite:')
    ? { type: 'sqlite', path: url === 'sqlite::memory:' ? ':memory:' : absolute(url.slice(7), cwd) }
    : { type: 'mysql', url };
}

/**
 * Resolves validated environment values into the configuration the modules read, filling the
 * embedded defaults. Secrets not given are generated once and kept in DATA_DIR/secrets.json
 * (mode 600) so a restart finds the same tokens and payload key valid.
 */
export function resolveAppConfig(env: Environment, cwd = process.cwd()): AppConfig {
  const dataDir = absolute(env.DATA_DIR ?? '.data', cwd);
  const database = resolveDatabaseConfig(env, cwd);
  const needsSecrets = !env.JWT_SECRET || !env.PAYLOAD_CODEC_KEY;
  const generated = needsSecrets ? loadOrCreateSecrets(dataDir) : undefined;
  return {
    mode: env.JC_MODE === 'production' ? 'production' : 'development',
    dataDir,
    database,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'jointcheck',
      devPort: env.TEMPORAL_DEV_PORT ?? 7233,
      uiPort: env.TEMPORAL_UI_PORT ?? 8233,
    },
    http: { port: env.PORT ?? 3000, host: env.HOST ?? '0.0.0.0' },
    jwt: { secret: env.JWT_SECRET ?? generated!.jwtSecret, expiresIn: env.JWT_EXPIRES_IN ?? '8h' },
    payloadCodecKey: Buffer.from(env.PAYLOAD_CODEC_KEY ?? generated!.payloadCodecKey, 'hex'),
    logLevel: env.LOG_LEVEL ?? 'log',
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? 'jointcheck@localhost' },
    webhookUrl: env.WEBHOOK_URL,
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

interface GeneratedSecrets {
  jwtSecret: string;
  payloadCodecKey: string;
}

function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  ensurePrivateDir(dataDir);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  }
  const secrets: GeneratedSecrets = {
    jwtSecret: randomBytes(32).toString('hex'),
    payloadCodecKey: randomBytes(32).toString('hex'),
  };
  // 'wx': created here with mode 0600, never a file someone else placed
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secrets;
}
