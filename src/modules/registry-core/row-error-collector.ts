/** Collects the errors of one row, keyed by field, naming the column as written in the file. */
import { preview } from './spreadsheet-reader';
import type { RowError, RowResult } from './types';
import type { Parsed } from './value-parsers';

export class RowErrorCollector {
  private readonly errors: RowError[] = [];
  private readonly failedFields = new Set<string>();

  constructor(
    private readonly rowNumber: number,
    private readonly values: Partial<Record<string, string>>,
    private readonly columnName: (field: string) => string,
  ) {}

  /** Records a reason for `field`; only the first reason per field is kept. */
  add(field: string, reason: string): void {
    if (this.failedFields.has(field)) return;
    this.failedFields.add(field);
    this.errors.push({
      rowNumber: this.rowNumber,
      column: this.columnName(field),
      value: preview(this.values[field] ?? ''),
      reason,
    });
  }

  /** The parsed value, or (after recording the reason) a placeholder that is never returned as ok. */
  take<T>(field: string, parsed: Parsed<T>): T {
    if (parsed.ok) return parsed.value;
    this.add(field, parsed.reason);
    return undefined as T;
  }

  isClean(field: string): boolean {
    return !this.failedFields.has(field);
  }

  /**
   * Adds reader issues (huge cells, extra cells) found before parsing; their `column` is the field
   * key (or a column label for cells outside the header) and is translated to the header text.
   */
  addIssues(issues: readonly RowError[] = []): void {
    for (const issue of issues) {
      this.failedFields.add(issue.column);
      this.errors.push({ ...issue, column: this.columnName(issue.column) });
    }
  }

  result<T>(value: T): RowResult<T> {
    return this.errors.length === 0
      ? { ok: true, rowNumber: this.rowNumber, value }
      : { ok: false, errors: this.errors };
  }
}
