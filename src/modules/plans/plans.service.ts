import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireOffice, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { ItemsService, toPlanItem } from '../items/items.service';
import {
  checkPlanTask,
  jointPlanCoverage,
  type InspectionItem,
  type PlanIssue,
  type PlanTask,
  type TargetType,
} from '../registry-core';
import type { AdjustPlanDto, AdjustmentDto, CreatePlanDto, SamplingDto, TaskDto } from './plan.dto';
import { JOINT_OWNER, Plan, PlanTaskRow, type TaskSampling } from './plan.entity';

type TaskFields = Omit<PlanTaskRow, 'id' | 'planId'>;

/** The core rules' view of a stored task. */
export function toPlanTask(task: TaskFields): PlanTask {
  const s = task.sampling;
  return {
    id: task.taskKey,
    name: task.name,
    itemIds: task.itemCodes,
    initiatingDepartment: task.initiatingDepartment,
    participatingDepartments: task.participatingDepartments,
    scope: {
      targetTypes: task.scope.targetTypes as TargetType[] | undefined,
      regionCodes: task.scope.regionCodes,
      supervisingDepartments: task.scope.supervisingDepartments,
    },
    ...(s.ratio !== undefined ? { ratio: s.ratio } : {}),
    ...(s.ratiosByRiskClass !== undefined ? { ratiosByRiskClass: s.ratiosByRiskClass } : {}),
    ...(s.count !== undefined ? { count: s.count } : {}),
    ...(s.baseCount !== undefined ? { baseCount: s.baseCount } : {}),
    window: { start: task.windowStart, end: task.windowEnd },
  };
}

function sampling(dto: SamplingDto): TaskSampling {
  const out: TaskSampling = {};
  if (dto.ratio !== undefined) out.ratio = dto.ratio;
  if (dto.ratiosByRiskClass !== undefined) out.ratiosByRiskClass = dto.ratiosByRiskClass;
  if (dto.count !== undefined) out.count = dto.count;
  if (dto.baseCount !== undefined) out.baseCount = dto.baseCount;
  return out;
}

function taskFields(dto: TaskDto, taskKey = randomUUID()): TaskFields {
  return {
    taskKey,
    name: dto.name,
    itemCodes: dto.itemCodes,
    scope: { ...dto.scope } as TaskFields['scope'],
    sampling: sampling(dto),
    initiatingDepartment: dto.initiatingDepartment,
    participatingDepartments: dto.participatingDepartments ?? [],
    windowStart: dto.windowStart,
    windowEnd: dto.windowEnd,
    excludeRecentDays: dto.excludeRecentDays ?? null,
    state: 'active',
    note: null,
  };
}

/**
 * Annual plans (年度抽查工作计划, NX 18–20): department plans and the joint plan. Drafts are
 * edited by their owner; publication freezes a revision; adjustments (add, postpone, cancel,
 * change ratio) publish a new revision with a reason and keep every earlier one.
 */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly items: ItemsService,
  ) {}

  async create(dto: CreatePlanDto, principal: Principal): Promise<Plan> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    let owner: string;
    if (dto.kind === 'joint') {
      requireOffice(principal);
      owner = JOINT_OWNER;
    } else {
      if (!dto.departmentCode) throw new BadRequestException('部门计划须填写 departmentCode');
      requireDepartment(principal, dto.departmentCode);
      owner = dto.departmentCode;
    }
    return this.db.transaction(async (manager) => {
      const plans = manager.getRepository(Plan);
      if (await plans.findOne({ where: { year: dto.year, owner } }))
        throw new ConflictException(
          `${dto.year}年${owner === JOINT_OWNER ? '联合抽查计划' : `部门 ${owner} 的计划`}已存在；发布后的变更请使用调整（adjustments）`,
        );
      const plan = await plans.save(
        plans.create({
          id: randomUUID(),
          year: dto.year,
          kind: dto.kind,
          owner,
          revision: 1,
          status: 'draft',
          reason: null,
          warnings: null,
          createdBy: principal.username,
          createdAt: new Date(),
          publishedBy: null,
          publishedAt: null,
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'plans.create',
          entityType: 'plan',
          entityId: plan.id,
          after: { year: plan.year, kind: plan.kind, owner },
        },
        manager,
      );
      return plan;
    });
  }

  /** Adds a task to a draft; rule errors reject it (400), warnings come back with the task. */
  async addTask(planId: string, dto: TaskDto, principal: Principal) {
    const plan = await this.editableDraft(planId, principal);
    const fields = taskFields(dto);
    const warnings = await this.validate(plan, [fields]);
    return this.db.transaction(async (manager) => {
      const repo = manager.getRepository(PlanTaskRow);
      const task = await repo.save(repo.create({ ...fields, planId }));
      await this.audit.record(
        {
          actor: principal,
          action: 'plans.task.add',
          entityType: 'plan',
          entityId: planId,
          after: task,
        },
        manager,
      );
      return { task, warnings };
    });
  }

  async removeTask(planId: string, taskKey: string, principal: Principal): Promise<void> {
    await this.editableDraft(planId, principal);
    await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(PlanTaskRow);
      const task = await repo.findOne({ where: { planId, taskKey } });
      if (!task) throw new NotFoundException(`计划中没有任务 ${taskKey}`);
      await repo.delete(task.id);
      await this.audit.record(
        {
          actor: principal,
          action: 'plans.task.remove',
          entityType: 'plan',
          entityId: planId,
          before: task,
        },
        manager,
      );
    });
  }

  /** Publishes a draft: the joint plan only by the office; a department plan by its department. */
  async publish(planId: string, principal: Principal) {
    const plan = await this.editableDraft(planId, principal);
    if (plan.kind === 'joint') requireOffice(principal);
    else requireRole(principal, 'office', 'dept_admin');
    const tasks = await this.db.getRepository(PlanTaskRow).find({ where: { planId } });
    if (tasks.length === 0) throw new BadRequestException('计划中没有任何任务，不能发布');
    const warnings = await this.validate(plan, tasks);
    return this.db.transaction(async (manager) => {
      Object.assign(plan, {
        status: 'published',
        warnings,
        publishedBy: principal.username,
        publishedAt: new Date(),
      });
      const saved = await manager.getRepository(Plan).save(plan);
      await this.audit.record(
        {
          actor: principal,
          action: 'plans.publish',
          entityType: 'plan',
          entityId: planId,
          after: { revision: plan.revision, tasks: tasks.length, warnings },
        },
        manager,
      );
      return { plan: saved, warnings };
    });
  }

  /** An adjustment (计划调整): a new published revision with the reason; nothing else changes. */
  async adjust(planId: string, dto: AdjustPlanDto, principal: Principal) {
    const current = await this.find(planId);
    this.requireOwner(current, principal);
    if (current.kind === 'joint') requireOffice(principal);
    else requireRole(principal, 'office', 'dept_admin');
    if (current.status !== 'published')
      throw new ConflictException('草稿可直接修改，只有已发布的计划需要调整');
    const latest = await this.db.getRepository(Plan).findOne({
      where: { year: current.year, owner: current.owner },
      order: { revision: 'DESC' },
    });
    if (latest && latest.id !== current.id)
      throw new ConflictException(
        `只能调整最新修订版（第${latest.revision}版，编号 ${latest.id}）`,
      );
    const previous = await this.db.getRepository(PlanTaskRow).find({ where: { planId } });
    const tasks = previous.map(({ id: _id, planId: _p, ...t }) => ({
      ...t,
      note: null as string | null,
    }));
    const touched: TaskFields[] = [];
    for (const change of dto.changes) touched.push(applyAdjustment(tasks, change, current));
    const warnings = await this.validate(
      current,
      touched.filter((t) => t.state === 'active'),
      tasks,
    );
    return this.db.transaction(async (manager) => {
      const plans = manager.getRepository(Plan);
      const revision = await plans.save(
        plans.create({
          id: randomUUID(),
          year: current.year,
          kind: current.kind,
          owner: current.owner,
          revision: current.revision + 1,
          status: 'published',
          reason: dto.reason,
          warnings,
          createdBy: principal.username,
          createdAt: new Date(),
          publishedBy: principal.username,
          publishedAt: new Date(),
        }),
      );
      const repo = manager.getRepository(PlanTaskRow);
      await repo.save(
        tasks.map((t) => repo.create({ ...t, planId: revision.id })),
        { chunk: 100 },
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'plans.adjust',
          entityType: 'plan',
          entityId: revision.id,
          before: { planId, revision: current.revision },
          after: { revision: revision.revision, changes: dto.changes },
          context: { reason: dto.reason },
        },
        manager,
      );
      return { plan: revision, warnings };
    });
  }

  /** Officials: published plans, and drafts of their own department (office: all drafts). */
  async list(year: number | undefined, principal: Principal | null): Promise<Plan[]> {
    const plans = await this.db.getRepository(Plan).find({
      where: year ? { year } : {},
      order: { year: 'DESC', owner: 'ASC', revision: 'DESC' },
    });
    return plans.filter((p) => this.visible(p, principal));
  }

  async get(planId: string, principal: Principal | null) {
    const plan = await this.db.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan || !this.visible(plan, principal))
      throw new NotFoundException(`没有编号为 ${planId} 的计划`);
    const tasks = await this.db
      .getRepository(PlanTaskRow)
      .find({ where: { planId }, order: { id: 'ASC' } });
    return { ...plan, tasks };
  }

  /** NX 18: share of the joint item list covered by the year's latest joint plan revision. */
  async jointCoverage(year: number) {
    const { items } = await this.items.publishedItems(year);
    const joint = await this.db
      .getRepository(Plan)
      .findOne({ where: { year, owner: JOINT_OWNER }, order: { revision: 'DESC' } });
    const tasks = joint
      ? await this.db
          .getRepository(PlanTaskRow)
          .find({ where: { planId: joint.id, state: 'active' } })
      : [];
    const coverage = jointPlanCoverage(
      tasks.map(toPlanTask),
      items.filter((i) => i.joint).map(toPlanItem),
    );
    return {
      year,
      coveredRatio: coverage.coveredRatio,
      coveredPercent: coverage.coveredPercent,
      uncoveredItems: coverage.uncoveredItems.map((i) => ({ code: i.id, name: i.name })),
      warning: coverage.warning ?? null,
    };
  }

  private visible(plan: Plan, principal: Principal | null): boolean {
    if (plan.status === 'published') return true;
    if (!principal || principal.role === 'inspector') return false;
    return principal.isOffice || plan.owner === principal.departmentCode;
  }

  private requireOwner(plan: Plan, principal: Principal): void {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    if (plan.owner === JOINT_OWNER) requireOffice(principal);
    else requireDepartment(principal, plan.owner);
  }

  private async find(planId: string): Promise<Plan> {
    const plan = await this.db.getRepository(Plan).findOne({ where: { id: planId } });
    if (!plan) throw new NotFoundException(`没有编号为 ${planId} 的计划`);
    return plan;
  }

  private async editableDraft(planId: string, principal: Principal): Promise<Plan> {
    const plan = await this.find(planId);
    this.requireOwner(plan, principal);
    if (plan.status !== 'draft')
      throw new ConflictException(
        `第${plan.revision}版计划已发布，不能修改；请提交调整（POST /plans/${plan.id}/adjustments）`,
      );
    return plan;
  }

  /**
   * Checks tasks against the year's published item list (checkPlanTask) and, for the joint plan,
   * the 80% coverage (a warning, not a block). Throws 400 listing every error.
   */
  private async validate(
    plan: Plan,
    tasks: TaskFields[],
    allTasks?: TaskFields[],
  ): Promise<PlanIssue[]> {
    const { list, items } = await this.items.publishedItems(plan.year);
    if (!list)
      throw new BadRequestException(`${plan.year}年的抽查事项清单尚未发布，不能编制计划任务`);
    const planItems: InspectionItem[] = items.map(toPlanItem);
    const errors: Array<PlanIssue & { task: string }> = [];
    const warnings: Array<PlanIssue & { task?: string }> = [];
    for (const task of tasks) {
      const check = checkPlanTask(toPlanTask(task), planItems, { planYear: plan.year });
      if (plan.kind === 'department' && task.initiatingDepartment !== plan.owner)
        check.errors.push({
          code: 'not_own_department',
          message: `部门计划的任务须由本部门（${plan.owner}）发起`,
        });
      errors.push(...check.errors.map((e) => ({ ...e, task: task.name })));
      warnings.push(...check.warnings.map((w) => ({ ...w, task: task.name })));
    }
    if (errors.length > 0)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: errors.map((e) => `任务“${e.task}”：${e.message}`).join('；'),
        errors,
        warnings,
      });
    if (plan.kind === 'joint') {
      const current = (
        allTasks ?? (await this.db.getRepository(PlanTaskRow).find({ where: { planId: plan.id } }))
      ).filter((t) => t.state === 'active');
      const keys = new Set(current.map((t) => t.taskKey));
      const all = [...current, ...tasks.filter((t) => !keys.has(t.taskKey))];
      const coverage = jointPlanCoverage(
        all.map(toPlanTask),
        items.filter((i) => i.joint).map(toPlanItem),
      );
      if (coverage.warning)
        warnings.push({
          code: 'joint_coverage',
          message: `${coverage.warning}（未覆盖事项编码：${coverage.uncoveredItems.map((i) => i.id).join('、')}）`,
        });
    }
    return warnings;
  }
}

/** Applies one adjustment to the task list in place; returns the task it touched. */
function applyAdjustment(tasks: TaskFields[], change: AdjustmentDto, plan: Plan): TaskFields {
  if (change.kind === 'add') {
    if (!change.task) throw new BadRequestException('新增任务（add）须提供 task');
    const task = { ...taskFields(change.task), note: '调整新增' };
    tasks.push(task);
    return task;
  }
  const task = tasks.find((t) => t.taskKey === change.taskKey);
  if (!task)
    throw new BadRequestException(
      `第${plan.revision}版计划中没有任务 ${change.taskKey ?? '(未填写 taskKey)'}`,
    );
  if (task.state === 'cancelled')
    throw new BadRequestException(`任务“${task.name}”已取消，不能再调整`);
  if (change.kind === 'cancel') {
    Object.assign(task, { state: 'cancelled', note: '调整取消' });
  } else if (change.kind === 'postpone') {
    if (!change.windowEnd) throw new BadRequestException('延期（postpone）须提供新的 windowEnd');
    Object.assign(task, {
      note: `延期：${task.windowStart}至${task.windowEnd} → ${change.windowStart ?? task.windowStart}至${change.windowEnd}`,
      windowStart: change.windowStart ?? task.windowStart,
      windowEnd: change.windowEnd,
    });
  } else {
    if (!change.sampling) throw new BadRequestException('调整比例（change_ratio）须提供 sampling');
    Object.assign(task, { sampling: sampling(change.sampling), note: '调整抽查比例' });
  }
  return task;
}
