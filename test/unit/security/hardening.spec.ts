import express from 'express';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import request from 'supertest';
import { DataSource, QueryFailedError } from 'typeorm';
import { resolveAppConfig } from '../../../src/config/app-config';
import { dataSourceOptions } from '../../../src/modules/database/data-source-options';
import { inlineHashes, securityHeaders } from '../../../src/security-headers';

const HASH = '$2b$10$' + 'N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'.slice(0, 53);

describe('query failures', () => {
  it('carry their parameters for code but not into inspect/JSON (logs)', async () => {
    const ds = new DataSource({
      ...dataSourceOptions({ type: 'sqlite', path: ':memory:' }),
      migrations: [],
    });
    await ds.initialize();
    try {
      await ds.query('CREATE TABLE t (a TEXT UNIQUE)');
      await ds.query('INSERT INTO t VALUES (?)', [HASH]);
      const err = await ds.query('INSERT INTO t VALUES (?)', [HASH]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect((err as QueryFailedError).parameters).toEqual([HASH]);
      expect((err as QueryFailedError).message).toMatch(/UNIQUE/);
      expect(inspect(err, { depth: 10 })).not.toContain(HASH);
      expect(JSON.stringify(err)).not.toContain(HASH);
    } finally {
      await ds.destroy();
    }
  });
});

describe('private files', () => {
  it('tightens an existing 0644 database file and secrets.json to 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-mode-'));
    const db = join(dir, 'old.sqlite');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    dataSourceOptions({ type: 'sqlite', path: db });
    expect(statSync(db).mode & 0o777).toBe(0o600);

    const fresh = join(dir, 'sub', 'new.sqlite');
    dataSourceOptions({ type: 'sqlite', path: fresh });
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);

    const data = join(dir, 'data');
    resolveAppConfig({ DATA_DIR: data }, dir);
    const secrets = join(data, 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    chmodSync(secrets, 0o644);
    chmodSync(data, 0o755);
    resolveAppConfig({ DATA_DIR: data }, dir);
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });
});

describe('security headers', () => {
  const app = (https: boolean) => {
    const a = express();
    for (const h of securityHeaders({ https })) a.use(h);
    a.use((_req, res) => {
      res.send('ok');
    });
    return a;
  };

  it('send HSTS only when the public address is https', async () => {
    const secure = await request(app(true)).get('/x');
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const plain = await request(app(false)).get('/x');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('let Swagger UI use its inline style, nothing else', async () => {
    const docs = await request(app(false)).get('/api/docs/');
    expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const page = await request(app(false)).get('/public/x');
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('allow the inline code of our pages by hash', () => {
    const { scripts, styles } = inlineHashes();
    expect(scripts.length).toBeGreaterThanOrEqual(1); // the draw verifier
    expect(styles.length).toBeGreaterThanOrEqual(2);
  });
});
