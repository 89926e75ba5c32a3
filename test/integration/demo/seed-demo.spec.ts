import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { shanghaiDateOf, yearOf } from '../../../src/modules/calendar/core';
import { classifyIdentificationCode } from '../../../src/modules/registry-core';
import { TargetsService } from '../../../src/modules/targets/targets.service';
import { runCli, type CliResult } from '../../support/cli';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const JOINT = ['SCJGJ', 'YJJ', 'NYNCJ'];

interface PlanTaskView {
  name: string;
  itemCodes: string[];
  initiatingDepartment: string;
  participatingDepartments: string[];
  scope: { supervisingDepartments?: string[] };
  sampling: { ratiosByRiskClass?: Record<string, string> };
  windowStart: string;
  windowEnd: string;
}

/** `jointcheck seed-demo` on a fresh database, then the app on that database reads what it made. */
describe('seed-demo: the demo county for a walkable joint task', () => {
  const year = yearOf(shanghaiDateOf(new Date()));
  let database: TestDatabase;
  let t: TestApp;
  let first: CliResult;
  let office: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'jc-seed-demo-'));
  const cli = (...args: string[]) =>
    runCli(args, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    });
  const get = async (path: string, token?: string) => {
    const req = t.http.get(path);
    const res = await (token ? req.set('Authorization', `Bearer ${token}`) : req);
    expect(res.status).toBe(200);
    return res.body;
  };
  const count = async (sql: string) =>
    Number((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${sql}`))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    first = cli('seed-demo');
    t = await startTestApp({ role: 'api', database });
    office = await t.login('office');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('exits 0 and prints the summary with the demo accounts, in Chinese and English', () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('统一密码 password for all: jointcheck-demo');
    expect(first.stdout).toMatch(/scjgj-officer\s+dept_officer\s+SCJGJ/);
    expect(first.stdout).toContain('insp-scjgj-001 … insp-scjgj-020');
    expect(first.stdout).toContain('target directory: 5000（新增 added 5000）');
    expect(first.stdout).toContain('inspectors: 60（新增 added 60）');
    expect(first.stdout).toMatch(/本次新增 \d+ 条 \/ added \d+ records/);
  });

  it("publishes the year's item list with the three departments' items and one joint item", async () => {
    const lists = await get(`/public/items?year=${year}`);
    expect(lists).toHaveLength(1);
    const [list] = lists;
    expect(list.status).toBe('published');
    for (const dept of JOINT)
      expect(
        list.items.filter((i: { departmentCode: string }) => i.departmentCode === dept).length,
      ).toBeGreaterThanOrEqual(3);
    const joint = list.items.filter((i: { joint: boolean }) => i.joint);
    expect(joint).toEqual([
      expect.objectContaining({
        code: 'LH-001',
        departmentCode: 'SCJGJ',
        initiatingDepartment: 'SCJGJ',
        cooperatingDepartments: ['YJJ', 'NYNCJ'],
      }),
    ]);
  });

  it('fills the directory with 5,000 valid, mixed targets of Pengyang, 2,000+ common to the three', async () => {
    const page = await get('/targets?pageSize=200', office);
    expect(page.total).toBe(5000);
    for (const target of page.items) {
      expect(classifyIdentificationCode(target.code)).toMatchObject({ ok: true, kind: 'uscc' });
      expect(target.regionCode).toBe('640425');
    }
    for (const type of ['enterprise', 'individual_business', 'farmer_cooperative'])
      expect((await get(`/targets?type=${type}&pageSize=1`, office)).total).toBeGreaterThan(500);
    for (const riskClass of ['A', 'B', 'C', 'D'])
      expect(
        (await get(`/targets?riskClass=${riskClass}&pageSize=1`, office)).total,
      ).toBeGreaterThan(100);
    // exactly what the draw of the joint task reads: active targets all three supervise
    let common = 0;
    for await (const _ of t.app
      .get(TargetsService)
      .streamEligible({ supervisingDepartments: JOINT }))
      common++;
    expect(common).toBeGreaterThanOrEqual(2000);
    // a few carry contacts (for officials only)
    expect(
      await count('targets WHERE phone IS NOT NULL AND legal_representative IS NOT NULL'),
    ).toBe(200);
  });

  it('enters 60 qualified inspectors, 20 per department, each with a login linked to (not named by) the certificate number', async () => {
    const people = (await get('/inspectors', office)) as Array<{
      departmentCode: string;
      certificateNo: string;
      enforcementQualified: boolean;
      thirdPartyExpert: boolean;
      status: string;
      expertiseTags: string[];
      conflicts: unknown[];
      username: string | null;
    }>;
    expect(people).toHaveLength(60);
    expect(people.find((p) => p.certificateNo === 'YJJ-007')?.username).toBe('insp-yjj-007');
    for (const dept of JOINT)
      expect(people.filter((p) => p.departmentCode === dept)).toHaveLength(20);
    for (const p of people) {
      expect(p).toMatchObject({
        enforcementQualified: true,
        thirdPartyExpert: false,
        status: 'on_duty',
      });
      expect(p.expertiseTags.length).toBeGreaterThan(0);
    }
    expect(people.filter((p) => p.conflicts.length > 0).length).toBeGreaterThanOrEqual(2);
    const login = await t.http
      .post('/auth/login')
      .send({ username: 'insp-yjj-007', password: 'jointcheck-demo' });
    expect(login.status).toBe(200);
    // the public certificate number is not a login name
    const byCertificate = await t.http
      .post('/auth/login')
      .send({ username: 'YJJ-007', password: 'jointcheck-demo' });
    expect(byCertificate.status).toBe(401);
    expect(login.status).toBe(200);
    expect(login.body.principal).toMatchObject({ role: 'inspector', departmentCode: 'YJJ' });
  });

  it('publishes the joint plan with one joint task of the three departments, and their own plans', async () => {
    const plans = (await get(`/public/plans?year=${year}`)) as Array<{
      owner: string;
      status: string;
      tasks: PlanTaskView[];
    }>;
    const joint = plans.filter((p) => p.owner === 'JOINT');
    expect(joint).toHaveLength(1);
    expect(joint[0].status).toBe('published');
    expect(joint[0].tasks).toHaveLength(1);
    const [task] = joint[0].tasks;
    expect(task.initiatingDepartment).toBe('SCJGJ');
    expect([task.initiatingDepartment, ...task.participatingDepartments].sort()).toEqual(
      [...JOINT].sort(),
    );
    expect(task.scope.supervisingDepartments?.sort()).toEqual([...JOINT].sort());
    expect(task.itemCodes).toContain('LH-001');
    expect(Object.keys(task.sampling.ratiosByRiskClass ?? {})).toEqual(['A', 'B', 'C', 'D']);
    const today = shanghaiDateOf(new Date());
    expect(task.windowStart <= today && today <= task.windowEnd).toBe(true);
    expect(task.windowEnd.startsWith(String(year))).toBe(true);
    for (const dept of JOINT) expect(plans.find((p) => p.owner === dept)?.status).toBe('published');
  });

  it('a second run adds nothing and says so', async () => {
    const audits = await count('audit_entries');
    const again = cli('seed-demo');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      '本次未新增任何数据，演示县已完整 / nothing added: the demo county was already complete',
    );
    expect(again.stdout).toContain('target directory: 5000（新增 added 0）');
    expect(await count('audit_entries')).toBe(audits);
    expect((await get('/targets?pageSize=1', office)).total).toBe(5000);
    expect(await get('/inspectors', office)).toHaveLength(60);
    expect(await get(`/public/plans?year=${year}`)).toHaveLength(4);
  }, 120_000);

  it('inbox --as: an unknown user exits 2 with a clear message', () => {
    const run = cli('inbox', '--as', 'no-such-user');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown user no-such-user');
    expect(run.stdout).toBe('');
  });

  it('inbox --as scjgj-officer --json prints a JSON array; the table form ends with the counts', () => {
    const json = cli('inbox', '--as', 'scjgj-officer', '--json');
    expect(json.status).toBe(0);
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
    const table = cli('inbox', '--as', 'insp-scjgj-001', '--overdue');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/待办 open tasks: 0; 未读消息 unread messages: 0/);
  });
});
