/**
 * Header schemas: which spellings of a column header (Chinese as officials write them, and English)
 * map to which field, and which columns a file must have. Aliases are in priority order: when a
 * sheet has two columns for one field (e.g. 统一社会信用代码 and 标识编码), the higher-priority one
 * is used and the other ignored.
 *
 * 注册号 (the old 15-digit business registration number) is deliberately not an alias of `code`:
 * NX art. 11 accepts only USCC, organisation code or internal code, so such a column would only
 * produce rejects.
 */
import { normaliseHeader, stripBracketNote } from './normalise';

export interface FieldSpec {
  /** Accepted header spellings, highest priority first; the first is the canonical Chinese name. */
  aliases: string[];
  required: boolean;
}

export type HeaderSchema<F extends string = string> = Record<F, FieldSpec>;

export type TargetField =
  | 'code'
  | 'name'
  | 'type'
  | 'address'
  | 'regionCode'
  | 'industryTags'
  | 'legalRepresentative'
  | 'phone'
  | 'riskClass'
  | 'supervisingDepartments'
  | 'status'
  | 'complaintCount'
  | 'violationCount';

export const TARGET_SCHEMA: HeaderSchema<TargetField> = {
  code: {
    aliases: [
      '统一社会信用代码',
      '标识编码',
      '信用代码',
      '社会信用代码',
      '组织机构代码',
      'code',
      'uscc',
      'identificationcode',
    ],
    required: true,
  },
  name: {
    aliases: ['名称', '企业名称', '对象名称', '主体名称', '检查对象名称', 'name'],
    required: true,
  },
  type: {
    aliases: ['主体类型', '类型', '对象类型', '企业类型', 'type', 'targettype'],
    required: false,
  },
  address: {
    aliases: ['住所', '地址', '经营场所', '住所/经营场所', '住所/经营地址', '经营地址', 'address'],
    required: false,
  },
  regionCode: { aliases: ['行政区划代码', '区划代码', 'regioncode'], required: false },
  industryTags: {
    aliases: ['行业', '所属行业', '经营范围', 'industry', 'industrytags'],
    required: false,
  },
  legalRepresentative: {
    aliases: ['法定代表人', '法定代表人/负责人/经营者', '负责人', '经营者', 'legalrepresentative'],
    required: false,
  },
  phone: { aliases: ['联系电话', '电话', '联系方式', 'phone'], required: false },
  riskClass: {
    aliases: ['信用风险分类', '风险分类', '信用风险等级', '风险等级', 'riskclass'],
    required: false,
  },
  supervisingDepartments: {
    aliases: ['监管部门', '监管单位', 'supervisingdepartments'],
    required: false,
  },
  status: { aliases: ['状态', '登记状态', '经营状态', 'status'], required: false },
  complaintCount: {
    aliases: ['投诉次数', '投诉举报次数', 'complaintcount', 'complaints'],
    required: false,
  },
  violationCount: {
    aliases: ['违法记录', '违法次数', '违法记录次数', 'violationcount', 'violations'],
    required: false,
  },
};

export type InspectorField =
  | 'name'
  | 'position'
  | 'departmentCode'
  | 'certificateNo'
  | 'phone'
  | 'enforcementQualified'
  | 'expertiseTags'
  | 'thirdPartyExpert'
  | 'status';

export const INSPECTOR_SCHEMA: HeaderSchema<InspectorField> = {
  name: { aliases: ['姓名', 'name'], required: true },
  position: { aliases: ['职务', '职位', 'position'], required: false },
  departmentCode: {
    aliases: [
      '部门',
      '单位',
      '部门代码',
      '单位代码',
      '所属部门',
      '所属单位',
      'department',
      'departmentcode',
    ],
    required: true,
  },
  certificateNo: {
    aliases: ['执法证号', '执法证件号', '执法证编号', '证号', 'certificateno', 'certificate'],
    required: false,
  },
  phone: { aliases: ['联系电话', '电话', '联系方式', 'phone'], required: false },
  enforcementQualified: {
    aliases: ['执法资格', '是否具有执法资格', 'enforcementqualified', 'qualified'],
    required: false,
  },
  expertiseTags: { aliases: ['业务专长', '专长', 'expertise', 'expertisetags'], required: false },
  thirdPartyExpert: {
    aliases: ['第三方专家', '是否第三方专家', '专家', 'thirdpartyexpert', 'expert'],
    required: false,
  },
  status: { aliases: ['状态', '人员状态', 'status'], required: false },
};

export type RelabelField = 'code' | 'riskClass';

export const RELABEL_SCHEMA: HeaderSchema<RelabelField> = {
  code: { aliases: TARGET_SCHEMA.code.aliases, required: true },
  riskClass: { aliases: [...TARGET_SCHEMA.riskClass.aliases, '分类', 'class'], required: true },
};

export interface HeaderMapping<F extends string> {
  /** Column index → field, for the columns used. */
  fieldByColumn: Map<number, F>;
  /** Field → header text as written in the file (for error reports). */
  headerByField: Partial<Record<F, string>>;
  /** Required fields with no matching column. */
  missing: F[];
}

/**
 * Matches a header row against a schema: exact (normalised) spelling first, then the spelling with
 * a bracketed note removed (`联系电话（手机）`).
 */
export function mapHeaders<F extends string>(
  headers: string[],
  schema: HeaderSchema<F>,
): HeaderMapping<F> {
  const normalised = headers.map(normaliseHeader);
  const stripped = normalised.map(stripBracketNote);
  const fieldByColumn = new Map<number, F>();
  const headerByField: Partial<Record<F, string>> = {};
  const missing: F[] = [];
  for (const field of Object.keys(schema) as F[]) {
    const column = findColumn(
      schema[field].aliases.map(normaliseHeader),
      normalised,
      stripped,
      fieldByColumn,
    );
    if (column === undefined) {
      if (schema[field].required) missing.push(field);
      continue;
    }
    fieldByColumn.set(column, field);
    headerByField[field] = headers[column].trim();
  }
  return { fieldByColumn, headerByField, missing };
}

function findColumn(
  aliases: string[],
  normalised: string[],
  stripped: string[],
  taken: Map<number, unknown>,
): number | undefined {
  for (const candidates of [normalised, stripped]) {
    for (const alias of aliases) {
      const index = candidates.findIndex((header, i) => header === alias && !taken.has(i));
      if (index >= 0) return index;
    }
  }
  return undefined;
}

/** A message naming each missing column and the spellings accepted for it. */
export function describeMissingColumns<F extends string>(
  missing: F[],
  schema: HeaderSchema<F>,
): string {
  return missing
    .map(
      (field) =>
        `缺少必需的列“${schema[field].aliases[0]}”（可用表头：${schema[field].aliases.join('、')}）`,
    )
    .join('；');
}
