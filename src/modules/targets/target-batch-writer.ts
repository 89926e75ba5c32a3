/**
 * Writes one batch of validated directory rows: reads the stored rows of the batch's codes,
 * compares, and upserts only new or changed rows in one multi-row statement, inside one
 * transaction with their risk-class history. Comparing first makes re-imports write nothing and
 * gives exact counts on both dialects (MySQL's affected-rows count depends on client flags).
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { RowError, TargetInput } from '../registry-core';
import {
  dateParam,
  dialectOf,
  joinList,
  placeholders,
  upsertSql,
  type Dialect,
} from './sql-dialect';

export interface BatchRow {
  rowNumber: number;
  value: TargetInput;
}

export interface BatchResult {
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows the database refused (e.g. a value its column cannot hold). */
  rejected: RowError[][];
}

export interface BatchContext {
  actor: string;
  source: string;
  now: Date;
}

const COLUMNS = [
  'code',
  'code_kind',
  'name',
  'type',
  'address',
  'region_code',
  'industry_tags',
  'legal_representative',
  'phone',
  'risk_class',
  'risk_class_set_at',
  'supervising_departments',
  'status',
  'complaint_count',
  'violation_count',
  'created_at',
  'updated_at',
] as const;
/** Compared to decide "changed"; timestamps are derived. */
const COMPARED = COLUMNS.slice(1, 15).filter((c) => c !== 'risk_class_set_at');
const UPDATED = COLUMNS.filter((c) => c !== 'code' && c !== 'created_at');
const HISTORY_COLUMNS = ['target_code', 'old_class', 'new_class', 'set_at', 'source', 'actor'];

type StoredRow = Record<(typeof COLUMNS)[number], unknown>;

function comparable(target: TargetInput): Record<string, string | number | null> {
  return {
    code_kind: target.codeKind,
    name: target.name,
    type: target.type,
    address: target.address,
    region_code: target.regionCode,
    industry_tags: joinList(target.industryTags),
    legal_representative: target.legalRepresentative,
    phone: target.phone,
    risk_class: target.riskClass,
    supervising_departments: joinList(target.supervisingDepartments),
    status: target.status,
    complaint_count: target.complaintCount,
    violation_count: target.violationCount,
  };
}

function sameAsStored(wanted: Record<string, unknown>, stored: StoredRow): boolean {
  return COMPARED.every((c) => {
    const a = wanted[c] ?? null;
    const b = stored[c] ?? null;
    return typeof a === 'number' ? a === Number(b) : a === b;
  });
}

export class TargetBatchWriter {
  private readonly dialect: Dialect;

  constructor(private readonly db: DataSource) {
    this.dialect = dialectOf(db);
  }

  async write(batch: readonly BatchRow[], context: BatchContext): Promise<BatchResult> {
    try {
      return await this.db.transaction((manager) => this.writeIn(manager, batch, context));
    } catch (error) {
      // One row the database refuses must not sink the others: retry the batch row by row.
      if (batch.length === 1) {
        return {
          imported: 0,
          updated: 0,
          unchanged: 0,
          rejected: [[dbError(batch[0], error)]],
        };
      }
      const total: BatchResult = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
      for (const row of batch) {
        const one = await this.write([row], context);
        total.imported += one.imported;
        total.updated += one.updated;
        total.unchanged += one.unchanged;
        total.rejected.push(...one.rejected);
      }
      return total;
    }
  }

  private async writeIn(
    manager: EntityManager,
    batch: readonly BatchRow[],
    context: BatchContext,
  ): Promise<BatchResult> {
    const stored = await this.storedRows(
      manager,
      batch.map((r) => r.value.code),
    );
    const now = dateParam(this.dialect, context.now);
    const values: unknown[] = [];
    const history: unknown[] = [];
    const result: BatchResult = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
    for (const row of batch) {
      const existing = stored.get(row.value.code);
      // A blank class in a directory file keeps the stored one: the monthly relabel owns it.
      const value = {
        ...row.value,
        riskClass:
          row.value.riskClass ?? ((existing?.risk_class ?? null) as TargetInput['riskClass']),
      };
      const wanted = comparable(value);
      if (existing && sameAsStored(wanted, existing)) {
        result.unchanged++;
        continue;
      }
      const oldClass = (existing?.risk_class ?? null) as string | null;
      const classChanged = existing ? oldClass !== value.riskClass : value.riskClass !== null;
      if (existing) result.updated++;
      else result.imported++;
      if (classChanged)
        history.push(value.code, oldClass, value.riskClass, now, context.source, context.actor);
      values.push(
        value.code,
        ...COMPARED.slice(0, 9).map((c) => wanted[c]),
        classChanged ? (value.riskClass === null ? null : now) : existing?.risk_class_set_at,
        wanted.supervising_departments,
        wanted.status,
        wanted.complaint_count,
        wanted.violation_count,
        existing?.created_at ?? now,
        now,
      );
    }
    const rows = values.length / COLUMNS.length;
    if (rows > 0)
      await manager.query(
        upsertSql(this.dialect, 'targets', COLUMNS, 'code', UPDATED, rows),
        values,
      );
    if (history.length > 0) {
      await manager.query(
        `INSERT INTO risk_class_history (${HISTORY_COLUMNS.join(',')}) VALUES ${placeholders(history.length / HISTORY_COLUMNS.length, HISTORY_COLUMNS.length)}`,
        history,
      );
    }
    return result;
  }

  private async storedRows(
    manager: EntityManager,
    codes: string[],
  ): Promise<Map<string, StoredRow>> {
    const rows: StoredRow[] = await manager.query(
      `SELECT ${COLUMNS.join(',')} FROM targets WHERE code IN (${codes.map(() => '?').join(',')})`,
      codes,
    );
    return new Map(rows.map((row) => [row.code as string, row]));
  }
}

function dbError(row: BatchRow, error: unknown): RowError {
  return {
    rowNumber: row.rowNumber,
    column: '',
    value: row.value.code,
    reason: `数据库拒绝写入此行：${(error as Error).message.slice(0, 200)}`,
  };
}
