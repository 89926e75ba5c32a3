import { startTestApp, TestApp } from '../../support/test-app';
import { bearer } from './support';

type Call = { method: 'get' | 'post' | 'patch' | 'put'; path: string; body?: object };

/**
 * Separated administration (三员分立): each administrator does its own job and none other's,
 * none calls a business route, and no business role calls an administration route.
 */
describe('separated administration (三员分立)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const PRINCIPALS = [
    'sysadmin',
    'secadmin',
    'auditadmin',
    'office',
    'scjgj-admin',
    'scjgj-officer',
  ];
  const call = (who: string, c: Call) => {
    const req = t.http[c.method](c.path).set(bearer(tokens[who]));
    return c.body ? req.send(c.body) : req;
  };

  /** Each administrator's routes, with a request that succeeds for the owner. */
  const JOBS: Record<string, Call[]> = {
    sysadmin: [
      {
        method: 'post',
        path: '/admin/users',
        body: {
          username: 'new-inspector',
          displayName: '新执法人员',
          password: 'spring-rain-on-the-field',
          departmentCode: 'YJJ',
          role: 'inspector',
        },
      },
      { method: 'patch', path: '/admin/users/nyncj-officer', body: { active: true } },
      { method: 'post', path: '/admin/users/nyncj-officer/password-reset' },
      {
        method: 'post',
        path: '/admin/departments',
        body: { code: 'XZFWJ', name: '县行政审批服务局' },
      },
      { method: 'get', path: '/departments' },
    ],
    secadmin: [
      { method: 'patch', path: '/admin/users/yjj-officer/role', body: { role: 'dept_admin' } },
      { method: 'post', path: '/admin/users/yjj-officer/lock' },
      { method: 'post', path: '/admin/users/yjj-officer/unlock' },
      { method: 'post', path: '/admin/users/yjj-officer/2fa-reset' },
      { method: 'get', path: '/admin/lockouts' },
      { method: 'get', path: '/admin/security-policy' },
      {
        method: 'put',
        path: '/admin/security-policy',
        body: { twoFactorRequiredRoles: [], lockout: { accountThreshold: 6 } },
      },
    ],
    auditadmin: [{ method: 'get', path: '/audit?limit=10' }],
  };

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    for (const p of PRINCIPALS) tokens[p] = await t.login(p);
  });
  afterAll(() => t.close());

  it.each(Object.entries(JOBS))(
    '%s may not do the others’ jobs, and no business role may',
    async (owner) => {
      for (const [other, calls] of Object.entries(JOBS)) {
        if (other === owner) continue;
        for (const c of calls) {
          const res = await call(owner, c);
          expect([owner, c.method, c.path, res.status]).toEqual([owner, c.method, c.path, 403]);
        }
      }
      for (const business of ['office', 'scjgj-admin', 'scjgj-officer'])
        // GET /departments is a business route the system administrator may also read; the office
        // reads the audit log too.
        for (const c of JOBS[owner].filter(
          (x) => x.path !== '/departments' && !x.path.startsWith('/audit'),
        ))
          expect([business, c.path, (await call(business, c)).status]).toEqual([
            business,
            c.path,
            403,
          ]);
    },
  );

  it.each(Object.entries(JOBS))('%s does its own job', async (owner, calls) => {
    for (const c of calls) {
      const res = await call(owner, c);
      expect([c.method, c.path, res.status, res.status < 300 ? '' : res.body.message]).toEqual([
        c.method,
        c.path,
        expect.any(Number),
        '',
      ]);
    }
  });

  it('no administrator calls a business route; all of them manage their own sign-in', async () => {
    for (const admin of ['sysadmin', 'secadmin', 'auditadmin']) {
      for (const path of ['/inspectors', '/plans', '/targets', '/definitions'])
        expect([admin, path, (await call(admin, { method: 'get', path })).status]).toEqual([
          admin,
          path,
          403,
        ]);
      const me = await call(admin, { method: 'get', path: '/auth/me' });
      expect(me.status).toBe(200);
      expect((await call(admin, { method: 'get', path: '/auth/account' })).status).toBe(200);
    }
    const res = await call('auditadmin', { method: 'get', path: '/inspectors' });
    expect(res.body.message).toMatch(/审计管理员账户不能执行业务操作（三员分立）/);
  });

  it('the account list is read by the system and security administrators only', async () => {
    for (const [who, status] of [
      ['sysadmin', 200],
      ['secadmin', 200],
      ['auditadmin', 403],
      ['office', 403],
    ] as const)
      expect([who, (await call(who, { method: 'get', path: '/admin/users' })).status]).toEqual([
        who,
        status,
      ]);
  });

  it('the audit log is read by the audit administrator and the office, not by a department', async () => {
    expect((await call('office', { method: 'get', path: '/audit' })).status).toBe(200);
    expect((await call('scjgj-admin', { method: 'get', path: '/audit' })).status).toBe(403);
  });

  it('administrators cannot create or take over administrator accounts over HTTP', async () => {
    const admin = await call('sysadmin', {
      method: 'post',
      path: '/admin/users',
      body: {
        username: 'second-secadmin',
        displayName: 'x',
        password: 'spring-rain-on-the-field',
        departmentCode: 'LXBGS',
        role: 'sec_admin',
      },
    });
    expect(admin.status).toBe(400);
    const office = await call('sysadmin', {
      method: 'post',
      path: '/admin/users',
      body: {
        username: 'self-made-office',
        displayName: 'x',
        password: 'spring-rain-on-the-field',
        departmentCode: 'LXBGS',
        role: 'office',
      },
    });
    expect(office.status).toBe(400);
    const takeover = await call('sysadmin', {
      method: 'post',
      path: '/admin/users/secadmin/password-reset',
    });
    expect(takeover.status).toBe(403);
    expect(takeover.body.message).toMatch(/管理员账户/);
    const grant = await call('secadmin', {
      method: 'patch',
      path: '/admin/users/scjgj-officer/role',
      body: { role: 'sys_admin' },
    });
    expect(grant.status).toBe(400);
    const demote = await call('secadmin', {
      method: 'patch',
      path: '/admin/users/auditadmin/role',
      body: { role: 'dept_officer' },
    });
    expect(demote.status).toBe(403);
  });
});
