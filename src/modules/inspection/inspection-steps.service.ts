import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_PRINCIPAL, type Principal } from '../auth/roles';
import { UserTaskRecord } from '../engine/entities';
import { DrawService } from '../draw/draw.service';
import { ItemsService } from '../items/items.service';
import { PublicationService } from '../publication/publication.service';
import type {
  CommitDto,
  ConfirmationDto,
  DeclineReviewDto,
  EntropyDto,
  MatchDto,
  SchemeDto,
} from './dto/inspection.dto';
import { Inspection, InspectionConfirmation, type InspectionScheme } from './entities';
import {
  requireInitiator,
  requireParticipant,
  requireStatus,
  requireWritable,
} from './inspection-access';
import { InspectionService } from './inspection.service';
import { StepTasks } from './step-tasks';

/**
 * The steps people do in a joint task, each validated and recorded here, then reported to the
 * task's workflow by completing its open step. Every step requires its step to be open in the
 * workflow, so a retried request (after a failed completion) records again and completes.
 */
@Injectable()
export class InspectionSteps {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly inspections: InspectionService,
    private readonly steps: StepTasks,
    private readonly draws: DrawService,
    private readonly items: ItemsService,
    private readonly publication: PublicationService,
  ) {}

  /** 1. The scheme (检查方案, NX 22) by the initiating department. */
  async scheme(id: string, dto: SchemeDto, principal: Principal): Promise<Inspection> {
    const inspection = await this.inspections.load(id);
    requireInitiator(principal, inspection);
    requireStatus(inspection, 'scheme');
    const task = await this.steps.require(inspection, {
      elementId: 'scheme',
      step: '制定检查方案',
    });
    const scheme = await this.checkScheme(inspection, dto);
    await this.write(principal, inspection, 'inspection.scheme', async (m) => {
      await m.getRepository(Inspection).update(id, {
        scheme,
        windowStart: scheme.windowStart,
        windowEnd: scheme.windowEnd,
      });
      return { scheme };
    });
    await this.steps.complete(principal, task, { surprise: scheme.surprise });
    return this.inspections.load(id);
  }

  /** 3. A participating department confirms, or declines with a reason (NX 23). */
  async confirm(id: string, dto: ConfirmationDto, principal: Principal) {
    const inspection = await this.inspections.load(id);
    const dept = principal.departmentCode;
    requireParticipant(principal, inspection, dept);
    requireStatus(inspection, 'confirming');
    const task = await this.steps.require(inspection, {
      elementId: 'confirm',
      step: '确认参与',
      department: dept,
    });
    const row = await this.write(principal, inspection, 'inspection.confirmation', async (m) => {
      const answer = {
        inspectionId: id,
        departmentCode: dept,
        decision: dto.decision,
        reason: dto.reason ?? null,
        review: null,
        reviewNote: null,
        answeredBy: principal.username,
        answeredAt: new Date(),
        reviewedBy: null,
        reviewedAt: null,
      };
      await m.getRepository(InspectionConfirmation).insert(answer);
      return answer;
    });
    await this.steps.complete(principal, task, { decision: dto.decision });
    return row;
  }

  /** The initiator accepts a decline, or sends it back for the department to confirm. */
  async reviewDecline(id: string, dept: string, dto: DeclineReviewDto, principal: Principal) {
    const inspection = await this.inspections.load(id);
    requireInitiator(principal, inspection);
    requireStatus(inspection, 'confirming');
    const task = await this.steps.require(inspection, {
      elementId: 'reviewDecline',
      step: '审核不参与理由',
      subject: dept,
    });
    const repo = this.db.getRepository(InspectionConfirmation);
    const decline = await repo.findOne({
      where: { inspectionId: id, departmentCode: dept, decision: 'decline' },
      order: { id: 'DESC' },
    });
    if (!decline) throw new ConflictException(`部门 ${dept} 没有待审核的不参与申请`);
    const review = dto.accept ? ('accepted' as const) : ('sent_back' as const);
    await this.write(principal, inspection, 'inspection.decline-review', async (m) => {
      await m.getRepository(InspectionConfirmation).update(decline.id, {
        review,
        reviewNote: dto.note,
        reviewedBy: principal.username,
        reviewedAt: new Date(),
      });
      return { departmentCode: dept, review, note: dto.note };
    });
    await this.steps.complete(principal, task, { accept: dto.accept });
    return { departmentCode: dept, review };
  }

  /** 4a. The commitment (抽取承诺), published before the witness entropy is known. */
  async commitDraw(id: string, dto: CommitDto, principal: Principal) {
    const inspection = await this.inspections.load(id);
    requireInitiator(principal, inspection);
    requireStatus(inspection, 'drawing');
    const task = await this.steps.require(inspection, {
      elementId: 'commitDraw',
      step: '抽取承诺',
    });
    // The task's own draw, linked by id in the commit's transaction: a retried request (after a
    // failed step completion) finds it; a draw someone else made is never picked up.
    const existing = await this.draws.statusOfOwned(id);
    const commitment = existing
      ? { drawId: existing.id, status: existing.status }
      : await this.draws.commitForInspection(
          {
            taskRef: inspection.code,
            departmentCode: inspection.initiatingDepartment,
            participatingDepartments: inspection.confirmedDepartments ?? inspection.departments,
            scope: dto.scope,
            rules: dto.rules,
            entropySource: dto.entropySource,
            modeReason: dto.modeReason,
          },
          principal,
          {
            inspectionId: id,
            disclosure: inspection.scheme?.surprise ? 'after-inspection' : 'public',
            link: async (m, drawId) => {
              const linked = await m
                .createQueryBuilder()
                .update(Inspection)
                .set({ drawId })
                .where('id = :id AND draw_id IS NULL', { id })
                .execute();
              if (linked.affected !== 1)
                throw new ConflictException(`任务 ${inspection.code} 已作出抽取承诺 / committed`);
              await this.audit.record(
                {
                  actor: principal,
                  action: 'inspection.draw-committed',
                  entityType: 'inspection',
                  entityId: id,
                  after: { drawId },
                },
                m,
              );
            },
          },
        );
    await this.steps.complete(principal, task, { drawId: commitment.drawId });
    return commitment;
  }

  /** 4b. The draw with the witness entropy; the target list is locked from here on. */
  async draw(id: string, dto: EntropyDto, principal: Principal) {
    const inspection = await this.inspections.load(id);
    requireInitiator(principal, inspection);
    requireStatus(inspection, 'drawing');
    const task = await this.steps.require(inspection, { elementId: 'drawTargets', step: '抽取' });
    if (!inspection.drawId) throw new ConflictException('尚未作出抽取承诺 / commit first');
    const state = await this.draws.statusOfOwned(id);
    const proof =
      state?.status === 'committed'
        ? await this.draws.draw(inspection.drawId, dto.entropy, principal, true)
        : await this.draws.fullProof(inspection.drawId);
    await this.steps.complete(principal, task, {});
    return proof;
  }

  /** 5. A department's own inspectors (二次随机), per the scheme's inspectors per target. */
  async matchInspectors(id: string, dto: MatchDto, principal: Principal) {
    const inspection = await this.inspections.load(id);
    const dept = principal.departmentCode;
    requireParticipant(principal, inspection, dept);
    requireStatus(inspection, 'matching');
    const task = await this.steps.require(inspection, {
      elementId: 'matchInspectors',
      step: '匹配执法检查人员',
      department: dept,
    });
    const scheme = inspection.scheme!;
    const matched = await this.draws.currentAssignments(inspection.drawId!, dept);
    const proof = matched
      ? null
      : await this.draws.matchInspectors(
          inspection.drawId!,
          dept,
          {
            m: scheme.inspectorsPerTarget,
            onSite: scheme.method === 'on_site',
            method: scheme.method === 'on_site' ? undefined : scheme.method,
            requiredExpertise: dto.requiredExpertise,
            capacity: dto.capacity,
          },
          principal,
          true,
        );
    await this.steps.complete(principal, task, {});
    return proof ?? { departmentCode: dept, alreadyMatched: true };
  }

  /** 8. A department publishes its results (谁检查、谁录入、谁公开). */
  async publish(id: string, principal: Principal) {
    const inspection = await this.inspections.load(id);
    const dept = principal.departmentCode;
    requireWritable(inspection);
    const task = await this.steps.find(inspection, {
      elementId: 'publishResults',
      step: '公示抽查结果',
      department: dept,
    });
    const done = await this.publication.isPublished(id, dept);
    // A surprise check's results name its targets: none is published before all are inspected.
    if (
      !done &&
      inspection.scheme?.surprise &&
      inspection.drawId &&
      !(await this.draws.isDisclosed(inspection.drawId))
    )
      throw new ConflictException(
        '本任务为不预先告知的检查，须待全部检查对象检查完毕后才能公示结果 / surprise check: publish after every target is inspected',
      );
    if (done) {
      // One rule: a repeat is 409, whether or not the step is still open. An open step (the
      // department published before it opened, or its completion failed) is completed first.
      if (task) await this.steps.completeIfOpen(principal, task, {});
      throw new ConflictException(
        '本部门结果已公示，不能重复公示；如需更正请提交更正 / already published, submit a correction instead',
      );
    }
    const result = await this.publication.publishDepartment(id, dept, principal);
    if (task) await this.steps.completeIfOpen(principal, task, {});
    return result;
  }

  /** Completes publication steps of departments that published before their step opened. */
  async reconcilePublications(): Promise<number> {
    const open = await this.db.getRepository(UserTaskRecord).find({
      where: { elementId: 'publishResults', definitionKey: 'joint-inspection', status: 'open' },
      take: 200,
    });
    let done = 0;
    for (const task of open) {
      const inspection = await this.db
        .getRepository(Inspection)
        .findOne({ where: { workflowId: task.rootWorkflowId } });
      if (!inspection || !task.departmentCode) continue;
      if (!(await this.publication.isPublished(inspection.id, task.departmentCode))) continue;
      if (await this.steps.completeIfOpen(SYSTEM_PRINCIPAL, task, {})) done += 1;
    }
    return done;
  }

  private async checkScheme(inspection: Inspection, dto: SchemeDto): Promise<InspectionScheme> {
    const method = dto.method ?? 'on_site';
    const perTarget = dto.inspectorsPerTarget ?? 2;
    if (method === 'on_site' && perTarget < 2)
      throw new BadRequestException(
        '现场检查每个部门至少 2 名执法人员（HN 21）/ inspectorsPerTarget ≥ 2 on site',
      );
    if (dto.windowStart < inspection.windowStart || dto.windowEnd > inspection.windowEnd)
      throw new BadRequestException(
        `检查时间须在任务时间 ${inspection.windowStart} 至 ${inspection.windowEnd} 之内`,
      );
    if (dto.windowEnd < dto.windowStart)
      throw new BadRequestException('windowEnd 不能早于 windowStart');
    const { items } = await this.items.publishedItems(inspection.year);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const schemeItems = dto.items.map((entry) => {
      const item = byCode.get(entry.itemCode);
      if (!item || !inspection.itemCodes.includes(entry.itemCode))
        throw new BadRequestException(
          `事项 ${entry.itemCode} 不在本任务的事项中（可选：${inspection.itemCodes.join('、')}）`,
        );
      return {
        itemCode: item.code,
        departmentCode: item.departmentCode,
        departments: inspection.departments.filter((d) => inspectedBy(item, d)),
        contents: entry.contents,
        materials: entry.materials,
      };
    });
    for (const dept of inspection.departments) {
      if (!schemeItems.some((i) => i.departments.includes(dept)))
        throw new BadRequestException(
          `方案中没有部门 ${dept} 负责的检查事项 / no item for ${dept}`,
        );
    }
    return {
      items: schemeItems,
      windowStart: dto.windowStart,
      windowEnd: dto.windowEnd,
      method,
      surprise: dto.surprise,
      inspectorsPerTarget: perTarget,
      note: dto.note,
    };
  }

  private async write<T extends object>(
    principal: Principal,
    inspection: Inspection,
    action: string,
    change: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (m) => {
      const after = await change(m);
      await this.audit.record(
        { actor: principal, action, entityType: 'inspection', entityId: inspection.id, after },
        m,
      );
      return after;
    });
  }
}

/** Departments that inspect an item: its own and its cooperating departments (joint items). */
export function inspectedBy(
  item: { departmentCode: string; cooperatingDepartments: string[] | null },
  dept: string,
): boolean {
  return item.departmentCode === dept || (item.cooperatingDepartments ?? []).includes(dept);
}
