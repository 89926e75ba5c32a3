import { DataSource } from 'typeorm';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, enrolTotp, totpCode, tryLogin } from './support';

/** Optional TOTP for everyone (development mode): enrol, two-step sign-in, recovery codes, reset. */
describe('two-factor sign-in (TOTP)', () => {
  let t: TestApp;
  let db: DataSource;
  let secret: string;
  let usedCode: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('enrols with a confirmed code and returns 10 recovery codes once; the secret is sealed at rest', async () => {
    const token = await t.login('scjgj-officer');
    const enrol = await t.http.post('/auth/2fa/enrol').set(bearer(token)).send({});
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/jointcheck:scjgj-officer\?/);
    const bad = await t.http.post('/auth/2fa/confirm').set(bearer(token)).send({ code: '000000' });
    expect(bad.status).toBe(400);
    const again = await enrolTotp(t, token);
    secret = again.secret;
    usedCode = again.usedCode;
    recoveryCodes = again.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [row] = await db.query(`SELECT totp_secret FROM users WHERE username = 'scjgj-officer'`);
    expect(row.totp_secret).toMatch(/^v1:/);
    expect(row.totp_secret).not.toContain(secret);
    const codes = await db.query(`SELECT code_hash FROM user_recovery_codes`);
    expect(JSON.stringify(codes)).not.toContain(recoveryCodes[0]);
    const account = await t.http.get('/auth/account').set(bearer(token));
    expect(account.body).toMatchObject({ twoFactorEnabled: true, recoveryCodesLeft: 10 });
    expect(JSON.stringify(account.body)).not.toContain(secret);
    const twice = await t.http.post('/auth/2fa/enrol').set(bearer(token)).send({});
    expect(twice.status).toBe(409);
  });

  it('then signs in in two steps; a pending token is no access token; a used code does not work twice', async () => {
    const first = await tryLogin(t, 'scjgj-officer', 'jointcheck-demo');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactorRequired: true, pendingToken: expect.any(String) });
    expect((await t.http.get('/auth/me').set(bearer(first.body.pendingToken))).status).toBe(401);

    const replay = await t.http
      .post('/auth/login/2fa')
      .send({ pendingToken: first.body.pendingToken, code: usedCode });
    expect(replay.status).toBe(401); // the enrolment already used this code
    const wrong = await t.http
      .post('/auth/login/2fa')
      .send({ pendingToken: first.body.pendingToken, code: '123456' });
    expect(wrong.status).toBe(401);
    const next = await t.http
      .post('/auth/login/2fa')
      .send({ pendingToken: first.body.pendingToken, code: totpCode(secret, 1) });
    expect(next.status).toBe(200);
    expect((await t.http.get('/inspectors').set(bearer(next.body.accessToken))).status).toBe(200);
    const logins = await t.app.get(AuditService).list({ action: 'auth.login' });
    expect(logins[0]).toMatchObject({ actor: 'scjgj-officer' });
    expect(logins[0].context).toMatchObject({ method: 'password+totp' });
    const failed = await t.app.get(AuditService).list({ action: 'auth.login-failed' });
    expect(
      failed
        .filter((e) => e.entityId === 'scjgj-officer')
        .map((e) => (e.context as { reason: string }).reason),
    ).toEqual(['wrong-totp-code', 'wrong-totp-code']);
  });

  it('accepts each recovery code once', async () => {
    const first = await tryLogin(t, 'scjgj-officer', 'jointcheck-demo');
    const used = await t.http.post('/auth/login/2fa').send({
      pendingToken: first.body.pendingToken,
      recoveryCode: recoveryCodes[0].toUpperCase(),
    });
    expect(used.status).toBe(200);
    const second = await tryLogin(t, 'scjgj-officer', 'jointcheck-demo');
    const reused = await t.http
      .post('/auth/login/2fa')
      .send({ pendingToken: second.body.pendingToken, recoveryCode: recoveryCodes[0] });
    expect(reused.status).toBe(401);
    expect(reused.body.message).toMatch(/恢复码错误或已使用/);
    const events = await t.app.get(AuditService).list({ action: 'auth.recovery-code-used' });
    expect(events).toHaveLength(1);
    expect(events[0].context).toMatchObject({ remaining: 9 });
    expect(JSON.stringify(events)).not.toContain(recoveryCodes[0]);
    const account = await t.http.get('/auth/account').set(bearer(used.body.accessToken));
    expect(account.body.recoveryCodesLeft).toBe(9);
  });

  it('the user disables it with a recovery code; then one step again', async () => {
    const first = await tryLogin(t, 'scjgj-officer', 'jointcheck-demo');
    const session = await t.http
      .post('/auth/login/2fa')
      .send({ pendingToken: first.body.pendingToken, recoveryCode: recoveryCodes[1] });
    const off = await t.http
      .post('/auth/2fa/disable')
      .set(bearer(session.body.accessToken))
      .send({ recoveryCode: recoveryCodes[2] });
    expect(off.status).toBe(200);
    expect((await tryLogin(t, 'scjgj-officer', 'jointcheck-demo')).body.accessToken).toEqual(
      expect.any(String),
    );
    expect(await t.app.get(AuditService).list({ action: 'auth.2fa-disable' })).toHaveLength(1);
  });

  it('the security administrator resets a lost second factor, which ends the sessions', async () => {
    const token = await t.login('yjj-officer');
    await enrolTotp(t, token);
    const secadmin = await t.login('secadmin');
    const sysadmin = await t.login('sysadmin');
    expect(
      (await t.http.post('/admin/users/yjj-officer/2fa-reset').set(bearer(sysadmin))).status,
    ).toBe(403);
    const reset = await t.http.post('/admin/users/yjj-officer/2fa-reset').set(bearer(secadmin));
    expect(reset.status).toBe(200);
    expect((await t.http.get('/auth/me').set(bearer(token))).status).toBe(401);
    const login = await tryLogin(t, 'yjj-officer', 'jointcheck-demo');
    expect(login.body.accessToken).toEqual(expect.any(String));
    const history = await t.app.get(AuditService).history('user', 'yjj-officer');
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.2fa-enrol', 'user.2fa-reset']),
    );
  });
});
