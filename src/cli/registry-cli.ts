/**
 * Shared plumbing of the directory import commands: the CLI principal, the progress indicator on
 * stderr, and the summary line + exit code (0 all rows accepted, 1 rows rejected, 2 bad file).
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { SYSTEM_PRINCIPAL, type Principal } from '../modules/auth/roles';
import { RegistryFileError } from '../modules/registry-core';
import {
  defaultReportPath,
  summaryLine,
  type ImportOutcome,
  type ImportRunOptions,
} from '../modules/targets/import-outcome';

export const CLI_PRINCIPAL: Principal = { ...SYSTEM_PRINCIPAL, username: 'cli' };

export interface ImportCommandOptions {
  report?: string;
}

function progressPrinter(): (rows: number) => void {
  const tty = process.stderr.isTTY;
  return (rows) => {
    if (tty) process.stderr.write(`\r已读取 read ${rows.toLocaleString('en-US')} 行 rows`);
    else if (rows % 100_000 === 0) process.stderr.write(`read ${rows} rows\n`);
  };
}

/** Runs an import and prints its outcome; sets process.exitCode. */
export async function runImport(
  file: string,
  options: ImportCommandOptions,
  run: (opts: ImportRunOptions & { reportPath: string }) => Promise<ImportOutcome>,
): Promise<void> {
  if (!file || !existsSync(file)) {
    console.error(`file not found: ${file ?? '(none)'}`);
    process.exitCode = 2;
    return;
  }
  const ext = extname(file).toLowerCase();
  try {
    const outcome = await run({
      reportPath: options.report ?? defaultReportPath(file),
      format: ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : undefined,
      onProgress: progressPrinter(),
      sourceName: file.split(/[\\/]/).pop(),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (outcome.reportPath) console.log(`rejected rows written to ${outcome.reportPath}`);
    console.log(summaryLine(outcome));
    process.exitCode = outcome.rejected === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof RegistryFileError)) throw error;
    console.error(`${file}: ${error.message}`);
    process.exitCode = 2;
  }
}
