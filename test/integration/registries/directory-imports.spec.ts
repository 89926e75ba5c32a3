import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_PRINCIPAL } from '../../../src/modules/auth/roles';
import { InspectorsService } from '../../../src/modules/inspectors/inspectors.service';
import { TargetsService } from '../../../src/modules/targets/targets.service';
import { runCli } from '../../support/cli';
import { startTestApp, TestApp } from '../../support/test-app';
import { TARGET_HEADER, targetLine, uscc, writeCsv } from './registry-fixtures';

describe('target and inspector directories: imports, relabels, search, draw sources', () => {
  let t: TestApp;
  let dir: string;
  let office: string;
  let officer: string;
  const env = () => ({
    DATABASE_URL: t.databaseUrl,
    DATA_DIR: process.env.DATA_DIR,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });
  const cli = (...args: string[]) => runCli(args, env());
  const lastLine = (text: string) => text.trim().split('\n').pop();

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    dir = mkdtempSync(join(tmpdir(), 'jc-registries-'));
    office = await t.login('office');
    officer = await t.login('wjj-officer');
  });
  afterAll(() => t.close());

  it('CLI: imports targets, ends with the summary line, exit 0; the same file again changes nothing', () => {
    const file = writeCsv(dir, 'targets.csv', [
      TARGET_HEADER,
      ...[1, 2, 3, 4].map((n) => targetLine(n)),
    ]);
    const first = cli('targets', 'import', file);
    expect(first.status).toBe(0);
    expect(lastLine(first.stdout)).toBe('imported 4, updated 0, rejected 0');
    const again = cli('targets', 'import', file);
    expect(again.status).toBe(0);
    expect(lastLine(again.stdout)).toBe('imported 0, updated 0, rejected 0');
    // one changed row counts as updated; the others stay untouched
    const changed = writeCsv(dir, 'targets2.csv', [
      TARGET_HEADER,
      targetLine(1),
      targetLine(2, 'B', 'SCJGJ'),
      targetLine(5),
    ]);
    expect(lastLine(cli('targets', 'import', changed).stdout)).toBe(
      'imported 1, updated 1, rejected 0',
    );
  });

  it('CLI: malformed rows are rejected with row number and reason into a named report, exit 1, good rows kept', () => {
    const badCode = uscc(20).slice(0, 17) + (uscc(20).endsWith('0') ? '1' : '0');
    const file = writeCsv(dir, 'mixed.csv', [
      TARGET_HEADER,
      targetLine(10),
      targetLine(11, 'E'), // bad class
      targetLine(10), // duplicate code within the file
      [badCode, '错误校验位公司', '', '', '', '', 'A', 'SCJGJ'].join(','),
      [uscc(12), 'x'.repeat(5000), '', '', '', '', 'A', 'SCJGJ'].join(','), // huge cell
      targetLine(13),
    ]);
    const report = join(dir, 'mixed-report.csv');
    const run = cli('targets', 'import', file, '--report', report);
    expect(run.status).toBe(1);
    expect(lastLine(run.stdout)).toBe('imported 2, updated 0, rejected 4');
    expect(run.stdout).toContain(`rejected rows written to ${report}`);
    const text = readFileSync(report, 'utf8');
    expect(text.startsWith('\uFEFF行号 Row')).toBe(true);
    expect(text).toMatch(/^3,信用风险分类,E,/m);
    expect(text).toMatch(/^4,统一社会信用代码,.*第2行重复/m);
    expect(text).toMatch(/^5,统一社会信用代码,/m);
    expect(text).toMatch(/^6,企业名称,/m);
  });

  it('CLI: GBK files import like UTF-8 ones', () => {
    const file = writeCsv(dir, 'gbk.csv', [TARGET_HEADER, targetLine(30), targetLine(31)], 'gbk');
    const run = cli('targets', 'import', file);
    expect(lastLine(run.stdout)).toBe('imported 2, updated 0, rejected 0');
  });

  it('CLI: UTF-16 files import; header-only files and truncated rows are errors (issue 11)', () => {
    const text = [TARGET_HEADER, targetLine(40), targetLine(41)].join('\r\n') + '\r\n';
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.from(text, 'utf16le')); // no BOM
    const u = cli('targets', 'import', utf16);
    expect(u.status).toBe(0);
    expect(lastLine(u.stdout)).toBe('imported 2, updated 0, rejected 0');

    const headerOnly = writeCsv(dir, 'header-only.csv', [TARGET_HEADER]);
    const h = cli('targets', 'import', headerOnly);
    expect(h.status).toBe(2);
    expect(h.stderr).toMatch(/没有数据行/);

    const cut = targetLine(43).split(',').slice(0, 3).join(',');
    const truncated = writeCsv(dir, 'truncated.csv', [TARGET_HEADER, targetLine(42), cut]);
    const report = join(dir, 'truncated-report.csv');
    const tr = cli('targets', 'import', truncated, '--report', report);
    expect(tr.status).toBe(1);
    expect(lastLine(tr.stdout)).toBe('imported 1, updated 0, rejected 1');
    expect(readFileSync(report, 'utf8')).toMatch(/^3,.*行不完整/m);

    const inspectors = join(dir, 'inspectors-header-only.csv');
    writeFileSync(inspectors, '姓名,所属部门,执法证号\r\n');
    const i = cli('inspectors', 'import', inspectors);
    expect(i.status).toBe(2);
  });

  it('CLI: file-level problems (0-byte file, missing columns, binary) end with a clear message and exit 2', () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const e = cli('targets', 'import', empty);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/文件为空/);
    const missing = writeCsv(dir, 'missing.csv', ['企业名称,住所', '某公司,某地']);
    const m = cli('targets', 'import', missing);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/缺少必需的列“统一社会信用代码”/);
    const binary = join(dir, 'binary.csv');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 8, 9]));
    const b = cli('targets', 'import', binary);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/CSV|xlsx/);
  });

  it('relabels credit-risk classes monthly, keeping the history; unknown codes are rejected', async () => {
    const file = writeCsv(dir, 'relabel.csv', [
      '统一社会信用代码,信用风险分类',
      `${uscc(1)},D`,
      `${uscc(2)},B`,
      `${uscc(999)},A`,
    ]);
    const run = cli('targets', 'relabel', file);
    expect(run.status).toBe(1);
    expect(lastLine(run.stdout)).toBe('imported 0, updated 1, rejected 1');
    const res = await t.http.get(`/targets/${uscc(1)}`).auth(office, { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(res.body.riskClass).toBe('D');
    expect(
      res.body.riskClassHistory.map((h: { oldClass: string; newClass: string }) => [
        h.oldClass,
        h.newClass,
      ]),
    ).toEqual([
      [null, 'B'],
      ['B', 'D'],
    ]);
    // a later directory import without a class keeps the relabelled one
    const noClass = writeCsv(dir, 'noclass.csv', [TARGET_HEADER, targetLine(1, '')]);
    expect(lastLine(cli('targets', 'import', noClass).stdout)).toBe(
      'imported 0, updated 0, rejected 0',
    );
  });

  it('searches and pages by name, class, department, region and tag', async () => {
    const get = (query: Record<string, string | number>) =>
      t.http.get('/targets').query(query).auth(officer, { type: 'bearer' });
    const byName = await get({ name: '有限公司1', pageSize: 2, page: 1 });
    expect(byName.status).toBe(200);
    expect(byName.body.items).toHaveLength(2);
    expect(byName.body.total).toBeGreaterThanOrEqual(3); // 1, 10, 11..13
    expect((await get({ riskClass: 'D' })).body.items.map((i: { code: string }) => i.code)).toEqual(
      [uscc(1)],
    );
    const dept = await get({ department: 'WJJ', pageSize: 200 });
    expect(
      dept.body.items.every((i: { supervisingDepartments: string[] }) =>
        i.supervisingDepartments.includes('WJJ'),
      ),
    ).toBe(true);
    expect(dept.body.items.map((i: { code: string }) => i.code)).not.toContain(uscc(2));
    expect((await get({ region: '640500', tag: '食品销售' })).body.total).toBe(
      (await get({})).body.total,
    );
    expect((await get({ region: '640100' })).body.total).toBe(0);
    expect((await get({ riskClass: 'E' })).status).toBe(400);
    expect((await t.http.get('/targets')).status).toBe(401);
  });

  it('streams eligible targets ordered by code, supervised by every department, minus recent inspections', async () => {
    const targets = t.app.get(TargetsService);
    const collect = async (scope: Parameters<TargetsService['streamEligible']>[0]) => {
      const out: Array<{ code: string; riskClass: string | null }> = [];
      for await (const target of targets.streamEligible(scope)) out.push(target);
      return out;
    };
    const both = await collect({ departmentCodes: ['SCJGJ', 'WJJ'] });
    const codes = both.map((x) => x.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toContain(uscc(1));
    expect(codes).not.toContain(uscc(2)); // supervised by SCJGJ only since targets2.csv
    await targets.recordInspection(uscc(1), 'WJ-01', new Date().toISOString().slice(0, 10));
    const excluded = await collect({
      departmentCodes: ['SCJGJ', 'WJJ'],
      excludeInspected: { itemCodes: ['WJ-01'], days: 30 },
    });
    expect(excluded.map((x) => x.code)).toEqual(codes.filter((c) => c !== uscc(1)));
  });

  it('CLI: imports inspectors; the office may import any department, a bad department row is rejected', async () => {
    const file = writeCsv(dir, 'inspectors.csv', [
      '姓名,职务,部门,执法证号,联系电话,执法资格,业务专长,第三方专家,状态',
      '张伟,科员,WJJ,64052200001,13800000001,是,食品安全;公共卫生,否,在岗',
      '李娜,专家,WJJ,,13800000002,否,计量,是,在岗',
      '王强,科员,NOPE,64052200002,,是,,否,在岗',
      '赵六,科员,WJJ,64052200001,,是,,否,在岗',
    ]);
    const run = cli('inspectors', 'import', file);
    expect(run.status).toBe(1);
    expect(lastLine(run.stdout)).toBe('imported 2, updated 0, rejected 2');
    expect(lastLine(cli('inspectors', 'import', file).stdout)).toBe(
      'imported 0, updated 0, rejected 2',
    );
    const people = await t.app.get(InspectorsService).listForDepartment('WJJ');
    expect(people.map((p) => [p.name, p.enforcementQualified, p.thirdPartyExpert])).toEqual([
      ['张伟', true, false],
      ['李娜', false, true],
    ]);
  });

  it('inspectors: a department officer cannot change another department; status changes and conflicts are audited', async () => {
    const list = await t.http
      .get('/inspectors')
      .query({ department: 'WJJ' })
      .auth(officer, { type: 'bearer' });
    const zhang = list.body.find((p: { name: string }) => p.name === '张伟');
    const otherOfficer = await t.login('scjgj-officer');
    const denied = await t.http
      .post(`/inspectors/${zhang.id}/status`)
      .auth(otherOfficer, { type: 'bearer' })
      .send({ status: 'on_leave', since: '2026-05-01' });
    expect(denied.status).toBe(403);
    const leave = await t.http
      .post(`/inspectors/${zhang.id}/status`)
      .auth(officer, { type: 'bearer' })
      .send({ status: 'on_leave', since: '2026-05-01', reason: '病假' });
    expect(leave.status).toBe(200);
    expect(leave.body).toMatchObject({ status: 'on_leave', statusSince: '2026-05-01' });
    // a conflict changes who is matched: the department head (or the office, or the inspector
    // himself) declares it, not an officer
    const byOfficer = await t.http
      .post(`/inspectors/${zhang.id}/conflicts`)
      .auth(officer, { type: 'bearer' })
      .send({ kind: 'target', value: uscc(1), reason: '配偶任该企业股东' });
    expect(byOfficer.status).toBe(403);
    const conflict = await t.http
      .post(`/inspectors/${zhang.id}/conflicts`)
      .auth(await t.login('wjj-admin'), { type: 'bearer' })
      .send({ kind: 'target', value: uscc(1), reason: '配偶任该企业股东' });
    expect(conflict.status).toBe(201);
    const [record] = (await t.app.get(InspectorsService).listForDepartment('WJJ')).filter(
      (p) => p.name === '张伟',
    );
    expect(record).toMatchObject({ status: 'on_leave', conflictTargetCodes: [uscc(1)] });
    const audit = await t.http
      .get('/audit')
      .query({ entityType: 'inspector' })
      .auth(office, { type: 'bearer' });
    expect(audit.status).toBe(200);
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'inspectors.status',
        'inspectors.conflict.declare',
        'inspectors.create',
      ]),
    );
    const byService = t.app.get(InspectorsService);
    await expect(
      byService.importFile(
        writeCsv(dir, 'other.csv', ['姓名,部门,执法证号', '钱七,SCJGJ,64052200009']),
        {
          ...SYSTEM_PRINCIPAL,
          isOffice: false,
          role: 'dept_officer',
          departmentCode: 'WJJ',
          username: 'wjj-officer',
        },
        { reportPath: join(dir, 'other-report.csv') },
      ),
    ).resolves.toMatchObject({ imported: 0, rejected: 1 });
    expect(readFileSync(join(dir, 'other-report.csv'), 'utf8')).toMatch(
      /只能导入本部门（WJJ）的人员/,
    );
  });
});
