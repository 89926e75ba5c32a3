import { hexToBytes, sha256Hex } from './bytes';
import { canonicalJson } from './canonical-json';
import { commitmentHash, DRAW_SCHEME } from './commitment';
import { computeCounts, type CountRule } from './counts';
import { matchInspectors, type DepartmentMatchInput } from './inspector-match';
import {
  applyReplacements,
  checkAppointed,
  deriveExceptions,
  deriveMode,
  PROOF_FORMAT,
  PROOF_VERSION,
  type DepartmentProof,
  type DrawProof,
} from './proof';
import { parseSnapshotLines, snapshotTextToLines } from './snapshot';
import { deriveSeed, drawTargets, inDrawOrder, type DrawnTarget } from './target-draw';

export type VerifyResult = { ok: true } | { ok: false; mismatch: string };

export interface VerifyOptions {
  /** The snapshot text fetched from proof.snapshot.url when the proof does not inline it. */
  snapshotText?: string;
  /** The commitment hash published before the draw; without it a forger could rewrite everything. */
  expectedCommitmentHash?: string;
}

class Mismatch extends Error {}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value ?? null);
}

function expectEqual(field: string, expected: unknown, actual: unknown): void {
  const e = show(expected);
  const a = show(actual);
  if (e !== a) throw new Mismatch(`${field}: expected ${e}, actual ${a}`);
}

function fail(field: string, message: string): never {
  throw new Mismatch(`${field}: ${message}`);
}

/**
 * Recomputes everything in a proof from its published inputs and reports the first difference as
 * `field: expected X, actual Y` (expected = recomputed, actual = what the proof says).
 */
export function verifyProof(proof: DrawProof, options: VerifyOptions = {}): VerifyResult {
  try {
    verifyOrThrow(proof, options);
    return { ok: true };
  } catch (error) {
    if (error instanceof Mismatch) return { ok: false, mismatch: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, mismatch: `proof: ${message}` };
  }
}

function verifyOrThrow(proof: DrawProof, options: VerifyOptions): void {
  if (!proof || typeof proof !== 'object') fail('proof', 'not a JSON object');
  expectEqual('format', PROOF_FORMAT, proof.format);
  expectEqual('version', PROOF_VERSION, proof.version);
  const { commitment } = proof;
  expectEqual('commitment.scheme', DRAW_SCHEME, commitment?.scheme);

  const lines = snapshotLines(proof, options);
  const snapshot = guard('snapshot', () => parseSnapshotLines(lines));
  expectEqual('commitment.snapshotHash', snapshot.hash, commitment.snapshotHash);
  if ('hash' in proof.snapshot) expectEqual('snapshot.hash', snapshot.hash, proof.snapshot.hash);
  expectEqual('commitment.targetCount', snapshot.rows.length, commitment.targetCount);

  const rules: Record<string, CountRule> = {};
  for (const c of commitment.counts ?? []) if (c.rule) rules[c.stratum] = c.rule;
  const counts = guard('commitment.counts', () => computeCounts(snapshot.rows, rules));
  expectEqual('commitment.counts.length', counts.length, commitment.counts.length);
  counts.forEach((c, i) =>
    expectEqual(`commitment.counts[${i}] (${c.stratum})`, c, commitment.counts[i]),
  );

  expectEqual('commitmentHash', commitmentHash(commitment), proof.commitmentHash);
  if (options.expectedCommitmentHash !== undefined) {
    expectEqual(
      'commitmentHash (published before the draw)',
      options.expectedCommitmentHash,
      proof.commitmentHash,
    );
  }
  const secret = guard('secret', () => hexToBytes(proof.secret, 32, 'secret'));
  expectEqual(
    'commitment.secretHash (SHA-256 of secret)',
    sha256Hex(secret),
    commitment.secretHash,
  );
  const seed = guard('entropy', () => deriveSeed(proof.secret, proof.entropy));
  expectEqual('seed', seed, proof.seed);

  const drawn = drawTargets(snapshot.rows, counts, seed);
  expectEqual('drawn.length', drawn.length, proof.drawn?.length);
  drawn.forEach((target, i) => {
    for (const field of ['stratum', 'code', 'rank', 'order', 'key'] as const) {
      expectEqual(`drawn[${i}].${field}`, target[field], proof.drawn[i][field]);
    }
  });

  const departments = proof.departments ?? [];
  const seen = new Set<string>();
  departments.forEach((department, i) => {
    if (seen.has(department.departmentCode))
      fail(`departments[${i}]`, `duplicate department ${department.departmentCode}`);
    seen.add(department.departmentCode);
    verifyDepartment(`departments[${i}] (${department.departmentCode})`, department, seed, drawn);
  });

  const mode = guard('mode', () => deriveMode(counts, departments));
  expectEqual('mode', mode, proof.mode);
  if (mode !== 'double-random' && !proof.modeReason)
    fail('modeReason', `required when mode is ${mode}`);
  expectEqual('exceptions', deriveExceptions(counts, departments), proof.exceptions);
}

function guard<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Mismatch) throw error;
    fail(field, error instanceof Error ? error.message : String(error));
  }
}

function snapshotLines(proof: DrawProof, options: VerifyOptions): string[] {
  const snapshot = proof.snapshot;
  if (snapshot && 'lines' in snapshot && Array.isArray(snapshot.lines)) return snapshot.lines;
  if (options.snapshotText === undefined) {
    fail('snapshot', 'the proof gives only a URL; fetch it and pass options.snapshotText');
  }
  return guard('snapshot', () => snapshotTextToLines(options.snapshotText ?? ''));
}

function verifyDepartment(
  where: string,
  department: DepartmentProof,
  seed: string,
  drawn: readonly DrawnTarget[],
): void {
  const drawOrder = inDrawOrder(drawn).map((t) => t.code);
  const listed = department.targets.map((t) => t.code);
  for (const code of listed)
    if (!drawOrder.includes(code)) fail(`${where}.targets`, `${code} was not drawn`);
  expectEqual(
    `${where}.targets (draw order)`,
    drawOrder.filter((code) => listed.includes(code)),
    listed,
  );

  const input: DepartmentMatchInput = {
    departmentCode: department.departmentCode,
    method: department.method,
    perTarget: department.perTarget,
    requiredExpertise: department.requiredExpertise,
    targets: department.targets,
    inspectors: department.inspectors,
  };
  if (department.selection === 'random') {
    const result = guard(where, () => matchInspectors(seed, input));
    expectEqual(`${where}.seed`, result.seed, department.seed);
    expectEqual(
      `${where}.assignments.length`,
      result.assignments.length,
      department.assignments.length,
    );
    result.assignments.forEach((a, j) =>
      expectEqual(`${where}.assignments[${j}] (${a.targetCode})`, a, department.assignments[j]),
    );
    expectEqual(`${where}.shortfalls`, result.shortfalls, department.shortfalls);
  } else if (department.selection === 'appointed') {
    expectEqual(`${where}.seed`, null, department.seed);
    expectEqual(`${where}.shortfalls`, [], department.shortfalls);
    const problem = checkAppointed(input, department.assignments);
    if (problem) fail(`${where}.assignments`, problem);
    if (!department.appointedReason)
      fail(`${where}.appointedReason`, 'required for appointed inspectors');
  } else {
    fail(
      `${where}.selection`,
      `expected "random" or "appointed", actual ${show(department.selection)}`,
    );
  }
  // Replacements are recomputed from their requests: who left, why, who approved.
  const replayed = guard(`${where}.replacements`, () =>
    applyReplacements(
      department,
      department.replacements.map(
        ({ targetCode, outCertificateNo, reason, approvedBy, appointedCertificateNo }) => ({
          targetCode,
          outCertificateNo,
          reason,
          approvedBy,
          appointedCertificateNo,
        }),
      ),
    ),
  );
  replayed.records.forEach((record, j) =>
    expectEqual(`${where}.replacements[${j}]`, record, department.replacements[j]),
  );
}
