/**
 * Parsers for single cell values as officials write them (Chinese or English). Each returns
 * `{ ok, value }` or `{ ok: false, reason }` where the reason lists what is accepted.
 */
import { normaliseCell, splitList } from './normalise';
import type { InspectorStatus, RiskClass, TargetStatus, TargetType } from './types';
import { TARGET_TYPES } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const TARGET_TYPE_WORDS: Record<string, TargetType> = {
  企业: 'enterprise',
  农民专业合作社: 'farmer_cooperative',
  个体工商户: 'individual_business',
  个体户: 'individual_business',
  社会组织: 'social_organisation',
  社会团体: 'social_organisation',
  产品: 'product',
  项目: 'project',
  行为: 'behaviour',
};

/**
 * Target type. Besides the exact words, registration types as exported from the business register
 * (e.g. 有限责任公司（自然人独资）, 民办非企业单位) are recognised by keyword; the order matters
 * because 个人独资企业 is an enterprise and 民办非企业单位 is a social organisation.
 */
export function parseTargetType(raw: string): Parsed<TargetType> {
  const text = normaliseCell(raw);
  const english = text.toLowerCase().replace(/[\s-]+/g, '_');
  if ((TARGET_TYPES as readonly string[]).includes(english)) return ok(english as TargetType);
  if (text in TARGET_TYPE_WORDS) return ok(TARGET_TYPE_WORDS[text]);
  if (text.includes('合作社')) return ok('farmer_cooperative');
  if (text.includes('个体')) return ok('individual_business');
  if (/社会组织|社会团体|民办非企业|基金会|社团/.test(text)) return ok('social_organisation');
  if (/公司|企业|合伙|独资|分支机构|分公司/.test(text)) return ok('enterprise');
  return bad(
    `无法识别的对象类型“${text}”（可填：企业、农民专业合作社、个体工商户、社会组织/社会团体、产品、项目、行为，或 ${TARGET_TYPES.join('/')}）`,
  );
}

const RISK_WORDS: Record<string, RiskClass> = {
  低风险: 'A',
  一般风险: 'B',
  较高风险: 'C',
  高风险: 'D',
  low: 'A',
  general: 'B',
  medium: 'B',
  elevated: 'C',
  high: 'D',
};

/** Credit-risk class: A/B/C/D (also "A类", "A级"), 低风险/一般风险/较高风险/高风险. Blank → null. */
export function parseRiskClass(raw: string): Parsed<RiskClass | null> {
  const text = normaliseCell(raw).replace(/\s+/g, '');
  if (text === '') return ok(null);
  const letter = text.toUpperCase().replace(/[类级]$/, '');
  if (/^[ABCD]$/.test(letter)) return ok(letter as RiskClass);
  const word = RISK_WORDS[text.toLowerCase().replace(/(类|等级)$/, '')];
  if (word) return ok(word);
  return bad(`无法识别的信用风险分类“${text}”（可填：A/B/C/D 或 低风险/一般风险/较高风险/高风险）`);
}

const TRUE_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '1', '√']);
const FALSE_WORDS = new Set(['否', '无', 'n', 'no', 'false', '0', '×']);

/** Yes/no: 是/否, 有/无, Y/N, yes/no, true/false, 1/0. Blank → `blank`. */
export function parseBoolean(raw: string, blank: boolean): Parsed<boolean> {
  const text = normaliseCell(raw).toLowerCase();
  if (text === '') return ok(blank);
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return bad(`无法识别的是/否值“${text}”（可填：是/否、Y/N、true/false、1/0）`);
}

const TARGET_STATUS_WORDS: Array<[RegExp, TargetStatus]> = [
  [/^(存续|在业|开业|正常|在营|active)$/i, 'active'],
  [/^(停业|歇业|suspended)$/i, 'suspended'],
  [/吊销|^revoked$/i, 'revoked'],
  [/注销|^deregistered$/i, 'deregistered'],
  [/迁出|^moved_out$/i, 'moved_out'],
];

/** Registration status; blank → active. */
export function parseTargetStatus(raw: string): Parsed<TargetStatus> {
  const text = normaliseCell(raw);
  if (text === '') return ok('active');
  for (const [pattern, status] of TARGET_STATUS_WORDS) if (pattern.test(text)) return ok(status);
  return bad(`无法识别的登记状态“${text}”（可填：存续/在业、停业/歇业、吊销、注销、迁出）`);
}

const INSPECTOR_STATUS_WORDS: Record<string, InspectorStatus> = {
  在岗: 'on_duty',
  在职: 'on_duty',
  休假: 'on_leave',
  请假: 'on_leave',
  调离: 'transferred',
  on_duty: 'on_duty',
  on_leave: 'on_leave',
  transferred: 'transferred',
};

/** Inspector status 在岗/休假/调离; blank → on_duty. */
export function parseInspectorStatus(raw: string): Parsed<InspectorStatus> {
  const text = normaliseCell(raw).toLowerCase();
  if (text === '') return ok('on_duty');
  const status = INSPECTOR_STATUS_WORDS[text];
  return status ? ok(status) : bad(`无法识别的人员状态“${text}”（可填：在岗、休假、调离）`);
}

/** A non-negative integer count; blank → 0. 有/是 count as one record, 无/否 as none. */
export function parseCount(raw: string): Parsed<number> {
  const text = normaliseCell(raw);
  if (text === '' || text === '无' || text === '否') return ok(0);
  if (text === '有' || text === '是') return ok(1);
  if (/^\d{1,9}$/.test(text)) return ok(Number(text));
  return bad(`“${text}”不是有效的次数（应为0或正整数，或 有/无）`);
}

/** Phone: digits with optional + - ( ) space and 转 (extension), 5–30 characters. */
export function parsePhone(raw: string): Parsed<string | null> {
  const text = normaliseCell(raw);
  if (text === '') return ok(null);
  if (/^[+\d][\d\s()\-转]{4,29}$/.test(text)) return ok(text);
  return bad(`联系电话“${text}”格式不正确（应为数字，可含 + - ( ) 和“转”，5至30位）`);
}

/** 6-digit administrative division code; blank → null. */
export function parseRegionCode(raw: string): Parsed<string | null> {
  const text = normaliseCell(raw);
  if (text === '') return ok(null);
  return /^\d{6}$/.test(text) ? ok(text) : bad(`行政区划代码“${text}”应为6位数字`);
}

/** Free text with a length cap; blank → null. */
export function parseText(raw: string, maxLength: number, label: string): Parsed<string | null> {
  const text = normaliseCell(raw);
  if (text === '') return ok(null);
  return text.length <= maxLength ? ok(text) : bad(`${label}超过${maxLength}个字符`);
}

/** A list of tags or codes separated by ; ； 、 , ， |; each at most `maxItemLength`. */
export function parseList(
  raw: string,
  maxItemLength: number,
  maxItems: number,
  label: string,
): Parsed<string[]> {
  const items = [...new Set(splitList(raw))];
  if (items.length > maxItems) return bad(`${label}最多${maxItems}项，实际${items.length}项`);
  const tooLong = items.find((item) => item.length > maxItemLength);
  if (tooLong) return bad(`${label}中的“${tooLong.slice(0, 20)}…”超过${maxItemLength}个字符`);
  return ok(items);
}
