import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli';

/**
 * Issue 12, the newcomer's CLI walk: `--help` lists every command and creates nothing; offline
 * commands create nothing; a database command refuses a database that does not exist instead of
 * creating an empty one. Runs the compiled bin (`npm run build` first).
 */
describe('the jointcheck CLI', () => {
  let cwd: string;
  // No DATA_DIR / DATABASE_URL from the caller: the defaults resolve inside the fresh directory.
  const env = { DATA_DIR: undefined, DATABASE_URL: undefined, JWT_SECRET: undefined };

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'jc-cli-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('--help lists every command group and creates nothing', () => {
    for (const args of [['--help'], ['help'], []]) {
      const res = runCli(args, env, cwd);
      const text = res.stdout + res.stderr;
      for (const command of [
        'migrate',
        'seed-demo',
        'user',
        'department',
        'calendar',
        'engine',
        'inbox',
        'targets',
        'inspectors',
        'definition',
        'draw',
      ])
        expect(text).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(readdirSync(cwd)).toEqual([]);
    }
  });

  it('each group lists all its subcommands; help of a database command creates nothing', () => {
    const definition = runCli(['definition', '--help'], env, cwd).stdout;
    for (const sub of ['validate', 'deploy', 'list'])
      expect(definition).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    const calendar = runCli(['calendar', '--help'], env, cwd).stdout;
    for (const sub of ['add-working-days', 'is-working-day', 'import', 'show', 'recompute'])
      expect(calendar).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    expect(runCli(['inbox', '--help'], env, cwd).stdout).toMatch(/--as/);
    expect(runCli(['draw', '--help'], env, cwd).stdout).toMatch(/^ {2}verify\b/m);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('offline commands answer without a database and create nothing', () => {
    const day = runCli(['calendar', 'is-working-day', '2025-10-01'], env, cwd);
    expect(day.status).toBe(0);
    expect(day.stdout.trim()).toBe('false');
    const due = runCli(['calendar', 'add-working-days', '2025-09-30', '2'], env, cwd);
    expect(due.stdout.trim()).toBe('2025-10-10');
    const bpmn = join(__dirname, '..', '..', '..', 'processes', 'joint-inspection.bpmn');
    expect(runCli(['definition', 'validate', bpmn], env, cwd).stdout.trim()).toBe('valid');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('a database command refuses a database that does not exist, naming it and how to create it', () => {
    const dataDir = join(cwd, 'wrong-data-dir');
    const res = runCli(['inbox', '--as', 'office'], { ...env, DATA_DIR: dataDir }, cwd);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(join(dataDir, 'jointcheck.sqlite'));
    expect(res.stderr).toMatch(/数据库不存在/);
    expect(res.stderr).toMatch(/jointcheck migrate/);
    expect(res.stderr).not.toMatch(/unknown user/);
    expect(existsSync(dataDir)).toBe(false);
    const deploy = runCli(['definition', 'list'], { ...env, DATA_DIR: dataDir }, cwd);
    expect(deploy.status).toBe(1);
    expect(deploy.stderr).toMatch(/数据库不存在/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('migrate creates the database; then database commands run', () => {
    const created = runCli(['migrate'], env, cwd);
    expect(created.status).toBe(0);
    expect(existsSync(join(cwd, '.data', 'jointcheck.sqlite'))).toBe(true);
    const inbox = runCli(['inbox', '--as', 'nobody'], env, cwd);
    expect(inbox.stderr).toMatch(/unknown user nobody/);
  });
});
