import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { webcrypto } from 'node:crypto';
import {
  buildProof,
  commitDraw,
  verifyProof,
  type DrawProof,
} from '../../../src/modules/draw/core';
import { inspector, secretFor, targets } from './helpers';

const ROOT = join(__dirname, '../../..');
const html = readFileSync(join(ROOT, 'templates/public/draw-verify.html'), 'utf8');

type PageResult = { ok: boolean; mismatch?: string };
interface PageApi {
  verifyProof(
    proof: unknown,
    options?: { snapshotText?: string; expectedCommitmentHash?: string },
  ): Promise<PageResult>;
}

/** Runs the page's one inline algorithm script in a fresh context with WebCrypto, as a browser would. */
function loadPage(): PageApi {
  const script = /<script id="draw-verify-core">([\s\S]*?)<\/script>/.exec(html);
  if (!script) throw new Error('draw-verify.html has no draw-verify-core script');
  const context = createContext({ crypto: webcrypto, TextEncoder });
  runInContext(script[1], context);
  return (context as unknown as { DrawVerify: PageApi }).DrawVerify;
}

const page = loadPage();
const fixture = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/draw/worked-example.json'), 'utf8'),
);
const field = (mismatch: string | undefined) => (mismatch ?? '').split(': ')[0];

function richProof(): DrawProof {
  const commit = commitDraw({
    targets: [...targets({ A: 5, B: 4 }), { stratum: 'C', code: '甲乙\u{1F600}' }],
    rules: { A: { ratio: '40%' }, B: { count: 9 }, C: { count: 1 } },
    entropySource: { kind: 'witness', description: '见证人' },
    secretHex: secretFor(11),
  });
  const probe = buildProof({ commit, entropy: '见证 5521' });
  const deptTargets = probe.drawn.map((t, i) => ({
    code: t.code,
    region: i % 2 ? '金凤区' : null,
  }));
  const inspectors = ['01', '02', '03', '04', '05'].map((c, i) =>
    inspector(c, { capacity: i === 0 ? 1 : null, conflictRegions: i === 1 ? ['金凤区'] : [] }),
  );
  const base = {
    departmentCode: 'SCJGJ',
    method: 'onsite' as const,
    perTarget: 2,
    requiredExpertise: ['食品'],
    targets: deptTargets,
    inspectors,
  };
  const first = buildProof({ commit, entropy: '见证 5521', departments: [base] });
  const a0 = first.departments[0].assignments[0];
  return buildProof({
    commit,
    entropy: '见证 5521',
    departments: [
      {
        ...base,
        replacements: [
          {
            targetCode: a0.targetCode,
            outCertificateNo: a0.inspectors[0].certificateNo,
            reason: 'health',
            approvedBy: '负责人',
          },
        ],
      },
    ],
  });
}

describe('public verification page (draw-verify.html) mirrors verifyProof', () => {
  it('accepts the worked example and a proof with replacements, capacity and non-BMP codes', async () => {
    expect(await page.verifyProof(fixture.proof)).toMatchObject({ ok: true });
    const proof = richProof();
    expect(verifyProof(proof)).toEqual({ ok: true });
    expect(await page.verifyProof(JSON.parse(JSON.stringify(proof)))).toMatchObject({ ok: true });
  });

  const tamperings: [string, (p: DrawProof) => void][] = [
    [
      'snapshot line',
      (p) => {
        if ('lines' in p.snapshot) p.snapshot.lines[1] += 'x';
      },
    ],
    [
      'entropy',
      (p) => {
        p.entropy = p.entropy + '1';
      },
    ],
    [
      'secret',
      (p) => {
        p.secret = secretFor(12);
      },
    ],
    [
      'count',
      (p) => {
        p.commitment.counts[0].count += 1;
      },
    ],
    [
      'drawn order',
      (p) => {
        [p.drawn[0], p.drawn[1]] = [p.drawn[1], p.drawn[0]];
      },
    ],
    [
      'key',
      (p) => {
        p.drawn[0].key = '0'.repeat(64);
      },
    ],
    [
      'assignment',
      (p) => {
        p.departments[0].assignments[0].inspectors.reverse();
      },
    ],
    [
      'replacement',
      (p) => {
        p.departments[0].replacements[0].inRank = 1;
      },
    ],
    [
      'exceptions',
      (p) => {
        p.exceptions.pop();
      },
    ],
    [
      'commitment hash',
      (p) => {
        p.commitmentHash = 'f'.repeat(64);
      },
    ],
  ];

  it.each(tamperings)(
    'reports the same first mismatch field as the TS verifier when %s is tampered',
    async (_label, tamper) => {
      const forged = JSON.parse(JSON.stringify(richProof())) as DrawProof;
      tamper(forged);
      const ts = verifyProof(forged);
      const js = await page.verifyProof(forged);
      expect(ts.ok).toBe(false);
      expect(js.ok).toBe(false);
      expect(field(js.mismatch)).toBe(field(ts.ok ? '' : ts.mismatch));
    },
  );

  it('checks a snapshot published by URL and the commitment hash published before the draw', async () => {
    const input = fixture.input;
    const commit = commitDraw({
      targets: input.targets,
      rules: input.rules,
      entropySource: input.entropySource,
      secretHex: input.secretHex,
    });
    const byUrl = buildProof({
      commit,
      entropy: input.entropy,
      snapshotUrl: '/public/draws/1/snapshot',
    });
    expect(await page.verifyProof(byUrl, { snapshotText: commit.snapshot.text })).toMatchObject({
      ok: true,
    });
    expect(await page.verifyProof(byUrl)).toMatchObject({ ok: false });
    const wrongHash = await page.verifyProof(byUrl, {
      snapshotText: commit.snapshot.text,
      expectedCommitmentHash: 'a'.repeat(64),
    });
    expect(field(wrongHash.mismatch)).toBe('commitmentHash (published before the draw)');
  });
});
