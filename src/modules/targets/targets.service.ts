import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireOffice, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import {
  importRiskRelabels,
  importTargets,
  type ImportSource,
  type RiskRelabelInput,
  type RowError,
} from '../registry-core';
import { scopeConditions, whereClause, type EligibleScope } from './eligible-scope';
import type { ImportOutcome, ImportRunOptions } from './import-outcome';
import { importInBatches } from './batched-import';
import { dateParam, dialectOf, likeEscape, placeholders, splitList } from './sql-dialect';
import { TargetBatchWriter, type BatchRow } from './target-batch-writer';

/** Rows per multi-row upsert statement and transaction. */
const STREAM_PAGE = 5000;

export interface TargetQuery {
  code?: string;
  name?: string;
  region?: string;
  riskClass?: string;
  department?: string;
  tag?: string;
  type?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export interface EligibleTarget {
  code: string;
  riskClass: string | null;
  regionCode: string | null;
}

const LIST_COLUMNS =
  'code, code_kind, name, type, address, region_code, industry_tags, legal_representative, phone, risk_class, risk_class_set_at, supervising_departments, status, complaint_count, violation_count, updated_at';

/**
 * The target directory (检查对象名录库): streaming imports with per-row reports, monthly credit-risk
 * relabels with history, search, and the eligible-target stream the draw reads.
 */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Imports a CSV/xlsx file (UTF-8 or GBK), upserting by identification code. */
  async importFile(
    source: ImportSource,
    principal: Principal,
    options: ImportRunOptions & { reportPath: string },
  ): Promise<ImportOutcome> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const writer = new TargetBatchWriter(this.db);
    const context = {
      actor: principal.username,
      source: `导入 ${options.sourceName ?? 'file'}`,
      now: new Date(),
    };
    const outcome = await importInBatches(
      (onEncoding) => importTargets(source, { format: options.format, onEncoding }),
      options,
      (batch: BatchRow[]) => writer.write(batch, context),
    );
    await this.audit.record({
      actor: principal,
      action: 'targets.import',
      entityType: 'target_directory',
      entityId: options.sourceName ?? 'file',
      after: { ...outcome, reportPath: outcome.reportPath && basename(outcome.reportPath) },
    });
    return outcome;
  }

  /** Monthly credit-risk relabel (信用风险分类, NX 7): a file of (code, class); history is kept. */
  async relabelFile(
    source: ImportSource,
    principal: Principal,
    options: ImportRunOptions & { reportPath: string },
  ): Promise<ImportOutcome> {
    requireOffice(principal);
    const context = {
      actor: principal.username,
      source: `信用风险分类 ${options.sourceName ?? 'file'}`,
      now: new Date(),
    };
    const outcome = await importInBatches(
      (onEncoding) => importRiskRelabels(source, { format: options.format, onEncoding }),
      options,
      (batch) => this.relabelBatch(batch, context),
    );
    await this.audit.record({
      actor: principal,
      action: 'targets.relabel',
      entityType: 'target_directory',
      entityId: options.sourceName ?? 'file',
      after: { ...outcome, reportPath: outcome.reportPath && basename(outcome.reportPath) },
    });
    return outcome;
  }

  private async relabelBatch(
    batch: Array<{ rowNumber: number; value: RiskRelabelInput }>,
    context: { actor: string; source: string; now: Date },
  ): Promise<{ updated: number; unchanged: number; rejected: RowError[][] }> {
    const dialect = dialectOf(this.db);
    const now = dateParam(dialect, context.now);
    return this.db.transaction(async (manager) => {
      const codes = batch.map((r) => r.value.code);
      const rows: Array<{ code: string; risk_class: string | null }> = await manager.query(
        `SELECT code, risk_class FROM targets WHERE code IN (${codes.map(() => '?').join(',')})`,
        codes,
      );
      const current = new Map(rows.map((r) => [r.code, r.risk_class]));
      const result = { updated: 0, unchanged: 0, rejected: [] as RowError[][] };
      const byClass = new Map<string, string[]>();
      const history: unknown[] = [];
      for (const { rowNumber, value } of batch) {
        if (!current.has(value.code)) {
          result.rejected.push([
            {
              rowNumber,
              column: '统一社会信用代码',
              value: value.code,
              reason: '检查对象名录库中没有此标识编码，请先导入该对象',
            },
          ]);
        } else if (current.get(value.code) === value.riskClass) {
          result.unchanged++;
        } else {
          result.updated++;
          byClass.set(value.riskClass, [...(byClass.get(value.riskClass) ?? []), value.code]);
          history.push(
            value.code,
            current.get(value.code),
            value.riskClass,
            now,
            context.source,
            context.actor,
          );
        }
      }
      for (const [riskClass, changed] of byClass) {
        await manager.query(
          `UPDATE targets SET risk_class = ?, risk_class_set_at = ?, updated_at = ? WHERE code IN (${changed.map(() => '?').join(',')})`,
          [riskClass, now, now, ...changed],
        );
      }
      if (history.length > 0)
        await manager.query(
          `INSERT INTO risk_class_history (target_code, old_class, new_class, set_at, source, actor) VALUES ${placeholders(history.length / 6, 6)}`,
          history,
        );
      return result;
    });
  }

  /** Search and paging (检索) over the directory, for officials. */
  async search(query: TargetQuery, principal: Principal) {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const conditions = scopeConditions({
      statuses: query.status ? [query.status] : [],
      riskClasses: query.riskClass ? [query.riskClass] : undefined,
      departmentCodes: query.department ? [query.department] : undefined,
      industryTags: query.tag ? [query.tag] : undefined,
      targetTypes: query.type ? [query.type] : undefined,
      regionCodes: query.region ? [query.region] : undefined,
    });
    if (query.code)
      conditions.push({
        sql: `code LIKE ? ESCAPE '!'`,
        params: [`${likeEscape(query.code.toUpperCase())}%`],
      });
    if (query.name)
      conditions.push({ sql: `name LIKE ? ESCAPE '!'`, params: [`%${likeEscape(query.name)}%`] });
    const where = whereClause(conditions);
    const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    const [{ total }] = await this.db.query(
      `SELECT COUNT(*) AS total FROM targets${where.sql}`,
      where.params,
    );
    const rows = await this.db.query(
      `SELECT ${LIST_COLUMNS} FROM targets${where.sql} ORDER BY code LIMIT ? OFFSET ?`,
      [...where.params, pageSize, (page - 1) * pageSize],
    );
    return { total: Number(total), page, pageSize, items: rows.map(toView) };
  }

  /** One target with its credit-risk class history. */
  async get(code: string, principal: Principal) {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const [row] = await this.db.query(`SELECT ${LIST_COLUMNS} FROM targets WHERE code = ?`, [code]);
    if (!row) throw new NotFoundException(`检查对象名录库中没有标识编码“${code}”`);
    const history = await this.db.query(
      'SELECT old_class, new_class, set_at, source, actor FROM risk_class_history WHERE target_code = ? ORDER BY id',
      [code],
    );
    return {
      ...toView(row),
      riskClassHistory: history.map((h: Record<string, unknown>) => ({
        oldClass: h.old_class,
        newClass: h.new_class,
        setAt: asIso(h.set_at),
        source: h.source,
        actor: h.actor,
      })),
    };
  }

  /**
   * Eligible targets of a scope, minus exclusions, ordered by code, streamed page by page (keyset
   * paging on the primary key) so a million-row directory is never held at once. Used by the draw.
   */
  async *streamEligible(scope: EligibleScope): AsyncGenerator<EligibleTarget> {
    const conditions = scopeConditions(scope);
    let after: string | null = null;
    for (;;) {
      const page = [...conditions];
      if (after !== null) page.push({ sql: 'code > ?', params: [after] });
      const where = whereClause(page);
      const rows: Array<{ code: string; risk_class: string | null; region_code: string | null }> =
        await this.db.query(
          `SELECT code, risk_class, region_code FROM targets${where.sql} ORDER BY code LIMIT ${STREAM_PAGE}`,
          where.params,
        );
      for (const row of rows)
        yield { code: row.code, riskClass: row.risk_class, regionCode: row.region_code };
      if (rows.length < STREAM_PAGE) return;
      after = rows[rows.length - 1].code;
    }
  }

  /** Records an inspection of a target for an item (the results module calls this). */
  async recordInspection(
    targetCode: string,
    itemCode: string,
    inspectedOn: string,
    source?: string,
  ): Promise<void> {
    await this.db.query(
      'INSERT INTO target_inspections (target_code, item_code, inspected_on, source) VALUES (?, ?, ?, ?)',
      [targetCode, itemCode, inspectedOn, source ?? null],
    );
  }
}

function asIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return new Date(`${String(value).replace(' ', 'T')}Z`).toISOString();
}

function toView(row: Record<string, unknown>) {
  return {
    code: row.code as string,
    codeKind: row.code_kind as string,
    name: row.name as string,
    type: row.type as string,
    address: row.address as string | null,
    regionCode: row.region_code as string | null,
    industryTags: splitList(row.industry_tags as string),
    legalRepresentative: row.legal_representative as string | null,
    phone: row.phone as string | null,
    riskClass: row.risk_class as string | null,
    riskClassSetAt: asIso(row.risk_class_set_at),
    supervisingDepartments: splitList(row.supervising_departments as string),
    status: row.status as string,
    complaintCount: Number(row.complaint_count),
    pastViolation: Number(row.violation_count) > 0,
    violationCount: Number(row.violation_count),
    updatedAt: asIso(row.updated_at),
  };
}
