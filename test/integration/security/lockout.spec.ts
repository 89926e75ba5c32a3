import { DataSource } from 'typeorm';
import { AuditEntry } from '../../../src/modules/audit/audit-entry.entity';
import { LoginThrottle } from '../../../src/modules/auth/entities/login-throttle.entity';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, tryLogin } from './support';

/** Failed sign-ins lock the account name and throttle the address, with backoff, all audited. */
describe('sign-in lockout', () => {
  let t: TestApp;
  let db: DataSource;
  const audit = (action: string, entityId: string) =>
    db.getRepository(AuditEntry).find({ where: { action, entityId }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    db = t.app.get(DataSource);
    // Room for every account-lock test below before the address test lowers it again.
    await t.http
      .put('/admin/security-policy')
      .set(bearer(await t.login('secadmin')))
      .send({ lockout: { addressThreshold: 100 } })
      .expect(200);
  });
  afterAll(() => t.close());

  it('locks an account after 5 failures, says until when, and doubles the lock on the next failure', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await tryLogin(t, 'scjgj-officer', `wrong-password-${i}`);
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('用户名或密码错误');
    }
    const fifth = await tryLogin(t, 'scjgj-officer', 'wrong-password-5');
    expect(fifth.status).toBe(423);
    expect(fifth.body.message).toMatch(
      /该账户已临时锁定，请于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}（北京时间，约 \d+ 秒后）再试/,
    );
    expect(fifth.body.retryAfterSeconds).toBeGreaterThan(55);
    expect(fifth.body.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(Number(fifth.headers['retry-after'])).toBe(fifth.body.retryAfterSeconds);

    // Locked: even the right password is not checked.
    const right = await tryLogin(t, 'scjgj-officer', 'jointcheck-demo');
    expect(right.status).toBe(423);

    // The lock runs out (moved into the past here instead of waiting a minute) …
    await db
      .getRepository(LoginThrottle)
      .update({ key: 'user:scjgj-officer' }, { lockedUntil: new Date(Date.now() - 1000) });
    // … and the next failure locks again, twice as long.
    const sixth = await tryLogin(t, 'scjgj-officer', 'wrong-password-6');
    expect(sixth.status).toBe(423);
    expect(sixth.body.retryAfterSeconds).toBeGreaterThan(115);
    expect(sixth.body.retryAfterSeconds).toBeLessThanOrEqual(120);

    const failed = await audit('auth.login-failed', 'scjgj-officer');
    expect(failed.map((e) => (e.context as { reason: string }).reason)).toEqual([
      ...Array(5).fill('wrong-password'),
      'account-locked',
      'wrong-password',
    ]);
    expect(failed.every((e) => (e.context as { ip?: string }).ip)).toBe(true);
    const lockouts = await audit('auth.lockout', 'scjgj-officer');
    expect(lockouts).toHaveLength(2);
    expect(lockouts[0].context).toMatchObject({ scope: 'account' });
    for (const e of [...failed, ...lockouts])
      expect(JSON.stringify(e)).not.toMatch(/wrong-password-\d/);
  });

  it('the security administrator lifts the lock; a successful sign-in is audited', async () => {
    const secadmin = await t.login('secadmin');
    const unlock = await t.http.post('/admin/users/scjgj-officer/unlock').set(bearer(secadmin));
    expect(unlock.status).toBe(200);
    const ok = await tryLogin(t, 'scjgj-officer', 'jointcheck-demo');
    expect(ok.status).toBe(200);
    expect(await audit('user.unlock', 'scjgj-officer')).toHaveLength(1);
    const logins = await audit('auth.login', 'scjgj-officer');
    expect(logins.at(-1)).toMatchObject({ actor: 'scjgj-officer' });
    expect(logins.at(-1)!.context).toMatchObject({ method: 'password' });
  });

  it('answers an unknown account name exactly like a known one, lockout included', async () => {
    const known = await tryLogin(t, 'yjj-officer', 'not-the-password');
    const unknown = await tryLogin(t, 'no-such-person', 'not-the-password');
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
    for (let i = 0; i < 4; i++) {
      await tryLogin(t, 'yjj-officer', 'not-the-password');
      await tryLogin(t, 'no-such-person', 'not-the-password');
    }
    const k = await tryLogin(t, 'yjj-officer', 'not-the-password');
    const u = await tryLogin(t, 'no-such-person', 'not-the-password');
    expect(k.status).toBe(423);
    expect(u.status).toBe(423);
    expect(Object.keys(u.body).sort()).toEqual(Object.keys(k.body).sort());
    expect(u.body.message.replace(/[\d/: ]+/g, '')).toBe(k.body.message.replace(/[\d/: ]+/g, ''));
    const unknownFailures = await audit('auth.login-failed', 'no-such-person');
    expect(unknownFailures[0].context).toMatchObject({ reason: 'unknown-account' });
    expect(await audit('auth.lockout', 'no-such-person')).toHaveLength(1);
  });

  it('counts parallel guesses before checking them: only 5 get a password check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => tryLogin(t, 'tjj-officer', `parallel-guess-${i}`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(12);
    const checked = (await audit('auth.login-failed', 'tjj-officer')).filter(
      (e) => (e.context as { reason: string }).reason === 'wrong-password',
    );
    expect(checked).toHaveLength(5);
  });

  it('throttles a client address that tries many account names (429), whatever the name', async () => {
    const secadmin = await t.login('secadmin');
    const rows = await t.http.get('/admin/lockouts').set(bearer(secadmin));
    const address = (rows.body as { key: string; failures: number }[]).find((r) =>
      r.key.startsWith('addr:'),
    )!;
    expect(address.failures).toBeGreaterThanOrEqual(15);
    const policy = await t.http
      .put('/admin/security-policy')
      .set(bearer(secadmin))
      .send({ lockout: { addressThreshold: address.failures + 3 } });
    expect(policy.status).toBe(200);
    for (const name of ['spray-1', 'spray-2'])
      expect((await tryLogin(t, name, 'guess-guess-1')).status).toBe(401);
    const third = await tryLogin(t, 'spray-3', 'guess-guess-1');
    expect(third.status).toBe(429);
    expect(third.body.message).toMatch(/来自该地址的登录失败次数过多，请于 .*再试/);
    // Another, untouched account from the same address waits too.
    const other = await tryLogin(t, 'nyncj-officer', 'jointcheck-demo');
    expect(other.status).toBe(429);
    const lock = await audit('auth.lockout', 'spray-3');
    expect(lock[0].context).toMatchObject({ scope: 'address' });
    expect(await audit('security-policy.update', 'policy')).toHaveLength(2);
  });
});
