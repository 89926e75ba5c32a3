import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule, Role } from '../../src/app.module';
import { resolveAppConfig } from '../../src/config/app-config';
import { validateEnvironment } from '../../src/config/environment';
import { configureHttp } from '../../src/http';
import { runMigrations } from '../../src/modules/database/migrate';
import { SeedDemoService } from '../../src/modules/demo/seed-demo.service';
import { DEMO_PASSWORD } from '../../src/modules/demo/pengyang';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  taskQueue: string;
  databaseUrl: string;
  /** Access token for a user (demo accounts use the demo password). */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  role?: Role;
  extra?: Type[];
  seedDemo?: boolean;
  /** Reuse a database (for restart tests). */
  database?: TestDatabase;
  env?: Record<string, string>;
}

/**
 * A real application instance: real database (fresh per call), the suite's real Temporal dev
 * server, its own task queue, HTTP on an ephemeral port.
 */
export async function startTestApp(
  opts: TestAppOptions = {},
): Promise<TestApp & { database: TestDatabase }> {
  const database = opts.database ?? (await createTestDatabase());
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: process.env.JC_TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATA_DIR: process.env.JC_TEST_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'jc-data-')),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    PAYLOAD_CODEC_KEY: '11'.repeat(32),
    ...opts.env,
  });
  process.env.JC_TEST_DATA_DIR = process.env.DATA_DIR;
  const config = resolveAppConfig(validateEnvironment(process.env));
  await runMigrations(config.database);
  const app = await NestFactory.create(
    AppModule.forRole({
      role: opts.role ?? 'all',
      worker: { exitOnFailure: false },
      extra: opts.extra,
    }),
    { logger: ['error'], abortOnError: false },
  );
  configureHttp(app);
  await app.listen(0, '127.0.0.1');
  if (opts.seedDemo) await app.get(SeedDemoService).seed();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    taskQueue,
    database,
    databaseUrl: database.url,
    async login(username: string, password = DEMO_PASSWORD) {
      const res = await request(app.getHttpServer())
        .post('/auth/login')
        .send({ username, password });
      if (res.status !== 200)
        throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      if (!opts.database) await database.drop();
    },
  };
}
