import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * Every environment variable jointcheck reads, validated once at start-up. A bad value stops the
 * process with a message naming the variable and what it accepts (see README, "Configuration").
 */
export class Environment {
  /**
   * `development` (default: the demo stays easy) or `production`: the seeded demo password is
   * refused at sign-in and two-factor sign-in is required for the office, department heads and
   * the three administrators.
   */
  @IsOptional()
  @IsIn(['development', 'production'], { message: 'JC_MODE must be development or production' })
  JC_MODE?: string;

  /** `sqlite:<path>` (embedded default) or `mysql://user:pass@host:port/db`. */
  @IsOptional()
  @Matches(/^(sqlite:.+|mysql:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<file path> or mysql://user:password@host:port/database',
  })
  DATABASE_URL?: string;

  /** host:port of an existing Temporal cluster; unset = start the embedded dev server. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, {
    message: 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233',
  })
  TEMPORAL_ADDRESS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, {
    message: 'TEMPORAL_NAMESPACE must be 1-100 of A-Z a-z 0-9 . _ -',
  })
  TEMPORAL_NAMESPACE?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, {
    message: 'TEMPORAL_TASK_QUEUE must be 1-100 of A-Z a-z 0-9 . _ -',
  })
  TEMPORAL_TASK_QUEUE?: string;

  /** Port of the embedded Temporal dev server (gRPC); its Web UI listens on TEMPORAL_UI_PORT. */
  @IsOptional()
  @IsInt({ message: 'TEMPORAL_DEV_PORT must be an integer port number (1-65535)' })
  @Min(1, { message: 'TEMPORAL_DEV_PORT must be an integer port number (1-65535)' })
  @Max(65535, { message: 'TEMPORAL_DEV_PORT must be an integer port number (1-65535)' })
  TEMPORAL_DEV_PORT?: number;

  @IsOptional()
  @IsInt({ message: 'TEMPORAL_UI_PORT must be an integer port number (1-65535)' })
  @Min(1, { message: 'TEMPORAL_UI_PORT must be an integer port number (1-65535)' })
  @Max(65535, { message: 'TEMPORAL_UI_PORT must be an integer port number (1-65535)' })
  TEMPORAL_UI_PORT?: number;

  @IsOptional()
  @IsInt({ message: 'PORT must be an integer port number (1-65535)' })
  @Min(1, { message: 'PORT must be an integer port number (1-65535)' })
  @Max(65535, { message: 'PORT must be an integer port number (1-65535)' })
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  /** Where embedded state lives (SQLite files, generated secrets). */
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  /** Signing key for access tokens; generated into DATA_DIR when unset (embedded mode only). */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, {
    message: 'JWT_EXPIRES_IN must be a number followed by s, m, h or d (e.g. 8h)',
  })
  JWT_EXPIRES_IN?: string;

  /** 64 hex chars (32 bytes): AES-256-GCM key for Temporal payloads; generated when unset. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, {
    message: 'PAYLOAD_CODEC_KEY must be 64 hexadecimal characters (32 bytes)',
  })
  PAYLOAD_CODEC_KEY?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose',
  })
  LOG_LEVEL?: string;

  /** smtp://user:pass@host:port for e-mail notifications; unset = e-mail channel off. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, {
    message: 'SMTP_URL must be smtp://[user:pass@]host:port or smtps://…',
  })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  /** Outbound webhook (JSON POST) for notifications; unset = webhook channel off. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'WEBHOOK_URL must be an http:// or https:// URL' })
  WEBHOOK_URL?: string;

  /**
   * The address the public reaches this service at (behind a reverse proxy), e.g.
   * https://jc.example.gov.cn; when it is https, responses carry Strict-Transport-Security.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'PUBLIC_BASE_URL must be an http:// or https:// URL, e.g. https://jc.example.gov.cn',
  })
  PUBLIC_BASE_URL?: string;

  /** `off` disables the daily digest and the delivery retry sweep in this process. */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'NOTIFICATION_CRON must be on or off' })
  NOTIFICATION_CRON?: string;

  /** Cron (6 fields, Asia/Shanghai) of the daily digest; default `0 30 8 * * *`. */
  @IsOptional()
  @Matches(/^(\S+\s+){5}\S+$/, {
    message: 'NOTIFICATION_DIGEST_CRON must be a 6-field cron expression, e.g. 0 30 8 * * *',
  })
  NOTIFICATION_DIGEST_CRON?: string;
}

const NUMERIC_KEYS = ['TEMPORAL_DEV_PORT', 'TEMPORAL_UI_PORT', 'PORT'] as const;

/** The variables above (class fields are own properties under ES2022 class-field semantics). */
export const ENVIRONMENT_KEYS = Object.keys(new Environment()) as (keyof Environment)[];

export class ConfigurationError extends Error {}

/** Validates raw environment values; throws ConfigurationError listing every problem. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const copy: Record<string, unknown> = {};
  for (const key of ENVIRONMENT_KEYS) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    copy[key] = value;
  }
  for (const key of NUMERIC_KEYS) {
    if (typeof copy[key] === 'string' && /^\d+$/.test(copy[key] as string))
      copy[key] = Number(copy[key]);
  }
  const env = plainToInstance(Environment, copy);
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const shown =
        e.property.includes('SECRET') || e.property.includes('KEY')
          ? '(hidden)'
          : JSON.stringify(e.value);
      return `  ${e.property}=${shown}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`;
    });
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
