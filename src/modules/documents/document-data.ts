/**
 * The data each document template (templates/documents/<name>.hbs) reads. Plain data only —
 * strings, numbers, booleans, arrays — so it can cross a Temporal activity boundary unchanged.
 * Names are already resolved (department and item names, not codes) because people read these.
 * Every field is required: templates run in strict mode and a missing field is an error naming
 * it, so "nothing to say" is '' or [] rather than an absent key.
 *
 * Dates are ISO text: a day (2026-11-23) or an instant (2026-11-23T02:00:00Z, shown in China
 * Standard Time); templates print them as 2026年11月23日.
 */

/** Codes the templates translate with the `label` helper. */
export type ItemResultCode =
  'no_problem' | 'problem' | 'not_found_at_address' | 'refused' | 'other';
export type MethodCode = 'on_site' | 'written' | 'online' | 'other';
export type FollowUpKindCode = 'rectification' | 'enforcement' | 'judiciary' | 'penalty' | 'none';
export type FollowUpStatusCode = 'open' | 'rectifying' | 'penalty' | 'closed' | 'handed_over';

/** Fields every document has: the page title and the task it belongs to. */
export interface DocumentBase {
  /** Shown in the page title (and usually the stored document's title). */
  title: string;
  /** Task code (任务编号), e.g. JI-2026-0001. */
  code: string;
  /** Task name (任务名称). */
  name: string;
}

/** 检查通知书: the advance notice to one target (HN 21). */
export interface NoticeData {
  title: string;
  code: string;
  taskName: string;
  targetName: string;
  targetCode: string;
  address: string;
  /** Leader of the joint inspection group (检查组组长单位), a department name. */
  leaderDepartment: string;
  windowStart: string;
  windowEnd: string;
  method: MethodCode;
  /** One row per (department, item) inspected at this target. */
  items: Array<{ department: string; name: string; contents: string; materials: string }>;
}

/** 检查方案 (NX 22). */
export interface SchemeData extends DocumentBase {
  temporary: boolean;
  temporaryReason: string;
  initiator: string;
  departments: string[];
  windowStart: string;
  windowEnd: string;
  method: MethodCode;
  surprise: boolean;
  inspectorsPerTarget: number;
  note: string;
  items: SchemeItem[];
}

export interface SchemeItem {
  code: string;
  name: string;
  /** Department names that inspect the item. */
  departments: string[];
  contents: string;
  materials: string;
}

/** 抽取承诺与抽取证明: what anyone needs to re-run the draw. */
export interface DrawProofData extends DocumentBase {
  drawId: string;
  mode: string;
  modeReason: string;
  commitmentHash: string;
  snapshotHash: string;
  entropySource: string;
  entropy: string;
  seed: string;
  /** Link to the public verifier page (/public/draws/:id/verify), printed as text. */
  verifyUrl: string;
  counts: Array<{ stratum: string; population: number; count: number }>;
}

/** 检查对象名单 with what each department inspects at each target. */
export interface TargetListData extends DocumentBase {
  targets: Array<{
    no: number;
    name: string;
    code: string;
    leader: string;
    /** 已检查 / 未完成. */
    status: string;
    distribution: Array<{ department: string; items: string[] }>;
  }>;
}

/** One department's forms: one page per target (一企一表, NX 26). */
export interface FormsData extends DocumentBase {
  department: string;
  docNo: string;
  forms: FormPage[];
}

export interface FormPage {
  docNo: string;
  targetCode: string;
  targetName: string;
  inspectedOn: string;
  /** Certificate numbers (or names) of the inspectors present. */
  inspectors: string[];
  items: Array<{
    name: string;
    result: ItemResultCode;
    findings: string;
    measures: string;
    /** Legal basis when withheld from publication, else ''. */
    withholdBasis: string;
  }>;
  attachments: Array<{ name: string; sha256: string; size: number }>;
  /** Who signed for the target, or '' when it refused (then refusalReason and witnessedBy). */
  signedBy: string;
  refusalReason: string;
  witnessedBy: string[];
  submittedBy: string;
}

/** 抽查结果: every published entry, corrections and withdrawals included. */
export interface ResultsData extends DocumentBase {
  entries: Array<{
    id: number;
    targetName: string;
    targetCode: string;
    department: string;
    item: string;
    /** A result code, or '' for a withdrawal. */
    result: ItemResultCode | '';
    withheld: boolean;
    withholdBasis: string;
    handling: string;
    /** 公示 / 更正 / 撤回. */
    entryType: string;
    publishedAt: string;
  }>;
}

/** 后续处置记录 (NX 28). */
export interface FollowUpsData extends DocumentBase {
  followUps: Array<{
    targetCode: string;
    targetName: string;
    department: string;
    item: string;
    findings: string;
    /** A follow-up kind, or '' while undecided. */
    kind: FollowUpKindCode | '';
    status: FollowUpStatusCode;
    /** Deadline, transfer, decision… in one line. */
    detail: string;
  }>;
}

/** 抽查情况报告 (PY): time, number of targets, contents, findings, handling advice. */
export interface ReportData extends DocumentBase {
  initiator: string;
  departments: string[];
  windowStart: string;
  windowEnd: string;
  targetCount: number;
  items: Array<Pick<SchemeItem, 'name' | 'departments'>>;
  /** Items per result, the label already in Chinese (e.g. 发现问题). */
  counts: Array<{ label: string; n: number }>;
  problemTargets: number;
  notFound: number;
  followUpCount: number;
  followUpKinds: Array<{ kind: FollowUpKindCode; n: number }>;
  advice: string;
  reportDate: string;
}

/** 归档清单: every archived document with its hashes; built by DocumentsService.issueManifest. */
export interface ManifestData extends DocumentBase {
  manifestSha256: string;
  generatedAt: string;
  documents: Array<{
    no: number;
    kind: string;
    subject: string;
    title: string;
    htmlSha256: string;
    /** '' when the document has no PDF. */
    pdfSha256: string;
  }>;
}

/** Template name → the data it reads. */
export interface DocumentDataMap {
  notice: NoticeData;
  scheme: SchemeData;
  'draw-proof': DrawProofData;
  'target-list': TargetListData;
  forms: FormsData;
  results: ResultsData;
  'follow-ups': FollowUpsData;
  report: ReportData;
  manifest: ManifestData;
}
