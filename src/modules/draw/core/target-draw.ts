import { hash } from 'node:crypto';
import { compareUtf8, hexToBytes, NUL, sha256, sha256Hex } from './bytes';
import type { StratumCount } from './counts';
import { DrawInputError } from './errors';
import type { TargetRow } from './snapshot';

/** One drawn target. `rank` is its place in its stratum; `order` its place among all drawn targets. */
export interface DrawnTarget {
  stratum: string;
  code: string;
  rank: number;
  /** Global draw order (batch order for key items, NX 9): all drawn targets sorted by key. */
  order: number;
  key: string;
}

/** The witness's string must carry entropy: empty or blank input is refused. */
export function checkEntropy(entropy: string): void {
  if (typeof entropy !== 'string' || entropy.trim() === '') {
    throw new DrawInputError(
      '公共随机数不能为空 / the public entropy E must be a non-empty string',
      'entropy',
    );
  }
}

/** Step 2: seed = SHA-256(S ‖ UTF-8(E)). E is used exactly as recorded, with no normalisation. */
export function deriveSeed(secretHex: string, entropy: string): string {
  checkEntropy(entropy);
  return sha256Hex(hexToBytes(secretHex, 32, 'secret'), entropy);
}

/** key = SHA-256(seed ‖ UTF-8(stratum) ‖ 0x00 ‖ UTF-8(code)), as lowercase hex. */
export function targetKey(seed: Uint8Array, stratum: string, code: string): string {
  return sha256(seed, stratum, NUL, code).toString('hex');
}

/**
 * Step 3: within each stratum sort by key and take the first k_s. Lowercase hex of equal length
 * sorts exactly as the bytes do, so keys are compared as strings. Returns strata in byte order,
 * each in rank order.
 */
export function drawTargets(
  rows: readonly TargetRow[],
  counts: readonly StratumCount[],
  seedHex: string,
): DrawnTarget[] {
  const seed = hexToBytes(seedHex, 32, 'seed');
  const byStratum = new Map<string, string[]>();
  for (const row of rows) {
    const codes = byStratum.get(row.stratum) ?? [];
    codes.push(row.code);
    byStratum.set(row.stratum, codes);
  }
  const drawn: DrawnTarget[] = [];
  for (const { stratum, count } of [...counts].sort((a, b) => compareUtf8(a.stratum, b.stratum))) {
    if (count === 0) continue;
    const prefix = Buffer.concat([seed, Buffer.from(stratum, 'utf8'), NUL]);
    const keyed = (byStratum.get(stratum) ?? []).map((code) => ({
      code,
      key: hash('sha256', Buffer.concat([prefix, Buffer.from(code, 'utf8')]), 'hex'),
    }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    keyed.slice(0, count).forEach(({ code, key }, index) => {
      drawn.push({ stratum, code, rank: index + 1, order: 0, key });
    });
  }
  assignGlobalOrder(drawn);
  return drawn;
}

/** Sets `order` 1…K by key (ties, which SHA-256 makes practically impossible, by stratum, code). */
function assignGlobalOrder(drawn: DrawnTarget[]): void {
  [...drawn]
    .sort((a, b) => compareKeys(a, b))
    .forEach((target, index) => {
      target.order = index + 1;
    });
}

function compareKeys(a: DrawnTarget, b: DrawnTarget): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return compareUtf8(a.stratum, b.stratum) || compareUtf8(a.code, b.code);
}

/** The drawn targets in global draw order, the order inspectors are matched in. */
export function inDrawOrder(drawn: readonly DrawnTarget[]): DrawnTarget[] {
  return [...drawn].sort((a, b) => a.order - b.order);
}
