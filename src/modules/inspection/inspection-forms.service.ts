import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireRole } from '../auth/access';
import { SYSTEM_PRINCIPAL, type Principal } from '../auth/roles';
import { DrawService } from '../draw/draw.service';
import { UserTaskRecord } from '../engine/entities';
import type { TaskHolderChange } from '../engine/form-owners';
import { InspectorsService } from '../inspectors/inspectors.service';
import type { BulkFormDto, FormDto } from './dto/inspection.dto';
import { Inspection, InspectionForm, InspectionTarget } from './entities';
import { requireStatus } from './inspection-access';
import { InspectionService } from './inspection.service';
import { StepTasks } from './step-tasks';

export interface FormOutcome {
  targetCode: string;
  formId: number;
  /** Whether the target's task for this department was completed now (false: it opens later). */
  completed: boolean;
}

/**
 * "One department, one target, one form" (一企一表, NX 26): each department records its own
 * items at each target, with ≥ m of its matched inspectors present on site and the target's
 * signature or recorded refusal. A form may be corrected until the department publishes.
 */
@Injectable()
export class InspectionForms {
  private readonly log = new Logger(InspectionForms.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly inspections: InspectionService,
    private readonly steps: StepTasks,
    private readonly draws: DrawService,
    private readonly inspectors: InspectorsService,
  ) {}

  async submit(
    id: string,
    targetCode: string,
    dept: string,
    dto: FormDto,
    principal: Principal,
  ): Promise<FormOutcome> {
    const [outcome] = await this.submitMany(id, dept, [{ ...dto, targetCode }], principal);
    return outcome;
  }

  /** Validates every form first: one bad form rejects the whole batch and writes nothing. */
  async submitMany(
    id: string,
    dept: string,
    forms: BulkFormDto[],
    principal: Principal,
  ): Promise<FormOutcome[]> {
    const inspection = await this.inspections.load(id);
    requireRole(principal, 'dept_officer', 'dept_admin', 'inspector');
    if (principal.departmentCode !== dept)
      throw new ForbiddenException(`${principal.username} 不能填写部门 ${dept} 的检查记录`);
    if (!(inspection.confirmedDepartments ?? []).includes(dept))
      throw new ForbiddenException(`部门 ${dept} 不是任务 ${inspection.code} 的参与部门`);
    requireStatus(inspection, 'matching', 'inspecting', 'publishing');
    const codes = forms.map((f) => f.targetCode);
    if (new Set(codes).size !== codes.length)
      throw new BadRequestException(
        '同一检查对象的记录在一次提交中出现多次 / duplicate targetCode',
      );
    const certificateNo =
      principal.role === 'inspector' ? await this.certificateOf(principal, dept) : null;
    const targets = await this.targetsOf(id, codes);
    const assignments = await this.draws.currentAssignments(inspection.drawId!, dept);
    if (!assignments)
      throw new ConflictException(
        `部门 ${dept} 尚未匹配执法人员，不能填写检查记录 / match inspectors first`,
      );
    const existing = await this.db
      .getRepository(InspectionForm)
      .find({ where: { inspectionId: id, departmentCode: dept, targetCode: In(codes) } });
    const byTarget = new Map(existing.map((f) => [f.targetCode, f]));
    forms.forEach((form, i) =>
      this.check(
        inspection,
        dept,
        form,
        targets.get(form.targetCode),
        assignments,
        certificateNo,
        i,
      ),
    );
    for (const code of codes)
      if (byTarget.get(code)?.publishedAt)
        throw new ConflictException(
          `检查对象 ${code} 的记录已公示，不能修改；请通过结果更正办理 / published, correct instead`,
        );
    // The engine would refuse to complete an open task this caller may not work on (claimed by
    // someone else): refuse now, before anything is written, not after storing the form.
    for (const form of forms) {
      const task = await this.steps.find(inspection, {
        elementId: 'fillForm',
        step: '填写检查记录表',
        department: dept,
        subject: form.targetCode,
      });
      if (task) this.steps.requireMayWork(principal, task);
    }
    const saved = await this.save(inspection, dept, forms, byTarget, principal);
    const outcomes: FormOutcome[] = [];
    for (const form of saved) outcomes.push(await this.completeIfOpen(inspection, form, principal));
    return outcomes;
  }

  async list(id: string, dept: string | undefined, principal: Principal) {
    const inspection = await this.inspections.load(id);
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    if (!principal.isOffice && dept !== principal.departmentCode)
      throw new ForbiddenException('只能查看本部门的检查记录 / own department only');
    if (!principal.isOffice && !inspection.departments.includes(principal.departmentCode))
      throw new ForbiddenException(`无权查看任务 ${inspection.code}`);
    return this.db.getRepository(InspectionForm).find({
      where: dept ? { inspectionId: id, departmentCode: dept } : { inspectionId: id },
      order: { targetCode: 'ASC' },
    });
  }

  /**
   * Completes target tasks whose form was submitted before the task opened (the per-target
   * workflows run in windows, so a department may enter results for a target not started yet).
   */
  async reconcile(limit = 500): Promise<number> {
    const open = await this.db.getRepository(UserTaskRecord).find({
      where: { elementId: 'fillForm', definitionKey: 'joint-inspection-target', status: 'open' },
      take: limit,
    });
    let done = 0;
    for (const task of open) {
      const inspection = await this.db
        .getRepository(Inspection)
        .findOne({ where: { workflowId: task.rootWorkflowId } });
      if (!inspection || !task.subject || !task.departmentCode) continue;
      const form = await this.db.getRepository(InspectionForm).findOne({
        where: {
          inspectionId: inspection.id,
          targetCode: task.subject,
          departmentCode: task.departmentCode,
        },
      });
      if (!form) continue;
      try {
        if (await this.steps.completeIfOpen(SYSTEM_PRINCIPAL, task, { formId: form.id })) done += 1;
      } catch (err) {
        this.log.warn(`could not complete ${task.taskId}: ${String(err)}`);
      }
    }
    return done;
  }

  private check(
    inspection: Inspection,
    dept: string,
    form: BulkFormDto,
    target: InspectionTarget | undefined,
    assignments: Map<string, string[]> | null,
    certificateNo: string | null,
    index: number,
  ): void {
    const at = `forms[${index}]（${form.targetCode}）`;
    if (!target) throw new NotFoundException(`${at}：不是本任务抽取的检查对象`);
    const items = target.distribution[dept] ?? [];
    const given = form.items.map((i) => i.itemCode);
    const missing = items.filter((c) => !given.includes(c));
    const extra = given.filter((c) => !items.includes(c));
    if (missing.length || extra.length || new Set(given).size !== given.length)
      throw new BadRequestException(
        `${at}：须对本部门的每个事项各填一项结果（应为 ${items.join('、')}${missing.length ? `；缺 ${missing.join('、')}` : ''}${extra.length ? `；多出 ${extra.join('、')}` : ''}）`,
      );
    const matched = assignments?.get(form.targetCode) ?? [];
    const strangers = form.inspectorsPresent.filter((c) => !matched.includes(c));
    if (strangers.length)
      throw new BadRequestException(
        `${at}：${strangers.join('、')} 不是匹配到该对象的执法人员（已匹配：${matched.join('、') || '无'}）`,
      );
    const scheme = inspection.scheme!;
    const needed = scheme.method === 'on_site' ? scheme.inspectorsPerTarget : 1;
    if (form.inspectorsPresent.length < needed)
      throw new BadRequestException(
        `${at}：${scheme.method === 'on_site' ? '现场检查' : '检查'}须至少 ${needed} 名匹配的执法人员在场（HN 21），记录了 ${form.inspectorsPresent.length} 名`,
      );
    if (certificateNo !== null && !matched.includes(certificateNo))
      throw new ForbiddenException(
        `${at}：执法人员（执法证号 ${certificateNo}）未被匹配到该检查对象`,
      );
    if (!form.signature?.signedBy && !form.signature?.refusal)
      throw new BadRequestException(`${at}：须由检查对象签字（signedBy）或记录拒签（refusal）`);
    if (form.inspectedOn < scheme.windowStart || form.inspectedOn > scheme.windowEnd) {
      // Recorded as given: a late or early inspection is a fact the archive must show, not hide.
      this.log.warn(`${inspection.code} ${form.targetCode}: inspected outside the window`);
    }
  }

  private async save(
    inspection: Inspection,
    dept: string,
    forms: BulkFormDto[],
    existing: Map<string, InspectionForm>,
    principal: Principal,
  ): Promise<InspectionForm[]> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(InspectionForm);
      const saved: InspectionForm[] = [];
      for (const form of forms) {
        const values = {
          inspectionId: inspection.id,
          targetCode: form.targetCode,
          departmentCode: dept,
          inspectedOn: form.inspectedOn,
          items: form.items.map((i) => ({ ...i })),
          inspectorsPresent: form.inspectorsPresent,
          signature: { ...form.signature },
          attachments: (form.attachments ?? []).map((a) => ({ ...a })),
          submittedBy: principal.username,
          submittedAt: new Date(),
          publishedAt: null,
        };
        const before = existing.get(form.targetCode);
        if (before) await repo.update(before.id, values);
        else await repo.insert(values);
        saved.push(
          (await repo.findOne({
            where: {
              inspectionId: inspection.id,
              targetCode: form.targetCode,
              departmentCode: dept,
            },
          }))!,
        );
      }
      await this.audit.record(
        {
          actor: principal,
          action: existing.size ? 'inspection.forms.resubmit' : 'inspection.forms.submit',
          entityType: 'inspection',
          entityId: inspection.id,
          after: {
            departmentCode: dept,
            forms: saved.map((f) => ({ id: f.id, targetCode: f.targetCode, items: f.items })),
          },
        },
        m,
      );
      return saved;
    });
  }

  private async completeIfOpen(
    inspection: Inspection,
    form: InspectionForm,
    principal: Principal,
  ): Promise<FormOutcome> {
    const task = await this.steps.find(inspection, {
      elementId: 'fillForm',
      step: '填写检查记录表',
      department: form.departmentCode,
      subject: form.targetCode,
    });
    let completed = false;
    try {
      completed = task
        ? await this.steps.completeIfOpen(principal, task, { formId: form.id })
        : false;
    } catch (err) {
      // Claimed by someone else between the check and now: the form is stored and valid, and
      // the sweep completes the task; the caller is not told it failed.
      if (!(err instanceof HttpException && err.getStatus() === 403)) throw err;
    }
    return { targetCode: form.targetCode, formId: form.id, completed };
  }

  /**
   * Who may hold (claim, be reassigned) a target's form task: the department's officers and
   * head, the office, or an inspector matched to that target in that department. Nothing else.
   */
  async authorizeHolder(
    principal: Principal,
    task: UserTaskRecord,
    change: TaskHolderChange,
  ): Promise<void> {
    const dept = task.departmentCode ?? '';
    if (change.action === 'reassign' && change.toDepartment && change.toDepartment !== dept)
      throw new BadRequestException(
        `检查记录表任务属于部门 ${dept}（一企一表），不能改派到其他部门 / not to another department`,
      );
    const holder =
      change.action === 'claim'
        ? {
            username: principal.username,
            role: principal.role,
            departmentCode: principal.departmentCode,
            isOffice: principal.isOffice,
          }
        : change.toUser
          ? await this.userOf(change.toUser)
          : null;
    if (!holder) return;
    if (holder.isOffice) return;
    if (holder.departmentCode !== dept)
      throw new ForbiddenException(`${holder.username} 不属于部门 ${dept}，不能办理其检查记录表`);
    if (holder.role === 'dept_officer' || holder.role === 'dept_admin') return;
    if (holder.role !== 'inspector')
      throw new ForbiddenException(`${holder.username} 不能办理检查记录表`);
    const inspection = await this.db
      .getRepository(Inspection)
      .findOne({ where: { workflowId: task.rootWorkflowId } });
    const inspector = await this.inspectors.byUsername(holder.username);
    const matched =
      inspection?.drawId && task.subject
        ? ((await this.draws.currentAssignments(inspection.drawId, dept))?.get(task.subject) ?? [])
        : [];
    if (
      !inspector?.certificateNo ||
      inspector.departmentCode !== dept ||
      !matched.includes(inspector.certificateNo)
    )
      throw new ForbiddenException(
        `执法人员 ${holder.username} 未被匹配到检查对象 ${task.subject ?? '-'}，不能${change.action === 'claim' ? '认领' : '被改派'}其检查记录表任务`,
      );
  }

  /** The certificate number of an inspector's login, in the form's department; else 403. */
  private async certificateOf(principal: Principal, dept: string): Promise<string> {
    const inspector = await this.inspectors.byUsername(principal.username);
    if (!inspector?.certificateNo || inspector.departmentCode !== dept)
      throw new ForbiddenException(
        `账号 ${principal.username} 未关联部门 ${dept} 执法人员名录中的执法证号，不能填写检查记录`,
      );
    return inspector.certificateNo;
  }

  private async userOf(username: string) {
    const rows: Array<{ role: string; code: string; is_office: unknown }> = await this.db.query(
      'SELECT u.role AS role, d.code AS code, d.is_office AS is_office FROM users u JOIN departments d ON d.id = u.department_id WHERE u.username = ?',
      [username],
    );
    const [row] = rows;
    if (!row) throw new BadRequestException(`用户 ${username} 不存在`);
    return {
      username,
      role: row.role,
      departmentCode: row.code,
      isOffice: row.role === 'office' && Boolean(Number(row.is_office)),
    };
  }

  private async targetsOf(id: string, codes: string[]): Promise<Map<string, InspectionTarget>> {
    const rows: InspectionTarget[] = [];
    for (let at = 0; at < codes.length; at += 500)
      rows.push(
        ...(await this.db
          .getRepository(InspectionTarget)
          .find({ where: { inspectionId: id, targetCode: In(codes.slice(at, at + 500)) } })),
      );
    return new Map(rows.map((t) => [t.targetCode, t]));
  }
}
