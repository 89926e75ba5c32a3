/**
 * Exact ratios (抽查比例) as fractions of BigInts, so "0.1 + 0.2" never drifts and a ratio of
 * 3.333% compares exactly with its limit. Input: a decimal string ("0.05"), a percentage
 * ("5%", "5.5%"), a per-mille ("5‰"), or `{ basisPoints: n }` (integer, 1 bp = 0.01%).
 */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export type RatioInput = string | { basisPoints: number } | Ratio;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new Error('ratio denominator is zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** Parses a ratio; returns an error message (Chinese) for anything else. */
export function parseRatio(input: RatioInput): Ratio | { error: string } {
  if (typeof input === 'object' && 'num' in input) return ratio(input.num, input.den);
  if (typeof input === 'object') {
    if (!Number.isSafeInteger(input.basisPoints))
      return { error: `基点数必须是整数，实际为 ${input.basisPoints}` };
    return ratio(BigInt(input.basisPoints), 10000n);
  }
  const match = /^\s*(\d+)(?:\.(\d+))?\s*(%|‰|％)?\s*$/.exec(input);
  if (!match) return { error: `比例“${input}”格式不正确（应为小数如 0.05，或百分数如 5%）` };
  const [, whole, fraction = '', unit] = match;
  const scale = unit === '‰' ? 1000n : unit ? 100n : 1n;
  return ratio(BigInt(whole + fraction), 10n ** BigInt(fraction.length) * scale);
}

export function isRatioError(value: Ratio | { error: string }): value is { error: string } {
  return 'error' in value;
}

export function compareRatio(a: Ratio, b: Ratio): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** As a percentage for messages: exact when it terminates within 4 decimals, else "≈". */
export function formatPercent(r: Ratio): string {
  const scaled = (r.num * 100n * 10000n) / r.den;
  const exact = (r.num * 100n * 10000n) % r.den === 0n;
  const whole = scaled / 10000n;
  const fraction = (scaled % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${exact ? '' : '≈'}${whole}${fraction ? '.' + fraction : ''}%`;
}

/** As a decimal string (e.g. "0.8"); rounded down to 6 places when it does not terminate. */
export function formatDecimal(r: Ratio, places = 6): string {
  const factor = 10n ** BigInt(places);
  const scaled = (r.num * factor) / r.den;
  const fraction = (scaled % factor).toString().padStart(places, '0').replace(/0+$/, '');
  return `${scaled / factor}${fraction ? '.' + fraction : ''}`;
}
