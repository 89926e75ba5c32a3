import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';
import { ImportFormatError } from './errors';
import { collectRows, type ImportOptions, type RawEntry, type ScheduleImport } from './import-rows';

const HEADER_HELP =
  'CSV 第一行应为表头 date,kind,name 或 日期,类型,名称（名称可省略）/ ' +
  'the first line must be a header: date,kind,name or 日期,类型,名称 (name optional)';

const COLUMN_NAMES: Record<'date' | 'kind' | 'name', string[]> = {
  date: ['date', '日期'],
  kind: ['kind', 'type', '类型', '类别'],
  name: ['name', '名称', '节日', '节假日名称', '说明'],
};

/**
 * Text of an uploaded file. Spreadsheet software in China often saves CSV as GB18030/GBK, so bytes
 * that are not valid UTF-8 are decoded as GB18030.
 */
export function decodeText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    return iconv.decode(Buffer.from(input), 'gb18030');
  }
}

function columnIndex(header: string[], column: keyof typeof COLUMN_NAMES): number {
  return header.findIndex((cell) => COLUMN_NAMES[column].includes(cell.trim().toLowerCase()));
}

/**
 * Parses a CSV schedule with header date,kind,name (or 日期,类型,名称). Throws ImportFormatError only
 * for an unreadable file (broken quoting, no usable header); bad rows become errors.
 */
export function parseScheduleCsv(
  input: string | Uint8Array,
  options: ImportOptions = {},
): ScheduleImport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes wrapped with its parse info (line numbers).
    records = parse(decodeText(input), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new ImportFormatError(
      `CSV 无法读取：${(error as Error).message} / the CSV cannot be read. ${HEADER_HELP}`,
      'csv',
    );
  }
  if (records.length === 0)
    throw new ImportFormatError(`文件为空 / the file is empty. ${HEADER_HELP}`, 'csv');
  const header = records[0].record;
  const [dateAt, kindAt, nameAt] = [
    columnIndex(header, 'date'),
    columnIndex(header, 'kind'),
    columnIndex(header, 'name'),
  ];
  if (dateAt < 0 || kindAt < 0) {
    throw new ImportFormatError(
      `表头无法识别：${header.join(',')} / unrecognised header. ${HEADER_HELP}`,
      'csv',
    );
  }
  const entries: RawEntry[] = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    item: null,
    date: record[dateAt],
    kind: record[kindAt],
    name: nameAt >= 0 ? record[nameAt] : undefined,
  }));
  return collectRows('csv', entries, options.year ?? null);
}
