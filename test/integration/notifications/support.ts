import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import { resolveAppConfig } from '../../../src/config/app-config';
import { validateEnvironment } from '../../../src/config/environment';
import { Department } from '../../../src/modules/auth/entities/department.entity';
import { User } from '../../../src/modules/auth/entities/user.entity';
import { runMigrations } from '../../../src/modules/database/migrate';
import {
  INBOX_WRITER,
  type InboxNotification,
  type InboxWriter,
  RETRY_POLICY,
  type RetryPolicy,
} from '../../../src/modules/notifications';
import type { TestDatabase } from '../../support/test-database';

/** A small in-memory inbox, idempotent on (department, dedupe key) like the real one must be. */
export class TestInbox implements InboxWriter {
  readonly messages: InboxNotification[] = [];
  writes = 0;
  /** Dedupe keys whose first write fails (to see the inbox retried). */
  readonly failFirst = new Set<string>();

  async write(message: InboxNotification): Promise<void> {
    this.writes++;
    if (this.failFirst.delete(message.dedupeKey)) throw new Error('inbox briefly unavailable');
    const seen = this.messages.some(
      (m) => m.dedupeKey === message.dedupeKey && m.departmentCode === message.departmentCode,
    );
    if (!seen) this.messages.push(message);
  }
}

/** Fast backoff so a test sees three attempts in milliseconds. */
export const FAST_RETRY: RetryPolicy = {
  attemptsPerCall: 3,
  backoffMs: [20, 40],
  maxAttempts: 6,
  staleAfterMs: 60_000,
};

export interface NotificationApp {
  app: INestApplicationContext;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The real application (every feature module, real database) with the test inbox bound to
 * INBOX_WRITER; overrides lets a test bind the other ports too.
 */
export async function startNotificationApp(
  database: TestDatabase,
  env: Record<string, string | undefined>,
  inbox: TestInbox,
  overrides: { token: symbol; value: unknown }[] = [],
): Promise<NotificationApp> {
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: process.env.JC_TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `test-notify-${randomUUID().slice(0, 8)}`,
    DATA_DIR: process.env.JC_TEST_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'jc-data-')),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    PAYLOAD_CODEC_KEY: '11'.repeat(32),
  });
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await runMigrations(resolveAppConfig(validateEnvironment(process.env)).database);
  let builder = Test.createTestingModule({ imports: [AppModule.forRole({ role: 'api' })] })
    .overrideProvider(INBOX_WRITER)
    .useValue(inbox)
    .overrideProvider(RETRY_POLICY)
    .useValue(FAST_RETRY);
  for (const o of overrides) builder = builder.overrideProvider(o.token).useValue(o.value);
  const moduleRef = await builder.compile();
  moduleRef.useLogger(false);
  const app = await moduleRef.init();
  return { app, db: app.get<DataSource>(getDataSourceToken()), close: () => app.close() };
}

export interface ReceivedMail {
  envelopeTo: string[];
  mail: ParsedMail;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that parses what it receives. */
export async function startSmtp(): Promise<{
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface WebhookHit {
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** A real HTTP receiver; `failFirst` holds dedupe keys answered 500 the first time. */
export async function startWebhook(): Promise<{
  baseUrl: string;
  hits: WebhookHit[];
  failFirst: Set<string>;
  close(): Promise<void>;
}> {
  const hits: WebhookHit[] = [];
  const failFirst = new Set<string>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      hits.push({ url: req.url ?? '', headers: req.headers, body });
      const fail = failFirst.delete(String(body.dedupeKey));
      res.writeHead(fail ? 500 : 200, { 'content-type': 'application/json' });
      res.end(fail ? '{"errcode":500}' : '{"errcode":0}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    failFirst,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface SeedUser {
  username: string;
  email: string | null;
  active?: boolean;
}

/** Departments and users written straight to the identity tables. */
export async function seedDepartment(
  db: DataSource,
  code: string,
  name: string,
  users: SeedUser[],
  isOffice = false,
): Promise<void> {
  const id = randomUUID();
  await db.getRepository(Department).insert({ id, code, name, isOffice, createdAt: new Date() });
  for (const u of users) {
    await db.getRepository(User).insert({
      id: randomUUID(),
      username: u.username,
      displayName: u.username,
      passwordHash: 'x',
      departmentId: id,
      role: 'dept_officer',
      email: u.email,
      active: u.active ?? true,
      createdAt: new Date(),
    });
  }
}

/** The shared polling helper (test/support/poll.ts), here for the files that import it from here. */
export { until } from '../../support/poll';
