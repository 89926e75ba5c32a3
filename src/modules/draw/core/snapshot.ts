import { compareUtf8, sha256Hex } from './bytes';
import { DrawInputError } from './errors';

/** One eligible target as frozen at commit time: its credit-risk class (信用风险分类) and code. */
export interface TargetRow {
  stratum: string;
  code: string;
}

/** The canonical snapshot (检查对象快照): sorted rows, their `STRATUM,CODE\n` text and its SHA-256. */
export interface TargetSnapshot {
  rows: TargetRow[];
  text: string;
  hash: string;
}

// ',' and line breaks would make the text ambiguous; NUL separates stratum from code in the key;
// other control characters are invisible to the witness reading the published list.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f,]/;

/**
 * Checks one stratum or code. Decision (documented in docs/draw.md): values are Unicode NFC. The
 * builder normalises to NFC before sorting and duplicate detection, so two spellings of one code
 * collide as duplicates; a published snapshot line that is not NFC is not canonical and is rejected.
 */
export function checkSnapshotValue(value: string, field: 'stratum' | 'code', where: string): void {
  const label = field === 'stratum' ? '风险分类 stratum' : '对象代码 code';
  if (typeof value !== 'string' || value.length === 0) {
    throw new DrawInputError(`${where}: ${label} 不能为空 / must not be empty`, field);
  }
  if (FORBIDDEN.test(value)) {
    throw new DrawInputError(
      `${where}: ${label} "${printable(value)}" 含逗号、换行或控制字符 / contains ',', a line break or a control character, which are not accepted`,
      field,
    );
  }
  if (value.trim() !== value) {
    throw new DrawInputError(
      `${where}: ${label} "${value}" 首尾有空白 / has leading or trailing whitespace`,
      field,
    );
  }
}

function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

export function compareRows(a: TargetRow, b: TargetRow): number {
  return compareUtf8(a.stratum, b.stratum) || compareUtf8(a.code, b.code);
}

export function snapshotText(rows: readonly TargetRow[]): string {
  return rows.map((row) => `${row.stratum},${row.code}\n`).join('');
}

/**
 * Freezes the eligible targets. Codes must be unique across the whole snapshot (a target has one
 * credit-risk class); a duplicate is rejected naming the code.
 */
export function buildSnapshot(input: readonly TargetRow[]): TargetSnapshot {
  const rows = input.map((row, index) => {
    const where = `第 ${index + 1} 个对象 / target #${index + 1}`;
    const stratum = typeof row.stratum === 'string' ? row.stratum.normalize('NFC') : row.stratum;
    const code = typeof row.code === 'string' ? row.code.normalize('NFC') : row.code;
    checkSnapshotValue(stratum, 'stratum', where);
    checkSnapshotValue(code, 'code', where);
    return { stratum, code };
  });
  const seen = new Map<string, string>();
  for (const row of rows) {
    const earlier = seen.get(row.code);
    if (earlier !== undefined) {
      throw new DrawInputError(
        `对象代码重复 / duplicate target code "${row.code}" (strata ${earlier} and ${row.stratum}); each code may appear once`,
        'code',
      );
    }
    seen.set(row.code, row.stratum);
  }
  // Encode once: comparing fresh Buffers inside the sort dominates the time on large directories.
  const keyed = rows.map((row) => ({ row, s: Buffer.from(row.stratum), c: Buffer.from(row.code) }));
  keyed.sort((a, b) => Buffer.compare(a.s, b.s) || Buffer.compare(a.c, b.c));
  const sorted = keyed.map((k) => k.row);
  const text = snapshotText(sorted);
  return { rows: sorted, text, hash: sha256Hex(text) };
}

/**
 * Reads published snapshot lines back and insists they are canonical (NFC, sorted, unique), so a
 * verifier never silently repairs a tampered list.
 */
export function parseSnapshotLines(lines: readonly string[]): TargetSnapshot {
  const rows: TargetRow[] = [];
  const codes = new Set<string>();
  lines.forEach((line, index) => {
    const where = `快照第 ${index + 1} 行 / snapshot line ${index + 1}`;
    const parts = typeof line === 'string' ? line.split(',') : [];
    if (parts.length !== 2) {
      throw new DrawInputError(`${where}: 应为 STRATUM,CODE / expected STRATUM,CODE`, 'snapshot');
    }
    const [stratum, code] = parts;
    checkSnapshotValue(stratum, 'stratum', where);
    checkSnapshotValue(code, 'code', where);
    if (stratum.normalize('NFC') !== stratum || code.normalize('NFC') !== code) {
      throw new DrawInputError(`${where}: 未经 NFC 规范化 / not in Unicode NFC`, 'snapshot');
    }
    if (codes.has(code)) {
      throw new DrawInputError(`${where}: 对象代码重复 / duplicate code "${code}"`, 'snapshot');
    }
    codes.add(code);
    const row = { stratum, code };
    if (rows.length > 0 && compareRows(rows[rows.length - 1], row) >= 0) {
      throw new DrawInputError(`${where}: 未按风险分类、代码字节序排列 / not sorted`, 'snapshot');
    }
    rows.push(row);
  });
  const text = snapshotText(rows);
  return { rows, text, hash: sha256Hex(text) };
}

/** Splits a snapshot text (as served from a URL) into its lines; it must end with '\n' unless empty. */
export function snapshotTextToLines(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) {
    throw new DrawInputError(
      '快照文本须以换行结尾 / snapshot text must end with "\\n"',
      'snapshot',
    );
  }
  return text.slice(0, -1).split('\n');
}
