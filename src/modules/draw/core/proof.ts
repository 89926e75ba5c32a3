import { canonicalJson } from './canonical-json';
import type { CommitResult, Commitment } from './commitment';
import { DrawInputError } from './errors';
import {
  atCapacity,
  checkDepartmentInput,
  matchInspectors,
  staticExclusion,
  type Assignment,
  type DepartmentMatchInput,
  type MatchTarget,
  type TargetShortfall,
} from './inspector-match';
import { replaceInspector, type ReplacementRecord, type ReplacementRequest } from './replacement';
import type { StratumCount } from './counts';
import { deriveSeed, drawTargets, inDrawOrder, type DrawnTarget } from './target-draw';

export const PROOF_FORMAT = 'jointcheck-draw-proof';
export const PROOF_VERSION = 1;

/** HN 19: when targets or inspectors are too few, only one of the two draws may be random. */
export type DrawMode = 'double-random' | 'targets-only' | 'inspectors-only';

export type ProofSnapshot = { lines: string[] } | { hash: string; url: string };

/** One participating department's second draw, with every fact needed to recompute it. */
export interface DepartmentProof extends DepartmentMatchInput {
  /** random: drawn with seed_d; appointed: chosen by the department (only in targets-only mode). */
  selection: 'random' | 'appointed';
  appointedReason?: string;
  /** seed_d, or null when appointed. */
  seed: string | null;
  /** The initial assignments, targets in draw order, before any replacement. */
  assignments: Assignment[];
  shortfalls: TargetShortfall[];
  /** Replacements in the order they were approved. */
  replacements: ReplacementRecord[];
}

export type ProofException =
  | {
      kind: 'target-shortfall';
      stratum: string;
      requested: number;
      population: number;
      shortfall: number;
    }
  | {
      kind: 'inspector-shortfall';
      departmentCode: string;
      targetCode: string;
      needed: number;
      eligible: number;
    }
  | { kind: 'inspectors-appointed'; departmentCode: string; reason: string };

/** The published proof (抽取过程证明), format documented in docs/draw.md. */
export interface DrawProof {
  format: typeof PROOF_FORMAT;
  version: typeof PROOF_VERSION;
  drawId?: string;
  mode: DrawMode;
  modeReason?: string;
  commitment: Commitment;
  commitmentHash: string;
  snapshot: ProofSnapshot;
  entropy: string;
  secret: string;
  seed: string;
  drawn: DrawnTarget[];
  departments: DepartmentProof[];
  exceptions: ProofException[];
}

/** What a department brings to the proof; targets may be in any order and are put in draw order. */
export interface DepartmentPlan extends DepartmentMatchInput {
  selection?: 'random' | 'appointed';
  /** Appointed departments: target code → certificate numbers. */
  appointed?: Record<string, string[]>;
  appointedReason?: string;
  replacements?: ReplacementRequest[];
}

export function deriveMode(
  counts: readonly StratumCount[],
  departments: readonly Pick<DepartmentProof, 'selection' | 'departmentCode'>[],
): DrawMode {
  const targetsFixed = counts.length > 0 && counts.every((c) => c.count === c.population);
  const appointed = departments.some((d) => d.selection === 'appointed');
  if (appointed && targetsFixed) {
    throw new DrawInputError(
      '对象与人员不能都不随机 / at least one of the two draws must be random (HN 19): every target is drawn and inspectors are appointed',
      'mode',
    );
  }
  if (appointed) return 'targets-only';
  return targetsFixed ? 'inspectors-only' : 'double-random';
}

export function deriveExceptions(
  counts: readonly StratumCount[],
  departments: readonly Pick<
    DepartmentProof,
    'departmentCode' | 'selection' | 'appointedReason' | 'shortfalls'
  >[],
): ProofException[] {
  const exceptions: ProofException[] = [];
  for (const c of counts) {
    if (c.shortfall > 0 && c.rule && 'count' in c.rule) {
      exceptions.push({
        kind: 'target-shortfall',
        stratum: c.stratum,
        requested: c.rule.count,
        population: c.population,
        shortfall: c.shortfall,
      });
    }
  }
  for (const d of departments) {
    if (d.selection === 'appointed') {
      exceptions.push({
        kind: 'inspectors-appointed',
        departmentCode: d.departmentCode,
        reason: d.appointedReason ?? '',
      });
    }
    for (const s of d.shortfalls) {
      exceptions.push({
        kind: 'inspector-shortfall',
        departmentCode: d.departmentCode,
        targetCode: s.targetCode,
        needed: s.needed,
        eligible: s.eligible,
      });
    }
  }
  return exceptions;
}

/** Appointed inspectors must still be real, eligible, distinct, at least m, and within capacity. */
export function checkAppointed(
  input: DepartmentMatchInput,
  assignments: readonly Assignment[],
): string | null {
  const load = new Map<string, number>();
  for (const target of input.targets) {
    const assignment = assignments.find((a) => a.targetCode === target.code);
    const certs = assignment?.inspectors.map((i) => i.certificateNo) ?? [];
    if (certs.length < input.perTarget) {
      return `对象 ${target.code} 指定人员不足 / target ${target.code}: ${certs.length} appointed, ${input.perTarget} required`;
    }
    if (new Set(certs).size !== certs.length)
      return `对象 ${target.code} 指定人员重复 / duplicate inspector on ${target.code}`;
    for (const cert of certs) {
      const inspector = input.inspectors.find((i) => i.certificateNo === cert);
      if (!inspector)
        return `指定人员 ${cert} 不在人员快照中 / appointed inspector ${cert} is not in the inspector snapshot`;
      const reason =
        staticExclusion(input, inspector, target) ??
        (atCapacity(inspector, load) ? 'capacity' : null);
      if (reason)
        return `指定人员 ${cert} 不符合条件 / appointed inspector ${cert} on ${target.code} fails rule "${reason}"`;
      load.set(cert, (load.get(cert) ?? 0) + 1);
    }
  }
  return null;
}

/** Replays the department's replacements over its initial assignments; throws if one does not hold. */
export function applyReplacements(
  department: DepartmentProof,
  requests: readonly ReplacementRequest[],
): { assignments: Assignment[]; records: ReplacementRecord[] } {
  let assignments = department.assignments;
  const records: ReplacementRecord[] = [];
  for (const request of requests) {
    const outcome = replaceInspector({
      departmentSeed: department.seed ?? '',
      input: department,
      selection: department.selection,
      assignments,
      previous: records,
      request,
    });
    if (!outcome.ok) {
      const why = outcome.excluded.map((e) => `${e.certificateNo}:${e.reason}`).join(', ');
      throw new DrawInputError(
        `对象 ${request.targetCode} 无可替换人员 / no eligible replacement for ${request.outCertificateNo} on ${request.targetCode} (${why})`,
        'replacements',
      );
    }
    assignments = outcome.assignments;
    records.push(outcome.record);
  }
  return { assignments, records };
}

/** The assignments in force: the initial ones with every recorded replacement applied. */
export function currentAssignments(department: DepartmentProof): Assignment[] {
  return applyReplacements(department, department.replacements).assignments;
}

function orderTargets(
  targets: readonly MatchTarget[],
  drawn: readonly DrawnTarget[],
): MatchTarget[] {
  const position = new Map(inDrawOrder(drawn).map((t, index) => [t.code, index]));
  for (const target of targets) {
    if (!position.has(target.code)) {
      throw new DrawInputError(
        `对象 ${target.code} 未被抽中 / target ${target.code} was not drawn`,
        'targets',
      );
    }
  }
  return [...targets].sort((a, b) => (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0));
}

export function buildDepartmentProof(
  seed: string,
  drawn: readonly DrawnTarget[],
  plan: DepartmentPlan,
): DepartmentProof {
  const selection = plan.selection ?? 'random';
  const input: DepartmentMatchInput = {
    departmentCode: plan.departmentCode,
    method: plan.method,
    perTarget: plan.perTarget,
    requiredExpertise: plan.requiredExpertise,
    targets: orderTargets(plan.targets, drawn),
    inspectors: plan.inspectors,
  };
  checkDepartmentInput(input);
  let department: DepartmentProof;
  if (selection === 'random') {
    const result = matchInspectors(seed, input);
    department = {
      ...input,
      selection,
      seed: result.seed,
      assignments: result.assignments,
      shortfalls: result.shortfalls,
      replacements: [],
    };
  } else {
    if (!plan.appointedReason) {
      throw new DrawInputError(
        '指定人员须说明理由 / appointedReason is required (HN 19)',
        'appointedReason',
      );
    }
    const assignments = input.targets.map((t) => ({
      targetCode: t.code,
      inspectors: (plan.appointed?.[t.code] ?? []).map((certificateNo) => ({
        certificateNo,
        rank: null,
        key: null,
      })),
    }));
    const problem = checkAppointed(input, assignments);
    if (problem) throw new DrawInputError(problem, 'appointed');
    department = {
      ...input,
      selection,
      appointedReason: plan.appointedReason,
      seed: null,
      assignments,
      shortfalls: [],
      replacements: [],
    };
  }
  department.replacements = applyReplacements(department, plan.replacements ?? []).records;
  return department;
}

/** Steps 2–4 and the second draw: everything the reveal publishes. */
export function buildProof(input: {
  commit: CommitResult;
  entropy: string;
  departments?: DepartmentPlan[];
  drawId?: string;
  modeReason?: string;
  /** Publish the snapshot by URL instead of inline lines. */
  snapshotUrl?: string;
}): DrawProof {
  const { commit } = input;
  const seed = deriveSeed(commit.secretHex, input.entropy);
  const drawn = drawTargets(commit.snapshot.rows, commit.commitment.counts, seed);
  const departments = (input.departments ?? []).map((plan) =>
    buildDepartmentProof(seed, drawn, plan),
  );
  const codes = new Set(departments.map((d) => d.departmentCode));
  if (codes.size !== departments.length) {
    throw new DrawInputError('部门重复 / a department appears twice', 'departments');
  }
  const mode = deriveMode(commit.commitment.counts, departments);
  if (mode !== 'double-random' && !input.modeReason) {
    throw new DrawInputError(
      `模式 ${mode} 须说明理由 / modeReason is required when only one draw is random`,
      'modeReason',
    );
  }
  const snapshot: ProofSnapshot = input.snapshotUrl
    ? { hash: commit.snapshot.hash, url: input.snapshotUrl }
    : { lines: commit.snapshot.rows.map((r) => `${r.stratum},${r.code}`) };
  return {
    format: PROOF_FORMAT,
    version: PROOF_VERSION,
    drawId: input.drawId,
    mode,
    modeReason: input.modeReason,
    commitment: commit.commitment,
    commitmentHash: commit.commitmentHash,
    snapshot,
    entropy: input.entropy,
    secret: commit.secretHex,
    seed,
    drawn,
    departments,
    exceptions: deriveExceptions(commit.commitment.counts, departments),
  };
}

/** Stable serialisation for storage and publication (keys sorted, undefined dropped). */
export function serializeProof(proof: DrawProof): string {
  return canonicalJson(proof);
}
