/**
 * Remembers which row first used each key (identification code, certificate number) in one import
 * file, so the second occurrence can be rejected with a reason naming the first row.
 *
 * Memory: one Map entry per distinct key (a short flat string and a small integer), roughly
 * 80–100 bytes each, i.e. under 100 MB for a million rows. Rows themselves are never kept.
 */
export class DuplicateTracker {
  private readonly firstRow = new Map<string, number>();

  /**
   * Records `key` at `rowNumber`; returns the earlier row number if the key was already seen
   * (the key is not re-recorded), otherwise undefined.
   */
  check(key: string, rowNumber: number): number | undefined {
    const earlier = this.firstRow.get(key);
    if (earlier !== undefined) return earlier;
    // Copy the key so it does not pin the (possibly large) chunk string it was sliced from.
    this.firstRow.set(flatCopy(key), rowNumber);
    return undefined;
  }

  get size(): number {
    return this.firstRow.size;
  }
}

function flatCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
