import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  unclaimTaskUpdate,
  type TaskView,
} from '../../workflows/interpreter/contract';
import { requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { TemporalService } from '../temporal/temporal.service';
import { actorOf, maySee, mayWorkOn } from './actor';
import type { CompleteTaskDto, MyTasksQuery, ReassignTaskDto } from './dto/engine.dto';
import { UserTaskRecord } from './entities';
import { FormOwners } from './form-owners';
import { validateFormOutput } from './form-validation';
import { toHttpError } from './temporal-errors';

const rights = (t: UserTaskRecord) => ({
  department: t.departmentCode ?? undefined,
  role: t.role ?? undefined,
  assignee: t.assignee ?? undefined,
  candidateGroups: t.candidateGroups ?? undefined,
});

/**
 * User tasks (待办): read from the task records, acted on through the owning workflow's updates.
 * The workflow is the authority on rights and state; the checks here answer early and cheaply.
 */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly temporal: TemporalService,
    private readonly formOwners: FormOwners,
  ) {}

  /** Open tasks the principal may work on (the office: all open tasks). */
  async mine(principal: Principal, q: MyTasksQuery): Promise<UserTaskRecord[]> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const qb = this.db
      .getRepository(UserTaskRecord)
      .createQueryBuilder('t')
      .where('t.status = :open', { open: 'open' });
    if (!principal.isOffice) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('t.departmentCode = :dept', { dept: principal.departmentCode })
            .orWhere('t.assignee = :me', { me: principal.username })
            .orWhere('t.candidateGroups LIKE :group', {
              group: `%${JSON.stringify(principal.departmentCode)}%`,
            }),
        ),
      );
    }
    if (q.overdue === true) {
      qb.andWhere(
        new Brackets((w) =>
          w.where('t.overdueSince IS NOT NULL').orWhere('t.dueAt < :now', { now: new Date() }),
        ),
      );
    }
    if (q.overdue === false) {
      qb.andWhere('t.overdueSince IS NULL').andWhere(
        new Brackets((w) =>
          w.where('t.dueAt IS NULL').orWhere('t.dueAt >= :now2', { now2: new Date() }),
        ),
      );
    }
    if (q.subject) qb.andWhere('t.subject = :subject', { subject: q.subject });
    if (q.businessKey) qb.andWhere('t.businessKey = :bk', { bk: q.businessKey });
    if (q.dueBefore) qb.andWhere('t.dueAt <= :before', { before: new Date(q.dueBefore) });
    const rows = await qb.orderBy('t.dueAt', 'ASC').addOrderBy('t.createdAt', 'ASC').getMany();
    return rows.filter((t) => mayWorkOn(principal, rights(t)));
  }

  async get(principal: Principal, taskId: string): Promise<UserTaskRecord> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const task = await this.db.getRepository(UserTaskRecord).findOne({ where: { taskId } });
    if (!task) throw new NotFoundException(`任务 ${taskId} 不存在`);
    if (!maySee(principal, rights(task))) {
      throw new ForbiddenException(
        `无权查看其他部门的任务：任务属于 ${task.departmentCode ?? '-'}`,
      );
    }
    return task;
  }

  async claim(principal: Principal, taskId: string): Promise<TaskView> {
    const task = await this.openTask(principal, taskId, true);
    await this.formOwners.authorize(principal, task, { action: 'claim' });
    return this.update(principal, task, 'task.claim-requested', {}, (h) =>
      h.executeUpdate(claimTaskUpdate, { args: [{ taskId, actor: actorOf(principal) }] }),
    );
  }

  async unclaim(principal: Principal, taskId: string): Promise<TaskView> {
    const task = await this.openTask(principal, taskId, false);
    return this.update(principal, task, 'task.unclaim-requested', {}, (h) =>
      h.executeUpdate(unclaimTaskUpdate, { args: [{ taskId, actor: actorOf(principal) }] }),
    );
  }

  /**
   * Completes a task with its form payload. A task whose form a domain module owns (FormOwners)
   * is completed only through that module (`via`), which validates and records the step first.
   */
  async complete(
    principal: Principal,
    taskId: string,
    dto: CompleteTaskDto,
    via?: string,
  ): Promise<TaskView> {
    const task = await this.openTask(principal, taskId, true);
    this.formOwners.requireVia(task.form?.name, via);
    validateFormOutput(task.form, dto.output);
    return this.update(principal, task, 'task.complete-requested', { output: dto.output }, (h) =>
      h.executeUpdate(completeTaskUpdate, {
        args: [{ taskId, actor: actorOf(principal), output: dto.output }],
      }),
    );
  }

  async reassign(principal: Principal, taskId: string, dto: ReassignTaskDto): Promise<TaskView> {
    requireRole(principal, 'office', 'dept_admin');
    const task = await this.openTask(principal, taskId, false);
    await this.formOwners.authorize(principal, task, {
      action: 'reassign',
      toUser: dto.toUser,
      toDepartment: dto.toDepartment,
    });
    return this.update(principal, task, 'task.reassign-requested', dto, (h) =>
      h.executeUpdate(reassignTaskUpdate, {
        args: [{ taskId, actor: actorOf(principal), ...dto }],
      }),
    );
  }

  /** 403 unless the principal may work on this open task (as the completion would check). */
  requireMayWork(principal: Principal, task: UserTaskRecord): void {
    if (!mayWorkOn(principal, rights(task)))
      throw new ForbiddenException(
        task.assignee
          ? `任务 ${task.taskId} 已由 ${task.assignee} 认领，${principal.username} 不能办理；请认领人办理或由部门负责人退回认领、改派`
          : `${principal.username}（${principal.departmentCode}，${principal.role}）无权办理任务 ${task.taskId}`,
      );
  }

  private async openTask(principal: Principal, taskId: string, toWork: boolean) {
    const task = await this.get(principal, taskId);
    if (task.status !== 'open') {
      throw new ConflictException(
        `任务 ${taskId} 已${task.status === 'completed' ? '办结' : '取消'}`,
      );
    }
    if (toWork && !mayWorkOn(principal, rights(task))) {
      throw new ForbiddenException(
        `${principal.username}（${principal.departmentCode}，${principal.role}）无权办理任务 ${taskId}`,
      );
    }
    return task;
  }

  /**
   * Sends the update to the task's workflow; the request is audited only when the workflow
   * accepted it (a rejected update changes nothing, so leaves no entry).
   */
  private async update(
    principal: Principal,
    task: UserTaskRecord,
    action: string,
    details: object,
    send: (
      h: ReturnType<Awaited<ReturnType<TemporalService['client']>>['workflow']['getHandle']>,
    ) => Promise<TaskView>,
  ): Promise<TaskView> {
    const handle = (await this.temporal.client()).workflow.getHandle(task.workflowId);
    let view: TaskView;
    try {
      view = await send(handle);
    } catch (err) {
      throw toHttpError(err);
    }
    await this.db.transaction((m) =>
      this.audit.record(
        {
          actor: principal,
          action,
          entityType: 'user_task',
          entityId: task.taskId,
          context: details,
          after: view,
        },
        m,
      ),
    );
    return view;
  }
}
