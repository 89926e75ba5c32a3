/** Validation of one row of a monthly credit-risk relabel file (信用风险分类结果, NX 7, 11). */
import { RELABEL_SCHEMA, type RelabelField } from './header-schema';
import { classifyIdentificationCode } from './identification-code';
import { RowErrorCollector } from './row-error-collector';
import { columnNamer, type ParseRowOptions } from './target-row';
import type { RiskRelabelInput, RowResult } from './types';
import { parseRiskClass } from './value-parsers';

export type RelabelValues = Partial<Record<RelabelField, string>>;

export function parseRelabelRow(
  values: RelabelValues,
  rowNumber: number,
  options: ParseRowOptions = {},
): RowResult<RiskRelabelInput> {
  const errors = new RowErrorCollector(
    rowNumber,
    values,
    columnNamer(RELABEL_SCHEMA, options.headers),
  );
  errors.addIssues(options.issues);
  const codeResult = classifyIdentificationCode(values.code ?? '', options);
  if (!codeResult.ok) errors.add('code', codeResult.error.message);
  const riskClass = errors.take('riskClass', parseRiskClass(values.riskClass ?? ''));
  if (riskClass === null)
    errors.add('riskClass', '信用风险分类必填（A/B/C/D 或 低风险/一般风险/较高风险/高风险）');
  if (codeResult.ok && options.duplicates) {
    const earlier = options.duplicates.check(codeResult.code, rowNumber);
    if (earlier !== undefined) errors.add('code', `标识编码与第${earlier}行重复`);
  }
  return errors.result<RiskRelabelInput>({
    code: codeResult.ok ? codeResult.code : '',
    riskClass: riskClass as RiskRelabelInput['riskClass'],
  });
}
