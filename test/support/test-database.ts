import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a temporary SQLite file by default, or a new MySQL
 * database on the server of TEST_DATABASE_URL (mysql://root@127.0.0.1:3306/) when it is set.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const mysqlUrl = process.env.TEST_DATABASE_URL;
  if (!mysqlUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'jc-test-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `jc_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(mysqlUrl);
  server.pathname = '/';
  const admin = await createConnection(server.toString());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const conn = await createConnection(server.toString());
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
