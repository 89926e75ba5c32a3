/**
 * Importers for a year's holiday schedule (年度放假安排) uploaded by the joint-meeting office.
 * Each returns rows plus per-entry errors and warnings and never throws on bad entries; only a file
 * that cannot be read at all raises ImportFormatError.
 */
import { ImportFormatError } from './errors';
import { parseScheduleCsv } from './import-csv';
import { parseScheduleIcs } from './import-ics';
import { parseScheduleJson } from './import-json';
import { decodeText } from './import-csv';
import type { ImportOptions, ScheduleImport } from './import-rows';

export { parseScheduleCsv, decodeText } from './import-csv';
export { parseScheduleIcs } from './import-ics';
export { parseScheduleJson } from './import-json';
export {
  normalizeDate,
  normalizeKind,
  type ImportedDay,
  type ImportIssue,
  type ImportOptions,
  type ScheduleImport,
} from './import-rows';

export type ScheduleFormat = 'json' | 'csv' | 'ics';

/** Picks the format from a file name's extension, or null when it is not .json/.csv/.ics. */
export function formatFromFileName(fileName: string): ScheduleFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'csv' || extension === 'ics' ? extension : null;
}

export function parseSchedule(
  format: ScheduleFormat,
  input: string | Uint8Array,
  options: ImportOptions = {},
): ScheduleImport {
  switch (format) {
    case 'json':
      return parseScheduleJson(decodeText(input), options);
    case 'csv':
      return parseScheduleCsv(input, options);
    case 'ics':
      return parseScheduleIcs(input, options);
    default:
      throw new ImportFormatError(
        `不支持的格式：${String(format)}，支持 json、csv、ics / unsupported format; use json, csv or ics`,
        'json',
      );
  }
}
