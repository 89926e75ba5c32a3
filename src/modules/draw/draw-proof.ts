import {
  compareUtf8,
  deriveExceptions,
  deriveMode,
  PROOF_FORMAT,
  PROOF_VERSION,
  type Assignment,
  type DepartmentProof,
  type DrawProof,
  type DrawnTarget,
  type ProofSnapshot,
  type ReplacementRecord,
} from './core';
import type {
  Draw,
  DrawAssignment,
  DrawDepartment,
  DrawReplacement,
  DrawTargetRow,
} from './entities';

/**
 * Turns the stored rows of a draw back into the published proof. Nothing is recomputed here: the
 * proof shows what the database holds, so a tampered row shows up as a verification mismatch.
 */
export interface StoredDepartment {
  department: DrawDepartment;
  assignments: DrawAssignment[];
  /** Approved replacements, in approval order. */
  replacements: DrawReplacement[];
}

export function drawnTargets(rows: readonly DrawTargetRow[]): DrawnTarget[] {
  return [...rows]
    .sort((a, b) => compareUtf8(a.stratum, b.stratum) || a.rank - b.rank)
    .map(({ stratum, code, rank, order, key }) => ({ stratum, code, rank, order, key }));
}

export function departmentProof(
  targets: readonly DrawTargetRow[],
  stored: StoredDepartment,
): DepartmentProof {
  const { department } = stored;
  const inOrder = [...targets].sort((a, b) => a.order - b.order);
  const slots = new Map<string, DrawAssignment[]>();
  for (const row of stored.assignments) {
    const list = slots.get(row.targetCode) ?? [];
    list.push(row);
    slots.set(row.targetCode, list);
  }
  const assignments: Assignment[] = inOrder.map((t) => ({
    targetCode: t.code,
    inspectors: (slots.get(t.code) ?? [])
      .sort((a, b) => a.slot - b.slot)
      .map((s) => ({ certificateNo: s.certificateNo, rank: s.rank, key: s.key })),
  }));
  return {
    departmentCode: department.departmentCode,
    method: department.method,
    perTarget: department.perTarget,
    requiredExpertise: department.requiredExpertise,
    targets: inOrder.map((t) => ({ code: t.code, region: t.region })),
    inspectors: department.inspectors,
    selection: 'random',
    seed: department.seed,
    assignments,
    shortfalls: [],
    replacements: stored.replacements.map(replacementRecord),
  };
}

export function replacementRecord(row: DrawReplacement): ReplacementRecord {
  return {
    targetCode: row.targetCode,
    outCertificateNo: row.outCertificateNo,
    reason: row.reason,
    approvedBy: row.approvedBy ?? '',
    appointedCertificateNo: row.appointedCertificateNo ?? undefined,
    inCertificateNo: row.inCertificateNo ?? '',
    inRank: row.inRank,
    inKey: row.inKey,
  };
}

export function assembleProof(input: {
  draw: Draw;
  secretHex: string;
  targets: readonly DrawTargetRow[];
  departments: readonly StoredDepartment[];
  snapshot: ProofSnapshot;
}): DrawProof {
  const { draw } = input;
  const departments = [...input.departments]
    .sort((a, b) => compareUtf8(a.department.departmentCode, b.department.departmentCode))
    .map((d) => departmentProof(input.targets, d));
  return {
    format: PROOF_FORMAT,
    version: PROOF_VERSION,
    drawId: draw.id,
    mode: deriveMode(draw.commitment.counts, departments),
    modeReason: draw.modeReason ?? undefined,
    commitment: draw.commitment,
    commitmentHash: draw.commitmentHash,
    snapshot: input.snapshot,
    entropy: draw.entropy ?? '',
    secret: input.secretHex,
    seed: draw.seed ?? '',
    drawn: drawnTargets(input.targets),
    departments,
    exceptions: deriveExceptions(draw.commitment.counts, departments),
  };
}
