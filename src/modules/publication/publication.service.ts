import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireRole } from '../auth/access';
import { Department } from '../auth/entities/department.entity';
import type { Principal } from '../auth/roles';
import {
  Inspection,
  InspectionForm,
  InspectionTarget,
  ITEM_RESULTS,
  type ItemResult,
} from '../inspection/entities';
import { ItemsService } from '../items/items.service';
import { publishedTargetName } from './masking';
import { countByResult, currentEntries } from './public-view';
import { PublishedResult, ResultPublication } from './published-result.entity';

export interface CorrectionInput {
  result?: string;
  handling?: string;
  reason: string;
}

export interface PublicationSummary {
  inspectionId: string;
  /** Targets with at least one current (not withdrawn) entry. */
  targets: number;
  /** Current entries (one per published item, after corrections). */
  entries: number;
  /** Current entries per result; 'withheld' and 'withdrawn' for those. */
  byResult: Record<string, number>;
  /** Departments that published, in publication order; unpublished ones do not appear. */
  departments: Array<{
    departmentCode: string;
    departmentName: string;
    entries: number;
    publishedAt: string;
  }>;
}

type NewEntry = Omit<PublishedResult, 'id' | 'publishedAt'>;

const ALREADY_PUBLISHED =
  '本部门结果已公示，不能重复公示；如需更正请提交更正 / already published, submit a correction instead';

/**
 * Results publication (结果公示, NX 27, HN 22): "谁检查、谁录入、谁公开" — each department publishes
 * its own results once all its forms are in. Entries are never edited or deleted: a correction or
 * withdrawal is a new published entry naming the one it replaces.
 */
@Injectable()
export class PublicationService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly items: ItemsService,
  ) {}

  async publishDepartment(
    inspectionId: string,
    departmentCode: string,
    principal: Principal,
  ): Promise<{ entries: number; publishedAt: string }> {
    requireRole(principal, 'dept_officer', 'dept_admin');
    // Not even the office publishes for a department: whoever inspected publishes.
    if (principal.isOffice || principal.departmentCode !== departmentCode)
      throw new ForbiddenException(
        `各部门只能公示本部门的检查结果（谁检查、谁录入、谁公开）：您属于 ${principal.departmentCode}`,
      );
    const inspection = await this.inspection(inspectionId);
    if (!(inspection.confirmedDepartments ?? inspection.departments).includes(departmentCode))
      throw new ForbiddenException(`部门 ${departmentCode} 不是任务 ${inspection.code} 的参与部门`);
    if (inspection.status === 'archived' || inspection.status === 'cancelled')
      throw new ConflictException(`任务 ${inspection.code} 已归档或已撤销，不能公示`);
    if (await this.isPublished(inspectionId, departmentCode))
      throw new ConflictException(ALREADY_PUBLISHED);
    const itemNames = await this.itemNames(inspection.year);
    const publishedAt = new Date();
    try {
      const count = await this.transaction(async (m) => {
        const forms = await this.formsReady(m, inspection, departmentCode);
        const entries = await this.entries(m, inspection, departmentCode, forms, itemNames);
        await m.getRepository(ResultPublication).insert({
          inspectionId,
          departmentCode,
          entryCount: entries.length,
          publishedBy: principal.username,
          publishedAt,
        });
        const rows = entries.map((e) => ({ ...e, publishedBy: principal.username, publishedAt }));
        for (let at = 0; at < rows.length; at += 200)
          await m.getRepository(PublishedResult).insert(rows.slice(at, at + 200));
        const formIds = forms.map((f) => f.id);
        for (let at = 0; at < formIds.length; at += 500)
          await m
            .getRepository(InspectionForm)
            .update({ id: In(formIds.slice(at, at + 500)) }, { publishedAt });
        await this.audit.record(
          {
            actor: principal,
            action: 'results.publish',
            entityType: 'inspection',
            entityId: inspectionId,
            after: { departmentCode, entries: entries.length, forms: formIds.length },
          },
          m,
        );
        return entries.length;
      });
      return { entries: count, publishedAt: publishedAt.toISOString() };
    } catch (err) {
      // Two publications racing: the unique key (inspection_id, department_code) refuses one.
      if (isUniqueViolation(err)) throw new ConflictException(ALREADY_PUBLISHED);
      throw err;
    }
  }

  async isPublished(inspectionId: string, departmentCode: string): Promise<boolean> {
    return this.db
      .getRepository(ResultPublication)
      .exists({ where: { inspectionId, departmentCode } });
  }

  /** Every entry of a task (publications, corrections, withdrawals) in order, for the archive. */
  resultsOf(inspectionId: string): Promise<PublishedResult[]> {
    return this.db
      .getRepository(PublishedResult)
      .find({ where: { inspectionId }, order: { id: 'ASC' } });
  }

  /** What has been published for a task: counts per result, targets, departments published. */
  async summary(inspectionId: string): Promise<PublicationSummary> {
    const publications = await this.db
      .getRepository(ResultPublication)
      .find({ where: { inspectionId }, order: { publishedAt: 'ASC', id: 'ASC' } });
    const names = await this.departmentNames(publications.map((p) => p.departmentCode));
    const current = currentEntries(await this.resultsOf(inspectionId));
    const live = current.filter((e) => e.status !== 'withdrawn');
    return {
      inspectionId,
      targets: new Set(live.map((e) => e.targetCode)).size,
      entries: live.length,
      byResult: countByResult(current),
      departments: publications.map((p) => ({
        departmentCode: p.departmentCode,
        departmentName: names.get(p.departmentCode) ?? p.departmentCode,
        entries: p.entryCount,
        publishedAt: p.publishedAt.toISOString(),
      })),
    };
  }

  /** A correction (更正): a new entry replacing the latest one; the old one stays on record. */
  async correct(
    entryId: number,
    input: CorrectionInput,
    principal: Principal,
  ): Promise<PublishedResult> {
    const entry = await this.latest(entryId, principal);
    const reason = requireReason(input.reason);
    if (input.result === undefined && input.handling === undefined)
      throw new BadRequestException('更正须给出新的检查结果 result 或处理情况 handling');
    if (input.result !== undefined && !ITEM_RESULTS.includes(input.result as ItemResult))
      throw new BadRequestException(`result 须为 ${ITEM_RESULTS.join('、')} 之一`);
    if (entry.withheld)
      throw new BadRequestException(
        `公示信息 ${entryId} 依法不予公示，不能更正为公开内容；如公示有误请撤回`,
      );
    return this.supersede(entry, principal, {
      entryType: 'correction',
      result: input.result ?? entry.result,
      handling: input.handling ?? entry.handling,
      reason,
    });
  }

  /** A withdrawal (撤回): itself a published entry with its reason; the content is no longer shown. */
  async withdraw(
    entryId: number,
    input: { reason: string },
    principal: Principal,
  ): Promise<PublishedResult> {
    const entry = await this.latest(entryId, principal);
    const reason = requireReason(input.reason);
    return this.supersede(entry, principal, {
      entryType: 'withdrawal',
      result: null,
      handling: null,
      reason,
    });
  }

  private async formsReady(
    m: EntityManager,
    inspection: Inspection,
    dept: string,
  ): Promise<InspectionForm[]> {
    const targets = await m
      .getRepository(InspectionTarget)
      .find({ where: { inspectionId: inspection.id }, order: { targetCode: 'ASC' } });
    if (targets.length === 0)
      throw new ConflictException(`任务 ${inspection.code} 尚未抽取检查对象，不能公示`);
    const due = new Set(
      targets.filter((t) => (t.distribution[dept] ?? []).length > 0).map((t) => t.targetCode),
    );
    const forms = (
      await m
        .getRepository(InspectionForm)
        .find({ where: { inspectionId: inspection.id, departmentCode: dept } })
    ).filter((f) => due.has(f.targetCode));
    const have = new Set(forms.map((f) => f.targetCode));
    const missing = [...due].filter((code) => !have.has(code));
    if (missing.length > 0)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `部门 ${dept} 尚有 ${missing.length} 个检查对象未录入检查记录，不能公示：${missing.slice(0, 20).join('、')}${missing.length > 20 ? '…' : ''}`,
        missing,
      });
    return forms.sort((a, b) => a.targetCode.localeCompare(b.targetCode));
  }

  /** One entry per (target, item of the form); withheld items carry the basis and no result. */
  private async entries(
    m: EntityManager,
    inspection: Inspection,
    dept: string,
    forms: InspectionForm[],
    itemNames: Map<string, string>,
  ): Promise<NewEntry[]> {
    const department = await m.getRepository(Department).findOne({ where: { code: dept } });
    const targets = new Map(
      (
        await m.getRepository(InspectionTarget).find({ where: { inspectionId: inspection.id } })
      ).map((t) => [t.targetCode, t]),
    );
    return forms.flatMap((form) => {
      const target = targets.get(form.targetCode) as InspectionTarget;
      return form.items.map((item) => ({
        inspectionId: inspection.id,
        inspectionCode: inspection.code,
        inspectionName: inspection.name,
        departmentCode: dept,
        departmentName: department?.name ?? dept,
        targetCode: form.targetCode,
        targetName: publishedTargetName(target.targetName, target.targetType),
        itemCode: item.itemCode,
        itemName: itemNames.get(item.itemCode) ?? item.itemCode,
        result: item.withhold ? null : item.result,
        handling: item.withhold ? null : item.measures?.trim() || null,
        withheld: !!item.withhold,
        withholdBasis: item.withhold ? item.withhold.basis : null,
        inspectedOn: form.inspectedOn,
        entryType: 'publication' as const,
        supersedesId: null,
        reason: null,
        publishedBy: '',
      }));
    });
  }

  private async itemNames(year: number): Promise<Map<string, string>> {
    const { items } = await this.items.publishedItems(year);
    return new Map(items.map((i) => [i.code, i.name]));
  }

  private async departmentNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db.getRepository(Department).find({ where: { code: In(codes) } });
    return new Map(rows.map((d) => [d.code, d.name]));
  }

  /** The entry to correct or withdraw: the publishing department's, and the latest of its chain. */
  private async latest(entryId: number, principal: Principal): Promise<PublishedResult> {
    requireRole(principal, 'dept_officer', 'dept_admin');
    const entry = await this.db.getRepository(PublishedResult).findOne({ where: { id: entryId } });
    if (!entry) throw new NotFoundException(`公示信息 ${entryId} 不存在`);
    if (principal.isOffice || entry.departmentCode !== principal.departmentCode)
      throw new ForbiddenException(
        `公示信息 ${entryId} 由部门 ${entry.departmentCode} 公示，只能由该部门更正或撤回`,
      );
    if (entry.entryType === 'withdrawal')
      throw new ConflictException(`公示信息 ${entryId} 是撤回记录，不能再更正或撤回`);
    const newer = await this.db
      .getRepository(PublishedResult)
      .findOne({ where: { supersedesId: entryId } });
    if (newer) throw superseded(entryId, Number(newer.id));
    return entry;
  }

  private async supersede(
    entry: PublishedResult,
    principal: Principal,
    change: Pick<PublishedResult, 'entryType' | 'result' | 'handling' | 'reason'>,
  ): Promise<PublishedResult> {
    const { id: _old, ...copied } = entry;
    try {
      return await this.transaction(async (m) => {
        const inserted = await m.getRepository(PublishedResult).insert({
          ...copied,
          ...change,
          supersedesId: Number(entry.id),
          publishedBy: principal.username,
          publishedAt: new Date(),
        });
        const saved = await m
          .getRepository(PublishedResult)
          .findOneOrFail({ where: { id: Number(inserted.identifiers[0].id) } });
        await this.audit.record(
          {
            actor: principal,
            action: `results.${change.entryType === 'withdrawal' ? 'withdraw' : 'correct'}`,
            entityType: 'published_result',
            entityId: String(saved.id),
            before: { id: entry.id, result: entry.result, handling: entry.handling },
            after: {
              supersedes: entry.id,
              result: saved.result,
              handling: saved.handling,
              reason: saved.reason,
            },
          },
          m,
        );
        return saved;
      });
    } catch (err) {
      // A concurrent correction won: the unique supersedes_id key refuses the second one.
      if (isUniqueViolation(err)) throw superseded(Number(entry.id));
      throw err;
    }
  }

  /**
   * Embedded SQLite has a single connection, on which two transactions at once would nest and
   * fail; this module's transactions are queued there so a race ends in the unique key's 409.
   */
  private transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.db.options.type !== 'better-sqlite3') return this.db.transaction(work);
    const run = this.queue.then(() => this.db.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async inspection(id: string): Promise<Inspection> {
    const inspection = await this.db.getRepository(Inspection).findOne({ where: { id } });
    if (!inspection) throw new NotFoundException(`联合抽查任务 ${id} 不存在`);
    return inspection;
  }
}

function requireReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (!text) throw new BadRequestException('reason 必填：更正或撤回须说明理由');
  return text;
}

function superseded(entryId: number, newer?: number): ConflictException {
  return new ConflictException(
    `公示信息 ${entryId} 已被更正或撤回，请对最新一条${newer ? `（${newer}）` : ''}操作 / entry superseded, act on the latest one`,
  );
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof QueryFailedError && /unique|duplicate/i.test(err.message);
}
