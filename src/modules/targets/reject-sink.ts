/**
 * Streams rejected rows into the core's reject report (writeRejectReport) while the import is
 * still reading, so a file with a million bad rows never holds them in memory. The report file is
 * created only when the first row is rejected.
 */
import { writeRejectReport, type RowError } from '../registry-core';

export class RejectSink {
  private queue: RowError[] = [];
  private wake?: () => void;
  private closed = false;
  private writing?: Promise<number>;
  rejectedRows = 0;

  constructor(readonly path: string) {}

  /** Records the errors of one rejected row. */
  reject(errors: readonly RowError[]): void {
    this.rejectedRows++;
    this.writing ??= writeRejectReport(this.path, this.drain());
    this.queue.push(...errors);
    this.wake?.();
  }

  /** Waits for the report to be written; the path, or null when nothing was rejected. */
  async close(): Promise<string | null> {
    this.closed = true;
    this.wake?.();
    if (!this.writing) return null;
    await this.writing;
    return this.path;
  }

  private async *drain(): AsyncGenerator<RowError> {
    for (;;) {
      if (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        yield* batch;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
