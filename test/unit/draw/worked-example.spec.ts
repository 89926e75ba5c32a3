import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildProof,
  commitDraw,
  rankCandidates,
  targetKey,
  verifyProof,
  type DrawProof,
} from '../../../src/modules/draw/core';

const ROOT = join(__dirname, '../../..');
const fixture = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/draw/worked-example.json'), 'utf8'),
);
const doc = readFileSync(join(ROOT, 'docs/draw.md'), 'utf8');

/** The `name = value` lines between the worked-example markers of docs/draw.md. */
function docValues(): [string, string][] {
  const block =
    /<!-- worked-example:begin -->\s*```text\n([\s\S]*?)```\s*<!-- worked-example:end -->/.exec(
      doc,
    );
  if (!block) throw new Error('docs/draw.md has no worked-example block');
  return block[1]
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf(' = ');
      if (at < 0) throw new Error(`unreadable worked-example line: ${line}`);
      return [line.slice(0, at), line.slice(at + 3)];
    });
}

function recompute(): DrawProof {
  const { input } = fixture;
  const commit = commitDraw({
    targets: input.targets,
    rules: input.rules,
    entropySource: input.entropySource,
    secretHex: input.secretHex,
  });
  return buildProof({
    commit,
    entropy: input.entropy,
    drawId: input.drawId,
    departments: input.departments,
  });
}

describe('worked example (docs/draw.md)', () => {
  const proof = recompute();
  const commit = commitDraw({
    targets: fixture.input.targets,
    rules: fixture.input.rules,
    entropySource: fixture.input.entropySource,
    secretHex: fixture.input.secretHex,
  });

  it('the fixture proof is exactly what the implementation produces, and verifies', () => {
    expect(JSON.parse(JSON.stringify(proof))).toEqual(fixture.proof);
    expect(verifyProof(fixture.proof)).toEqual({ ok: true });
  });

  it('the doc prints the fixture snapshot text', () => {
    expect(doc).toContain('```\n' + commit.snapshot.text + '```');
  });

  it('every value printed in the doc matches a recomputation', () => {
    const values = docValues();
    const seed = Buffer.from(proof.seed, 'hex');
    const dept = proof.departments[0];
    const expectedFor = (name: string): string => {
      const words = name.split(' ');
      switch (words[0]) {
        case 'snapshot-sha256':
          return commit.snapshot.hash;
        case 'secret':
          return proof.secret;
        case 'secret-sha256':
          return proof.commitment.secretHash;
        case 'commitment-hash':
          return proof.commitmentHash;
        case 'entropy':
          return proof.entropy;
        case 'seed':
          return proof.seed;
        case 'key': {
          const [stratum, code] = words[1].split(',');
          return targetKey(seed, stratum, code);
        }
        case 'count': {
          const c = proof.commitment.counts.find((x) => x.stratum === words[1]);
          return c ? `${c.count} of ${c.population}` : 'missing';
        }
        case 'drawn': {
          // drawn <stratum> rank <r> order <o>
          const t = proof.drawn.find((x) => x.stratum === words[1] && x.rank === Number(words[3]));
          return t && t.order === Number(words[5]) ? t.code : `order ${t?.order}`;
        }
        case 'seed-d':
          return dept.seed ?? 'null';
        case 'candidate': {
          const c = rankCandidates(dept.seed ?? '', words[1], dept.inspectors).find(
            (x) => x.inspector.certificateNo === words[2],
          );
          return c?.key ?? 'missing';
        }
        case 'assign':
          return (dept.assignments.find((a) => a.targetCode === words[1])?.inspectors ?? [])
            .map((i) => i.certificateNo)
            .join(' ');
        case 'replace':
          return (
            dept.replacements.find(
              (r) => r.targetCode === words[1] && r.outCertificateNo === words[2],
            )?.inCertificateNo ?? 'none'
          );
        default:
          throw new Error(`unknown worked-example line "${name}"`);
      }
    };
    const names = values.map(([name]) => name.split(' ')[0]);
    // The block must cover every step, not just some of them.
    for (const required of [
      'snapshot-sha256',
      'secret-sha256',
      'commitment-hash',
      'seed',
      'key',
      'count',
      'drawn',
      'seed-d',
      'candidate',
      'assign',
      'replace',
    ]) {
      expect(names).toContain(required);
    }
    expect(values.filter(([n]) => n.startsWith('key ')).length).toBe(8);
    expect(values.filter(([n]) => n.startsWith('drawn ')).length).toBe(proof.drawn.length);
    for (const [name, printed] of values)
      expect(`${name} = ${printed}`).toBe(`${name} = ${expectedFor(name)}`);
  });
});
