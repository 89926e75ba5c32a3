/**
 * Micro-benchmark of the target draw over 1,000,000 synthetic targets, in memory. Not a test.
 * Run: npx tsc --outDir /tmp/bench-draw --rootDir . --module commonjs --target es2022 --skipLibCheck \
 *        scripts/bench-draw.ts && node /tmp/bench-draw/scripts/bench-draw.js [targets]
 */
import { performance } from 'node:perf_hooks';
import { commitDraw, deriveSeed, drawTargets, type TargetRow } from '../src/modules/draw/core';

const total = Number(process.argv[2] ?? 1_000_000);
const strata = ['A', 'B', 'C', 'D'];
const rows: TargetRow[] = Array.from({ length: total }, (_, i) => ({
  stratum: strata[i % 4],
  code: `9164${String(i).padStart(12, '0')}X${i % 10}`,
}));

function time<T>(label: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  console.log(`${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

console.log(`targets: ${total.toLocaleString('en')}`);
const commit = time('commit (snapshot, sort, hash)', () =>
  commitDraw({
    targets: rows,
    rules: { A: { ratio: '0.03' }, B: { ratio: '0.05' }, C: { ratio: '0.1' }, D: { ratio: '0.2' } },
    entropySource: { kind: 'witness', description: 'benchmark' },
  }),
);
const seed = deriveSeed(commit.secretHex, 'benchmark entropy');
const drawn = time('draw (keys for all, sort, take k)', () =>
  drawTargets(commit.snapshot.rows, commit.commitment.counts, seed),
);
console.log(`drawn: ${drawn.length.toLocaleString('en')}`);
