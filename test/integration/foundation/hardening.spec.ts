import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../../support/test-app';
import { AuthService } from '../../../src/modules/auth/auth.service';

const BCRYPT = /\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}/;

/**
 * Hardening on a real app: embedded state created private (0600 files, 0700 directory),
 * security headers on API routes, public pages and errors, and a failing query's parameters
 * (a bcrypt hash here) kept out of the log.
 */
describe('hardening', () => {
  let t: TestApp & { database: { url: string } };
  let dataDir: string;
  let sysAdminToken: string;

  beforeAll(async () => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'jc-hard-')), 'data');
    // no JWT_SECRET / PAYLOAD_CODEC_KEY: secrets.json is generated into the new DATA_DIR
    t = await startTestApp({
      role: 'api',
      env: { DATA_DIR: dataDir, JWT_SECRET: '', PAYLOAD_CODEC_KEY: '' },
    });
    const auth = t.app.get(AuthService);
    await auth.createDepartment({ code: 'OFFICE', name: '联席会议办公室', isOffice: true });
    await auth.createUser({
      username: 'office',
      displayName: '办公室',
      password: 'Joint-Meeting-2026!',
      departmentCode: 'OFFICE',
      role: 'office',
    });
    await auth.createUser(
      {
        username: 'sysadmin',
        displayName: '系统管理员',
        password: 'Accounts-Keeper-2026!',
        departmentCode: 'OFFICE',
        role: 'sys_admin',
      },
      undefined,
      { allowAdminRole: true }, // as `jointcheck user create` on the host
    );
    sysAdminToken = await t.login('sysadmin', 'Accounts-Keeper-2026!');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    delete process.env.JC_TEST_DATA_DIR;
  });

  it('creates DATA_DIR 0700, secrets.json and the SQLite database 0600', () => {
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'secrets.json'))).toBe(0o600);
    if (t.database.url.startsWith('sqlite:')) {
      const file = t.database.url.slice('sqlite:'.length);
      expect(mode(file)).toBe(0o600);
      for (const extra of ['-wal', '-shm']) {
        try {
          expect(mode(file + extra)).toBe(0o600);
        } catch (err) {
          if ((err as { code?: string }).code !== 'ENOENT') throw err;
        }
      }
    }
  });

  it('sends the security headers on an API route, a public page and errors', async () => {
    const responses = {
      api: await t.http.get('/health'),
      page: await t.http.get('/public/draws/00000000-0000-0000-0000-000000000000/verify'),
      notFound: await t.http.get('/no/such/route'),
      unauthorized: await t.http.get('/audit'),
    };
    expect(responses.page.status).toBe(200);
    expect(responses.notFound.status).toBe(404);
    expect(responses.unauthorized.status).toBe(401);
    for (const [name, res] of Object.entries(responses)) {
      const csp = String(res.headers['content-security-policy']);
      expect({ name, csp }).toEqual({
        name,
        csp: expect.stringContaining("frame-ancestors 'none'"),
      });
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("'unsafe-inline'");
      expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // PUBLIC_BASE_URL is not https here: no HSTS (see the unit test for https)
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('keeps query parameters (a bcrypt hash) out of the log when a query fails', async () => {
    const db = t.app.get(DataSource);
    const mysql = db.options.type === 'mysql';
    await db.query(
      mysql
        ? "CREATE TRIGGER jc_fail BEFORE INSERT ON users FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'jc-test-boom'"
        : "CREATE TRIGGER jc_fail BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'jc-test-boom'); END",
    );
    const printed: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      return jest.spyOn(stream, 'write').mockImplementation(((
        chunk: unknown,
        ...rest: unknown[]
      ) => {
        printed.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    };
    const spies = [
      capture(process.stderr),
      capture(process.stdout),
      jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
        printed.push(a.map(String).join(' '));
      }),
    ];
    try {
      const res = await t.http
        .post('/admin/users')
        .set('Authorization', `Bearer ${sysAdminToken}`)
        .send({
          username: 'leaky',
          displayName: '泄露',
          password: 'correct-horse-battery',
          departmentCode: 'OFFICE',
          role: 'dept_officer',
        });
      expect(res.status).toBe(500);
    } finally {
      spies.forEach((s) => s.mockRestore());
      await db.query('DROP TRIGGER jc_fail');
    }
    const log = printed.join('\n');
    expect(log).toContain('jc-test-boom'); // the failure itself is logged
    expect(log).not.toMatch(BCRYPT);
    expect(log).not.toContain('correct-horse-battery');
  });
});
