import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { runCli } from '../../support/cli';
import { startTestApp, TestApp } from '../../support/test-app';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { bearer, tryLogin } from './support';

/** The host bootstrap path: the first administrators and their recovery, only with `jointcheck user`. */
describe('jointcheck user: administrators on the host', () => {
  let database: TestDatabase;
  let t: TestApp;
  const dataDir = mkdtempSync(join(tmpdir(), 'jc-cli-accounts-'));
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      ...env,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({ role: 'api', database });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('creates the office department and a system administrator, who must change the password', async () => {
    const dept = cli([
      'department',
      'create',
      '--code',
      'XXBGS',
      '--name',
      '县联席会议办公室',
      '--office',
    ]);
    expect(dept.status).toBe(0);
    const weak = cli(
      ['user', 'create', '-u', 'sys1', '-n', '系统管理员', '-d', 'XXBGS', '-r', 'sys_admin'],
      {
        JOINTCHECK_PASSWORD: 'password123456',
      },
    );
    expect(weak.status).not.toBe(0);
    expect(weak.stdout + weak.stderr).toMatch(/常用密码表/);
    const ok = cli(
      ['user', 'create', '-u', 'sys1', '-n', '系统管理员', '-d', 'XXBGS', '-r', 'sys_admin'],
      {
        JOINTCHECK_PASSWORD: 'winter-plum-blossom-2026',
      },
    );
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/created user sys1 \(sys_admin, XXBGS\)/);
    const login = await tryLogin(t, 'sys1', 'winter-plum-blossom-2026');
    expect(login.body.principal).toMatchObject({ role: 'sys_admin', pending: ['password-change'] });
    const blocked = await t.http.get('/admin/users').set(bearer(login.body.accessToken));
    expect(blocked.status).toBe(403);
  });

  it('resets a forgotten administrator password and lifts a lock on the host', async () => {
    for (let i = 0; i < 5; i++) await tryLogin(t, 'sys1', `forgotten-${i}`);
    expect((await tryLogin(t, 'sys1', 'winter-plum-blossom-2026')).status).toBe(423);
    const unlock = cli(['user', 'unlock', '-u', 'sys1']);
    expect(unlock.status).toBe(0);
    const reset = cli(['user', 'reset-password', '-u', 'sys1']);
    expect(reset.status).toBe(0);
    const temporary = /temporary password for sys1: (\S+)/.exec(reset.stdout)![1];
    const login = await tryLogin(t, 'sys1', temporary);
    expect(login.status).toBe(200);
    expect(login.body.principal.pending).toEqual(['password-change']);
    const history = await t.app.get(AuditService).history('user', 'sys1');
    expect(history.filter((e) => e.actor === 'cli').map((e) => e.action)).toEqual([
      'user.unlock',
      'user.password-reset',
    ]);
  });
});
