/**
 * The provably fair draw (公开、公正随机抽取), database-free. Specified in docs/draw.md; mirrored for
 * the public in templates/public/draw-verify.html.
 */
export { DrawInputError } from './errors';
export { sha256Hex, compareUtf8 } from './bytes';
export { canonicalJson } from './canonical-json';
export {
  buildSnapshot,
  parseSnapshotLines,
  snapshotTextToLines,
  type TargetRow,
  type TargetSnapshot,
} from './snapshot';
export {
  parseRatio,
  ratioFromBasisPoints,
  countForRatio,
  computeCounts,
  type CountRule,
  type StratumCount,
} from './counts';
export {
  commitDraw,
  commitmentHash,
  generateSecret,
  DRAW_SCHEME,
  type Commitment,
  type CommitResult,
  type EntropySource,
} from './commitment';
export {
  deriveSeed,
  targetKey,
  drawTargets,
  inDrawOrder,
  checkEntropy,
  type DrawnTarget,
} from './target-draw';
export {
  departmentSeed,
  inspectorKey,
  rankCandidates,
  staticExclusion,
  matchInspectors,
  checkDepartmentInput,
  type InspectionMethod,
  type InspectorFacts,
  type MatchTarget,
  type DepartmentMatchInput,
  type DepartmentMatchResult,
  type ExclusionReason,
  type Assignment,
  type AssignedInspector,
  type TargetShortfall,
} from './inspector-match';
export {
  replaceInspector,
  REPLACEMENT_REASONS,
  type ReplacementReason,
  type ReplacementRequest,
  type ReplacementRecord,
  type ReplacementOutcome,
  type ReplacementExclusion,
} from './replacement';
export {
  buildProof,
  buildDepartmentProof,
  currentAssignments,
  applyReplacements,
  deriveMode,
  deriveExceptions,
  serializeProof,
  PROOF_FORMAT,
  PROOF_VERSION,
  type DrawProof,
  type DrawMode,
  type DepartmentProof,
  type DepartmentPlan,
  type ProofException,
  type ProofSnapshot,
} from './proof';
export { verifyProof, type VerifyResult, type VerifyOptions } from './verify';
export { simulateDraw, parseCountsArg, parseTargetCsv, type SimulationResult } from './simulate';
