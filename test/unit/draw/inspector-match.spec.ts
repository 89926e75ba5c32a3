import {
  departmentSeed,
  DrawInputError,
  inspectorKey,
  matchInspectors,
  rankCandidates,
  replaceInspector,
  deriveSeed,
  type DepartmentMatchInput,
  type InspectorFacts,
  type MatchTarget,
} from '../../../src/modules/draw/core';
import { createHash } from 'node:crypto';
import { chiSquare, CHI2_999, inspector, secretFor } from './helpers';

const SEED = deriveSeed(secretFor(1), 'witness 8871');

function department(overrides: Partial<DepartmentMatchInput> = {}): DepartmentMatchInput {
  return {
    departmentCode: 'SCJGJ',
    method: 'onsite',
    perTarget: 2,
    requiredExpertise: [],
    targets: [{ code: 'T1', region: '金凤区' }],
    inspectors: ['01', '02', '03', '04', '05'].map((c) => inspector(c)),
    ...overrides,
  };
}

function ranking(input: DepartmentMatchInput, targetCode: string): string[] {
  return rankCandidates(
    departmentSeed(SEED, input.departmentCode),
    targetCode,
    input.inspectors,
  ).map((c) => c.inspector.certificateNo);
}

describe('department seed and candidate keys', () => {
  it('seed_d = SHA-256(seed ‖ "inspectors:" + dept), key = SHA-256(seed_d ‖ target ‖ 0x00 ‖ cert)', () => {
    const seedD = createHash('sha256')
      .update(Buffer.concat([Buffer.from(SEED, 'hex'), Buffer.from('inspectors:SCJGJ')]))
      .digest('hex');
    expect(departmentSeed(SEED, 'SCJGJ')).toBe(seedD);
    const key = createHash('sha256')
      .update(
        Buffer.concat([
          Buffer.from(seedD, 'hex'),
          Buffer.from('T1'),
          Buffer.from([0]),
          Buffer.from('宁01'),
        ]),
      )
      .digest('hex');
    expect(inspectorKey(seedD, 'T1', '宁01')).toBe(key);
  });

  it('departments get independent rankings', () => {
    const a = ranking(department({ departmentCode: 'A' }), 'T1');
    const b = ranking(department({ departmentCode: 'B' }), 'T1');
    expect(new Set(a)).toEqual(new Set(b));
    // With 5 candidates, 1 in 120 rankings coincide; these fixed seeds do not.
    expect(a).not.toEqual(b);
  });
});

describe('matchInspectors', () => {
  it('assigns the first m candidates by key when all are eligible', () => {
    const input = department();
    const result = matchInspectors(SEED, input);
    expect(result.assignments[0].inspectors.map((i) => i.certificateNo)).toEqual(
      ranking(input, 'T1').slice(0, 2),
    );
    expect(result.assignments[0].inspectors.map((i) => i.rank)).toEqual([1, 2]);
    expect(result.shortfalls).toEqual([]);
  });

  it.each([
    ['inactive', { active: false }],
    ['unqualified', { enforcementQualified: false }],
    ['expertise', { expertise: ['特种设备'] }],
    ['conflict-target', { conflictTargetCodes: ['T1'] }],
    ['conflict-region', { conflictRegions: ['金凤区'] }],
  ] as [string, Partial<InspectorFacts>][])(
    'skips a candidate excluded as %s and takes the next one',
    (_reason, facts) => {
      const base = department({ requiredExpertise: ['食品'] });
      const [first, second, third] = ranking(base, 'T1');
      const input = {
        ...base,
        inspectors: base.inspectors.map((i) =>
          i.certificateNo === first ? { ...i, ...facts } : i,
        ),
      };
      const picked = matchInspectors(SEED, input).assignments[0].inspectors.map(
        (i) => i.certificateNo,
      );
      expect(picked).toEqual([second, third]);
    },
  );

  it('does not require enforcement qualification for written checks', () => {
    const inspectors = ['01', '02'].map((c) => inspector(c, { enforcementQualified: false }));
    const result = matchInspectors(
      SEED,
      department({ method: 'written', perTarget: 1, inspectors }),
    );
    expect(result.assignments[0].inspectors).toHaveLength(1);
  });

  it('requires m ≥ 2 on site (HN 21) and an integer m ≥ 1 otherwise', () => {
    expect(() => matchInspectors(SEED, department({ perTarget: 1 }))).toThrow(/≥ 2/);
    expect(() => matchInspectors(SEED, department({ method: 'written', perTarget: 0 }))).toThrow(
      DrawInputError,
    );
    expect(() => matchInspectors(SEED, department({ perTarget: 2.5 }))).toThrow(DrawInputError);
  });

  it('rejects duplicate certificate numbers and duplicate targets', () => {
    expect(() =>
      matchInspectors(SEED, department({ inspectors: [inspector('01'), inspector('01')] })),
    ).toThrow(/duplicate certificateNo "01"/);
    expect(() =>
      matchInspectors(
        SEED,
        department({
          targets: [
            { code: 'T1', region: null },
            { code: 'T1', region: null },
          ],
        }),
      ),
    ).toThrow(/listed twice/);
  });

  it('enforces capacity as assignments accumulate in draw order', () => {
    const targets: MatchTarget[] = Array.from({ length: 5 }, (_, i) => ({
      code: `T${i}`,
      region: null,
    }));
    const inspectors = ['01', '02', '03', '04', '05', '06'].map((c) =>
      inspector(c, { capacity: 2 }),
    );
    const result = matchInspectors(SEED, department({ targets, inspectors }));
    const load = new Map<string, number>();
    for (const a of result.assignments) {
      expect(a.inspectors).toHaveLength(2);
      for (const i of a.inspectors) load.set(i.certificateNo, (load.get(i.certificateNo) ?? 0) + 1);
    }
    expect(Math.max(...load.values())).toBe(2);
    expect([...load.values()].reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('an inspector at capacity is excluded from later targets with reason "capacity"', () => {
    const inspectors = ['01', '02', '03'].map((c) => inspector(c, { capacity: 1 }));
    const targets = [
      { code: 'T1', region: null },
      { code: 'T2', region: null },
    ];
    const input = department({ targets, inspectors });
    const result = matchInspectors(SEED, input);
    const onT1 = result.assignments[0].inspectors.map((i) => i.certificateNo);
    expect(onT1).toEqual(ranking(input, 'T1').slice(0, 2));
    const rest = ['01', '02', '03'].filter((c) => !onT1.includes(c));
    expect(result.assignments[1].inspectors.map((i) => i.certificateNo)).toEqual(rest);
    expect(result.shortfalls).toEqual([
      {
        targetCode: 'T2',
        needed: 2,
        eligible: 1,
        excluded: ranking(input, 'T2')
          .filter((c) => onT1.includes(c))
          .map((certificateNo) => ({ certificateNo, reason: 'capacity' })),
      },
    ]);
  });

  it('reports a shortfall with the eligible count and every excluded candidate’s reason', () => {
    const inspectors: InspectorFacts[] = [
      inspector('01', { active: false }),
      inspector('02', { enforcementQualified: false }),
      inspector('03', { expertise: [] }),
      inspector('04', { conflictTargetCodes: ['T1'] }),
      inspector('05', { conflictRegions: ['金凤区'] }),
      inspector('06', { capacity: 0 }),
      inspector('07'),
    ];
    const input = department({ requiredExpertise: ['食品'], inspectors });
    const result = matchInspectors(SEED, input);
    expect(result.assignments[0].inspectors.map((i) => i.certificateNo)).toEqual(['07']);
    expect(result.shortfalls).toHaveLength(1);
    const shortfall = result.shortfalls[0];
    expect(shortfall).toMatchObject({ targetCode: 'T1', needed: 2, eligible: 1 });
    const reasons = Object.fromEntries(shortfall.excluded.map((e) => [e.certificateNo, e.reason]));
    expect(reasons).toEqual({
      '01': 'inactive',
      '02': 'unqualified',
      '03': 'expertise',
      '04': 'conflict-target',
      '05': 'conflict-region',
      '06': 'capacity',
    });
    // listed in ranking order
    const order = ranking(input, 'T1').filter((c) => c !== '07');
    expect(shortfall.excluded.map((e) => e.certificateNo)).toEqual(order);
  });

  it('spreads load evenly across inspectors over many seeds', () => {
    const certs = Array.from({ length: 10 }, (_, i) => `C${i}`);
    const input = department({
      inspectors: certs.map((c) => inspector(c)),
      targets: Array.from({ length: 20 }, (_, i) => ({ code: `T${i}`, region: null })),
    });
    const load = new Map(certs.map((c) => [c, 0]));
    const RUNS = 300;
    for (let run = 0; run < RUNS; run++) {
      const result = matchInspectors(deriveSeed(secretFor(run), 'load'), input);
      for (const a of result.assignments)
        for (const i of a.inspectors)
          load.set(i.certificateNo, (load.get(i.certificateNo) ?? 0) + 1);
    }
    const observed = certs.map((c) => load.get(c) ?? 0);
    const expected = certs.map(() => (RUNS * 20 * 2) / 10);
    expect(chiSquare(observed, expected)).toBeLessThan(CHI2_999[9]);
    expect(Math.max(...observed) / Math.min(...observed)).toBeLessThan(1.1);
  });
});

describe('replaceInspector', () => {
  const approvedBy = '部门负责人 马局长';

  function setup(overrides: Partial<DepartmentMatchInput> = {}) {
    const input = department(overrides);
    const result = matchInspectors(SEED, input);
    return { input, result, seedD: result.seed };
  }

  it('picks the next eligible candidate in the same ranking not already assigned', () => {
    const { input, result, seedD } = setup();
    const order = ranking(input, 'T1');
    const outcome = replaceInspector({
      departmentSeed: seedD,
      input,
      selection: 'random',
      assignments: result.assignments,
      previous: [],
      request: { targetCode: 'T1', outCertificateNo: order[0], reason: 'health', approvedBy },
    });
    if (!outcome.ok) throw new Error('expected a replacement');
    expect(outcome.record.inCertificateNo).toBe(order[2]);
    expect(outcome.record.inRank).toBe(3);
    expect(outcome.assignments[0].inspectors.map((i) => i.certificateNo)).toEqual([
      order[2],
      order[1],
    ]);
  });

  it('skips ineligible candidates and never brings back someone replaced out of the target', () => {
    const { input, result, seedD } = setup();
    const order = ranking(input, 'T1');
    const withIneligible = {
      ...input,
      inspectors: input.inspectors.map((i) =>
        i.certificateNo === order[2] ? { ...i, conflictRegions: ['金凤区'] } : i,
      ),
    };
    const first = replaceInspector({
      departmentSeed: seedD,
      input: withIneligible,
      selection: 'random',
      assignments: result.assignments,
      previous: [],
      request: { targetCode: 'T1', outCertificateNo: order[0], reason: 'recusal', approvedBy },
    });
    if (!first.ok) throw new Error('expected a replacement');
    expect(first.record.inCertificateNo).toBe(order[3]);
    const second = replaceInspector({
      departmentSeed: seedD,
      input: withIneligible,
      selection: 'random',
      assignments: first.assignments,
      previous: [first.record],
      request: {
        targetCode: 'T1',
        outCertificateNo: order[3],
        reason: 'work-conflict',
        approvedBy,
      },
    });
    if (!second.ok) throw new Error('expected a replacement');
    expect(second.record.inCertificateNo).toBe(order[4]);
  });

  it('returns why nobody qualifies instead of assigning anyone', () => {
    const { input, result, seedD } = setup({
      inspectors: ['01', '02', '03'].map((c) => inspector(c)),
    });
    const order = ranking(input, 'T1');
    const unavailableInput = {
      ...input,
      inspectors: input.inspectors.map((i) =>
        i.certificateNo === order[2] ? { ...i, active: false } : i,
      ),
    };
    const outcome = replaceInspector({
      departmentSeed: seedD,
      input: unavailableInput,
      selection: 'random',
      assignments: result.assignments,
      previous: [],
      request: { targetCode: 'T1', outCertificateNo: order[0], reason: 'job-change', approvedBy },
    });
    expect(outcome).toEqual({
      ok: false,
      targetCode: 'T1',
      excluded: [
        { certificateNo: order[0], reason: 'already-assigned' },
        { certificateNo: order[1], reason: 'already-assigned' },
        { certificateNo: order[2], reason: 'inactive' },
      ],
    });
  });

  it('accepts only the four grounds of HN 19, with the department head’s approval', () => {
    const { input, result, seedD } = setup();
    const base = {
      departmentSeed: seedD,
      input,
      selection: 'random' as const,
      assignments: result.assignments,
      previous: [],
    };
    const out = result.assignments[0].inspectors[0].certificateNo;
    expect(() =>
      replaceInspector({
        ...base,
        request: {
          targetCode: 'T1',
          outCertificateNo: out,
          reason: 'vacation' as never,
          approvedBy,
        },
      }),
    ).toThrow(/job-change, work-conflict, health, recusal/);
    expect(() =>
      replaceInspector({
        ...base,
        request: { targetCode: 'T1', outCertificateNo: out, reason: 'health', approvedBy: ' ' },
      }),
    ).toThrow(/approvedBy/);
    expect(() =>
      replaceInspector({
        ...base,
        request: { targetCode: 'T1', outCertificateNo: 'nobody', reason: 'health', approvedBy },
      }),
    ).toThrow(/not assigned/);
  });

  it('makes an inspector who left for health unavailable on other targets too', () => {
    const input = department({
      targets: [
        { code: 'T1', region: null },
        { code: 'T2', region: null },
      ],
      inspectors: ['01', '02', '03', '04'].map((c) => inspector(c)),
    });
    // Find (deterministically) a seed where T1's first inspector is not on T2 and would be
    // T2's next candidate, so only the health rule keeps them out.
    for (let run = 0; run < 500; run++) {
      const seed = deriveSeed(secretFor(run), 'health');
      const seedD = departmentSeed(seed, input.departmentCode);
      const result = matchInspectors(seed, input);
      const leaver = result.assignments[0].inspectors[0].certificateNo;
      const onT2 = result.assignments[1].inspectors.map((i) => i.certificateNo);
      const t2Order = rankCandidates(seedD, 'T2', input.inspectors).map(
        (c) => c.inspector.certificateNo,
      );
      const nextOnT2 = t2Order.filter((c) => !onT2.includes(c));
      if (onT2.includes(leaver) || nextOnT2[0] !== leaver) continue;
      const first = replaceInspector({
        departmentSeed: seedD,
        input,
        selection: 'random',
        assignments: result.assignments,
        previous: [],
        request: { targetCode: 'T1', outCertificateNo: leaver, reason: 'health', approvedBy },
      });
      if (!first.ok) throw new Error('expected a replacement on T1');
      const second = replaceInspector({
        departmentSeed: seedD,
        input,
        selection: 'random',
        assignments: first.assignments,
        previous: [first.record],
        request: { targetCode: 'T2', outCertificateNo: onT2[0], reason: 'recusal', approvedBy },
      });
      if (!second.ok) throw new Error('expected a replacement on T2');
      expect(second.record.inCertificateNo).toBe(nextOnT2[1]);
      return;
    }
    throw new Error('no seed found for the scenario');
  });
});
