/**
 * File → validated rows, for each directory kind: reads the file with the kind's header schema,
 * validates each row, rejects duplicates within the file. Yields one `RowResult` per data row;
 * throws `RegistryFileError` for file-level problems. The caller persists accepted rows in
 * batches and passes the errors of rejected rows to `writeRejectReport`.
 */
import type { Readable } from 'node:stream';
import { DuplicateTracker } from './duplicate-tracker';
import {
  INSPECTOR_SCHEMA,
  RELABEL_SCHEMA,
  TARGET_SCHEMA,
  type HeaderSchema,
} from './header-schema';
import type { CodeOptions } from './identification-code';
import { parseInspectorRow } from './inspector-row';
import { parseRelabelRow } from './relabel-row';
import { readRows, type ReadRowsOptions } from './spreadsheet-reader';
import { parseTargetRow, type ParseRowOptions } from './target-row';
import type { InspectorInput, RiskRelabelInput, RowResult, TargetInput } from './types';

export type ImportSource = string | Readable | AsyncIterable<Buffer>;
export type ImportOptions = Pick<
  ReadRowsOptions<string>,
  'format' | 'maxCellLength' | 'onEncoding'
> &
  CodeOptions;

type RowParser<F extends string, T> = (
  values: Partial<Record<F, string>>,
  rowNumber: number,
  options: ParseRowOptions,
) => RowResult<T>;

async function* importWith<F extends string, T>(
  source: ImportSource,
  schema: HeaderSchema<F>,
  parse: RowParser<F, T>,
  options: ImportOptions,
): AsyncGenerator<RowResult<T>> {
  const duplicates = new DuplicateTracker();
  let headers: Partial<Record<string, string>> = {};
  const rows = readRows(source, { ...options, schema, onHeader: (found) => (headers = found) });
  for await (const row of rows) {
    yield parse(row.values, row.rowNumber, { ...options, headers, duplicates, issues: row.issues });
  }
}

export function importTargets(
  source: ImportSource,
  options: ImportOptions = {},
): AsyncGenerator<RowResult<TargetInput>> {
  return importWith(source, TARGET_SCHEMA, parseTargetRow, options);
}

export function importInspectors(
  source: ImportSource,
  options: ImportOptions = {},
): AsyncGenerator<RowResult<InspectorInput>> {
  return importWith(source, INSPECTOR_SCHEMA, parseInspectorRow, options);
}

export function importRiskRelabels(
  source: ImportSource,
  options: ImportOptions = {},
): AsyncGenerator<RowResult<RiskRelabelInput>> {
  return importWith(source, RELABEL_SCHEMA, parseRelabelRow, options);
}
