import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { runCli } from '../../support/cli';
import { startTestApp, TestApp } from '../../support/test-app';

/** The 2027 schedule as the State Council might publish it (New Year 2027-01-01..03). */
const SCHEDULE_2027 = JSON.stringify({
  year: 2027,
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-01-04', kind: 'holiday', name: '元旦调休' },
    { date: '2027-01-09', kind: 'workday', name: '元旦调休上班' },
  ],
});

describe('calendar over HTTP and the CLI', () => {
  let t: TestApp;
  let office: string;
  let officer: string;
  const env = () => ({
    DATABASE_URL: t.databaseUrl,
    DATA_DIR: process.env.DATA_DIR,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    office = await t.login('office');
    officer = await t.login('scjgj-officer');
  });
  afterAll(() => t.close());

  it('counts working days over National Day 2025 with its make-up Saturday (HTTP, public)', async () => {
    const res = await t.http.get('/calendar/add-working-days').query({ from: '2025-09-30', n: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      date: '2025-10-10',
      provisional: false,
      instant: '2025-10-10T15:59:59.000Z',
    });
    const sat = await t.http.get('/calendar/days/2025-10-11');
    expect(sat.body).toMatchObject({ working: true, kind: 'makeup-workday' });
  });

  it('rejects bad input naming the field', async () => {
    const res = await t.http.get('/calendar/add-working-days').query({ from: '2025-13-40', n: -1 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/from/);
    expect(JSON.stringify(res.body)).toMatch(/n/);
  });

  it('CLI: add-working-days prints the date, and "provisional" for a year without an official schedule', () => {
    const known = runCli(['calendar', 'add-working-days', '2025-09-30', '2'], env());
    expect(known.stderr).toBe('');
    expect(known.stdout.trim().split('\n')).toEqual(['2025-10-10']);
    const future = runCli(['calendar', 'add-working-days', '2031-09-30', '1'], env());
    // 2031: Mid-Autumn falls on National Day (Oct 1), so it is made up on Monday Oct 6 (art. 6).
    expect(future.stdout.trim().split('\n')).toEqual(['2031-10-07', 'provisional']);
  });

  it('CLI: is-working-day prints true or false; bad input exits non-zero with a message', () => {
    expect(runCli(['calendar', 'is-working-day', '2025-10-11'], env()).stdout.trim()).toBe('true');
    expect(runCli(['calendar', 'is-working-day', '2025-10-01'], env()).stdout.trim()).toBe('false');
    const bad = runCli(['calendar', 'add-working-days', '2025-09-30', 'two'], env());
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/whole number/);
  });

  it('only the office imports a schedule; the year stops being provisional; the import is audited', async () => {
    const before = await t.http.get('/calendar/years/2027');
    expect(before.body.provisional).toBe(true);
    const denied = await t.http
      .post('/calendar/import')
      .set('Authorization', `Bearer ${officer}`)
      .send({ format: 'json', content: SCHEDULE_2027 });
    expect(denied.status).toBe(403);
    const res = await t.http
      .post('/calendar/import')
      .set('Authorization', `Bearer ${office}`)
      .send({ format: 'json', content: SCHEDULE_2027 });
    expect(res.status).toBe(201);
    expect(res.body.changedDays).toEqual(expect.arrayContaining(['2027-01-04', '2027-01-09']));
    const after = await t.http.get('/calendar/years/2027');
    expect(after.body.provisional).toBe(false);
    expect((await t.http.get('/calendar/days/2027-01-09')).body.working).toBe(true);
    const history = await t.app.get(AuditService).history('calendar-year', '2027');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'office', action: 'calendar.import' });
  });

  it('a schedule with errors is refused whole, naming line and value; nothing is written', async () => {
    const bad = 'date,kind\n2028-01-01,holiday\n2028-13-01,holiday\n2028-01-02,maybe\n';
    const res = await t.http
      .post('/calendar/import')
      .set('Authorization', `Bearer ${office}`)
      .send({ format: 'csv', content: bad });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect((await t.http.get('/calendar/years/2028')).body.provisional).toBe(true);
  });

  it('the office edits a single day; reading shows it; clearing restores it', async () => {
    const set = await t.http
      .put('/calendar/days/2026-12-31')
      .set('Authorization', `Bearer ${office}`)
      .send({ kind: 'holiday', name: '临时休息' });
    expect(set.status).toBe(200);
    expect((await t.http.get('/calendar/days/2026-12-31')).body).toMatchObject({
      working: false,
      source: 'office',
    });
    await t.http
      .delete('/calendar/days/2026-12-31')
      .set('Authorization', `Bearer ${office}`)
      .expect(200);
    expect((await t.http.get('/calendar/days/2026-12-31')).body.working).toBe(true);
  });

  it('CLI: show prints the effective year; import reads a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-cal-'));
    const file = join(dir, '2029.json');
    writeFileSync(
      file,
      JSON.stringify({ year: 2029, days: [{ date: '2029-01-01', kind: 'holiday', name: '元旦' }] }),
    );
    const imported = runCli(['calendar', 'import', file], env());
    expect(imported.stdout).toMatch(/imported 2029/);
    // Temporal is unreachable here: the import stands, the CLI says deadlines still need moving.
    expect(imported.status).toBe(1);
    expect(imported.stderr).toMatch(/calendar recompute/);
    const shown = runCli(['calendar', 'show', '2029'], env());
    expect(shown.stdout.split('\n')[0]).toMatch(/^2029 official/);
    expect(shown.stdout).toMatch(/2029-01-01\tholiday\t元旦\toffice/);
  });
});
