import {
  parseCountsArg,
  parseTargetCsv,
  simulateDraw,
  buildSnapshot,
  computeCounts,
  deriveSeed,
  drawTargets,
} from '../../../src/modules/draw/core';
import { secretFor } from './helpers';

const CSV = '\uFEFFstratum,code\r\nB,B1\r\nA,A1\r\n\r\nA,A2\r\nA, A3 \r\nB,B2\r\nC,C1\r\n';

describe('parseTargetCsv', () => {
  it('skips the optional header and blank lines, tolerates BOM, CRLF and spaces', () => {
    expect(parseTargetCsv(CSV)).toEqual([
      { stratum: 'B', code: 'B1' },
      { stratum: 'A', code: 'A1' },
      { stratum: 'A', code: 'A2' },
      { stratum: 'A', code: 'A3' },
      { stratum: 'B', code: 'B2' },
      { stratum: 'C', code: 'C1' },
    ]);
    expect(parseTargetCsv('A,1\n')).toEqual([{ stratum: 'A', code: '1' }]);
  });

  it('names the line that is not STRATUM,CODE', () => {
    expect(() => parseTargetCsv('A,1\nA,2,3\n')).toThrow(/line 2: expected STRATUM,CODE/);
    expect(() => parseTargetCsv('A,1\n,2\n')).toThrow(/line 2/);
    expect(() => parseTargetCsv('A\n')).toThrow(/line 1/);
  });
});

describe('parseCountsArg', () => {
  it('reads A=3,B=5', () => {
    expect(parseCountsArg('A=3,B=5')).toEqual({ A: 3, B: 5 });
    expect(parseCountsArg(' A = 0 ')).toEqual({ A: 0 });
  });

  it.each([
    ['', /must look like A=3,B=5/],
    ['A=3,', /"" is not STRATUM=N/],
    ['A', /"A" is not STRATUM=N/],
    ['A=-1', /not STRATUM=N/],
    ['A=1.5', /not STRATUM=N/],
    ['A=x', /not STRATUM=N/],
    ['A=1,A=2', /stratum A given twice/],
    ['A=99999999999999999999', /too large/],
  ])('rejects %j', (text, message) => {
    expect(() => parseCountsArg(text)).toThrow(message);
  });
});

describe('simulateDraw', () => {
  it('returns drawn targets stratum by stratum in rank order, as the full algorithm does', () => {
    const secretHex = secretFor(3);
    const result = simulateDraw({
      csvText: CSV,
      counts: { A: 2, B: 5 },
      secretHex,
      entropy: '见证 1',
    });
    const snapshot = buildSnapshot(parseTargetCsv(CSV));
    const seed = deriveSeed(secretHex, '见证 1');
    const expected = drawTargets(
      snapshot.rows,
      computeCounts(snapshot.rows, { A: { count: 2 }, B: { count: 5 } }),
      seed,
    );
    expect(result.seed).toBe(seed);
    expect(result.drawn).toEqual(expected);
    expect(result.lines).toEqual(expected.map((t) => `${t.stratum},${t.code}`));
    expect(result.lines.map((l) => l[0])).toEqual(['A', 'A', 'B', 'B']);
  });

  it('rejects duplicates and bad secrets with clear errors', () => {
    expect(() =>
      simulateDraw({
        csvText: 'A,1\nB,1\n',
        counts: { A: 1 },
        secretHex: secretFor(1),
        entropy: 'e',
      }),
    ).toThrow(/duplicate target code "1"/);
    expect(() =>
      simulateDraw({ csvText: 'A,1\n', counts: { A: 1 }, secretHex: 'xyz', entropy: 'e' }),
    ).toThrow(/64 hex digits/);
  });
});
