import { DataSource } from 'typeorm';
import { AuditEntry } from '../../../src/modules/audit/audit-entry.entity';
import { User } from '../../../src/modules/auth/entities/user.entity';
import { roleAllowed, ROUTE_ACCESS, type RouteRule } from '../../../src/modules/auth/route-access';
import type { Role } from '../../../src/modules/auth/roles';
import { DemoCountyService } from '../../../src/modules/demo/demo-county.service';
import { DEMO_PASSWORD } from '../../../src/modules/demo/pengyang';
import { Inspector } from '../../../src/modules/inspectors/inspector.entity';
import { Inspection } from '../../../src/modules/inspection/entities';
import { expectStatus, InspectionDriver } from '../../support/inspection-driver';
import { appRoutes, type AppRoute } from '../../support/routes';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(600_000);

/**
 * The authorization matrix, generated from the application's own route table: every route × every
 * kind of principal (the four business roles of the own and another department, the three
 * separated administrators, anonymous) × own / other department's object, each checked against the rule declared for
 * it in src/modules/auth/route-access.ts. A route without a declared rule fails here.
 */
interface Caller {
  name: string;
  role: Role | null;
  department: string | null;
  username: string | null;
  token: string | null;
}

/** Routes that end the caller's session: called with a token of their own. */
const SESSION_ENDING = new Set(['POST /auth/logout']);

const OWN = 'SCJGJ';
/** A member department that takes no part in the demo joint task. */
const OTHER = 'TJJ';

describe('authorization matrix', () => {
  let t: TestApp;
  let d: InspectionDriver;
  const callers: Caller[] = [];
  let objects: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    d = new InspectionDriver(t);
    await t.app.get(DemoCountyService).seed();
    const db = t.app.get(DataSource);
    const inspectorUser = await db
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin('u.department', 'd')
      .where('u.role = :role AND d.code = :code', { role: 'inspector', code: OWN })
      .orderBy('u.username')
      .getOneOrFail();
    const named: Array<[string, Role | null, string | null, string | null]> = [
      ['anonymous', null, null, null],
      ['office', 'office', 'LXBGS', 'office'],
      ['own dept_admin', 'dept_admin', OWN, 'scjgj-admin'],
      ['own dept_officer', 'dept_officer', OWN, 'scjgj-officer'],
      ['own inspector', 'inspector', OWN, inspectorUser.username],
      ['other dept_admin', 'dept_admin', OTHER, 'tjj-admin'],
      ['other dept_officer', 'dept_officer', OTHER, 'tjj-officer'],
      ['system administrator', 'sys_admin', null, 'sysadmin'],
      ['security administrator', 'sec_admin', null, 'secadmin'],
      ['audit administrator', 'audit_admin', null, 'auditadmin'],
    ];
    for (const [name, role, department, username] of named)
      callers.push({
        name,
        role,
        department,
        username,
        token: username ? await t.login(username, DEMO_PASSWORD) : null,
      });
    objects = await ownObjects();
  });
  afterAll(() => t?.close());

  /** Objects of the own department: a running joint task, its instance and open step, a draft plan. */
  async function ownObjects(): Promise<Record<string, string>> {
    const plans = (await t.http.get('/public/plans')).body as Array<{
      id: string;
      kind: string;
      tasks: Array<{ taskKey: string }>;
    }>;
    const joint = plans.find((p) => p.kind === 'joint')!;
    const started = await d.post('scjgj-officer', '/inspections', {
      planId: joint.id,
      planTaskKey: joint.tasks[0].taskKey,
    });
    expectStatus(started, 201);
    const [step] = await d.step(started.body.id, 'scheme');
    const db = t.app.get(DataSource);
    const inspection = await db.getRepository(Inspection).findOneByOrFail({ id: started.body.id });
    const inspector = await db
      .getRepository(Inspector)
      .findOneByOrFail({ departmentCode: OWN, certificateNo: 'SCJGJ-001' });
    const draft = await d.post('scjgj-admin', '/plans', {
      year: new Date().getFullYear() + 1,
      kind: 'department',
      departmentCode: OWN,
    });
    expectStatus(draft, 201);
    return {
      inspection: inspection.id,
      instance: inspection.workflowId!,
      task: step.taskId,
      inspector: inspector.id,
      plan: draft.body.id,
    };
  }

  async function call(route: AppRoute, url: string, caller: Caller) {
    const token =
      caller.username && SESSION_ENDING.has(route.key)
        ? await t.login(caller.username, DEMO_PASSWORD)
        : caller.token;
    const req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[
      route.method.toLowerCase()
    ](url);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return route.method === 'GET' ? req : req.send({});
  }

  function ruleOf(route: AppRoute): RouteRule {
    const rule = ROUTE_ACCESS[route.key];
    if (!rule) throw new Error(`${route.key} has no rule in src/modules/auth/route-access.ts`);
    return rule;
  }

  it('declares a rule for every route and no rule for a route that does not exist', () => {
    const keys = appRoutes(t.app).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => !ROUTE_ACCESS[k])).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('refuses every caller whose role the rule does not name, before anything else runs', async () => {
    const wrong: string[] = [];
    for (const route of appRoutes(t.app)) {
      const rule = ruleOf(route);
      const url = route.path.replace(/:(\w+)/g, 'no-such-$1');
      for (const caller of callers) {
        const { status } = await call(route, url, caller);
        const expected =
          rule === 'public'
            ? 'allowed'
            : caller.role === null
              ? 401
              : roleAllowed(rule, caller.role)
                ? 'allowed'
                : 403;
        const ok = expected === 'allowed' ? status !== 401 && status !== 403 : status === expected;
        if (!ok) wrong.push(`${route.key} as ${caller.name}: ${status}, expected ${expected}`);
        if (status >= 500) wrong.push(`${route.key} as ${caller.name}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  /** The own department's object that a route's first path parameter names, if any. */
  function ownUrl(route: AppRoute): string | null {
    const by: Array<[RegExp, string]> = [
      [/^\/inspections\/:id/, objects.inspection],
      [/^\/instances\/:id/, objects.instance],
      [/^\/tasks\/:id/, objects.task],
      [/^\/inspectors\/:id/, objects.inspector],
      [/^\/plans\/:id/, objects.plan],
    ];
    const hit = by.find(([re]) => re.test(route.path));
    if (!hit) return null;
    return route.path.replace(/:id/, hit[1]).replace(/:(\w+)/g, 'no-such-$1');
  }

  it('keeps another department out of the own department’s objects, and lets the own one in', async () => {
    const wrong: string[] = [];
    const db = t.app.get(DataSource);
    const others = callers.filter((c) => c.department === OTHER);
    for (const route of appRoutes(t.app)) {
      const url = ownUrl(route);
      if (!url) continue;
      const rule = ruleOf(route);
      for (const caller of others) {
        if (!roleAllowed(rule, caller.role!)) continue; // covered by the role test
        const auditBefore = await db.getRepository(AuditEntry).count();
        const { status } = await call(route, url, caller);
        const auditAfter = await db.getRepository(AuditEntry).count();
        const refused =
          route.method === 'GET' ? status === 403 || status === 404 : status >= 400 && status < 500;
        if (!refused) wrong.push(`${route.key} as ${caller.name}: ${status}`);
        if (auditAfter !== auditBefore) wrong.push(`${route.key} as ${caller.name} wrote audit`);
      }
    }
    expect(wrong).toEqual([]);
    for (const url of [
      `/inspections/${objects.inspection}`,
      `/instances/${objects.instance}`,
      `/tasks/${encodeURIComponent(objects.task)}`,
      `/inspectors/${objects.inspector}`,
      `/plans/${objects.plan}`,
    ])
      expectStatus(await d.get('scjgj-officer', url), 200);
    const inspection = await db
      .getRepository(Inspection)
      .findOneByOrFail({ id: objects.inspection });
    expect(inspection.status).toBe('scheme');
  });
});
