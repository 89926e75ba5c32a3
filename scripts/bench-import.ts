/**
 * Times `jointcheck targets import` of N synthetic rows (scripts/gen-targets.ts) twice — the first
 * run inserts, the second must write nothing — on the database of DATABASE_URL (default: a fresh
 * SQLite file). Not a test. Run after `npm run build`:
 *   npx tsc --outDir /tmp/bench-import --rootDir . --module commonjs --target es2022 --skipLibCheck \
 *     scripts/bench-import.ts && node /tmp/bench-import/scripts/bench-import.js [rows]
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { syntheticRow } from './gen-targets';

const HEADER =
  '统一社会信用代码,企业名称,主体类型,住所,行政区划代码,经营范围,法定代表人,联系电话,信用风险分类,监管部门,登记状态,投诉次数,违法记录';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'jc-bench-import-'));
  const file = join(dir, 'targets.csv');
  const out = createWriteStream(file);
  out.write('\uFEFF' + HEADER + '\n');
  for (let i = 0; i < rows; i++) if (!out.write(syntheticRow(i) + '\n')) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const env = {
    ...process.env,
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'data', 'bench.sqlite')}`,
  };
  // run from the repository root: bin/jointcheck.js loads the built dist/
  const jointcheck = process.env.JOINTCHECK_BIN ?? join(process.cwd(), 'bin', 'jointcheck.js');
  for (const label of ['first import', 'second import (unchanged)']) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [jointcheck, 'targets', 'import', file], {
      env,
      encoding: 'utf8',
    });
    const seconds = ((performance.now() - start) / 1000).toFixed(1);
    console.log(`${label.padEnd(28)} ${seconds} s  ${run.stdout.trim().split('\n').pop()}`);
    if (run.status !== 0) console.error(run.stderr);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
