/** What one directory import did; `updated` counts only rows whose stored values changed. */
export interface ImportOutcome {
  /** Data rows read from the file (blank lines excluded). */
  rows: number;
  /** New entries created. */
  imported: number;
  /** Existing entries whose stored values changed. */
  updated: number;
  /** Existing entries identical to the row: nothing written. */
  unchanged: number;
  /** Rows rejected; their reasons are in `reportPath`. */
  rejected: number;
  reportPath: string | null;
  encoding?: string;
}

export interface ImportRunOptions {
  /** Where to write the reject report (default: next to the file, `<file>.rejected.csv`). */
  reportPath?: string;
  format?: 'csv' | 'xlsx';
  /** Called every `progressEvery` rows (default 10,000) and at the end. */
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  /** Name recorded in the audit entry and history (the file name). */
  sourceName?: string;
}

export function summaryLine(outcome: ImportOutcome): string {
  return `imported ${outcome.imported}, updated ${outcome.updated}, rejected ${outcome.rejected}`;
}

export function defaultReportPath(file: string): string {
  return `${file}.rejected.csv`;
}
