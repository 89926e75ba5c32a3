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

  it('lets a department admin create accounts only in its own department', async () => {
    const other = await t.http.post('/users').set('Authorization', `Bearer ${scjgAdmin}`).send({
      username: 'intruder',
      displayName: 'x',
      password: 'password-1',
      departmentCode: 'GAJ',
      role: 'dept_officer',
    });
    expect(other.status).toBe(403);
    const own = await t.http.post('/users').set('Authorization', `Bearer ${scjgAdmin}`).send({
      username: 'li-si',
      displayName: '李四',
      password: 'password-1',
      departmentCode: 'SCJGJ',
      role: 'inspector',
    });
    expect(own.status).toBe(201);
    const history = await t.app.get(AuditService).history('user', 'li-si');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'scjgj-admin', action: 'user.create' });
    expect(JSON.stringify(history[0].after)).not.toMatch(/password/i);
  });

  it('only the office creates departments', async () => {
    const denied = await t.http
      .post('/departments')
      .set('Authorization', `Bearer ${scjgAdmin}`)
      .send({ code: 'NEW', name: '新部门' });
    expect(denied.status).toBe(403);
    const ok = await t.http
      .post('/departments')
      .set('Authorization', `Bearer ${office}`)
      .send({ code: 'NEW', name: '新部门' });
    expect(ok.status).toBe(201);
  });

  it('answers bad input with the field, the value and the rule', async () => {
    const res = await t.http.post('/users').set('Authorization', `Bearer ${office}`).send({
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
      /office, dept_admin/,
    );
  });

  it('leaves nothing half-written when a request fails', async () => {
    const before = await t.app.get(AuditService).list({ entityType: 'user', limit: 500 });
    const res = await t.http.post('/users').set('Authorization', `Bearer ${office}`).send({
      username: 'office',
      displayName: '重复',
      password: 'password-1',
      departmentCode: 'LXBGS',
      role: 'office',
    });
    expect(res.status).toBe(409);
    const after = await t.app.get(AuditService).list({ entityType: 'user', limit: 500 });
    expect(after.length).toBe(before.length);
  });

  it('refuses the office role outside the office department', async () => {
    const res = await t.http.post('/users').set('Authorization', `Bearer ${office}`).send({
      username: 'fake-office',
      displayName: 'x',
      password: 'password-1',
      departmentCode: 'GAJ',
      role: 'office',
    });
    expect(res.status).toBe(400);
  });
});
