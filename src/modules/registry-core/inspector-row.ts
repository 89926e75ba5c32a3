/** Validation of one inspector-directory row (执法检查人员名录库) into an `InspectorInput`. */
import { INSPECTOR_SCHEMA, type InspectorField } from './header-schema';
import { normaliseCode } from './identification-code';
import { RowErrorCollector } from './row-error-collector';
import { columnNamer, type ParseRowOptions } from './target-row';
import type { InspectorInput, RowResult } from './types';
import {
  parseBoolean,
  parseInspectorStatus,
  parseList,
  parsePhone,
  parseText,
} from './value-parsers';

export type InspectorValues = Partial<Record<InspectorField, string>>;

/**
 * Rules: name and department required; qualification defaults to "has a certificate number";
 * someone marked qualified must have a certificate number; a third-party expert cannot be marked
 * as holding enforcement qualification (experts only assist, NX 16). Duplicate certificate numbers
 * within the file are rejected.
 */
export function parseInspectorRow(
  values: InspectorValues,
  rowNumber: number,
  options: Omit<ParseRowOptions, 'checkEmbeddedOrgCode'> = {},
): RowResult<InspectorInput> {
  const errors = new RowErrorCollector(
    rowNumber,
    values,
    columnNamer(INSPECTOR_SCHEMA, options.headers),
  );
  errors.addIssues(options.issues);

  const name = errors.take('name', parseText(values.name ?? '', 50, '姓名'));
  if (name === null) errors.add('name', '姓名必填');
  const departmentCode = errors.take(
    'departmentCode',
    parseText(values.departmentCode ?? '', 64, '部门/单位'),
  );
  if (departmentCode === null) errors.add('departmentCode', '部门/单位必填');
  const certificateText = errors.take(
    'certificateNo',
    parseText(values.certificateNo ?? '', 50, '执法证号'),
  );
  const certificateNo =
    certificateText === null || certificateText === undefined
      ? certificateText
      : normaliseCode(certificateText);
  const enforcementQualified = errors.take(
    'enforcementQualified',
    parseBoolean(values.enforcementQualified ?? '', Boolean(certificateNo)),
  );
  const thirdPartyExpert = errors.take(
    'thirdPartyExpert',
    parseBoolean(values.thirdPartyExpert ?? '', false),
  );

  if (enforcementQualified && !certificateNo && errors.isClean('certificateNo')) {
    errors.add('certificateNo', '具有执法资格的人员必须填写执法证号');
  }
  if (enforcementQualified && thirdPartyExpert) {
    errors.add('thirdPartyExpert', '第三方专家只能协助检查，不能同时标记为具有执法资格');
  }
  if (certificateNo && options.duplicates) {
    const earlier = options.duplicates.check(certificateNo, rowNumber);
    if (earlier !== undefined) errors.add('certificateNo', `执法证号与第${earlier}行重复`);
  }

  return errors.result<InspectorInput>({
    name: name as string,
    position: errors.take('position', parseText(values.position ?? '', 50, '职务')),
    departmentCode: departmentCode as string,
    certificateNo: certificateNo ?? null,
    phone: errors.take('phone', parsePhone(values.phone ?? '')),
    enforcementQualified,
    expertiseTags: errors.take(
      'expertiseTags',
      parseList(values.expertiseTags ?? '', 50, 30, '业务专长'),
    ),
    thirdPartyExpert,
    status: errors.take('status', parseInspectorStatus(values.status ?? '')),
  });
}
