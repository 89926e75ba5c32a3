import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireRole } from '../auth/access';
import { SYSTEM_PRINCIPAL, type Principal } from '../auth/roles';
import { InstancesService } from '../engine/instances.service';
import { UserTaskRecord } from '../engine/entities';
import { Plan, PlanTaskRow } from '../plans/plan.entity';
import { DomainDefinitions, DomainOwner } from '../process-definitions/domain-definitions';
import { ProcessDefinition } from '../process-definitions/process-definition.entity';
import { ProcessDefinitionsService } from '../process-definitions/process-definitions.service';
import { findProjectRoot } from '../temporal/temporal-cli';
import { checkJointInspection, checkJointInspectionTarget } from './definition-rules';
import type { StartInspectionDto } from './dto/inspection.dto';
import { Inspection, InspectionConfirmation, InspectionTarget } from './entities';
import { requireVisible } from './inspection-access';

/** The definitions this module runs, deployed from processes/ when not deployed yet. */
export const JOINT_INSPECTION_KEY = 'joint-inspection';
export const TARGET_PROCESS_KEY = 'joint-inspection-target';
const SHIPPED = [TARGET_PROCESS_KEY, JOINT_INSPECTION_KEY];

/** Working days a participating department has to confirm (NX 23). */
export const CONFIRM_WORKING_DAYS = 2;
/** Results published within this many working days after the window ends (NX 27, HN 22). */
export const DEFAULT_PUBLISH_DAYS = 20;

/**
 * Joint inspection tasks (联合抽查任务): starting one from a published plan task or as a
 * temporary task, and reading them. The steps themselves live in InspectionSteps.
 */
@Injectable()
export class InspectionService implements OnModuleInit {
  private readonly log = new Logger(InspectionService.name);
  /** The right to start this module's definitions (nobody else may, POST /instances neither). */
  private owner?: DomainOwner;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly instances: InstancesService,
    private readonly definitions: ProcessDefinitionsService,
    private readonly domains: DomainDefinitions,
  ) {}

  /** Registers the joint-inspection definitions as this module's domain definitions. */
  onModuleInit(): void {
    this.owner = this.domains.register('inspection', [
      {
        key: JOINT_INSPECTION_KEY,
        startedThrough: 'POST /inspections',
        checkDefinition: (compiled) =>
          checkJointInspection(compiled, { confirmDays: CONFIRM_WORKING_DAYS }),
      },
      {
        key: TARGET_PROCESS_KEY,
        startedThrough:
          'POST /inspections（每个抽中对象由 joint-inspection 流程调用 / called by joint-inspection for each drawn target）',
        checkDefinition: checkJointInspectionTarget,
      },
    ]);
  }

  async start(dto: StartInspectionDto, principal: Principal): Promise<Inspection> {
    requireRole(principal, 'dept_officer', 'dept_admin');
    const fields = dto.temporary ? this.temporaryTask(dto) : await this.planTask(dto);
    if (fields.initiatingDepartment !== principal.departmentCode)
      throw new BadRequestException(
        `只有发起部门 ${fields.initiatingDepartment} 可以启动此任务（您属于 ${principal.departmentCode}）`,
      );
    if (fields.windowEnd < fields.windowStart)
      throw new BadRequestException(
        'windowEnd 不能早于 windowStart / window ends before it starts',
      );
    await this.ensureDeployed();
    // The workflow id is recorded first: the domain activities accept only this instance.
    const workflowId = InstancesService.newWorkflowId();
    const inspection = await this.insert(fields, dto, principal, workflowId);
    try {
      if (!this.owner) throw new Error('inspection module not initialised');
      await this.instances.startOwned(
        this.owner,
        principal,
        {
          key: JOINT_INSPECTION_KEY,
          businessKey: inspection.code,
          variables: {
            inspectionId: inspection.id,
            initiatingDept: inspection.initiatingDepartment,
            departments: inspection.departments,
            participants: inspection.departments.filter(
              (d) => d !== inspection.initiatingDepartment,
            ),
            confirmDays: CONFIRM_WORKING_DAYS,
            surprise: false,
          },
        },
        workflowId,
      );
    } catch (err) {
      // Nothing half-written: without its workflow the task does not exist.
      await this.db.transaction(async (m) => {
        await m.getRepository(Inspection).delete(inspection.id);
        await this.audit.record(
          {
            actor: principal,
            action: 'inspection.start-failed',
            entityType: 'inspection',
            entityId: inspection.id,
            context: { code: inspection.code, error: String(err) },
          },
          m,
        );
      });
      throw err;
    }
    return inspection;
  }

  async list(principal: Principal): Promise<Inspection[]> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const all = await this.db
      .getRepository(Inspection)
      .find({ order: { createdAt: 'DESC' }, take: 500 });
    return all.filter(
      (i) => principal.isOffice || i.departments.includes(principal.departmentCode),
    );
  }

  /** The task with its confirmations, progress and the steps waiting now. */
  async view(id: string, principal: Principal) {
    const inspection = await this.load(id);
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    requireVisible(principal, inspection);
    const confirmations = await this.db
      .getRepository(InspectionConfirmation)
      .find({ where: { inspectionId: id }, order: { id: 'ASC' } });
    const targets = this.db.getRepository(InspectionTarget);
    const [targetCount, inspectedCount] = await Promise.all([
      targets.count({ where: { inspectionId: id } }),
      targets.count({ where: { inspectionId: id, status: 'inspected' } }),
    ]);
    const openSteps = inspection.workflowId
      ? await this.db.getRepository(UserTaskRecord).find({
          where: { rootWorkflowId: inspection.workflowId, status: 'open' },
          order: { createdAt: 'ASC' },
          take: 200,
        })
      : [];
    return {
      ...inspection,
      confirmations,
      progress: { targets: targetCount, inspected: inspectedCount },
      openSteps: openSteps.map((t) => ({
        taskId: t.taskId,
        elementId: t.elementId,
        name: t.name,
        department: t.departmentCode,
        subject: t.subject,
        dueAt: t.dueAt,
        overdue: t.overdueSince !== null,
      })),
    };
  }

  /** The drawn targets with their distribution and progress. */
  async targets(id: string, principal: Principal): Promise<InspectionTarget[]> {
    const inspection = await this.load(id);
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    requireVisible(principal, inspection);
    return this.db
      .getRepository(InspectionTarget)
      .find({ where: { inspectionId: id }, order: { targetCode: 'ASC' } });
  }

  async load(id: string): Promise<Inspection> {
    const inspection = await this.db.getRepository(Inspection).findOne({ where: { id } });
    if (!inspection) throw new NotFoundException(`联合抽查任务 ${id} 不存在 / not found`);
    return inspection;
  }

  /** Deploys the shipped definitions that have no deployed version yet (never replaces one). */
  async ensureDeployed(): Promise<void> {
    for (const key of SHIPPED) {
      if (await this.db.getRepository(ProcessDefinition).exist({ where: { key } })) continue;
      const xml = readFileSync(join(findProjectRoot(), 'processes', `${key}.bpmn`), 'utf8');
      await this.definitions.deploy(xml, SYSTEM_PRINCIPAL);
      this.log.log(`deployed ${key} from processes/`);
    }
  }

  private async planTask(dto: StartInspectionDto) {
    const plan = await this.db.getRepository(Plan).findOne({ where: { id: dto.planId } });
    if (!plan || plan.status !== 'published')
      throw new BadRequestException(
        `计划 ${dto.planId} 不存在或未发布：只能从已发布的年度计划启动任务，计划外任务请使用 temporary`,
      );
    const task = await this.db
      .getRepository(PlanTaskRow)
      .findOne({ where: { planId: plan.id, taskKey: dto.planTaskKey } });
    if (!task || task.state !== 'active')
      throw new BadRequestException(`计划 ${plan.id} 中没有有效的任务 ${dto.planTaskKey}`);
    const running = await this.db
      .getRepository(Inspection)
      .createQueryBuilder('i')
      .where('i.planTaskKey = :key', { key: task.taskKey })
      .andWhere('i.status NOT IN (:...done)', { done: ['archived', 'cancelled'] })
      .getCount();
    if (running > 0)
      throw new ConflictException(
        `计划任务 ${task.name} 已在执行中，不能重复启动 / already running`,
      );
    return {
      name: task.name,
      year: plan.year,
      planId: plan.id,
      planTaskKey: task.taskKey,
      temporary: false,
      temporaryReason: null,
      initiatingDepartment: task.initiatingDepartment,
      departments: withInitiatorFirst(task.initiatingDepartment, task.participatingDepartments),
      itemCodes: task.itemCodes,
      windowStart: task.windowStart,
      windowEnd: task.windowEnd,
    };
  }

  private temporaryTask(dto: StartInspectionDto) {
    const departments = dto.departments ?? [];
    return {
      name: dto.name ?? '',
      year: Number((dto.windowStart ?? '').slice(0, 4)),
      planId: null,
      planTaskKey: null,
      temporary: true,
      temporaryReason: dto.reason ?? null,
      initiatingDepartment: departments[0] ?? '',
      departments,
      itemCodes: dto.itemCodes ?? [],
      windowStart: dto.windowStart ?? '',
      windowEnd: dto.windowEnd ?? '',
    };
  }

  private async insert(
    fields: Omit<
      Inspection,
      | 'id'
      | 'code'
      | 'status'
      | 'scheme'
      | 'drawId'
      | 'workflowId'
      | 'createdBy'
      | 'createdAt'
      | 'launchedAt'
      | 'archivedAt'
      | 'confirmedDepartments'
      | 'publishDays'
    >,
    dto: StartInspectionDto,
    principal: Principal,
    workflowId: string,
  ): Promise<Inspection> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(async (m) => {
          const repo = m.getRepository(Inspection);
          const seq = (await repo.count({ where: { year: fields.year } })) + 1 + attempt;
          const row: Inspection = {
            ...fields,
            id: randomUUID(),
            code: `JI-${fields.year}-${String(seq).padStart(4, '0')}`,
            status: 'scheme',
            scheme: null,
            drawId: null,
            workflowId,
            confirmedDepartments: null,
            publishDays: dto.publishDays ?? DEFAULT_PUBLISH_DAYS,
            createdBy: principal.username,
            createdAt: new Date(),
            launchedAt: null,
            archivedAt: null,
          };
          await repo.insert(row);
          await this.audit.record(
            {
              actor: principal,
              action: row.temporary ? 'inspection.start-temporary' : 'inspection.start',
              entityType: 'inspection',
              entityId: row.id,
              after: { ...row },
            },
            m,
          );
          return row;
        });
      } catch (err) {
        const duplicate = err instanceof QueryFailedError && /unique|duplicate/i.test(err.message);
        if (!duplicate || attempt >= 5) throw err;
      }
    }
  }
}

function withInitiatorFirst(initiator: string, departments: string[]): string[] {
  return [initiator, ...departments.filter((d) => d !== initiator)];
}
