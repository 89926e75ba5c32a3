import { compareUtf8 } from './bytes';
import { DrawInputError } from './errors';
import type { TargetRow } from './snapshot';

/**
 * How many targets a stratum gives: a ratio as a canonical decimal string ("0.07", "1"), or an
 * absolute count. Ratios are never floats: 0.07 * 100 is 7.000000000000001 in binary floating
 * point and its ceiling would be 8, so k = ceil(r·n) is computed on integers.
 */
export type CountRule = { ratio: string } | { count: number };

/** The committed count of one stratum (k_s), with the population (n_s) it was computed from. */
export interface StratumCount {
  stratum: string;
  population: number;
  /** null: the stratum is in the snapshot but the plan draws nothing from it. */
  rule: CountRule | null;
  count: number;
  /** Absolute requests above the population: requested − population, else 0. */
  shortfall: number;
}

const DECIMAL = /^(0|[1-9]\d*)(?:\.(\d{1,8}))?$/;
const PERCENT = /^(0|[1-9]\d*)(?:\.(\d{1,6}))?%$/;

/**
 * Parses a ratio written as a decimal fraction ("0.07", at most 8 decimals) or a percentage
 * ("7%", "12.5%") into its canonical decimal string; accepts 0 … 1 inclusive.
 */
export function parseRatio(text: string, field = 'ratio'): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  let digits: string;
  let scale: number;
  const decimal = DECIMAL.exec(trimmed);
  const percent = PERCENT.exec(trimmed);
  if (decimal) {
    digits = decimal[1] + (decimal[2] ?? '');
    scale = (decimal[2] ?? '').length;
  } else if (percent) {
    digits = percent[1] + (percent[2] ?? '');
    scale = (percent[2] ?? '').length + 2;
  } else {
    throw new DrawInputError(
      `${field} "${String(text)}" 不是有效比例 / is not a ratio; write a decimal such as "0.07" or a percentage such as "7%"`,
      field,
    );
  }
  const numerator = BigInt(digits);
  const denominator = 10n ** BigInt(scale);
  if (numerator > denominator) {
    throw new DrawInputError(`${field} "${text}" 超过 100% / exceeds 1 (100%)`, field);
  }
  return formatDecimal(numerator, scale);
}

function formatDecimal(numerator: bigint, scale: number): string {
  const padded = numerator.toString().padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale);
  const fraction = padded.slice(padded.length - scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Basis points (万分比, 700 = 7%) to the canonical decimal string. */
export function ratioFromBasisPoints(basisPoints: number): string {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10000) {
    throw new DrawInputError(
      `基点 ${basisPoints} 无效 / basis points must be an integer 0…10000`,
      'basisPoints',
    );
  }
  return formatDecimal(BigInt(basisPoints), 4);
}

/** k = min(n, ceil(r · n)) in exact integer arithmetic. */
export function countForRatio(ratio: string, population: number): number {
  const match = DECIMAL.exec(ratio);
  if (!match || parseRatio(ratio) !== ratio) {
    throw new DrawInputError(`比例 "${ratio}" 不是规范小数 / ratio is not canonical`, 'ratio');
  }
  const fraction = match[2] ?? '';
  const numerator = BigInt(match[1] + fraction);
  const denominator = 10n ** BigInt(fraction.length);
  const n = BigInt(population);
  const k = (numerator * n + denominator - 1n) / denominator;
  return Number(k < n ? k : n);
}

function checkRule(stratum: string, rule: CountRule): CountRule {
  if (rule && 'ratio' in rule) return { ratio: parseRatio(rule.ratio, `ratio of ${stratum}`) };
  if (rule && 'count' in rule && Number.isSafeInteger(rule.count) && rule.count >= 0) {
    return { count: rule.count };
  }
  throw new DrawInputError(
    `风险分类 ${stratum} 的抽取规则无效 / rule for stratum ${stratum} must be { ratio: "0.07" } or { count: <integer ≥ 0> }`,
    'counts',
  );
}

/**
 * Computes k_s for every stratum that is in the snapshot or has a rule, sorted by stratum bytes.
 * A rule for a stratum with no targets yields count 0 (and the absolute shortfall is recorded).
 */
export function computeCounts(
  rows: readonly TargetRow[],
  rules: Readonly<Record<string, CountRule>>,
): StratumCount[] {
  const population = new Map<string, number>();
  for (const row of rows) population.set(row.stratum, (population.get(row.stratum) ?? 0) + 1);
  for (const stratum of Object.keys(rules)) {
    if (!population.has(stratum)) population.set(stratum, 0);
  }
  return [...population.keys()].sort(compareUtf8).map((stratum) => {
    const n = population.get(stratum) ?? 0;
    const given = Object.prototype.hasOwnProperty.call(rules, stratum) ? rules[stratum] : null;
    if (given === null) return { stratum, population: n, rule: null, count: 0, shortfall: 0 };
    const rule = checkRule(stratum, given);
    if ('ratio' in rule) {
      return { stratum, population: n, rule, count: countForRatio(rule.ratio, n), shortfall: 0 };
    }
    const count = Math.min(n, rule.count);
    return { stratum, population: n, rule, count, shortfall: rule.count - count };
  });
}
