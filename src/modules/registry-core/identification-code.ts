/**
 * Identification codes (标识编码) of inspection targets. NX art. 11 orders them: unified social
 * credit code (统一社会信用代码, GB 32100-2015), else organisation code (组织机构代码, GB 11714-1997),
 * else an internal code (其他内部编码).
 *
 * Decisions:
 * - The organisation code embedded in a USCC (chars 9–17) must pass its own GB 11714 check by
 *   default: codes issued under GB 32100 satisfy it, and it catches typos the USCC check alone
 *   misses in rare cases. Pass `{ checkEmbeddedOrgCode: false }` to relax it for legacy data.
 * - Internal codes are `JC-` followed by 1–40 of [A-Z0-9-]; the prefix keeps them apart from
 *   mistyped USCCs/organisation codes, which would otherwise be accepted as "internal".
 * - Whitespace anywhere is dropped (codes never contain it; pasted codes often do).
 */
import { toHalfWidth } from './normalise';

export type IdentificationKind = 'uscc' | 'org' | 'internal';

export type CodeErrorKind =
  | 'empty'
  | 'length'
  | 'illegal_char'
  | 'check_char'
  | 'org_check_char'
  | 'registration_authority'
  | 'organisation_type'
  | 'region';

export interface CodeError {
  kind: CodeErrorKind;
  /** Message for officials (Chinese, with the accepted form). */
  message: string;
  /** 1-based position of the offending character, when there is one. */
  position?: number;
  expected?: string;
  got?: string;
}

export type CodeResult =
  { ok: true; kind: IdentificationKind; code: string } | { ok: false; error: CodeError };

export interface CodeOptions {
  /** Require the GB 11714 check of the organisation code inside a USCC (default true). */
  checkEmbeddedOrgCode?: boolean;
}

/** GB 32100 character set: digits and capitals except I, O, Z, S, V. Index = value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for i = 0..16. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
export const INTERNAL_CODE_PREFIX = 'JC-';
const INTERNAL_CODE_PATTERN = /^JC-[A-Z0-9-]{1,40}$/;

/**
 * GB 32100-2015 Appendix A: registration authority (登记管理部门) → organisation types (机构类别).
 * 'Y' (其他) has no fixed sub-types, so any digit is accepted there.
 */
export const USCC_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常住新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    name: '民政',
    types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': {
    name: '旅游',
    types: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': {
    name: '市场监管（工商）',
    types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
  },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { name: '其他', types: {} },
};

/** Province-level prefixes of GB/T 2260 division codes; 10 is used for central-level registrations. */
const PROVINCE_PREFIXES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Trimmed, upper-case, half-width, whitespace removed. */
export function normaliseCode(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s\u00A0\uFEFF]+/g, '')
    .toUpperCase();
}

/** The USCC check character for the first 17 characters (for test data and generators). */
export function computeUsccCheck(first17: string): string {
  if (first17.length !== 17)
    throw new Error(`computeUsccCheck needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0)
      throw new Error(`character '${first17[i]}' at position ${i + 1} is not in the USCC set`);
    sum += value * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

function orgCharValue(ch: string): number {
  return ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
}

/** The GB 11714 check character for an 8-character organisation code body. */
export function computeOrgCodeCheck(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8))
    throw new Error(`organisation code body must be 8 of [0-9A-Z], got '${body8}'`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]) * ORG_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

const fail = (error: CodeError): CodeResult => ({ ok: false, error });

/** Validates a normalised or raw USCC. */
export function validateUscc(raw: string, options: CodeOptions = {}): CodeResult {
  const code = normaliseCode(raw);
  if (code.length === 0) return fail({ kind: 'empty', message: '统一社会信用代码为空' });
  if (code.length !== 18) {
    return fail({
      kind: 'length',
      message: `统一社会信用代码应为18位，实际为${code.length}位`,
      expected: '18',
      got: String(code.length),
    });
  }
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(code[i])) {
      return fail({
        kind: 'illegal_char',
        position: i + 1,
        got: code[i],
        message: `统一社会信用代码第${i + 1}位字符“${code[i]}”不合法（只允许数字和除I、O、Z、S、V以外的大写字母）`,
      });
    }
  }
  const authority = USCC_AUTHORITIES[code[0]];
  if (!authority) {
    return fail({
      kind: 'registration_authority',
      position: 1,
      got: code[0],
      message: `统一社会信用代码第1位登记管理部门代码“${code[0]}”不存在（应为 ${Object.keys(USCC_AUTHORITIES).join('、')}）`,
    });
  }
  const typeOk = code[0] === 'Y' ? /[1-9]/.test(code[1]) : code[1] in authority.types;
  if (!typeOk) {
    return fail({
      kind: 'organisation_type',
      position: 2,
      got: code[1],
      message: `统一社会信用代码第2位机构类别代码“${code[1]}”不属于登记管理部门“${authority.name}”（应为 ${Object.keys(authority.types).join('、') || '1-9'}）`,
    });
  }
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region) || !PROVINCE_PREFIXES.has(region.slice(0, 2))) {
    return fail({
      kind: 'region',
      position: 3,
      got: region,
      message: `统一社会信用代码第3-8位登记管理机关行政区划码“${region}”不是有效的6位行政区划代码`,
    });
  }
  const expected = computeUsccCheck(code.slice(0, 17));
  if (code[17] !== expected) {
    return fail({
      kind: 'check_char',
      position: 18,
      expected,
      got: code[17],
      message: `统一社会信用代码校验位错误：第18位应为“${expected}”，实际为“${code[17]}”`,
    });
  }
  if (options.checkEmbeddedOrgCode !== false) {
    const orgExpected = computeOrgCodeCheck(code.slice(8, 16));
    if (code[16] !== orgExpected) {
      return fail({
        kind: 'org_check_char',
        position: 17,
        expected: orgExpected,
        got: code[16],
        message: `统一社会信用代码第9-17位组织机构代码的校验位错误：第17位应为“${orgExpected}”，实际为“${code[16]}”`,
      });
    }
  }
  return { ok: true, kind: 'uscc', code };
}

/** Validates an organisation code, `XXXXXXXXX` or `XXXXXXXX-X`; normalised without the hyphen. */
export function validateOrgCode(raw: string): CodeResult {
  let code = normaliseCode(raw);
  if (code.length === 0) return fail({ kind: 'empty', message: '组织机构代码为空' });
  if (code.length === 10 && code[8] === '-') code = code.slice(0, 8) + code[9];
  if (code.length !== 9) {
    return fail({
      kind: 'length',
      expected: '9',
      got: String(code.length),
      message: `组织机构代码应为9位（可写作 XXXXXXXX-X），实际为${code.length}位`,
    });
  }
  for (let i = 0; i < 9; i++) {
    const allowed = i === 8 ? /[0-9X]/ : /[0-9A-Z]/;
    if (!allowed.test(code[i])) {
      return fail({
        kind: 'illegal_char',
        position: i + 1,
        got: code[i],
        message: `组织机构代码第${i + 1}位字符“${code[i]}”不合法（${i === 8 ? '校验位只允许数字或X' : '只允许数字和大写字母'}）`,
      });
    }
  }
  const expected = computeOrgCodeCheck(code.slice(0, 8));
  if (code[8] !== expected) {
    return fail({
      kind: 'check_char',
      position: 9,
      expected,
      got: code[8],
      message: `组织机构代码校验位错误：第9位应为“${expected}”，实际为“${code[8]}”`,
    });
  }
  return { ok: true, kind: 'org', code };
}

/** Validates an internal code `JC-` + 1–40 of [A-Z0-9-]. */
export function validateInternalCode(raw: string): CodeResult {
  const code = normaliseCode(raw);
  if (!INTERNAL_CODE_PATTERN.test(code)) {
    const bad = [...code.slice(INTERNAL_CODE_PREFIX.length)].findIndex(
      (ch) => !/[A-Z0-9-]/.test(ch),
    );
    return fail({
      kind: bad >= 0 ? 'illegal_char' : 'length',
      position: bad >= 0 ? bad + INTERNAL_CODE_PREFIX.length + 1 : undefined,
      got: bad >= 0 ? code[bad + INTERNAL_CODE_PREFIX.length] : String(code.length),
      message: '内部编码应为“JC-”加1至40位大写字母、数字或连字符',
    });
  }
  return { ok: true, kind: 'internal', code };
}

/**
 * Decides which kind of identification code `raw` is and validates it: `JC-` prefix → internal,
 * 18 characters → USCC, 9 (or 10 with a hyphen) → organisation code, anything else is a length
 * error listing the accepted forms.
 */
export function classifyIdentificationCode(raw: string, options: CodeOptions = {}): CodeResult {
  const code = normaliseCode(raw);
  if (code.length === 0) {
    return fail({
      kind: 'empty',
      message: '标识编码为空（应为统一社会信用代码、组织机构代码或“JC-”开头的内部编码）',
    });
  }
  if (code.startsWith(INTERNAL_CODE_PREFIX)) return validateInternalCode(code);
  if (code.length === 18) return validateUscc(code, options);
  if (code.length === 9 || (code.length === 10 && code[8] === '-')) return validateOrgCode(code);
  return fail({
    kind: 'length',
    got: String(code.length),
    message: `标识编码长度${code.length}位不符合要求：统一社会信用代码18位，组织机构代码9位（XXXXXXXX-X），内部编码以“JC-”开头`,
  });
}

/** What a valid USCC tells about the target: registration authority and organisation type. */
export function describeUscc(code: string): {
  authority: string;
  organisationType: string | undefined;
  regionCode: string;
} {
  const authority = USCC_AUTHORITIES[code[0]];
  return {
    authority: authority?.name ?? code[0],
    organisationType: authority?.types[code[1]],
    regionCode: code.slice(2, 8),
  };
}
