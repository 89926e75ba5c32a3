import {
  buildSnapshot,
  computeCounts,
  countForRatio,
  DrawInputError,
  parseRatio,
  parseSnapshotLines,
  ratioFromBasisPoints,
  sha256Hex,
} from '../../../src/modules/draw/core';
import { targets } from './helpers';

describe('snapshot (检查对象快照)', () => {
  it('sorts by stratum then code in UTF-8 byte order and hashes the STRATUM,CODE\\n text', () => {
    const snapshot = buildSnapshot([
      { stratum: 'B', code: 'z1' },
      { stratum: 'A', code: '\uff21' }, // fullwidth A: UTF-8 EF BC A1, after ASCII
      { stratum: 'A', code: 'b' },
      { stratum: 'A', code: 'B' },
    ]);
    expect(snapshot.text).toBe('A,B\nA,b\nA,\uff21\nB,z1\n');
    expect(snapshot.hash).toBe(sha256Hex(Buffer.from(snapshot.text, 'utf8')));
  });

  it('sorts by stratum before code, which is not the same as sorting whole lines', () => {
    const snapshot = buildSnapshot([
      { stratum: 'A!', code: 'x' },
      { stratum: 'A', code: 'y' },
    ]);
    // As lines, "A!,x" < "A,y" because '!' < ','; by stratum, "A" < "A!".
    expect(snapshot.text).toBe('A,y\nA!,x\n');
  });

  it('orders astral characters by UTF-8 bytes, not UTF-16 code units', () => {
    const snapshot = buildSnapshot([
      { stratum: 'A', code: '\u{1F600}' }, // UTF-16 D83D…, UTF-8 F0…
      { stratum: 'A', code: '\uFF10' }, // UTF-16 FF10, UTF-8 EF…
    ]);
    expect(snapshot.rows.map((r) => r.code)).toEqual(['\uFF10', '\u{1F600}']);
  });

  it('rejects a duplicate code with an error naming it', () => {
    expect(() =>
      buildSnapshot([
        { stratum: 'A', code: 'X1' },
        { stratum: 'B', code: 'X1' },
      ]),
    ).toThrow(/duplicate target code "X1"/);
  });

  it.each([
    ['a comma in the code', { stratum: 'A', code: 'X,1' }],
    ['a line break in the code', { stratum: 'A', code: 'X\n1' }],
    ['a carriage return in the stratum', { stratum: 'A\r', code: 'X1' }],
    ['a NUL in the code', { stratum: 'A', code: 'X\u00001' }],
    ['a comma in the stratum', { stratum: 'A,B', code: 'X1' }],
    ['an empty code', { stratum: 'A', code: '' }],
    ['surrounding spaces', { stratum: 'A', code: ' X1' }],
  ])('rejects %s', (_label, row) => {
    expect(() => buildSnapshot([row])).toThrow(DrawInputError);
  });

  it('normalises to NFC, so composed and decomposed spellings collide as duplicates', () => {
    const composed = '\u00e9'; // é
    const decomposed = 'e\u0301';
    expect(buildSnapshot([{ stratum: 'A', code: decomposed }]).rows[0].code).toBe(composed);
    expect(() =>
      buildSnapshot([
        { stratum: 'A', code: composed },
        { stratum: 'A', code: decomposed },
      ]),
    ).toThrow(/duplicate target code/);
  });

  it('reads back only canonical lines: sorted, unique and NFC', () => {
    expect(parseSnapshotLines(['A,1', 'A,2', 'B,1x']).rows).toHaveLength(3);
    expect(() => parseSnapshotLines(['A,2', 'A,1'])).toThrow(/not sorted/);
    expect(() => parseSnapshotLines(['A,1', 'B,1'])).toThrow(/duplicate code "1"/);
    expect(() => parseSnapshotLines(['A,e\u0301'])).toThrow(/NFC/);
    expect(() => parseSnapshotLines(['A,1,2'])).toThrow(/STRATUM,CODE/);
  });

  it('hashes an empty snapshot as the empty string', () => {
    expect(buildSnapshot([]).hash).toBe(sha256Hex(''));
  });
});

describe('ratios and counts', () => {
  it('parses decimals and percentages into canonical decimal strings', () => {
    expect(parseRatio('0.07')).toBe('0.07');
    expect(parseRatio('7%')).toBe('0.07');
    expect(parseRatio('12.5%')).toBe('0.125');
    expect(parseRatio('1.000')).toBe('1');
    expect(parseRatio('100%')).toBe('1');
    expect(parseRatio('0')).toBe('0');
    expect(ratioFromBasisPoints(700)).toBe('0.07');
    expect(ratioFromBasisPoints(10000)).toBe('1');
  });

  it.each(['1.01', '101%', '-0.1', 'abc', '0.07.1', '', '1e-2', '0.123456789'])(
    'rejects ratio %j',
    (text) => {
      expect(() => parseRatio(text)).toThrow(DrawInputError);
    },
  );

  it('computes ceil(r·n) exactly where floating point would overshoot', () => {
    expect(Math.ceil(0.07 * 100)).toBe(8); // the trap
    expect(countForRatio('0.07', 100)).toBe(7);
    expect(countForRatio('0.07', 101)).toBe(8);
    expect(countForRatio('0.34', 3)).toBe(2);
    expect(countForRatio('0.5', 2)).toBe(1);
    expect(countForRatio('1', 9)).toBe(9);
    expect(countForRatio('0', 9)).toBe(0);
    expect(countForRatio('0.00000001', 1)).toBe(1);
  });

  it('matches the exact rational ceiling for every small n and basis point', () => {
    for (let bp = 0; bp <= 10000; bp += 37) {
      for (const n of [0, 1, 7, 99, 100, 1000, 12345]) {
        expect(countForRatio(ratioFromBasisPoints(bp), n)).toBe(
          Math.min(n, Math.floor((bp * n + 9999) / 10000)),
        );
      }
    }
  });

  it('lists every stratum with a rule or targets, records shortfalls, draws 0 without a rule', () => {
    const counts = computeCounts(targets({ A: 4, B: 2, C: 3 }), {
      A: { ratio: '0.5' },
      B: { count: 5 },
      D: { count: 2 },
    });
    expect(counts).toEqual([
      { stratum: 'A', population: 4, rule: { ratio: '0.5' }, count: 2, shortfall: 0 },
      { stratum: 'B', population: 2, rule: { count: 5 }, count: 2, shortfall: 3 },
      { stratum: 'C', population: 3, rule: null, count: 0, shortfall: 0 },
      { stratum: 'D', population: 0, rule: { count: 2 }, count: 0, shortfall: 2 },
    ]);
  });

  it('rejects a negative or fractional count and a ratio above 1', () => {
    expect(() => computeCounts([], { A: { count: -1 } })).toThrow(/rule for stratum A/);
    expect(() => computeCounts([], { A: { count: 1.5 } })).toThrow(/rule for stratum A/);
    expect(() => computeCounts([], { A: { ratio: '1.5' } })).toThrow(/exceeds 1/);
  });
});
