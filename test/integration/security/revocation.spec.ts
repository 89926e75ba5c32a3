import { AuditService } from '../../../src/modules/audit/audit.service';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, tryLogin } from './support';

/** Logout, deactivation, a role change, a password reset and a lock each end live tokens at once. */
describe('revocation of sessions and tokens', () => {
  let t: TestApp;
  let sysadmin: string;
  let secadmin: string;
  const works = async (token: string) =>
    (await t.http.get('/inspectors').set(bearer(token))).status;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    sysadmin = await t.login('sysadmin');
    secadmin = await t.login('secadmin');
  });
  afterAll(() => t.close());

  it('logout ends this session only; logout with all ends every session', async () => {
    const a = await t.login('gaj-officer');
    const b = await t.login('gaj-officer');
    const c = await t.login('gaj-officer');
    expect(await works(a)).toBe(200);
    const listed = await t.http.get('/auth/sessions').set(bearer(a));
    expect(listed.body).toHaveLength(3);
    expect(listed.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ ip: expect.stringContaining('127.0.0.1') });
    expect((await t.http.post('/auth/logout').set(bearer(a)).send({})).status).toBe(200);
    expect((await t.http.get('/auth/sessions').set(bearer(b))).body).toHaveLength(2);
    expect(await works(a)).toBe(401);
    expect(await works(b)).toBe(200);
    const all = await t.http.post('/auth/logout').set(bearer(b)).send({ all: true });
    expect(all.body.revoked).toBe(2);
    expect(await works(b)).toBe(401);
    expect(await works(c)).toBe(401);
    const logouts = await t.app.get(AuditService).list({ action: 'auth.logout' });
    expect(logouts.filter((e) => e.actor === 'gaj-officer')).toHaveLength(2);
  });

  it('deactivation ends every token at once and refuses sign-in; activation allows it again', async () => {
    const token = await t.login('fgj-officer');
    const off = await t.http
      .patch('/admin/users/fgj-officer')
      .set(bearer(sysadmin))
      .send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.revokedSessions).toBe(1);
    expect(await works(token)).toBe(401);
    expect((await tryLogin(t, 'fgj-officer', 'jointcheck-demo')).status).toBe(401);
    await t.http
      .patch('/admin/users/fgj-officer')
      .set(bearer(sysadmin))
      .send({ active: true })
      .expect(200);
    expect(await works(await t.login('fgj-officer'))).toBe(200);
    expect(await works(token)).toBe(401);
  });

  it('a role change ends the live token; the next sign-in carries the new role', async () => {
    const token = await t.login('jtj-officer');
    expect((await t.http.get('/auth/me').set(bearer(token))).body.role).toBe('dept_officer');
    const res = await t.http
      .patch('/admin/users/jtj-officer/role')
      .set(bearer(secadmin))
      .send({ role: 'dept_admin' });
    expect(res.status).toBe(200);
    expect((await t.http.get('/auth/me').set(bearer(token))).status).toBe(401);
    const again = await t.login('jtj-officer');
    expect((await t.http.get('/auth/me').set(bearer(again))).body.role).toBe('dept_admin');
    const history = await t.app.get(AuditService).history('user', 'jtj-officer');
    expect(history.find((e) => e.action === 'user.role-change')).toMatchObject({
      actor: 'secadmin',
      before: expect.objectContaining({ role: 'dept_officer' }),
      after: expect.objectContaining({ role: 'dept_admin' }),
    });
  });

  it('a lock by the security administrator ends the token and refuses sign-in until unlocked', async () => {
    const token = await t.login('wjj-officer');
    await t.http.post('/admin/users/wjj-officer/lock').set(bearer(secadmin)).expect(200);
    expect(await works(token)).toBe(401);
    const refused = await tryLogin(t, 'wjj-officer', 'jointcheck-demo');
    expect(refused.status).toBe(423);
    expect(refused.body.message).toMatch(/安全管理员锁定/);
    await t.http.post('/admin/users/wjj-officer/unlock').set(bearer(secadmin)).expect(200);
    expect(await works(await t.login('wjj-officer'))).toBe(200);
  });

  it('a password reset ends the token; the temporary password must be changed before anything else', async () => {
    const token = await t.login('zrzyj-officer');
    const reset = await t.http
      .post('/admin/users/zrzyj-officer/password-reset')
      .set(bearer(sysadmin));
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary).toHaveLength(20);
    expect(await works(token)).toBe(401);
    expect((await tryLogin(t, 'zrzyj-officer', 'jointcheck-demo')).status).toBe(401);

    const first = await tryLogin(t, 'zrzyj-officer', temporary);
    expect(first.status).toBe(200);
    expect(first.body.principal.pending).toEqual(['password-change']);
    const pendingToken = first.body.accessToken as string;
    const blocked = await t.http.get('/inspectors').set(bearer(pendingToken));
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toMatch(/请先修改密码/);
    expect((await t.http.get('/auth/me').set(bearer(pendingToken))).status).toBe(403);

    const weak = await t.http
      .post('/auth/password')
      .set(bearer(pendingToken))
      .send({ currentPassword: temporary, newPassword: 'qwertyuiop123' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/常用密码表/);
    const withName = await t.http
      .post('/auth/password')
      .set(bearer(pendingToken))
      .send({ currentPassword: temporary, newPassword: 'zrzyj-officer-2026-spring' });
    expect(withName.body.message).toMatch(/用户名/);
    const wrongCurrent = await t.http
      .post('/auth/password')
      .set(bearer(pendingToken))
      .send({ currentPassword: 'not-it-at-all', newPassword: 'green-tea-and-mountains-7' });
    expect(wrongCurrent.status).toBe(401);

    const changed = await t.http
      .post('/auth/password')
      .set(bearer(pendingToken))
      .send({ currentPassword: temporary, newPassword: 'green-tea-and-mountains-7' });
    expect(changed.status).toBe(200);
    expect(changed.body.principal.pending).toEqual([]);
    expect(await works(pendingToken)).toBe(401);
    expect(await works(changed.body.accessToken)).toBe(200);
    expect((await tryLogin(t, 'zrzyj-officer', temporary)).status).toBe(401);
    expect((await tryLogin(t, 'zrzyj-officer', 'green-tea-and-mountains-7')).status).toBe(200);

    const history = await t.app.get(AuditService).history('user', 'zrzyj-officer');
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.password-reset', 'user.password-change']),
    );
    expect(JSON.stringify(history)).not.toContain(temporary);
    expect(JSON.stringify(history)).not.toContain('green-tea-and-mountains-7');
  });

  it('an account created by the system administrator must change its password at first sign-in', async () => {
    await t.http
      .post('/admin/users')
      .set(bearer(sysadmin))
      .send({
        username: 'wang-wu',
        displayName: '王五',
        password: 'initial-passphrase-for-wu',
        departmentCode: 'SCJGJ',
        role: 'dept_officer',
      })
      .expect(201);
    const first = await tryLogin(t, 'wang-wu', 'initial-passphrase-for-wu');
    expect(first.body.principal.pending).toEqual(['password-change']);
    expect(await works(first.body.accessToken)).toBe(403);
    const changed = await t.http.post('/auth/password').set(bearer(first.body.accessToken)).send({
      currentPassword: 'initial-passphrase-for-wu',
      newPassword: 'a-river-runs-by-the-hill',
    });
    expect(changed.status).toBe(200);
    expect(await works(changed.body.accessToken)).toBe(200);
  });
});
