import type { RowError, RowResult } from '../registry-core';
import type { ImportOutcome, ImportRunOptions } from './import-outcome';
import { RejectSink } from './reject-sink';

/** Rows written per statement/transaction. */
export const IMPORT_BATCH_SIZE = 1000;

export interface BatchResult {
  imported?: number;
  updated: number;
  unchanged: number;
  rejected: readonly (readonly RowError[])[];
}

/**
 * Streams parsed rows into batches of IMPORT_BATCH_SIZE: bad rows go to the reject report, good
 * ones to `write`; counts accumulate in the outcome. The report is closed whatever happens.
 */
export async function importInBatches<T>(
  rows: (onEncoding: (encoding: string) => void) => AsyncIterable<RowResult<T>>,
  options: ImportRunOptions & { reportPath: string },
  write: (batch: { rowNumber: number; value: T }[]) => Promise<BatchResult>,
): Promise<ImportOutcome> {
  const sink = new RejectSink(options.reportPath);
  const outcome: ImportOutcome = {
    rows: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    reportPath: null,
  };
  let batch: { rowNumber: number; value: T }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const result = await write(batch);
    batch = [];
    outcome.imported += result.imported ?? 0;
    outcome.updated += result.updated;
    outcome.unchanged += result.unchanged;
    for (const errors of result.rejected) sink.reject(errors);
  };
  try {
    for await (const row of rows((e) => (outcome.encoding = e))) {
      outcome.rows++;
      if (row.ok) batch.push({ rowNumber: row.rowNumber, value: row.value });
      else sink.reject(row.errors);
      if (batch.length >= IMPORT_BATCH_SIZE) await flush();
      if (options.onProgress && outcome.rows % (options.progressEvery ?? 10_000) === 0) {
        options.onProgress(outcome.rows);
      }
    }
    await flush();
  } finally {
    outcome.rejected = sink.rejectedRows;
    outcome.reportPath = await sink.close();
  }
  options.onProgress?.(outcome.rows);
  return outcome;
}
