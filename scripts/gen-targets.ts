/**
 * Writes N synthetic, valid target-directory rows (CSV, UTF-8 with BOM, Chinese headers): the
 * import benchmark's rows by default, or with --pengyang the demo county's directory (the rows
 * `jointcheck seed-demo` writes). Codes are unique valid USCCs (both check characters computed).
 * The generators live in src/modules/demo/synthetic-targets.ts, shared with seed-demo.
 *
 * Usage (after `npx tsc -p tsconfig.json --outDir dist`):
 *   node dist/scripts/gen-targets.js <rows> <out.csv> [--pengyang]
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import {
  benchmarkTargetValues,
  csvLine,
  pengyangTargetValues,
  TARGET_CSV_HEADER,
} from '../src/modules/demo/synthetic-targets';

/** Benchmark row i as a CSV line (no newline). */
export function syntheticRow(i: number): string {
  return csvLine(benchmarkTargetValues(i));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pengyang = args.includes('--pengyang');
  const [countArg, path] = args.filter((a) => a !== '--pengyang');
  const count = Number(countArg);
  if (!Number.isSafeInteger(count) || count < 0 || count > 99_999_999 || !path) {
    console.error('usage: gen-targets <rows (0–99999999)> <out.csv> [--pengyang]');
    process.exitCode = 2;
    return;
  }
  // The demo county keeps names unique across the whole set, so it is generated at once.
  const demo = pengyang ? pengyangTargetValues(count) : null;
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write('\uFEFF' + TARGET_CSV_HEADER + '\n');
  for (let i = 0; i < count; i++) {
    const line = demo ? csvLine(demo[i]) : syntheticRow(i);
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`wrote ${count} rows to ${path}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
