import { DrawInputError } from './errors';
import {
  atCapacity,
  rankCandidates,
  staticExclusion,
  type Assignment,
  type DepartmentMatchInput,
  type ExclusionReason,
} from './inspector-match';

/** The only grounds on which a drawn inspector may be replaced (HN 19). */
export type ReplacementReason = 'job-change' | 'work-conflict' | 'health' | 'recusal';
export const REPLACEMENT_REASONS: readonly ReplacementReason[] = [
  'job-change',
  'work-conflict',
  'health',
  'recusal',
];

export interface ReplacementRequest {
  targetCode: string;
  outCertificateNo: string;
  reason: ReplacementReason;
  /** The department head who approved it (经本部门负责人同意). */
  approvedBy: string;
  /** Appointed departments only: the inspector the department chose. */
  appointedCertificateNo?: string;
}

export interface ReplacementRecord extends ReplacementRequest {
  inCertificateNo: string;
  inRank: number | null;
  inKey: string | null;
}

export type ReplacementExclusion = ExclusionReason | 'already-assigned' | 'unavailable' | 'unknown';

export type ReplacementOutcome =
  | { ok: true; record: ReplacementRecord; assignments: Assignment[] }
  | {
      ok: false;
      targetCode: string;
      excluded: { certificateNo: string; reason: ReplacementExclusion }[];
    };

/**
 * Who may not step in on this target: everyone assigned to it now or replaced out of it before,
 * and, task-wide, whoever left for job change, work conflict or health (recusal is per target).
 */
function blockedFor(
  targetCode: string,
  assignments: readonly Assignment[],
  previous: readonly ReplacementRecord[],
) {
  const onTarget = new Set<string>();
  for (const assignment of assignments) {
    if (assignment.targetCode === targetCode)
      assignment.inspectors.forEach((i) => onTarget.add(i.certificateNo));
  }
  const unavailable = new Set<string>();
  for (const record of previous) {
    if (record.targetCode === targetCode) onTarget.add(record.outCertificateNo);
    if (record.reason !== 'recusal') unavailable.add(record.outCertificateNo);
  }
  return { onTarget, unavailable };
}

function currentLoad(assignments: readonly Assignment[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const assignment of assignments) {
    for (const { certificateNo } of assignment.inspectors)
      load.set(certificateNo, (load.get(certificateNo) ?? 0) + 1);
  }
  return load;
}

function checkRequest(request: ReplacementRequest, assignments: readonly Assignment[]): Assignment {
  if (!REPLACEMENT_REASONS.includes(request.reason)) {
    throw new DrawInputError(
      `更换理由 "${request.reason}" 不被接受 / reason must be one of ${REPLACEMENT_REASONS.join(', ')} (HN 19)`,
      'reason',
    );
  }
  if (typeof request.approvedBy !== 'string' || request.approvedBy.trim() === '') {
    throw new DrawInputError(
      '更换须经部门负责人同意 / approvedBy (the department head) is required',
      'approvedBy',
    );
  }
  const assignment = assignments.find((a) => a.targetCode === request.targetCode);
  if (
    !assignment ||
    !assignment.inspectors.some((i) => i.certificateNo === request.outCertificateNo)
  ) {
    throw new DrawInputError(
      `${request.outCertificateNo} 未分配到对象 ${request.targetCode} / is not assigned to that target`,
      'outCertificateNo',
    );
  }
  return assignment;
}

/**
 * Replaces one assigned inspector. In a random department the replacement is the next candidate in
 * the same ranking (the target's key order under seed_d) who passes every rule, is not blocked, and
 * is under capacity counting the current assignments with the leaving inspector removed. In an
 * appointed department the chosen inspector must pass the same rules. Returns the new assignments
 * (the newcomer takes the leaver's place) or, when nobody qualifies, why each candidate was excluded.
 */
export function replaceInspector(args: {
  departmentSeed: string;
  input: DepartmentMatchInput;
  selection: 'random' | 'appointed';
  assignments: readonly Assignment[];
  previous: readonly ReplacementRecord[];
  request: ReplacementRequest;
}): ReplacementOutcome {
  const { input, request } = args;
  checkRequest(request, args.assignments);
  const target = input.targets.find((t) => t.code === request.targetCode);
  if (!target) {
    throw new DrawInputError(
      `对象 ${request.targetCode} 不属于本部门 / target not distributed to this department`,
      'targetCode',
    );
  }
  const { onTarget, unavailable } = blockedFor(request.targetCode, args.assignments, args.previous);
  const load = currentLoad(args.assignments);
  load.set(request.outCertificateNo, (load.get(request.outCertificateNo) ?? 1) - 1);
  const reasonFor = (certificateNo: string): ReplacementExclusion | null => {
    const inspector = input.inspectors.find((i) => i.certificateNo === certificateNo);
    if (!inspector) return 'unknown';
    if (onTarget.has(certificateNo)) return 'already-assigned';
    if (unavailable.has(certificateNo)) return 'unavailable';
    return (
      staticExclusion(input, inspector, target) ?? (atCapacity(inspector, load) ? 'capacity' : null)
    );
  };
  let chosen: { certificateNo: string; rank: number | null; key: string | null } | null = null;
  const excluded: { certificateNo: string; reason: ReplacementExclusion }[] = [];
  if (args.selection === 'appointed') {
    const cert = request.appointedCertificateNo ?? '';
    const reason = reasonFor(cert);
    if (reason) excluded.push({ certificateNo: cert, reason });
    else chosen = { certificateNo: cert, rank: null, key: null };
  } else {
    for (const candidate of rankCandidates(
      args.departmentSeed,
      request.targetCode,
      input.inspectors,
    )) {
      const reason = reasonFor(candidate.inspector.certificateNo);
      if (!reason) {
        chosen = {
          certificateNo: candidate.inspector.certificateNo,
          rank: candidate.rank,
          key: candidate.key,
        };
        break;
      }
      excluded.push({ certificateNo: candidate.inspector.certificateNo, reason });
    }
  }
  if (!chosen) return { ok: false, targetCode: request.targetCode, excluded };
  const incoming = chosen;
  const assignments = args.assignments.map((assignment) =>
    assignment.targetCode !== request.targetCode
      ? assignment
      : {
          targetCode: assignment.targetCode,
          inspectors: assignment.inspectors.map((i) =>
            i.certificateNo === request.outCertificateNo ? incoming : i,
          ),
        },
  );
  const record: ReplacementRecord = {
    targetCode: request.targetCode,
    outCertificateNo: request.outCertificateNo,
    reason: request.reason,
    approvedBy: request.approvedBy,
    appointedCertificateNo: request.appointedCertificateNo,
    inCertificateNo: incoming.certificateNo,
    inRank: incoming.rank,
    inKey: incoming.key,
  };
  return { ok: true, record, assignments };
}
