import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import {
  classifyIdentificationCode,
  importInspectors,
  normaliseCode,
  type ImportSource,
  type InspectorInput,
  type InspectorStatus,
  type RowError,
} from '../registry-core';
import type { ImportOutcome, ImportRunOptions } from '../targets/import-outcome';
import { RejectSink } from '../targets/reject-sink';
import type { ConflictDto, InspectorDto, InspectorStatusDto } from './dto/inspector.dto';
import { Inspector, InspectorConflict } from './inspector.entity';

/** What the draw needs of an inspector (matches draw/sources.ts InspectorRecord). */
export interface InspectorRecord {
  name: string;
  certificateNo: string | null;
  departmentCode: string;
  enforcementQualified: boolean;
  expertiseTags: string[];
  thirdPartyExpert: boolean;
  status: string;
  conflictTargetCodes: string[];
  conflictRegions: string[];
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** Fields compared on import to decide whether a row changed anything. */
const COMPARED = [
  'name',
  'position',
  'departmentCode',
  'certificateNo',
  'phone',
  'enforcementQualified',
  'thirdPartyExpert',
  'status',
] as const;

function naturalKey(input: Pick<InspectorInput, 'certificateNo' | 'departmentCode' | 'name'>) {
  return input.certificateNo ?? `${input.departmentCode}/${input.name}`;
}

/**
 * The inspector directory (执法检查人员名录库). A department manages only its own people; the
 * office manages everyone's. Every change, status changes included, is audited.
 */
@Injectable()
export class InspectorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Imports a CSV/xlsx file, upserting by certificate number (else department + name). */
  async importFile(
    source: ImportSource,
    principal: Principal,
    options: ImportRunOptions & { reportPath: string },
  ): Promise<ImportOutcome> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const departments = await this.departmentCodes();
    const sink = new RejectSink(options.reportPath);
    const outcome: ImportOutcome = {
      rows: 0,
      imported: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      reportPath: null,
    };
    try {
      for await (const row of importInspectors(source, {
        format: options.format,
        onEncoding: (e) => (outcome.encoding = e),
      })) {
        outcome.rows++;
        if (!row.ok) {
          sink.reject(row.errors);
          continue;
        }
        const refusal = this.importRefusal(row.value, principal, departments);
        if (refusal) {
          sink.reject([{ rowNumber: row.rowNumber, ...refusal }]);
          continue;
        }
        try {
          const result = await this.upsert(row.value, principal, options.sourceName);
          outcome[result]++;
        } catch (error) {
          sink.reject([dbError(row.rowNumber, row.value, error)]);
        }
      }
    } finally {
      outcome.rejected = sink.rejectedRows;
      outcome.reportPath = await sink.close();
    }
    options.onProgress?.(outcome.rows);
    return outcome;
  }

  private importRefusal(
    value: InspectorInput,
    principal: Principal,
    departments: Set<string>,
  ): Omit<RowError, 'rowNumber'> | undefined {
    if (!departments.has(value.departmentCode))
      return {
        column: '部门',
        value: value.departmentCode,
        reason: `部门代码“${value.departmentCode}”不存在（可用：${[...departments].join('、')}）`,
      };
    if (!principal.isOffice && value.departmentCode !== principal.departmentCode)
      return {
        column: '部门',
        value: value.departmentCode,
        reason: `只能导入本部门（${principal.departmentCode}）的人员`,
      };
    return undefined;
  }

  private async upsert(
    value: InspectorInput,
    principal: Principal,
    sourceName?: string,
  ): Promise<'imported' | 'updated' | 'unchanged'> {
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(Inspector);
      const existing = await repo.findOne({ where: { naturalKey: naturalKey(value) } });
      if (
        existing &&
        COMPARED.every((f) => existing[f] === value[f]) &&
        existing.expertiseTags.join('|') === value.expertiseTags.join('|')
      )
        return 'unchanged';
      const before = existing ? { ...existing } : null;
      const saved = await this.save(manager, existing, value);
      await this.audit.record(
        {
          actor: principal,
          action: existing ? 'inspectors.update' : 'inspectors.create',
          entityType: 'inspector',
          entityId: saved.id,
          before: before && publicFields(before),
          after: publicFields(saved),
          context: { import: sourceName ?? 'file' },
        },
        manager,
      );
      return existing ? 'updated' : 'imported';
    });
  }

  private async save(
    manager: EntityManager,
    existing: Inspector | null,
    value: Omit<InspectorInput, 'status'> & { status?: InspectorStatus; username?: string },
    since?: string,
  ): Promise<Inspector> {
    const repo = manager.getRepository(Inspector);
    const now = new Date();
    const status = value.status ?? existing?.status ?? 'on_duty';
    const entity = existing ?? repo.create({ id: randomUUID(), createdAt: now });
    Object.assign(entity, {
      naturalKey: naturalKey(value),
      name: value.name,
      position: value.position,
      departmentCode: value.departmentCode,
      certificateNo: value.certificateNo,
      phone: value.phone,
      enforcementQualified: value.enforcementQualified,
      expertiseTags: value.expertiseTags,
      thirdPartyExpert: value.thirdPartyExpert,
      statusSince: existing?.status === status ? existing.statusSince : (since ?? today()),
      status,
      updatedAt: now,
    });
    if (value.username !== undefined) entity.username = value.username;
    else if (!existing) entity.username = null;
    try {
      return await repo.save(entity);
    } catch (error) {
      if (/unique|duplicate/i.test((error as Error).message))
        throw new ConflictException(
          /username/i.test((error as Error).message)
            ? `登录账号“${value.username}”已关联其他执法人员`
            : `执法证号“${value.certificateNo}”已被其他人员使用`,
        );
      throw error;
    }
  }

  async create(dto: InspectorDto, principal: Principal): Promise<Inspector> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    requireDepartment(principal, dto.departmentCode);
    const value = await this.validated(dto);
    return this.db.transaction(async (manager) => {
      if (
        await manager.getRepository(Inspector).findOne({ where: { naturalKey: naturalKey(value) } })
      )
        throw new ConflictException(`人员已存在：${naturalKey(value)}`);
      const saved = await this.save(manager, null, value);
      await this.audit.record(
        {
          actor: principal,
          action: 'inspectors.create',
          entityType: 'inspector',
          entityId: saved.id,
          after: publicFields(saved),
        },
        manager,
      );
      return saved;
    });
  }

  async update(id: string, dto: InspectorDto, principal: Principal): Promise<Inspector> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const existing = await this.find(id);
    requireDepartment(principal, existing.departmentCode);
    requireDepartment(principal, dto.departmentCode);
    const value = await this.validated(dto);
    return this.db.transaction(async (manager) => {
      const before = publicFields({ ...existing });
      const saved = await this.save(manager, existing, { ...value, status: existing.status });
      await this.audit.record(
        {
          actor: principal,
          action: 'inspectors.update',
          entityType: 'inspector',
          entityId: id,
          before,
          after: publicFields(saved),
        },
        manager,
      );
      return saved;
    });
  }

  /** Status change (在岗 / 休假 / 调离) from a date; audited with its reason. */
  async changeStatus(
    id: string,
    dto: InspectorStatusDto,
    principal: Principal,
  ): Promise<Inspector> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const existing = await this.find(id);
    requireDepartment(principal, existing.departmentCode);
    return this.db.transaction(async (manager) => {
      const before = { status: existing.status, since: existing.statusSince };
      existing.status = dto.status as InspectorStatus;
      existing.statusSince = dto.since;
      existing.updatedAt = new Date();
      const saved = await manager.getRepository(Inspector).save(existing);
      await this.audit.record(
        {
          actor: principal,
          action: 'inspectors.status',
          entityType: 'inspector',
          entityId: id,
          before,
          after: { status: saved.status, since: saved.statusSince },
          context: { reason: dto.reason ?? null },
        },
        manager,
      );
      return saved;
    });
  }

  async declareConflict(
    id: string,
    dto: ConflictDto,
    principal: Principal,
  ): Promise<InspectorConflict> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const inspector = await this.find(id);
    requireConflictAuthority(principal, inspector);
    const value = this.conflictValue(dto);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(InspectorConflict);
      if (await repo.findOne({ where: { inspectorId: id, kind: dto.kind, value } }))
        throw new ConflictException(`已申报过此利害关系：${dto.kind} ${value}`);
      const saved = await repo.save(
        repo.create({
          inspectorId: id,
          kind: dto.kind,
          value,
          reason: dto.reason,
          declaredAt: new Date(),
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'inspectors.conflict.declare',
          entityType: 'inspector',
          entityId: id,
          after: { kind: dto.kind, value, reason: dto.reason },
        },
        manager,
      );
      return saved;
    });
  }

  /** Withdrawing a recusal puts the inspector back in the draw: his department head or the office. */
  async withdrawConflict(id: string, conflictId: number, principal: Principal): Promise<void> {
    requireRole(principal, 'office', 'dept_admin');
    const inspector = await this.find(id);
    requireDepartment(principal, inspector.departmentCode);
    await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(InspectorConflict);
      const conflict = await repo.findOne({ where: { id: conflictId, inspectorId: id } });
      if (!conflict)
        throw new NotFoundException(`人员 ${id} 没有编号为 ${conflictId} 的利害关系申报`);
      await repo.delete(conflict.id);
      await this.audit.record(
        {
          actor: principal,
          action: 'inspectors.conflict.withdraw',
          entityType: 'inspector',
          entityId: id,
          before: { kind: conflict.kind, value: conflict.value, reason: conflict.reason },
        },
        manager,
      );
    });
  }

  /** Officials see every department's directory (the draw is public); contacts included. */
  /** The office sees every department's inspectors; a department only its own (conflicts included). */
  async list(department: string | undefined, principal: Principal) {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    if (department) requireDepartment(principal, department);
    const scope = department ?? (principal.isOffice ? undefined : principal.departmentCode);
    return this.db.getRepository(Inspector).find({
      where: scope ? { departmentCode: scope } : {},
      relations: { conflicts: true },
      order: { departmentCode: 'ASC', name: 'ASC' },
    });
  }

  async get(id: string, principal: Principal) {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    const inspector = await this.find(id);
    requireDepartment(principal, inspector.departmentCode);
    return inspector;
  }

  /** A department's inspectors with the facts the draw needs (qualification, status, conflicts). */
  async listForDepartment(departmentCode: string): Promise<InspectorRecord[]> {
    const people = await this.db.getRepository(Inspector).find({
      where: { departmentCode },
      relations: { conflicts: true },
      order: { naturalKey: 'ASC' },
    });
    return people.map((p) => ({
      name: p.name,
      certificateNo: p.certificateNo,
      departmentCode: p.departmentCode,
      enforcementQualified: p.enforcementQualified,
      expertiseTags: p.expertiseTags,
      thirdPartyExpert: p.thirdPartyExpert,
      status: p.status,
      conflictTargetCodes: (p.conflicts ?? [])
        .filter((c) => c.kind === 'target')
        .map((c) => c.value),
      conflictRegions: (p.conflicts ?? []).filter((c) => c.kind === 'region').map((c) => c.value),
    }));
  }

  /** The directory entry linked to a login (an inspector account), or null. */
  async byUsername(username: string): Promise<Inspector | null> {
    return this.db.getRepository(Inspector).findOne({ where: { username } });
  }

  private async find(id: string): Promise<Inspector> {
    const found = await this.db
      .getRepository(Inspector)
      .findOne({ where: { id }, relations: { conflicts: true } });
    if (!found) throw new NotFoundException(`执法检查人员名录库中没有编号为 ${id} 的人员`);
    return found;
  }

  private async departmentCodes(): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await this.db.query('SELECT code FROM departments');
    return new Set(rows.map((r) => r.code));
  }

  /** The same rules as an imported row (NX 15, 16), for API input. */
  private async validated(
    dto: InspectorDto,
  ): Promise<Omit<InspectorInput, 'status'> & { username?: string }> {
    if (!(await this.departmentCodes()).has(dto.departmentCode))
      throw new BadRequestException(`部门代码“${dto.departmentCode}”不存在`);
    const certificateNo = dto.certificateNo ? normaliseCode(dto.certificateNo) : null;
    const qualified = dto.enforcementQualified ?? Boolean(certificateNo);
    const expert = dto.thirdPartyExpert ?? false;
    if (qualified && !certificateNo)
      throw new BadRequestException('具有执法资格的人员必须填写执法证号 certificateNo');
    if (qualified && expert)
      throw new BadRequestException('第三方专家只能协助检查，不能同时标记为具有执法资格（NX 16）');
    if (dto.username !== undefined) await this.checkLogin(dto.username, dto.departmentCode);
    return {
      username: dto.username,
      name: dto.name.trim(),
      position: dto.position ?? null,
      departmentCode: dto.departmentCode,
      certificateNo,
      phone: dto.phone ?? null,
      enforcementQualified: qualified,
      expertiseTags: dto.expertiseTags ?? [],
      thirdPartyExpert: expert,
    };
  }

  /** A login linked to an inspector: an existing inspector account of the same department. */
  private async checkLogin(username: string, departmentCode: string): Promise<void> {
    const rows: Array<{ role: string; code: string }> = await this.db.query(
      'SELECT u.role AS role, d.code AS code FROM users u JOIN departments d ON d.id = u.department_id WHERE u.username = ?',
      [username],
    );
    const [user] = rows;
    if (!user || user.role !== 'inspector' || user.code !== departmentCode)
      throw new BadRequestException(
        `登录账号“${username}”须为部门 ${departmentCode} 已有的执法人员（inspector）账号`,
      );
  }

  private conflictValue(dto: ConflictDto): string {
    if (dto.kind === 'region') {
      if (!/^\d{6}$/.test(dto.value)) throw new BadRequestException('行政区划代码应为6位数字');
      return dto.value;
    }
    const code = classifyIdentificationCode(dto.value);
    if (!code.ok) throw new BadRequestException(`检查对象标识编码无效：${code.error.message}`);
    return code.code;
  }
}

/**
 * Who may declare a conflict of interest (利害关系, NX 25) for an inspector — it changes who is
 * matched: the inspector himself (his linked login), his own department's head, or the office.
 */
function requireConflictAuthority(principal: Principal, inspector: Inspector): void {
  if (principal.isOffice) return;
  if (principal.role === 'inspector') {
    if (inspector.username && inspector.username === principal.username) return;
    throw new ForbiddenException(
      `执法人员只能为本人申报利害关系；为 ${inspector.name} 申报须由本人、其部门负责人或联席会议办公室办理`,
    );
  }
  if (principal.role === 'dept_admin' && principal.departmentCode === inspector.departmentCode)
    return;
  throw new ForbiddenException(
    `无权为 ${inspector.name}（${inspector.departmentCode}）申报利害关系：须由本人、部门 ${inspector.departmentCode} 负责人或联席会议办公室办理`,
  );
}

/** Audit payload without the phone number (audit entries are read by many officials). */
function publicFields(i: Inspector) {
  return {
    name: i.name,
    position: i.position,
    departmentCode: i.departmentCode,
    certificateNo: i.certificateNo,
    enforcementQualified: i.enforcementQualified,
    expertiseTags: i.expertiseTags,
    thirdPartyExpert: i.thirdPartyExpert,
    status: i.status,
    statusSince: i.statusSince,
  };
}

function dbError(rowNumber: number, value: InspectorInput, error: unknown): RowError {
  return {
    rowNumber,
    column: '执法证号',
    value: value.certificateNo ?? value.name,
    reason: `无法写入：${(error as Error).message.slice(0, 200)}`,
  };
}
