import { hexToBytes, NUL, sha256, sha256Hex } from './bytes';
import { DrawInputError } from './errors';

export type InspectionMethod = 'onsite' | 'written' | 'online' | 'other';

/** The eligibility facts of one inspector, as frozen for the matching (执法检查人员快照). */
export interface InspectorFacts {
  certificateNo: string;
  name: string;
  active: boolean;
  /** Holds enforcement qualification (执法资格), required on site (NX 15). */
  enforcementQualified: boolean;
  expertise: string[];
  /** Declared conflicts of interest (利害关系): target codes and regions. */
  conflictTargetCodes: string[];
  conflictRegions: string[];
  /** Most targets this inspector may take in this task for this department; null: unlimited. */
  capacity: number | null;
}

/** A distributed target with the one fact matching needs besides its code. */
export interface MatchTarget {
  code: string;
  region: string | null;
}

export interface DepartmentMatchInput {
  departmentCode: string;
  method: InspectionMethod;
  /** m: inspectors per target; at least 2 on site (HN 21). */
  perTarget: number;
  /** Tags the department's items demand; an inspector must hold every one. Empty: none demanded. */
  requiredExpertise: string[];
  /** Targets in draw order. */
  targets: MatchTarget[];
  inspectors: InspectorFacts[];
}

export type ExclusionReason =
  'inactive' | 'unqualified' | 'expertise' | 'conflict-target' | 'conflict-region' | 'capacity';

export interface AssignedInspector {
  certificateNo: string;
  /** Place in the target's candidate ranking (1 = smallest key); null when appointed. */
  rank: number | null;
  key: string | null;
}

export interface Assignment {
  targetCode: string;
  inspectors: AssignedInspector[];
}

/** No silent shortfall: how many were eligible and why each other candidate was excluded. */
export interface TargetShortfall {
  targetCode: string;
  needed: number;
  eligible: number;
  excluded: { certificateNo: string; reason: ExclusionReason }[];
}

export interface DepartmentMatchResult {
  departmentCode: string;
  seed: string;
  assignments: Assignment[];
  shortfalls: TargetShortfall[];
}

export interface RankedCandidate {
  inspector: InspectorFacts;
  rank: number;
  key: string;
}

/** seed_d = SHA-256(seed ‖ UTF-8("inspectors:" + departmentCode)). */
export function departmentSeed(seedHex: string, departmentCode: string): string {
  return sha256Hex(hexToBytes(seedHex, 32, 'seed'), `inspectors:${departmentCode}`);
}

/** Candidate key = SHA-256(seed_d ‖ UTF-8(targetCode) ‖ 0x00 ‖ UTF-8(certificateNo)). */
export function inspectorKey(
  departmentSeedHex: string,
  targetCode: string,
  certificateNo: string,
): string {
  return keyFromSeedBytes(
    hexToBytes(departmentSeedHex, 32, 'departmentSeed'),
    targetCode,
    certificateNo,
  );
}

function keyFromSeedBytes(seed: Buffer, targetCode: string, certificateNo: string): string {
  return sha256(seed, targetCode, NUL, certificateNo).toString('hex');
}

/** All inspectors of the department ranked for one target by key, ascending. */
export function rankCandidates(
  departmentSeedHex: string,
  targetCode: string,
  inspectors: readonly InspectorFacts[],
): RankedCandidate[] {
  // Decoded once per target, not once per candidate: matching ranks millions of pairs.
  const seed = hexToBytes(departmentSeedHex, 32, 'departmentSeed');
  return inspectors
    .map((inspector) => ({
      inspector,
      key: keyFromSeedBytes(seed, targetCode, inspector.certificateNo),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((candidate, index) => ({ ...candidate, rank: index + 1 }));
}

/**
 * The rules that do not depend on other assignments, checked in this fixed order; the first that
 * fails is the reason reported.
 */
export function staticExclusion(
  input: Pick<DepartmentMatchInput, 'method' | 'requiredExpertise'>,
  inspector: InspectorFacts,
  target: MatchTarget,
): ExclusionReason | null {
  if (!inspector.active) return 'inactive';
  if (input.method === 'onsite' && !inspector.enforcementQualified) return 'unqualified';
  if (!input.requiredExpertise.every((tag) => inspector.expertise.includes(tag)))
    return 'expertise';
  if (inspector.conflictTargetCodes.includes(target.code)) return 'conflict-target';
  if (target.region !== null && inspector.conflictRegions.includes(target.region))
    return 'conflict-region';
  return null;
}

export function atCapacity(inspector: InspectorFacts, load: ReadonlyMap<string, number>): boolean {
  return (
    inspector.capacity !== null && (load.get(inspector.certificateNo) ?? 0) >= inspector.capacity
  );
}

/** Rejects inputs that would make the matching ambiguous or break the on-site minimum. */
export function checkDepartmentInput(input: DepartmentMatchInput): void {
  const where = `部门 ${input.departmentCode} / department ${input.departmentCode}`;
  if (typeof input.departmentCode !== 'string' || input.departmentCode === '') {
    throw new DrawInputError(
      '部门代码不能为空 / departmentCode must not be empty',
      'departmentCode',
    );
  }
  if (!['onsite', 'written', 'online', 'other'].includes(input.method)) {
    throw new DrawInputError(
      `${where}: 检查方式须为 onsite、written、online 或 other / method "${input.method}" is not accepted`,
      'method',
    );
  }
  const minimum = input.method === 'onsite' ? 2 : 1;
  if (!Number.isInteger(input.perTarget) || input.perTarget < minimum) {
    throw new DrawInputError(
      `${where}: 每个对象检查人员数须为不少于 ${minimum} 的整数${minimum === 2 ? '（现场检查不少于两人，HN 21）' : ''} / perTarget must be an integer ≥ ${minimum}`,
      'perTarget',
    );
  }
  const certificates = new Set<string>();
  for (const inspector of input.inspectors) {
    const cert = inspector.certificateNo;
    // eslint-disable-next-line no-control-regex
    if (typeof cert !== 'string' || cert === '' || /[\u0000-\u001f]/.test(cert)) {
      throw new DrawInputError(
        `${where}: 执法证号无效 / certificateNo "${cert}" is empty or has control characters`,
        'certificateNo',
      );
    }
    if (certificates.has(cert)) {
      throw new DrawInputError(
        `${where}: 执法证号重复 / duplicate certificateNo "${cert}"`,
        'certificateNo',
      );
    }
    certificates.add(cert);
    if (
      inspector.capacity !== null &&
      !(Number.isInteger(inspector.capacity) && inspector.capacity >= 0)
    ) {
      throw new DrawInputError(
        `${where}: ${cert} 的容量须为非负整数或 null / capacity must be an integer ≥ 0 or null`,
        'capacity',
      );
    }
  }
  const targets = new Set<string>();
  for (const target of input.targets) {
    if (targets.has(target.code)) {
      throw new DrawInputError(
        `${where}: 检查对象重复 / target "${target.code}" listed twice`,
        'targets',
      );
    }
    targets.add(target.code);
  }
}

/**
 * Second draw (二次随机, HN 19) for one department. Targets are taken in the order given (the draw
 * order); for each, candidates are walked in key order and the first m that pass every rule are
 * assigned. Capacity counts assignments already made earlier in this walk, so an inspector who
 * reached capacity on an earlier target is excluded with reason 'capacity'. If fewer than m pass,
 * those that do are still assigned and a shortfall lists every other candidate with its reason.
 */
export function matchInspectors(
  seedHex: string,
  input: DepartmentMatchInput,
): DepartmentMatchResult {
  checkDepartmentInput(input);
  const seed = departmentSeed(seedHex, input.departmentCode);
  const load = new Map<string, number>();
  const assignments: Assignment[] = [];
  const shortfalls: TargetShortfall[] = [];
  for (const target of input.targets) {
    const picked: AssignedInspector[] = [];
    const excluded: TargetShortfall['excluded'] = [];
    for (const candidate of rankCandidates(seed, target.code, input.inspectors)) {
      if (picked.length === input.perTarget) break;
      const { inspector } = candidate;
      const reason =
        staticExclusion(input, inspector, target) ??
        (atCapacity(inspector, load) ? 'capacity' : null);
      if (reason) {
        excluded.push({ certificateNo: inspector.certificateNo, reason });
        continue;
      }
      picked.push({
        certificateNo: inspector.certificateNo,
        rank: candidate.rank,
        key: candidate.key,
      });
      load.set(inspector.certificateNo, (load.get(inspector.certificateNo) ?? 0) + 1);
    }
    assignments.push({ targetCode: target.code, inspectors: picked });
    if (picked.length < input.perTarget) {
      shortfalls.push({
        targetCode: target.code,
        needed: input.perTarget,
        eligible: picked.length,
        excluded,
      });
    }
  }
  return { departmentCode: input.departmentCode, seed, assignments, shortfalls };
}
