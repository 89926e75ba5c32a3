import {
  buildProof,
  commitDraw,
  currentAssignments,
  verifyProof,
  type DepartmentPlan,
  type DrawProof,
} from '../../../src/modules/draw/core';
import { inspector, secretFor, targets } from './helpers';

const rows = targets({ A: 6, B: 5, C: 4 });
const commit = commitDraw({
  targets: rows,
  rules: { A: { ratio: '0.5' }, B: { count: 2 }, C: { count: 6 }, D: { count: 1 } },
  entropySource: {
    kind: 'beacon',
    description: 'drand quicknet',
    round: '1234567',
    beaconUrl: 'https://api.drand.sh',
  },
  secretHex: secretFor(7),
});

function plan(overrides: Partial<DepartmentPlan> = {}): DepartmentPlan {
  return {
    departmentCode: 'SCJGJ',
    method: 'onsite',
    perTarget: 2,
    requiredExpertise: ['食品'],
    targets: [],
    inspectors: ['01', '02', '03', '04', '05', '06'].map((c) => inspector(c)),
    ...overrides,
  };
}

function fullProof(): DrawProof {
  const probe = buildProof({ commit, entropy: 'round 1234567 randomness' });
  const drawnTargets = probe.drawn.map((t, i) => ({
    code: t.code,
    region: i % 2 ? '金凤区' : '兴庆区',
  }));
  const dept = plan({ targets: [...drawnTargets].reverse() });
  const first = buildProof({ commit, entropy: 'round 1234567 randomness', departments: [dept] });
  const firstTarget = first.departments[0].assignments[0];
  return buildProof({
    commit,
    entropy: 'round 1234567 randomness',
    drawId: 'D-1',
    departments: [
      {
        ...dept,
        replacements: [
          {
            targetCode: firstTarget.targetCode,
            outCertificateNo: firstTarget.inspectors[0].certificateNo,
            reason: 'recusal',
            approvedBy: '马局长',
          },
        ],
      },
      plan({
        departmentCode: 'WJW',
        method: 'written',
        perTarget: 1,
        requiredExpertise: [],
        targets: drawnTargets.slice(0, 3),
      }),
    ],
  });
}

const clone = (p: DrawProof): DrawProof => JSON.parse(JSON.stringify(p));

describe('buildProof + verifyProof', () => {
  const proof = fullProof();

  it('verifies an honest proof, including its JSON round trip', () => {
    expect(verifyProof(proof)).toEqual({ ok: true });
    expect(verifyProof(clone(proof), { expectedCommitmentHash: commit.commitmentHash })).toEqual({
      ok: true,
    });
  });

  it('records the absolute-count shortfalls as exceptions', () => {
    expect(proof.exceptions).toEqual([
      { kind: 'target-shortfall', stratum: 'C', requested: 6, population: 4, shortfall: 2 },
      { kind: 'target-shortfall', stratum: 'D', requested: 1, population: 0, shortfall: 1 },
    ]);
    expect(proof.mode).toBe('double-random');
  });

  it('puts department targets in draw order and applies replacements', () => {
    const dept = proof.departments[0];
    const orderOf = new Map(proof.drawn.map((t) => [t.code, t.order]));
    const orders = dept.targets.map((t) => orderOf.get(t.code) ?? 0);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    const current = currentAssignments(dept);
    const record = dept.replacements[0];
    expect(current[0].inspectors.map((i) => i.certificateNo)).toContain(record.inCertificateNo);
    expect(current[0].inspectors.map((i) => i.certificateNo)).not.toContain(
      record.outCertificateNo,
    );
  });

  const tamperings: [string, (p: DrawProof) => void, RegExp][] = [
    [
      'a snapshot code',
      (p) => {
        if ('lines' in p.snapshot)
          p.snapshot.lines[0] = p.snapshot.lines[0].replace('A-0000', 'A-0000X');
      },
      /snapshotHash/,
    ],
    [
      'a drawn code',
      (p) => {
        p.drawn[0].code = 'A-0005';
      },
      /drawn\[0\]\.(code|key)|drawn\[0\]/,
    ],
    [
      'the entropy',
      (p) => {
        p.entropy += ' ';
      },
      /^seed: expected/,
    ],
    [
      'the order of two drawn targets',
      (p) => {
        [p.drawn[0], p.drawn[1]] = [p.drawn[1], p.drawn[0]];
      },
      /^drawn\[0\]\.code/,
    ],
    [
      'a key',
      (p) => {
        p.drawn[2].key = p.drawn[2].key.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      },
      /^drawn\[2\]\.key/,
    ],
    [
      'the secret',
      (p) => {
        p.secret = secretFor(8);
      },
      /secretHash/,
    ],
    [
      'a count',
      (p) => {
        p.commitment.counts[1].count = 3;
      },
      /^commitment\.counts\[1\] \(B\)/,
    ],
    [
      'a rule and its count together',
      (p) => {
        p.commitment.counts[1].rule = { count: 3 };
        p.commitment.counts[1].count = 3;
      },
      /^commitmentHash/,
    ],
    [
      'the global order',
      (p) => {
        p.drawn[0].order = p.drawn[1].order;
      },
      /^drawn\[0\]\.order/,
    ],
    [
      'a rank',
      (p) => {
        p.drawn[1].rank = 7;
      },
      /^drawn\[1\]\.rank/,
    ],
    [
      'the seed',
      (p) => {
        p.seed = p.seed.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
      },
      /^seed/,
    ],
    [
      'an inspector assignment',
      (p) => {
        const a = p.departments[0].assignments[1];
        a.inspectors[0].certificateNo = a.inspectors[0].certificateNo === '01' ? '02' : '01';
      },
      /departments\[0\] \(SCJGJ\)\.assignments\[1\]/,
    ],
    [
      'an inspector fact after the fact',
      (p) => {
        p.departments[0].inspectors[0].active = false;
      },
      /departments\[0\]/,
    ],
    [
      'a replacement',
      (p) => {
        p.departments[0].replacements[0].inCertificateNo = 'zz';
      },
      /replacements\[0\]/,
    ],
    [
      'a department seed',
      (p) => {
        p.departments[1].seed = p.seed;
      },
      /departments\[1\] \(WJW\)\.seed/,
    ],
    [
      'the mode',
      (p) => {
        p.mode = 'inspectors-only';
      },
      /^mode/,
    ],
    [
      'the exceptions',
      (p) => {
        p.exceptions = [];
      },
      /^exceptions/,
    ],
    [
      'the version',
      (p) => {
        (p as { version: number }).version = 2;
      },
      /^version/,
    ],
  ];

  it.each(tamperings)('fails when %s is tampered with', (_label, tamper, expected) => {
    const forged = clone(proof);
    tamper(forged);
    const result = verifyProof(forged);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.mismatch).toMatch(expected);
  });

  it('names field, expected and actual in the mismatch', () => {
    const forged = clone(proof);
    forged.drawn[1].rank = 7;
    expect(verifyProof(forged)).toEqual({
      ok: false,
      mismatch: 'drawn[1].rank: expected 2, actual 7',
    });
  });

  it('catches a consistent rewrite only against the commitment hash published beforehand', () => {
    const other = commitDraw({
      targets: rows,
      rules: { A: { ratio: '0.5' }, B: { count: 2 } },
      entropySource: commit.commitment.entropySource,
      secretHex: secretFor(9),
    });
    const rewritten = buildProof({ commit: other, entropy: 'round 1234567 randomness' });
    expect(verifyProof(rewritten)).toEqual({ ok: true });
    const result = verifyProof(rewritten, { expectedCommitmentHash: commit.commitmentHash });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.mismatch).toMatch(/published before the draw/);
  });

  it('verifies a snapshot published by URL when given its text, and refuses without it', () => {
    const byUrl = buildProof({
      commit,
      entropy: 'e',
      snapshotUrl: '/public/draws/D-1/snapshot.csv',
    });
    expect(byUrl.snapshot).toEqual({
      hash: commit.snapshot.hash,
      url: '/public/draws/D-1/snapshot.csv',
    });
    expect(verifyProof(byUrl, { snapshotText: commit.snapshot.text })).toEqual({ ok: true });
    expect(verifyProof(byUrl).ok).toBe(false);
    const wrong = verifyProof(byUrl, {
      snapshotText: commit.snapshot.text.replace('A-0001', 'A-0009'),
    });
    expect(wrong.ok).toBe(false);
  });
});

describe('mode (HN 19)', () => {
  it('is inspectors-only when every stratum is drawn in full, and needs a reason', () => {
    const all = commitDraw({
      targets: targets({ A: 2 }),
      rules: { A: { ratio: '1' } },
      entropySource: { kind: 'witness', description: 'w' },
      secretHex: secretFor(1),
    });
    expect(() => buildProof({ commit: all, entropy: 'e' })).toThrow(/modeReason/);
    const proof = buildProof({ commit: all, entropy: 'e', modeReason: '对象数量不足，全部检查' });
    expect(proof.mode).toBe('inspectors-only');
    expect(verifyProof(proof)).toEqual({ ok: true });
  });

  it('is targets-only with appointed inspectors, which must still be eligible', () => {
    const probe = buildProof({ commit, entropy: 'e' });
    const deptTargets = probe.drawn.slice(0, 2).map((t) => ({ code: t.code, region: null }));
    const appointed = Object.fromEntries(deptTargets.map((t) => [t.code, ['01', '02']]));
    const appointedPlan = plan({
      targets: deptTargets,
      selection: 'appointed',
      appointed,
      appointedReason: '本部门执法人员仅两名',
    });
    const proof = buildProof({
      commit,
      entropy: 'e',
      departments: [appointedPlan],
      modeReason: '执法人员数量不足',
    });
    expect(proof.mode).toBe('targets-only');
    expect(proof.exceptions).toContainEqual({
      kind: 'inspectors-appointed',
      departmentCode: 'SCJGJ',
      reason: '本部门执法人员仅两名',
    });
    expect(verifyProof(proof)).toEqual({ ok: true });

    const conflicted = plan({
      ...appointedPlan,
      inspectors: [
        inspector('01', { conflictTargetCodes: [deptTargets[0].code] }),
        inspector('02'),
      ],
    });
    expect(() =>
      buildProof({ commit, entropy: 'e', departments: [conflicted], modeReason: 'x' }),
    ).toThrow(/conflict-target/);
    const short = plan({ ...appointedPlan, appointed: { [deptTargets[0].code]: ['01'] } });
    expect(() =>
      buildProof({ commit, entropy: 'e', departments: [short], modeReason: 'x' }),
    ).toThrow(/2 required/);

    const forged = clone(proof);
    forged.departments[0].assignments[0].inspectors[1].certificateNo = '01';
    const result = verifyProof(forged);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.mismatch).toMatch(/duplicate inspector/);
  });

  it('refuses a draw where neither side is random', () => {
    const all = commitDraw({
      targets: targets({ A: 1 }),
      rules: { A: { count: 1 } },
      entropySource: { kind: 'witness', description: 'w' },
      secretHex: secretFor(1),
    });
    const code = all.snapshot.rows[0].code;
    expect(() =>
      buildProof({
        commit: all,
        entropy: 'e',
        modeReason: 'x',
        departments: [
          plan({
            targets: [{ code, region: null }],
            selection: 'appointed',
            appointed: { [code]: ['01', '02'] },
            appointedReason: 'r',
          }),
        ],
      }),
    ).toThrow(/at least one of the two draws must be random/);
  });

  it('refuses department targets that were not drawn', () => {
    expect(() =>
      buildProof({
        commit,
        entropy: 'e',
        departments: [plan({ targets: [{ code: 'NOPE', region: null }] })],
      }),
    ).toThrow(/NOPE was not drawn/);
  });
});
