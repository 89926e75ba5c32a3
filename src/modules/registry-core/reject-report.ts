/**
 * Writes the rejected rows of an import as a CSV that Excel opens correctly in Chinese: UTF-8 with
 * a BOM, CRLF line ends. Cells that Excel would run as formulas (=, +, -, @) are prefixed with an
 * apostrophe so a hostile cell in an uploaded file cannot become a formula in the report.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { RowError } from './types';

export const REJECT_REPORT_HEADER = ['行号 Row', '列 Column', '值 Value', '原因 Reason'];

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes the report; `errors` may be an array or a (async) stream of errors. Returns the count. */
export async function writeRejectReport(
  path: string,
  errors: Iterable<RowError> | AsyncIterable<RowError>,
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
  };
  let count = 0;
  try {
    await write('\uFEFF' + REJECT_REPORT_HEADER.map(csvCell).join(',') + '\r\n');
    for await (const error of errors) {
      await write(
        [String(error.rowNumber), error.column, error.value, error.reason].map(csvCell).join(',') +
          '\r\n',
      );
      count++;
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
  return count;
}
