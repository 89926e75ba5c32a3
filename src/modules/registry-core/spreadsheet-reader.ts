/**
 * Streaming reader for import spreadsheets (CSV or xlsx). Rows are yielded one at a time so a
 * million-row directory never sits in memory. File-level problems (empty file, not a table,
 * missing columns, broken CSV quoting) throw `RegistryFileError`; row-level problems (a huge cell,
 * extra cells without a header) travel with the row as `issues` so the importer can reject just
 * that row.
 *
 * `rowNumber` is the row as Excel shows it (the header row is usually 1), so officials can find it.
 */
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { describeMissingColumns, mapHeaders, type HeaderSchema } from './header-schema';
import { normaliseCell } from './normalise';
import { RegistryFileError } from './registry-file-error';
import { decodeText, looksBinary, type DetectedEncoding } from './text-decoding';
import type { RowError } from './types';

export type SpreadsheetFormat = 'csv' | 'xlsx';

export interface ReadRowsOptions<F extends string> {
  /** A hint from the file name; the content decides (a zip is xlsx, text is CSV). */
  format?: SpreadsheetFormat;
  /** When given, values are keyed by field and missing required columns throw. */
  schema?: HeaderSchema<F>;
  /** Longest accepted cell, in characters (default 4,000); longer cells become row issues. */
  maxCellLength?: number;
  /** Reports the CSV encoding detected. */
  onEncoding?: (encoding: DetectedEncoding) => void;
  /** With a schema: reports the header text (as written) used for each field. */
  onHeader?: (headerByField: Partial<Record<F, string>>) => void;
}

export interface RawRow<K extends string = string> {
  rowNumber: number;
  /** Keyed by schema field, or by header text when no schema is given. */
  values: Partial<Record<K, string>>;
  /** Problems found while reading this row; a row with issues should be rejected. */
  issues: RowError[];
}

export const DEFAULT_MAX_CELL_LENGTH = 4000;
/** csv-parse aborts a record beyond this (an unclosed quote swallowing the file). */
const MAX_CSV_RECORD_CHARS = 1_000_000;
const HEAD_BYTES = 8;

type Source = string | Readable | AsyncIterable<Buffer>;

/** Reads rows from a file path or byte stream. */
export function readRows(
  source: Source,
  options?: ReadRowsOptions<string> & { schema?: undefined },
): AsyncGenerator<RawRow>;
export function readRows<F extends string>(
  source: Source,
  options: ReadRowsOptions<F> & { schema: HeaderSchema<F> },
): AsyncGenerator<RawRow<F>>;
export async function* readRows<F extends string>(
  source: Source,
  options: ReadRowsOptions<F> = {},
): AsyncGenerator<RawRow<F>> {
  const bytes = typeof source === 'string' ? createReadStream(source) : source;
  const { head, chunks } = await peek(toBuffers(bytes), HEAD_BYTES);
  if (head.length === 0)
    throw new RegistryFileError('empty_file', '文件为空（0字节），请选择填写好的 CSV 或 xlsx 文件');
  const sniffed = sniffFormat(head);
  if (options.format === 'xlsx' && sniffed !== 'xlsx') {
    throw new RegistryFileError(
      'unrecognised_format',
      '文件扩展名是 .xlsx，但内容不是有效的 xlsx 表格，请用 Excel 重新保存',
    );
  }
  const records = sniffed === 'xlsx' ? xlsxRecords(chunks) : csvRecords(chunks, options.onEncoding);
  // xlsx rows leave out their trailing empty cells; a CSV row shorter than its header was cut
  yield* shapeRows(records, options, sniffed === 'csv');
}

async function* toBuffers(source: Readable | AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  }
}

/** Reads at least `size` bytes (or all) and returns them with a stream that replays them. */
async function peek(
  source: AsyncGenerator<Buffer>,
  size: number,
): Promise<{ head: Buffer; chunks: AsyncGenerator<Buffer> }> {
  const taken: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await source.next();
    if (next.done) break;
    taken.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* taken;
    yield* source;
  }
  return { head: Buffer.concat(taken), chunks: replay() };
}

function sniffFormat(head: Buffer): SpreadsheetFormat {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new RegistryFileError(
      'legacy_xls',
      '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后导入',
    );
  }
  return 'csv';
}

/** A physical row: its Excel row number and its cells. */
interface Record_ {
  rowNumber: number;
  cells: string[];
}

async function* csvRecords(
  chunks: AsyncGenerator<Buffer>,
  onEncoding?: (e: DetectedEncoding) => void,
): AsyncGenerator<Record_> {
  const text = decodeText(chunks, onEncoding);
  const { head, rest } = await peekText(text);
  if (looksBinary(head)) {
    throw new RegistryFileError(
      'unrecognised_format',
      '文件既不是 CSV 也不是 xlsx 表格（内容像是二进制文件），请上传 CSV（UTF-8、GBK/GB18030 或 UTF-16 编码）或 xlsx 文件',
    );
  }
  const parser = parseCsv({
    delimiter: detectDelimiter(head),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  pipeline(Readable.from(rest), parser, () => undefined);
  let rowNumber = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells };
    }
  } catch (error) {
    if (error instanceof RegistryFileError) throw error;
    const near = `第${rowNumber + 1}行附近`;
    const reason =
      error.code === 'CSV_MAX_RECORD_SIZE' || error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? '有未闭合的引号或超大的单元格'
        : String(error.message);
    throw new RegistryFileError('malformed_csv', `CSV 格式错误（${near}）：${reason}`);
  }
}

/** The first decoded text up to the first line break (or 64 KB), and a stream that replays it. */
async function peekText(
  text: AsyncGenerator<string>,
): Promise<{ head: string; rest: AsyncGenerator<string> }> {
  let head = '';
  while (!/[\r\n]/.test(head) && head.length < 65536) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  async function* replay(): AsyncGenerator<string> {
    if (head) yield head;
    yield* text;
  }
  return { head, rest: replay() };
}

/** Comma unless the header line has more tabs or semicolons (Excel "text" exports, EU locales). */
function detectDelimiter(head: string): string {
  const line = head.split(/\r?\n/, 1)[0];
  const count = (ch: string) => line.split(ch).length - 1;
  const candidates: Array<[string, number]> = [
    [',', count(',')],
    ['\t', count('\t')],
    [';', count(';')],
  ];
  return candidates.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

async function* xlsxRecords(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Record_> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { rowNumber: row.number, cells };
      }
      return; // only the first worksheet is the directory; others are notes/instructions
    }
  } catch (error) {
    if (error instanceof RegistryFileError) throw error;
    throw new RegistryFileError(
      'malformed_xlsx',
      `xlsx 文件无法读取（${String(error.message)}），请用 Excel 重新保存后导入`,
    );
  }
}

/** Text of an exceljs cell value: strings, numbers, dates, rich text, formulas, hyperlinks. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: Array<{ text: string }>;
      result?: unknown;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value);
}

async function* shapeRows<F extends string>(
  records: AsyncGenerator<Record_>,
  options: ReadRowsOptions<F>,
  fullWidth: boolean,
): AsyncGenerator<RawRow<F>> {
  const maxCell = options.maxCellLength ?? DEFAULT_MAX_CELL_LENGTH;
  let columns: Map<number, string> | undefined;
  let headerWidth = 0;
  let dataRows = 0;
  for await (const { rowNumber, cells } of records) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (!columns) {
      columns = headerColumns(cells, options.schema, options.onHeader);
      headerWidth = cells.length - [...cells].reverse().findIndex((cell) => cell.trim() !== '');
      continue;
    }
    dataRows++;
    const row = shapeRow(rowNumber, cells, columns, headerWidth, maxCell);
    if (fullWidth && cells.length < headerWidth) {
      row.issues.push({
        rowNumber,
        column: `第${cells.length + 1}列`,
        value: preview(cells.join(',')),
        reason: `本行只有${cells.length}列，表头有${headerWidth}列：行不完整（可能被截断），请补齐各列（空值也要保留分隔符）`,
      });
    }
    yield row as RawRow<F>;
  }
  if (!columns)
    throw new RegistryFileError(
      'no_header',
      '文件中没有表头行（第一行应为列名，如“统一社会信用代码”“名称”）',
    );
  if (dataRows === 0)
    throw new RegistryFileError(
      'no_rows',
      '文件只有表头，没有数据行：没有导入任何内容。请检查文件内容与编码（接受 UTF-8、GBK/GB18030、带 BOM 或不带 BOM 的 UTF-16）',
    );
}

/** Column index → key (schema field or header text); throws when required columns are missing. */
function headerColumns<F extends string>(
  cells: string[],
  schema?: HeaderSchema<F>,
  onHeader?: (headerByField: Partial<Record<F, string>>) => void,
): Map<number, string> {
  const headers = cells.map((cell) => normaliseCell(cell).replace(/^\uFEFF/, ''));
  if (schema) {
    const mapping = mapHeaders(headers, schema);
    if (mapping.missing.length > 0) {
      throw new RegistryFileError(
        'missing_columns',
        describeMissingColumns(mapping.missing, schema),
        mapping.missing,
      );
    }
    onHeader?.(mapping.headerByField);
    return mapping.fieldByColumn;
  }
  const seen = new Set<string>();
  const columns = new Map<number, string>();
  headers.forEach((header, index) => {
    let key = header || `第${index + 1}列`;
    for (let n = 2; seen.has(key); n++) key = `${header}(${n})`;
    seen.add(key);
    columns.set(index, key);
  });
  return columns;
}

function shapeRow(
  rowNumber: number,
  cells: string[],
  columns: Map<number, string>,
  headerWidth: number,
  maxCell: number,
): RawRow {
  const values: Record<string, string> = {};
  const issues: RowError[] = [];
  cells.forEach((cell, index) => {
    const key = columns.get(index);
    if (key === undefined) {
      if (index >= headerWidth && cell.trim() !== '') {
        issues.push({
          rowNumber,
          column: `第${index + 1}列`,
          value: preview(cell),
          reason: '该单元格超出表头范围（本行列数多于表头，可能多了分隔符）',
        });
      }
      return;
    }
    if (cell.length > maxCell) {
      issues.push({
        rowNumber,
        column: key,
        value: preview(cell),
        reason: `单元格内容过长（${cell.length}个字符，最多${maxCell}个）`,
      });
      values[key] = '';
      return;
    }
    values[key] = cell;
  });
  return { rowNumber, values, issues };
}

/** A short preview of a long value for reports. */
export function preview(value: string, length = 50): string {
  return value.length <= length ? value : `${value.slice(0, length)}…（共${value.length}字符）`;
}
