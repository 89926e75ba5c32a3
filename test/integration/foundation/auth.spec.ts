import { AuditService } from '../../../src/modules/audit/audit.service';
import { startTestApp, TestApp } from '../../support/test-app';

describe('identity and access', () => {
  let t: TestApp;
  let office: string;
  let scjgAdmin: string;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    office = await t.login('office');
    scjgAdmin = await t.login('scjgj-admin');
  });
  afterAll(() => t.close());

  it('refuses non-public endpoints without a principal', async () => {
    const res = await t.http.get('/auth/me');
    expect(res.status).toBe(401);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await t.http
      .post('/auth/login')
      .send({ username: 'office', password: 'nope-nope' });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('用户名或密码错误');
  });

  it('knows who the principal is', async () => {
    const res = await t.http.get('/auth/me').set('Authorization', `Bearer ${scjgAdmin}`);
    expect(res.body).toMatchObject({
      username: 'scjgj-admin',
      role: 'dept_admin',
      departmentCode: 'SCJGJ',
      isOffice: false,
    });
  });

  it('lets only the system administrator create accounts, which must change the password', async () => {
    const sysadmin = await t.login('sysadmin');
    const body = {
      username: 'li-si',
      displayName: '李四',
      password: 'Lisi-initial-2024-pw',
      departmentCode: 'SCJGJ',
      role: 'inspector',
    };
    for (const token of [scjgAdmin, office]) {
      const denied = await t.http
        .post('/admin/users')
        .set('Authorization', `Bearer ${token}`)
        .send(body);
      expect(denied.status).toBe(403);
    }
    const own = await t.http
      .post('/admin/users')
      .set('Authorization', `Bearer ${sysadmin}`)
      .send(body);
    expect(own.status).toBe(201);
    const history = await t.app.get(AuditService).history('user', 'li-si');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'sysadmin', action: 'user.create' });
    expect(JSON.stringify(history[0].after)).not.toMatch(/Lisi-initial/);
  });

  it('only the system administrator creates departments', async () => {
    const denied = await t.http
      .post('/admin/departments')
      .set('Authorization', `Bearer ${office}`)
      .send({ code: 'NEW', name: '新部门' });
    expect(denied.status).toBe(403);
    const ok = await t.http
      .post('/admin/departments')
      .set('Authorization', `Bearer ${await t.login('sysadmin')}`)
      .send({ code: 'NEW', name: '新部门' });
    expect(ok.status).toBe(201);
  });

  it('answers bad input with the field, the value and the rule', async () => {
    const res = await t.http
      .post('/admin/users')
      .set('Authorization', `Bearer ${await t.login('sysadmin')}`)
      .send({
        username: 'x',
        displayName: '',
        password: 'short',
        departmentCode: 'SCJGJ',
        role: 'boss',
        extra: 1,
      });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['displayName', 'extra', 'password', 'role', 'username']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'role').rules[0]).toMatch(
      /dept_officer, inspector/,
    );
  });

  it('leaves nothing half-written when a request fails', async () => {
    const sysadmin = await t.login('sysadmin');
    const before = await t.app.get(AuditService).list({ entityType: 'user', limit: 500 });
    const res = await t.http.post('/admin/users').set('Authorization', `Bearer ${sysadmin}`).send({
      username: 'office',
      displayName: '重复',
      password: 'another-long-password-1',
      departmentCode: 'LXBGS',
      role: 'dept_officer',
    });
    expect(res.status).toBe(409);
    const after = await t.app.get(AuditService).list({ entityType: 'user', limit: 500 });
    expect(after.length).toBe(before.length);
  });

  it('refuses the office role outside the office department', async () => {
    const res = await t.http
      .patch('/admin/users/gaj-officer/role')
      .set('Authorization', `Bearer ${await t.login('secadmin')}`)
      .send({ role: 'office' });
    expect(res.status).toBe(400);
  });
});
