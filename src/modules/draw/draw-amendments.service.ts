import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { replaceInspector } from './core';
import { DrawRecords, OPERATORS, withheld } from './draw-records';
import type { AddExceptionDto, RequestReplacementDto } from './dto/draw.dto';
import { DrawAddendum, DrawReplacement, DrawTargetRow } from './entities';

/**
 * After the reveal nothing is edited: replacements (更换) of matched inspectors and exceptions
 * (例外) are requests, approved by the department head (or the office), and published as addenda.
 */
@Injectable()
export class DrawAmendmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly records: DrawRecords,
  ) {}

  /** Records a replacement request (更换申请); nothing changes until the department head approves. */
  async requestReplacement(
    drawId: string,
    dto: RequestReplacementDto,
    principal: Principal,
  ): Promise<DrawReplacement> {
    await this.records.load(drawId);
    requireRole(principal, ...OPERATORS);
    requireDepartment(principal, dto.departmentCode);
    const { current } = await this.records.departmentState(drawId, dto.departmentCode);
    const slot = current.find((a) => a.targetCode === dto.targetCode);
    if (!slot || !slot.inspectors.some((i) => i.certificateNo === dto.outCertificateNo)) {
      throw new BadRequestException(
        `执法人员 ${dto.outCertificateNo} 目前未分配到检查对象 ${dto.targetCode} / not currently assigned`,
      );
    }
    const repo = this.db.getRepository(DrawReplacement);
    const pending = await repo.exist({
      where: {
        drawId,
        departmentCode: dto.departmentCode,
        targetCode: dto.targetCode,
        outCertificateNo: dto.outCertificateNo,
        status: 'requested',
      },
    });
    if (pending) throw new ConflictException('已有相同的更换申请待审批 / a request is pending');
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(DrawReplacement).save(
        Object.assign(new DrawReplacement(), {
          drawId,
          departmentCode: dto.departmentCode,
          targetCode: dto.targetCode,
          outCertificateNo: dto.outCertificateNo,
          reason: dto.reason,
          appointedCertificateNo: null,
          status: 'requested',
          note: dto.note ?? null,
          requestedBy: principal.username,
          requestedAt: new Date(),
          seq: null,
          approvedBy: null,
          approvedAt: null,
          inCertificateNo: null,
          inRank: null,
          inKey: null,
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.replacement.request',
          entityType: 'draw',
          entityId: drawId,
          after: { replacementId: row.id, ...dto },
        },
        manager,
      );
      return row;
    });
  }

  /**
   * The department head (部门负责人) approves: the next candidate in the target's ranking who
   * qualifies steps in (HN 19). Only that department's dept_admin may approve.
   */
  async approveReplacement(
    drawId: string,
    replacementId: number,
    principal: Principal,
  ): Promise<DrawReplacement> {
    const repo = this.db.getRepository(DrawReplacement);
    const row = await repo.findOne({ where: { id: replacementId, drawId } });
    if (!row) throw new NotFoundException(`更换申请 ${replacementId} 不存在`);
    requireRole(principal, 'dept_admin');
    requireDepartment(principal, row.departmentCode);
    if (row.status !== 'requested')
      throw new ConflictException('该更换申请已审批 / already approved');
    const { proof, current, records } = await this.records.departmentState(
      drawId,
      row.departmentCode,
    );
    const outcome = replaceInspector({
      departmentSeed: proof.seed ?? '',
      input: proof,
      selection: 'random',
      assignments: current,
      previous: records,
      request: {
        targetCode: row.targetCode,
        outCertificateNo: row.outCertificateNo,
        reason: row.reason,
        approvedBy: principal.username,
      },
    });
    if (!outcome.ok) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `检查对象 ${row.targetCode} 没有符合条件的替换人员 / no eligible replacement`,
        excluded: outcome.excluded,
      });
    }
    const { record } = outcome;
    return this.db.transaction(async (manager) => {
      const seq = records.length + 1;
      Object.assign(row, {
        status: 'approved',
        seq,
        approvedBy: record.approvedBy,
        approvedAt: new Date(),
        inCertificateNo: record.inCertificateNo,
        inRank: record.inRank,
        inKey: record.inKey,
      });
      await manager.getRepository(DrawReplacement).save(row);
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.replacement.approve',
          entityType: 'draw',
          entityId: drawId,
          before: { replacementId: row.id, status: 'requested' },
          after: { replacementId: row.id, status: 'approved', seq, ...record },
        },
        manager,
      );
      return row;
    });
  }

  /** Exceptions after the reveal are recorded addenda, never edits of the locked list. */
  async addException(
    drawId: string,
    dto: AddExceptionDto,
    principal: Principal,
  ): Promise<DrawAddendum> {
    const draw = await this.records.load(drawId);
    requireRole(principal, ...OPERATORS);
    requireDepartment(principal, dto.departmentCode);
    if (
      draw.departmentCode !== dto.departmentCode &&
      !draw.participating.includes(dto.departmentCode)
    )
      throw new BadRequestException(`部门 ${dto.departmentCode} 未参与本次任务`);
    if (draw.status === 'committed')
      throw new ConflictException('抽取前没有需要记录的例外 / nothing is locked before the draw');
    if (dto.targetCode !== undefined) {
      const drawn = await this.db
        .getRepository(DrawTargetRow)
        .exist({ where: { drawId, code: dto.targetCode } });
      if (!drawn) throw new BadRequestException(`检查对象 ${dto.targetCode} 未被抽中`);
    }
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(DrawAddendum).save(
        Object.assign(new DrawAddendum(), {
          drawId,
          departmentCode: dto.departmentCode,
          kind: dto.kind,
          targetCode: dto.targetCode ?? null,
          description: dto.description,
          status: 'requested',
          requestedBy: principal.username,
          requestedAt: new Date(),
          approvedBy: null,
          approvedAt: null,
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.exception.add',
          entityType: 'draw',
          entityId: drawId,
          after: { addendumId: row.id, ...dto },
        },
        manager,
      );
      return row;
    });
  }

  /** Approved by the department's head or the office; the addendum is then published. */
  async approveException(
    drawId: string,
    addendumId: number,
    principal: Principal,
  ): Promise<DrawAddendum> {
    const repo = this.db.getRepository(DrawAddendum);
    const row = await repo.findOne({ where: { id: addendumId, drawId } });
    if (!row) throw new NotFoundException(`例外记录 ${addendumId} 不存在`);
    requireRole(principal, 'dept_admin', 'office');
    requireDepartment(principal, row.departmentCode);
    if (row.status !== 'requested')
      throw new ConflictException('该例外记录已审批 / already approved');
    return this.db.transaction(async (manager) => {
      Object.assign(row, {
        status: 'approved',
        approvedBy: principal.username,
        approvedAt: new Date(),
      });
      await manager.getRepository(DrawAddendum).save(row);
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.exception.approve',
          entityType: 'draw',
          entityId: drawId,
          before: { addendumId: row.id, status: 'requested' },
          after: { addendumId: row.id, status: 'approved' },
        },
        manager,
      );
      return row;
    });
  }

  async publicAddenda(drawId: string): Promise<DrawAddendum[]> {
    const draw = await this.records.load(drawId);
    // Addenda name drawn targets: a surprise check's are published with its list.
    if (withheld(draw)) return [];
    return this.db
      .getRepository(DrawAddendum)
      .find({ where: { drawId, status: 'approved' }, order: { id: 'ASC' } });
  }
}
