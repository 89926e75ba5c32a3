import { createHash } from 'node:crypto';
import {
  commitDraw,
  computeCounts,
  deriveSeed,
  drawTargets,
  inDrawOrder,
  targetKey,
  type DrawnTarget,
} from '../../../src/modules/draw/core';
import { chiSquare, CHI2_999, secretFor, targets } from './helpers';

const SECRET = secretFor(0);

function independentKey(seedHex: string, stratum: string, code: string): string {
  return createHash('sha256')
    .update(
      Buffer.concat([
        Buffer.from(seedHex, 'hex'),
        Buffer.from(stratum),
        Buffer.from([0]),
        Buffer.from(code),
      ]),
    )
    .digest('hex');
}

describe('seed and keys', () => {
  it('seed = SHA-256(S ‖ UTF-8(E)) with E used exactly as typed', () => {
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from(SECRET, 'hex'), Buffer.from(' 见证人 42 ', 'utf8')]))
      .digest('hex');
    expect(deriveSeed(SECRET, ' 见证人 42 ')).toBe(expected);
    expect(deriveSeed(SECRET, '见证人 42')).not.toBe(expected);
  });

  it('refuses blank entropy and a secret that is not 32 bytes of hex', () => {
    expect(() => deriveSeed(SECRET, '  ')).toThrow(/entropy/);
    expect(() => deriveSeed('abcd', 'x')).toThrow(/64 hex digits/);
  });

  it('key = SHA-256(seed ‖ stratum ‖ 0x00 ‖ code)', () => {
    const seed = deriveSeed(SECRET, 'e');
    expect(targetKey(Buffer.from(seed, 'hex'), 'A', '9164')).toBe(
      independentKey(seed, 'A', '9164'),
    );
  });
});

describe('drawTargets', () => {
  const rows = targets({ A: 10, B: 6, C: 3 });

  function draw(rules: Parameters<typeof computeCounts>[1], entropy = 'entropy'): DrawnTarget[] {
    const seed = deriveSeed(SECRET, entropy);
    return drawTargets(rows, computeCounts(rows, rules), seed);
  }

  it('takes the k_s smallest keys per stratum, in key order, and ranks them', () => {
    const seed = deriveSeed(SECRET, 'entropy');
    const drawn = draw({ A: { count: 3 }, B: { count: 2 } });
    for (const stratum of ['A', 'B']) {
      const expected = rows
        .filter((r) => r.stratum === stratum)
        .map((r) => ({ code: r.code, key: independentKey(seed, stratum, r.code) }))
        .sort((a, b) => a.key.localeCompare(b.key))
        .slice(0, stratum === 'A' ? 3 : 2);
      const got = drawn.filter((t) => t.stratum === stratum);
      expect(got.map((t) => [t.code, t.key, t.rank])).toEqual(
        expected.map((e, i) => [e.code, e.key, i + 1]),
      );
    }
    expect(drawn.filter((t) => t.stratum === 'C')).toEqual([]);
  });

  it('gives a global order 1…K by key, consistent with each stratum rank', () => {
    const drawn = draw({ A: { count: 4 }, B: { count: 3 }, C: { count: 2 } });
    const ordered = inDrawOrder(drawn);
    expect(ordered.map((t) => t.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const keys = ordered.map((t) => t.key);
    expect([...keys].sort()).toEqual(keys);
  });

  it('draws a whole stratum at ratio 1 and nothing at k = 0 or from an empty stratum', () => {
    const drawn = draw({ A: { ratio: '1' }, B: { count: 0 }, D: { count: 3 } });
    expect(drawn.filter((t) => t.stratum === 'A')).toHaveLength(10);
    expect(drawn.filter((t) => t.stratum !== 'A')).toEqual([]);
  });

  it('draws all targets when more are requested than exist', () => {
    expect(draw({ C: { count: 5 } })).toHaveLength(3);
  });

  it('is deterministic and changes with the entropy', () => {
    expect(draw({ A: { count: 3 } }, 'x')).toEqual(draw({ A: { count: 3 } }, 'x'));
    expect(draw({ A: { count: 3 } }, 'x')).not.toEqual(draw({ A: { count: 3 } }, 'y'));
  });

  it('commitDraw generates a fresh 32-byte secret when none is given', () => {
    const input = {
      targets: rows,
      rules: {},
      entropySource: { kind: 'witness' as const, description: '见证人' },
    };
    const a = commitDraw(input);
    const b = commitDraw(input);
    expect(a.secretHex).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secretHex).not.toBe(b.secretHex);
    expect(a.commitment.secretHash).toBe(
      createHash('sha256').update(Buffer.from(a.secretHex, 'hex')).digest('hex'),
    );
  });

  it('a beacon source must name its round', () => {
    expect(() =>
      commitDraw({
        targets: rows,
        rules: {},
        entropySource: { kind: 'beacon', description: 'drand' },
      }),
    ).toThrow(/round/);
  });
});

describe('fairness (deterministic seeds, fixed χ² threshold)', () => {
  const RUNS = 4000;

  function inclusionCounts(
    pick: (seed: string, run: number) => string[],
    codes: string[],
  ): number[] {
    const counts = new Map(codes.map((c) => [c, 0]));
    for (let run = 0; run < RUNS; run++) {
      for (const code of pick(deriveSeed(SECRET, `run-${run}`), run))
        counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    return codes.map((c) => counts.get(c) ?? 0);
  }

  it('includes each target with probability k_s / n_s in every stratum', () => {
    const rows = targets({ A: 20, B: 12 });
    const counts = computeCounts(rows, { A: { count: 5 }, B: { ratio: '0.25' } });
    for (const { stratum, population, count } of counts) {
      const codes = rows.filter((r) => r.stratum === stratum).map((r) => r.code);
      const observed = inclusionCounts(
        (seed) =>
          drawTargets(rows, counts, seed)
            .filter((t) => t.stratum === stratum)
            .map((t) => t.code),
        codes,
      );
      const expected = codes.map(() => (RUNS * count) / population);
      expect(observed.reduce((a, b) => a + b, 0)).toBe(RUNS * count);
      expect(chiSquare(observed, expected)).toBeLessThan(CHI2_999[population - 1]);
    }
  });

  it('the same test rejects a biased draw (so it can fail)', () => {
    const codes = targets({ A: 20 }).map((r) => r.code);
    // Biased: the first code is always in, the rest fair.
    const observed = inclusionCounts(
      (_seed, run) => [codes[0], ...codes.slice(1).filter((_, i) => (i + run) % 19 < 4)],
      codes,
    );
    const expected = codes.map(() => (RUNS * 5) / 20);
    expect(chiSquare(observed, expected)).toBeGreaterThan(CHI2_999[19]);
  });

  it('each rank position in the global order is equally likely for every stratum', () => {
    const rows = targets({ A: 6, B: 6 });
    const counts = computeCounts(rows, { A: { count: 3 }, B: { count: 3 } });
    const firstIsA = Array.from({ length: RUNS }, (_, run) =>
      inDrawOrder(drawTargets(rows, counts, deriveSeed(SECRET, `order-${run}`)))[0].stratum === 'A'
        ? 1
        : 0,
    ).reduce((a: number, b: number) => a + b, 0);
    expect(chiSquare([firstIsA, RUNS - firstIsA], [RUNS / 2, RUNS / 2])).toBeLessThan(10.828); // df 1, 0.1 %
  });
});
