import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { CalendarService } from '../calendar/calendar.service';
import type { FollowUpDecisionDto, PenaltyInfoDto, RectificationDto } from './dto/inspection.dto';
import { FollowUp, type FollowUpStatus } from './entities';
import { requireStatus, requireVisible } from './inspection-access';
import { InspectionService } from './inspection.service';
import { StepTasks } from './step-tasks';

/** Penalty information is published within this many working days of the decision (HN 22). */
export const PENALTY_WORKING_DAYS = 7;

/**
 * Follow-up of each problem found (后续处置, NX 28; "谁监管、谁负责"): rectification ordered and
 * verified, transfer to enforcement or the judiciary, or a penalty whose information is due
 * 7 working days after the decision. The task is archived only when every one is closed or
 * handed over.
 */
@Injectable()
export class FollowUps {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly inspections: InspectionService,
    private readonly steps: StepTasks,
    private readonly calendar: CalendarService,
  ) {}

  async list(inspectionId: string, principal: Principal): Promise<FollowUp[]> {
    const inspection = await this.inspections.load(inspectionId);
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    requireVisible(principal, inspection);
    const rows = await this.db
      .getRepository(FollowUp)
      .find({ where: { inspectionId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return principal.isOffice
      ? rows
      : rows.filter((r) => r.departmentCode === principal.departmentCode);
  }

  async decide(id: string, dto: FollowUpDecisionDto, principal: Principal): Promise<FollowUp> {
    const { followUp, inspection } = await this.own(id, principal);
    if (followUp.status !== 'open') throw new ConflictException(`后续处置 ${id} 已确定处置方式`);
    const task = await this.steps.require(inspection, {
      elementId: 'decideFollowUp',
      step: '确定处置方式',
      subject: id,
    });
    const change: Partial<FollowUp> = { kind: dto.kind, note: dto.note ?? null };
    const output: Record<string, unknown> = { kind: dto.kind };
    if (dto.kind === 'rectification') {
      change.status = 'rectifying';
      change.rectificationDeadline = dto.rectificationDeadline!;
      output.rectificationDue = dto.rectificationDeadline;
    } else if (dto.kind === 'enforcement' || dto.kind === 'judiciary') {
      change.status = 'handed_over';
      change.handedOverTo = dto.handedOverTo!;
    } else if (dto.kind === 'penalty') {
      const due = await this.calendar.resolve(
        { kind: 'workingDays', value: String(PENALTY_WORKING_DAYS) },
        `${dto.decisionDate}T12:00:00+08:00`,
      );
      change.status = 'penalty';
      change.decisionDate = dto.decisionDate!;
      change.decisionNo = dto.decisionNo!;
      change.penaltyDueAt = new Date(due.fireAt);
      output.penaltyDue = due.fireAt;
    } else {
      change.status = 'closed';
    }
    const updated = await this.save(followUp, change, 'follow-up.decide', principal);
    await this.steps.complete(principal, task, output);
    return updated;
  }

  async publishPenalty(id: string, dto: PenaltyInfoDto, principal: Principal): Promise<FollowUp> {
    const { followUp, inspection } = await this.own(id, principal);
    if (followUp.status !== 'penalty')
      throw new ConflictException(`后续处置 ${id} 不是待公示的行政处罚`);
    const task = await this.steps.require(inspection, {
      elementId: 'publishPenalty',
      step: '公示行政处罚信息',
      subject: id,
    });
    const updated = await this.save(
      followUp,
      { status: 'closed', penaltyContent: dto.content, penaltyPublishedAt: new Date() },
      'follow-up.penalty-published',
      principal,
    );
    await this.steps.complete(principal, task, {});
    return updated;
  }

  async verifyRectification(
    id: string,
    dto: RectificationDto & { handedOverTo?: string },
    principal: Principal,
  ) {
    const { followUp, inspection } = await this.own(id, principal);
    if (followUp.status !== 'rectifying') throw new ConflictException(`后续处置 ${id} 不在整改中`);
    if (!dto.rectified && !dto.handedOverTo)
      throw new BadRequestException('未按期整改的，须写明移送的执法机构 handedOverTo');
    const task = await this.steps.require(inspection, {
      elementId: 'verifyRectification',
      step: '整改复查',
      subject: id,
    });
    const status: FollowUpStatus = dto.rectified ? 'closed' : 'handed_over';
    const updated = await this.save(
      followUp,
      { status, note: dto.note, handedOverTo: dto.rectified ? null : dto.handedOverTo! },
      'follow-up.rectification-verified',
      principal,
    );
    await this.steps.complete(principal, task, {});
    return updated;
  }

  private async own(id: string, principal: Principal) {
    requireRole(principal, 'office', 'dept_officer', 'dept_admin');
    const followUp = await this.db.getRepository(FollowUp).findOne({ where: { id } });
    if (!followUp) throw new NotFoundException(`后续处置 ${id} 不存在`);
    if (!principal.isOffice && principal.departmentCode !== followUp.departmentCode)
      throw new ForbiddenException(
        `后续处置 ${id} 由部门 ${followUp.departmentCode} 负责（谁监管、谁负责）`,
      );
    const inspection = await this.inspections.load(followUp.inspectionId);
    requireStatus(inspection, 'follow-up');
    return { followUp, inspection };
  }

  private async save(
    followUp: FollowUp,
    change: Partial<FollowUp>,
    action: string,
    principal: Principal,
  ): Promise<FollowUp> {
    return this.db.transaction(async (m) => {
      const values = { ...change, updatedBy: principal.username, updatedAt: new Date() };
      await m.getRepository(FollowUp).update(followUp.id, values);
      const after = { ...followUp, ...values };
      await this.audit.record(
        {
          actor: principal,
          action,
          entityType: 'follow_up',
          entityId: followUp.id,
          before: { status: followUp.status, kind: followUp.kind },
          after,
        },
        m,
      );
      return after;
    });
  }
}
