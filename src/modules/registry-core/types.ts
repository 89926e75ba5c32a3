/**
 * Plain typed rows produced by the registry core. The lead maps them to TypeORM entities; nothing
 * here knows about the database.
 */
import type { IdentificationKind } from './identification-code';

/** Kinds of inspection target (检查对象), NX art. 4, 11, 12. */
export const TARGET_TYPES = [
  'enterprise', // 企业
  'farmer_cooperative', // 农民专业合作社
  'individual_business', // 个体工商户
  'social_organisation', // 社会组织/社会团体
  'product', // 产品
  'project', // 项目
  'behaviour', // 行为
] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** Credit-risk class (信用风险分类): A low risk … D high risk (NX art. 7). */
export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** Registration status (登记状态). */
export const TARGET_STATUSES = [
  'active',
  'suspended',
  'revoked',
  'deregistered',
  'moved_out',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const INSPECTOR_STATUSES = ['on_duty', 'on_leave', 'transferred'] as const;
export type InspectorStatus = (typeof INSPECTOR_STATUSES)[number];

/** One entry of the target directory (检查对象名录库) as imported. */
export interface TargetInput {
  code: string;
  codeKind: IdentificationKind;
  name: string;
  type: TargetType;
  address: string | null;
  /** 6-digit administrative division; taken from the USCC (chars 3–8) when the column is blank. */
  regionCode: string | null;
  industryTags: string[];
  legalRepresentative: string | null;
  phone: string | null;
  /** Null when not yet classified. */
  riskClass: RiskClass | null;
  /** Department codes of the departments that supervise this target (HN 18). */
  supervisingDepartments: string[];
  status: TargetStatus;
  complaintCount: number;
  violationCount: number;
}

/** One entry of the inspector directory (执法检查人员名录库). */
export interface InspectorInput {
  name: string;
  position: string | null;
  departmentCode: string;
  certificateNo: string | null;
  phone: string | null;
  /** Holds enforcement qualification (执法资格); only such people inspect on site (NX 15). */
  enforcementQualified: boolean;
  expertiseTags: string[];
  /** Third-party expert (第三方专家): assists only (NX 16). */
  thirdPartyExpert: boolean;
  status: InspectorStatus;
}

/** One line of a monthly risk-class relabel file (信用风险分类结果). */
export interface RiskRelabelInput {
  code: string;
  riskClass: RiskClass;
}

/** A rejected cell or row; `column` is the header as written in the file (or the field name). */
export interface RowError {
  rowNumber: number;
  column: string;
  value: string;
  reason: string;
}

export type RowResult<T> =
  { ok: true; rowNumber: number; value: T } | { ok: false; errors: RowError[] };
