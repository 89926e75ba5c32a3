import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli';

/**
 * `jointcheck draw verify|simulate` from the compiled bin (run `npm run build` first; `npm test`
 * does). Offline: no database and no server are configured for these runs.
 */
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'draw', 'worked-example.json'), 'utf8'),
);
const dir = mkdtempSync(join(tmpdir(), 'jc-draw-cli-'));
const offline = {
  DATABASE_URL: 'mysql://nobody@127.0.0.1:1/none',
  TEMPORAL_ADDRESS: '127.0.0.1:1',
};

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('jointcheck draw (offline CLI)', () => {
  const targetsCsv = file(
    'targets.csv',
    'stratum,code\n' +
      (fixture.input.targets as { stratum: string; code: string }[])
        .map((t) => `${t.stratum},${t.code}`)
        .join('\n') +
      '\n',
  );

  it('verify prints OK and exits 0 for the worked example proof', () => {
    const result = runCli(
      ['draw', 'verify', file('proof.json', JSON.stringify(fixture.proof))],
      offline,
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('OK');
    expect(result.status).toBe(0);
  });

  it('verify prints the first mismatch and exits 1 for a tampered proof', () => {
    const tampered = JSON.parse(JSON.stringify(fixture.proof));
    tampered.entropy = '2024-05-20 见证人张三 739165';
    const result = runCli(
      ['draw', 'verify', file('tampered.json', JSON.stringify(tampered))],
      offline,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^MISMATCH seed: expected "[0-9a-f]{64}", actual "1a7b875a/);
  });

  it('verify checks the commitment hash published before the draw when given', () => {
    const result = runCli(
      [
        'draw',
        'verify',
        file('proof2.json', JSON.stringify(fixture.proof)),
        '--commitment',
        '0'.repeat(64),
      ],
      offline,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/published before the draw/);
  });

  it('verify of a missing file or non-JSON exits 2 with a message', () => {
    expect(runCli(['draw', 'verify', join(dir, 'absent.json')], offline)).toMatchObject({
      status: 2,
    });
    const bad = runCli(['draw', 'verify', file('bad.json', '{not json')], offline);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not JSON/);
  });

  it('simulate prints STRATUM,CODE per drawn target, stratum by stratum in rank order', () => {
    const result = runCli(
      [
        'draw',
        'simulate',
        '--targets',
        targetsCsv,
        '--counts',
        'A=2,B=2,C=1',
        '--secret',
        fixture.input.secretHex,
        '--entropy',
        fixture.input.entropy,
      ],
      offline,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const expected = (fixture.proof.drawn as { stratum: string; code: string }[]).map(
      (d) => `${d.stratum},${d.code}`,
    );
    expect(result.stdout.trim().split('\n')).toEqual(expected);
    expect(expected[0]).toBe('A,93640100MA76A00037');
  });

  it('simulate rejects bad arguments with a clear message and exit 2', () => {
    const base = ['draw', 'simulate', '--targets', targetsCsv, '--secret', fixture.input.secretHex];
    const missing = runCli([...base, '--counts', 'A=1'], offline);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing --entropy/);
    const counts = runCli([...base, '--counts', 'A=three', '--entropy', 'x'], offline);
    expect(counts.status).toBe(2);
    expect(counts.stderr).toMatch(/"A=three" is not STRATUM=N/);
    const secret = runCli(
      [
        'draw',
        'simulate',
        '--targets',
        targetsCsv,
        '--counts',
        'A=1',
        '--secret',
        'abc',
        '--entropy',
        'x',
      ],
      offline,
    );
    expect(secret.status).toBe(2);
    expect(secret.stderr).toMatch(/64 hex digits/);
    const csv = runCli(
      [
        ...base,
        '--targets',
        file('broken.csv', 'A,1,extra\n'),
        '--counts',
        'A=1',
        '--entropy',
        'x',
      ],
      offline,
    );
    expect(csv.status).toBe(2);
    expect(csv.stderr).toMatch(/line 1/);
  });
});
