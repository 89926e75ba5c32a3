/**
 * Validation of one target-directory row (检查对象名录库) into a `TargetInput`, collecting every
 * problem in the row (not just the first) so officials can fix a row in one pass.
 */
import type { TargetField } from './header-schema';
import { TARGET_SCHEMA } from './header-schema';
import { classifyIdentificationCode, describeUscc, type CodeOptions } from './identification-code';
import { RowErrorCollector } from './row-error-collector';
import type { DuplicateTracker } from './duplicate-tracker';
import {
  parseCount,
  parseList,
  parsePhone,
  parseRegionCode,
  parseRiskClass,
  parseTargetStatus,
  parseTargetType,
  parseText,
} from './value-parsers';
import type { RowError, RowResult, TargetInput, TargetType } from './types';

export type TargetValues = Partial<Record<TargetField, string>>;

export interface ParseRowOptions extends CodeOptions {
  /** Header text per field as written in the file, for error reports. */
  headers?: Partial<Record<string, string>>;
  /** Rejects the second occurrence of a code within one file. */
  duplicates?: DuplicateTracker;
  /** Issues the reader found in this row (`RawRow.issues`). */
  issues?: readonly RowError[];
}

/** Header text for a field: as written in the file, else the schema's Chinese name. */
export function columnNamer(
  schema: Record<string, { aliases: string[] }>,
  headers?: Partial<Record<string, string>>,
) {
  return (field: string): string => headers?.[field] ?? schema[field]?.aliases[0] ?? field;
}

/** Target type implied by a USCC's registration authority and organisation type (GB 32100). */
function typeFromUscc(code: string): TargetType | undefined {
  const prefix = code.slice(0, 2);
  if (prefix === '91') return 'enterprise';
  if (prefix === '92') return 'individual_business';
  if (prefix === '93') return 'farmer_cooperative';
  if (code[0] === '5') return 'social_organisation';
  return undefined;
}

export function parseTargetRow(
  values: TargetValues,
  rowNumber: number,
  options: ParseRowOptions = {},
): RowResult<TargetInput> {
  const errors = new RowErrorCollector(
    rowNumber,
    values,
    columnNamer(TARGET_SCHEMA, options.headers),
  );
  errors.addIssues(options.issues);

  const codeResult = classifyIdentificationCode(values.code ?? '', options);
  const code = codeResult.ok ? codeResult.code : null;
  if (!codeResult.ok) errors.add('code', codeResult.error.message);

  const name = errors.take('name', parseText(values.name ?? '', 200, '名称'));
  if (name === null) errors.add('name', '名称必填');

  const typeText = (values.type ?? '').trim();
  let type: TargetType | undefined =
    typeText === '' ? undefined : errors.take('type', parseTargetType(typeText));
  if (type === undefined && errors.isClean('type')) {
    type = codeResult.ok && codeResult.kind === 'uscc' ? typeFromUscc(codeResult.code) : undefined;
    // With a bad code the type may become inferable once the code is fixed: report the code only.
    if (type === undefined && codeResult.ok)
      errors.add('type', '对象类型必填（无法从标识编码推断）');
  }

  let regionCode = errors.take('regionCode', parseRegionCode(values.regionCode ?? ''));
  if (regionCode === null && codeResult.ok && codeResult.kind === 'uscc')
    regionCode = describeUscc(codeResult.code).regionCode;

  const target = {
    code,
    codeKind: codeResult.ok ? codeResult.kind : null,
    name,
    type,
    address: errors.take('address', parseText(values.address ?? '', 500, '地址')),
    regionCode,
    industryTags: errors.take(
      'industryTags',
      parseList(values.industryTags ?? '', 200, 100, '行业/经营范围'),
    ),
    legalRepresentative: errors.take(
      'legalRepresentative',
      parseText(values.legalRepresentative ?? '', 100, '法定代表人'),
    ),
    phone: errors.take('phone', parsePhone(values.phone ?? '')),
    riskClass: errors.take('riskClass', parseRiskClass(values.riskClass ?? '')),
    supervisingDepartments: errors.take(
      'supervisingDepartments',
      parseList(values.supervisingDepartments ?? '', 64, 50, '监管部门'),
    ),
    status: errors.take('status', parseTargetStatus(values.status ?? '')),
    complaintCount: errors.take('complaintCount', parseCount(values.complaintCount ?? '')),
    violationCount: errors.take('violationCount', parseCount(values.violationCount ?? '')),
  };

  if (code !== null && options.duplicates) {
    const earlier = options.duplicates.check(code, rowNumber);
    if (earlier !== undefined) errors.add('code', `标识编码与第${earlier}行重复`);
  }
  return errors.result(target as TargetInput);
}
