import { AuthService } from '../../../src/modules/auth/auth.service';
import { SeedDemoService } from '../../../src/modules/demo/seed-demo.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { bearer, enrolTotp, totpCode, tryLogin } from './support';

/**
 * JC_MODE=production on a database seeded in development: the demo password is refused, seeding
 * is refused, and the office and department heads must use two-factor sign-in.
 */
describe('production mode (JC_MODE=production)', () => {
  let t: TestApp;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    const dev = await startTestApp({ role: 'api', seedDemo: true, database });
    await dev.close();
    t = await startTestApp({ role: 'api', database, env: { JC_MODE: 'production' } });
    const auth = t.app.get(AuthService);
    for (const [username, role, departmentCode] of [
      ['lxbgs-zhang', 'office', 'LXBGS'],
      ['scjgj-head', 'dept_admin', 'SCJGJ'],
      ['scjgj-li', 'dept_officer', 'SCJGJ'],
    ] as const)
      await auth.createUser({
        username,
        displayName: username,
        password: 'plum-blossom-in-winter-9',
        departmentCode,
        role,
      });
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
    delete process.env.JC_MODE;
  });

  it('refuses the seeded demo password at sign-in, for every demo account', async () => {
    for (const name of ['office', 'scjgj-officer', 'sysadmin']) {
      const res = await tryLogin(t, name, 'jointcheck-demo');
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/生产模式.*不能使用演示密码/);
    }
  });

  it('refuses to seed the demo county and refuses the demo password as a new password', async () => {
    await expect(t.app.get(SeedDemoService).seed()).rejects.toThrow(/生产模式/);
    const token = (await tryLogin(t, 'scjgj-li', 'plum-blossom-in-winter-9')).body.accessToken;
    const res = await t.http
      .post('/auth/password')
      .set(bearer(token))
      .send({ currentPassword: 'plum-blossom-in-winter-9', newPassword: 'jointcheck-demo' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/演示密码/);
  });

  it('an officer needs no second factor', async () => {
    const res = await tryLogin(t, 'scjgj-li', 'plum-blossom-in-winter-9');
    expect(res.body.principal.pending).toEqual([]);
    expect((await t.http.get('/inspectors').set(bearer(res.body.accessToken))).status).toBe(200);
  });

  it.each([['lxbgs-zhang'], ['scjgj-head']])(
    '%s (office / department head) must enrol before anything else, then signs in with a code',
    async (username) => {
      const first = await tryLogin(t, username, 'plum-blossom-in-winter-9');
      expect(first.status).toBe(200);
      expect(first.body.principal.pending).toEqual(['two-factor-enrolment']);
      const token = first.body.accessToken as string;
      const blocked = await t.http.get('/inspectors').set(bearer(token));
      expect(blocked.status).toBe(403);
      expect(blocked.body.message).toMatch(/须先启用两步验证/);
      const { secret, recoveryCodes } = await enrolTotp(t, token);
      expect((await t.http.get('/inspectors').set(bearer(token))).status).toBe(200);
      const off = await t.http
        .post('/auth/2fa/disable')
        .set(bearer(token))
        .send({ recoveryCode: recoveryCodes[0] });
      expect(off.status).toBe(403);

      const next = await tryLogin(t, username, 'plum-blossom-in-winter-9');
      expect(next.body.twoFactorRequired).toBe(true);
      const done = await t.http
        .post('/auth/login/2fa')
        .send({ pendingToken: next.body.pendingToken, code: totpCode(secret, 1) });
      expect(done.status).toBe(200);
      expect(done.body.principal.pending).toEqual([]);
    },
  );
});
