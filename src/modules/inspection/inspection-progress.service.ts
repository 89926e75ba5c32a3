import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_PRINCIPAL } from '../auth/roles';
import { CalendarService } from '../calendar/calendar.service';
import { DrawService } from '../draw/draw.service';
import { NotificationService } from '../notifications/notification.service';
import { Target } from '../targets/target.entity';
import { TargetsService } from '../targets/targets.service';
import {
  FollowUp,
  Inspection,
  InspectionConfirmation,
  InspectionForm,
  InspectionTarget,
  type InspectionStatus,
} from './entities';
import { requireOwnInstance, type WorkflowCaller, loadForActivity } from './workflow-caller';

const MAIN = 'joint-inspection';
const TARGET = 'joint-inspection-target';

/** A follow-up as the workflow iterates over it: small, ids only. */
export interface FollowUpRef {
  id: string;
  department: string;
}

/**
 * What the joint-inspection workflow asks of the domain between people's steps (its service
 * tasks): launch, settle participants, distribute, open and close targets, deadlines and
 * follow-ups. Each is idempotent — an activity retried after a crash changes nothing twice.
 */
@Injectable()
export class InspectionProgress {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly draws: DrawService,
    private readonly calendar: CalendarService,
    private readonly targets: TargetsService,
  ) {}

  /** 2. Launch (发起推送): every participating department is told. */
  async launch(inspectionId: string, caller: WorkflowCaller): Promise<void> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.launch',
      definitionKey: MAIN,
      statuses: ['scheme', 'confirming'],
    });
    if (!inspection.launchedAt)
      await this.advance(inspection, 'confirming', 'inspection.launch', { launchedAt: new Date() });
    for (const dept of inspection.departments.filter((d) => d !== inspection.initiatingDepartment))
      await this.notifications.notify({
        department: dept,
        kind: 'task',
        title: `联合抽查任务 ${inspection.code}「${inspection.name}」已发起，请于 2 个工作日内确认`,
        body: `发起部门 ${inspection.initiatingDepartment}；检查时间 ${inspection.windowStart} 至 ${inspection.windowEnd}。请在待办中确认参与或说明不参与的理由（NX 23）。`,
        link: `/inspections/${inspection.id}`,
        dedupeKey: `ji-launch:${inspection.id}:${dept}`,
      });
  }

  /**
   * The departments taking part after confirmation: the initiator, and every participant whose
   * last answer is a confirmation (a decline sent back is answered again; an accepted one leaves).
   */
  async confirmedDepartments(inspectionId: string, caller: WorkflowCaller): Promise<string[]> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.confirmedDepartments',
      definitionKey: MAIN,
      statuses: ['confirming', 'drawing'],
    });
    if (inspection.confirmedDepartments) return inspection.confirmedDepartments;
    const answers = await this.db
      .getRepository(InspectionConfirmation)
      .find({ where: { inspectionId }, order: { id: 'ASC' } });
    const last = new Map(answers.map((a) => [a.departmentCode, a]));
    const confirmed = inspection.departments.filter(
      (d) => d === inspection.initiatingDepartment || last.get(d)?.decision === 'confirm',
    );
    await this.advance(inspection, 'drawing', 'inspection.participants-settled', {
      confirmedDepartments: confirmed,
    });
    return confirmed;
  }

  /**
   * 4c. The drawn list (locked by the draw) distributed to every confirmed department with the
   * scheme's items it inspects. Returns the target codes in draw order.
   */
  async distribute(inspectionId: string, caller: WorkflowCaller): Promise<string[]> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.distribute',
      definitionKey: MAIN,
      statuses: ['drawing', 'matching'],
    });
    const { codes } = await this.draws.drawnTargets(inspection.drawId!);
    const existing = await this.db
      .getRepository(InspectionTarget)
      .count({ where: { inspectionId } });
    if (existing === 0) await this.insertTargets(inspection, codes);
    if (inspection.status === 'drawing')
      await this.advance(inspection, 'matching', 'inspection.distribute', {
        targets: codes.length,
      });
    return codes;
  }

  /** The child workflow of a target starts: which departments still have to fill their form. */
  async openTarget(
    inspectionId: string,
    targetCode: string,
    caller: WorkflowCaller,
  ): Promise<string[]> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.openTarget',
      definitionKey: TARGET,
      statuses: ['matching', 'inspecting'],
    });
    const workflowId = caller.workflowId;
    if (inspection.status === 'matching')
      await this.advance(inspection, 'inspecting', 'inspection.inspecting', {});
    const target = await this.db
      .getRepository(InspectionTarget)
      .findOneOrFail({ where: { inspectionId, targetCode } });
    if (target.status === 'pending')
      await this.db
        .getRepository(InspectionTarget)
        .update({ inspectionId, targetCode }, { status: 'inspecting', workflowId });
    const filled = await this.db
      .getRepository(InspectionForm)
      .find({ where: { inspectionId, targetCode }, select: { departmentCode: true } });
    const done = new Set(filled.map((f) => f.departmentCode));
    return Object.entries(target.distribution)
      .filter(([dept, items]) => items.length > 0 && !done.has(dept))
      .map(([dept]) => dept);
  }

  /** Every department's form is in: the target is inspected (and counts for repeat exclusion). */
  async closeTarget(
    inspectionId: string,
    targetCode: string,
    caller: WorkflowCaller,
  ): Promise<void> {
    requireOwnInstance(await this.load(inspectionId), caller, {
      activity: 'inspection.closeTarget',
      definitionKey: TARGET,
      statuses: ['inspecting'],
    });
    const closed = await this.db.transaction(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(InspectionTarget)
        .set({ status: 'inspected', inspectedAt: new Date() })
        .where('inspection_id = :inspectionId AND target_code = :targetCode AND status <> :done', {
          inspectionId,
          targetCode,
          done: 'inspected',
        })
        .execute();
      if (result.affected !== 1) return false;
      await this.audit.record(
        {
          actor: SYSTEM_PRINCIPAL,
          action: 'inspection.target-inspected',
          entityType: 'inspection',
          entityId: inspectionId,
          after: { targetCode },
        },
        m,
      );
      return true;
    });
    if (!closed) return;
    const forms = await this.db
      .getRepository(InspectionForm)
      .find({ where: { inspectionId, targetCode } });
    for (const form of forms)
      for (const item of form.items)
        await this.targets.recordInspection(
          targetCode,
          item.itemCode,
          form.inspectedOn,
          inspectionId,
        );
  }

  /** 8. The publication deadline: N working days after the inspection window ends (NX 27). */
  async publicationDue(inspectionId: string, caller: WorkflowCaller): Promise<string> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.publicationDue',
      definitionKey: MAIN,
      statuses: ['matching', 'inspecting', 'publishing'],
    });
    const due = await this.calendar.resolve(
      { kind: 'workingDays', value: String(inspection.publishDays) },
      `${inspection.windowEnd}T12:00:00+08:00`,
    );
    if (inspection.status === 'inspecting' || inspection.status === 'matching')
      await this.advance(inspection, 'publishing', 'inspection.publishing', {
        publishDue: due.fireAt,
      });
    // Every drawn target is inspected (each child process closed with all forms in): a surprise
    // check's drawn list and matching may now be published (docs/draw.md, 不预先告知).
    if (inspection.drawId)
      await this.draws.disclose(
        inspection.drawId,
        SYSTEM_PRINCIPAL,
        `任务 ${inspection.code} 的全部检查对象已检查完毕`,
      );
    return due.fireAt;
  }

  /** 9. One follow-up per problem found, owned by the department that found it. */
  async openFollowUps(inspectionId: string, caller: WorkflowCaller): Promise<FollowUpRef[]> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.openFollowUps',
      definitionKey: MAIN,
      statuses: ['publishing', 'follow-up'],
    });
    const forms = await this.db.getRepository(InspectionForm).find({ where: { inspectionId } });
    const repo = this.db.getRepository(FollowUp);
    const existing = new Set(
      (await repo.find({ where: { inspectionId } })).map(
        (f) => `${f.targetCode}|${f.departmentCode}|${f.itemCode}`,
      ),
    );
    const fresh: FollowUp[] = [];
    for (const form of forms)
      for (const item of form.items.filter((i) => i.result === 'problem')) {
        const key = `${form.targetCode}|${form.departmentCode}|${item.itemCode}`;
        if (existing.has(key)) continue;
        fresh.push(newFollowUp(inspectionId, form, item.itemCode, item.findings ?? null));
      }
    await this.db.transaction(async (m) => {
      for (let at = 0; at < fresh.length; at += 200)
        await m.getRepository(FollowUp).insert(fresh.slice(at, at + 200));
      if (inspection.status === 'publishing')
        await this.setStatus(m, inspection, 'follow-up', 'inspection.follow-up', {
          opened: fresh.length,
        });
    });
    const all = await repo.find({
      where: { inspectionId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return all.map((f) => ({ id: f.id, department: f.departmentCode }));
  }

  private async insertTargets(inspection: Inspection, codes: string[]): Promise<void> {
    const departments = inspection.confirmedDepartments ?? inspection.departments;
    const scheme = inspection.scheme!;
    const distribution = Object.fromEntries(
      departments.map((d) => [
        d,
        scheme.items
          .filter((i) => (i.departments ?? [i.departmentCode]).includes(d))
          .map((i) => i.itemCode),
      ]),
    );
    await this.db.transaction(async (m) => {
      for (let at = 0; at < codes.length; at += 500) {
        const slice = codes.slice(at, at + 500);
        const rows = await m.getRepository(Target).find({ where: { code: In(slice) } });
        const byCode = new Map(rows.map((t) => [t.code, t]));
        await m.getRepository(InspectionTarget).insert(
          slice.map((code) => ({
            inspectionId: inspection.id,
            targetCode: code,
            targetName: byCode.get(code)?.name ?? code,
            targetType: byCode.get(code)?.type ?? 'enterprise',
            address: byCode.get(code)?.address ?? null,
            distribution,
            leaderDepartment: inspection.initiatingDepartment,
            workflowId: null,
            status: 'pending' as const,
            inspectedAt: null,
          })),
        );
      }
    });
  }

  private async advance(
    inspection: Inspection,
    status: InspectionStatus,
    action: string,
    change: Partial<Inspection> & Record<string, unknown>,
  ): Promise<void> {
    await this.db.transaction((m) => this.setStatus(m, inspection, status, action, change));
  }

  private async setStatus(
    m: EntityManager,
    inspection: Inspection,
    status: InspectionStatus,
    action: string,
    change: Record<string, unknown>,
  ): Promise<void> {
    const columns = Object.fromEntries(
      Object.entries(change).filter(([k]) => k in inspection),
    ) as Partial<Inspection>;
    await m.getRepository(Inspection).update(inspection.id, { ...columns, status });
    await this.audit.record(
      {
        actor: SYSTEM_PRINCIPAL,
        action,
        entityType: 'inspection',
        entityId: inspection.id,
        before: { status: inspection.status },
        after: { status, ...change },
      },
      m,
    );
    inspection.status = status;
  }

  private load(id: unknown): Promise<Inspection> {
    return loadForActivity(this.db, id);
  }
}

function newFollowUp(
  inspectionId: string,
  form: InspectionForm,
  itemCode: string,
  findings: string | null,
): FollowUp {
  return {
    id: randomUUID(),
    inspectionId,
    targetCode: form.targetCode,
    departmentCode: form.departmentCode,
    itemCode,
    findings,
    status: 'open',
    kind: null,
    rectificationDeadline: null,
    handedOverTo: null,
    decisionDate: null,
    decisionNo: null,
    penaltyDueAt: null,
    penaltyContent: null,
    penaltyPublishedAt: null,
    note: null,
    createdAt: new Date(),
    updatedBy: null,
    updatedAt: null,
  };
}
