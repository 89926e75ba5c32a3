import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type SearchAttributePair,
} from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  cancelSignal,
  messageSignal,
  moveDeadlinesSignal,
  PROCESS_WORKFLOW,
  stateQuery,
  type InstanceState,
  type ProcessInstanceInput,
} from '../../workflows/interpreter/contract';
import { requireDepartment, requireOffice, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { DomainDefinitions, DomainOwner } from '../process-definitions/domain-definitions';
import { ProcessDefinitionsService } from '../process-definitions/process-definitions.service';
import { TemporalService } from '../temporal/temporal.service';
import { actorOf } from './actor';
import type {
  ListInstancesQuery,
  MoveDeadlinesDto,
  SendMessageDto,
  StartInstanceDto,
} from './dto/engine.dto';
import { ProcessInstanceRecord } from './entities';
import { toHttpError } from './temporal-errors';

export const SA = {
  definitionKey: defineSearchAttributeKey('JcDefinitionKey', SearchAttributeType.KEYWORD),
  businessKey: defineSearchAttributeKey('JcBusinessKey', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('JcStatus', SearchAttributeType.KEYWORD),
  departments: defineSearchAttributeKey('JcDepartments', SearchAttributeType.KEYWORD_LIST),
  overdue: defineSearchAttributeKey('JcOverdue', SearchAttributeType.BOOL),
};

export interface InstanceSummary {
  workflowId: string;
  definitionKey: string;
  version: number | null;
  businessKey: string | null;
  status: string;
  departments: string[];
  overdue: boolean;
  startedBy: string | null;
  startedDepartment: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

const LIST_DEFAULT = 100;

/**
 * Process instances (流程实例): started on Temporal, mirrored in process_instances, listed through
 * Temporal visibility (search attributes) and scoped to the departments an instance involves.
 */
@Injectable()
export class InstancesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly temporal: TemporalService,
    private readonly definitions: ProcessDefinitionsService,
    private readonly domains: DomainDefinitions,
  ) {}

  /** A fresh instance id, for a module that records it before starting (startOwned). */
  static newWorkflowId(): string {
    return `pi-${randomUUID()}`;
  }

  /**
   * `POST /instances` and `jointcheck engine start`: any ordinary definition. A domain
   * definition (DomainDefinitions) is refused with where its module starts it.
   */
  async start(principal: Principal, dto: StartInstanceDto): Promise<InstanceSummary> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    if (this.domains.ownerOf(dto.key))
      throw new ForbiddenException(this.domains.startRefusal(dto.key));
    return this.launch(principal, dto, InstancesService.newWorkflowId());
  }

  /**
   * A module starts one of its own domain definitions (not reachable over HTTP: it needs the
   * module's DomainOwner handle). The module checks the principal's rights for its object.
   */
  async startOwned(
    owner: DomainOwner,
    principal: Principal,
    dto: StartInstanceDto,
    workflowId = InstancesService.newWorkflowId(),
  ): Promise<InstanceSummary> {
    if (!this.domains.authorizes(owner, dto.key))
      throw new ForbiddenException(
        `模块 ${owner.module} 无权启动流程 ${dto.key} / module ${owner.module} does not own ${dto.key}`,
      );
    return this.launch(principal, dto, workflowId);
  }

  private async launch(
    principal: Principal,
    dto: StartInstanceDto,
    workflowId: string,
  ): Promise<InstanceSummary> {
    const def = await this.definitions.resolve(dto.key, dto.version);
    const input: ProcessInstanceInput = {
      definitionId: def.id,
      businessKey: dto.businessKey,
      variables: dto.variables ?? {},
      startedBy: actorOf(principal),
    };
    const searchAttributes: SearchAttributePair[] = [
      { key: SA.definitionKey, value: def.key },
      { key: SA.status, value: 'running' },
      { key: SA.departments, value: [principal.departmentCode] },
      { key: SA.overdue, value: false },
    ];
    if (dto.businessKey) searchAttributes.push({ key: SA.businessKey, value: dto.businessKey });
    const client = await this.temporal.client();
    await client.workflow.start(PROCESS_WORKFLOW, {
      taskQueue: this.temporal.taskQueue,
      workflowId,
      args: [input],
      typedSearchAttributes: searchAttributes,
    });
    // The workflow's own recordInstance may already have written the row: upsert.
    const record = await this.db.transaction(async (m) => {
      const row = await this.upsertStarted(m, {
        workflowId,
        definitionId: def.id,
        definitionKey: def.key,
        version: def.version,
        businessKey: dto.businessKey ?? null,
        startedBy: principal.username,
        startedDepartment: principal.departmentCode,
      });
      await this.audit.record(
        {
          actor: principal,
          action: 'instance.start-requested',
          entityType: 'process_instance',
          entityId: workflowId,
          after: { ...row, variables: input.variables },
        },
        m,
      );
      return row;
    });
    return this.summaryOf(record, undefined);
  }

  async list(principal: Principal, q: ListInstancesQuery): Promise<InstanceSummary[]> {
    if (!principal.isOffice && q.department) requireDepartment(principal, q.department);
    const department = principal.isOffice ? q.department : principal.departmentCode;
    const clauses = [
      `WorkflowType = '${PROCESS_WORKFLOW}'`,
      `TaskQueue = '${this.temporal.taskQueue}'`,
    ];
    if (q.key) clauses.push(`JcDefinitionKey = '${q.key}'`);
    if (q.businessKey) clauses.push(`JcBusinessKey = '${q.businessKey}'`);
    if (q.status) clauses.push(`JcStatus = '${q.status}'`);
    if (department) clauses.push(`JcDepartments = '${department}'`);
    if (q.overdue !== undefined) clauses.push(`JcOverdue = ${q.overdue}`);
    const client = await this.temporal.client();
    const limit = q.limit ?? LIST_DEFAULT;
    const found: WorkflowExecutionInfo[] = [];
    for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
      found.push(wf);
      if (found.length >= limit) break;
    }
    if (found.length === 0) return [];
    const records = await this.db
      .getRepository(ProcessInstanceRecord)
      .find({ where: { workflowId: In(found.map((f) => f.workflowId)) } });
    const byId = new Map(records.map((r) => [r.workflowId, r]));
    return found
      .filter((wf) => byId.has(wf.workflowId))
      .map((wf) => this.summaryOf(byId.get(wf.workflowId)!, wf));
  }

  async get(
    principal: Principal,
    workflowId: string,
  ): Promise<InstanceState & { record: InstanceSummary }> {
    const record = await this.requireVisible(principal, workflowId);
    const handle = (await this.temporal.client()).workflow.getHandle(workflowId);
    try {
      const state = await handle.query(stateQuery);
      return { ...state, record: this.summaryOf(record, undefined) };
    } catch (err) {
      const mapped = toHttpError(err);
      if (mapped !== err) throw new NotFoundException(`流程实例 ${workflowId} 在流程引擎中不存在`);
      throw err;
    }
  }

  async cancel(principal: Principal, workflowId: string, reason: string): Promise<void> {
    const record = await this.requireRecord(workflowId);
    if (!principal.isOffice) {
      requireRole(principal, 'dept_admin');
      requireDepartment(principal, record.startedDepartment ?? '');
    }
    await this.signal(principal, record, 'instance.cancel-requested', { reason }, (h) =>
      h.signal(cancelSignal, { reason, actor: actorOf(principal) }),
    );
  }

  async sendMessage(principal: Principal, workflowId: string, dto: SendMessageDto): Promise<void> {
    const record = await this.requireVisible(principal, workflowId);
    await this.signal(principal, record, 'instance.message', dto, (h) =>
      h.signal(messageSignal, { name: dto.name, payload: dto.payload, actor: actorOf(principal) }),
    );
  }

  async moveDeadlines(
    principal: Principal,
    workflowId: string,
    dto: MoveDeadlinesDto,
  ): Promise<void> {
    requireOffice(principal);
    if (dto.fireAt && !/(Z|[+-]\d{2}:?\d{2})$/.test(dto.fireAt)) {
      throw new BadRequestException('fireAt 需带时区，例如 2025-06-30T23:59:59+08:00');
    }
    const record = await this.requireRecord(workflowId);
    await this.signal(principal, record, 'instance.deadlines-move-requested', dto, (h) =>
      h.signal(moveDeadlinesSignal, { ...dto, actor: actorOf(principal) }),
    );
  }

  /** The record, if the principal may see the instance (office, starter, or involved department). */
  async requireVisible(principal: Principal, workflowId: string): Promise<ProcessInstanceRecord> {
    const record = await this.requireRecord(workflowId);
    if (principal.isOffice || record.startedDepartment === principal.departmentCode) return record;
    const departments = await this.departmentsOf(record.workflowId);
    requireDepartment(
      principal,
      departments.includes(principal.departmentCode)
        ? principal.departmentCode
        : (record.startedDepartment ?? '-'),
    );
    return record;
  }

  private async departmentsOf(workflowId: string): Promise<string[]> {
    try {
      const desc = await (await this.temporal.client()).workflow.getHandle(workflowId).describe();
      return desc.typedSearchAttributes.get(SA.departments) ?? [];
    } catch {
      return [];
    }
  }

  private async requireRecord(workflowId: string): Promise<ProcessInstanceRecord> {
    const record = await this.db
      .getRepository(ProcessInstanceRecord)
      .findOne({ where: { workflowId } });
    if (!record) throw new NotFoundException(`流程实例 ${workflowId} 不存在`);
    return record;
  }

  /** Audits the request, then signals; a failed signal rolls the audit entry back. */
  private async signal(
    principal: Principal,
    record: ProcessInstanceRecord,
    action: string,
    details: object,
    send: (
      h: ReturnType<Awaited<ReturnType<TemporalService['client']>>['workflow']['getHandle']>,
    ) => Promise<void>,
  ): Promise<void> {
    const handle = (await this.temporal.client()).workflow.getHandle(record.workflowId);
    await this.db.transaction(async (m) => {
      await this.audit.record(
        {
          actor: principal,
          action,
          entityType: 'process_instance',
          entityId: record.workflowId,
          context: details,
        },
        m,
      );
      try {
        await send(handle);
      } catch (err) {
        throw toHttpError(err);
      }
    });
  }

  private async upsertStarted(
    m: EntityManager,
    fields: Pick<
      ProcessInstanceRecord,
      | 'workflowId'
      | 'definitionId'
      | 'definitionKey'
      | 'version'
      | 'businessKey'
      | 'startedBy'
      | 'startedDepartment'
    >,
  ): Promise<ProcessInstanceRecord> {
    const repo = m.getRepository(ProcessInstanceRecord);
    const existing = await repo.findOne({ where: { workflowId: fields.workflowId } });
    if (existing) {
      Object.assign(existing, fields);
      return repo.save(existing);
    }
    const row: ProcessInstanceRecord = {
      ...fields,
      status: 'running',
      parentWorkflowId: null,
      startedAt: new Date(),
      endedAt: null,
      reason: null,
    };
    await repo.insert(row);
    return row;
  }

  private summaryOf(
    r: ProcessInstanceRecord,
    wf: WorkflowExecutionInfo | undefined,
  ): InstanceSummary {
    return {
      workflowId: r.workflowId,
      definitionKey: r.definitionKey,
      version: r.version,
      businessKey: r.businessKey,
      status: (wf?.typedSearchAttributes.get(SA.status) as string | undefined) ?? r.status,
      departments:
        wf?.typedSearchAttributes.get(SA.departments) ??
        (r.startedDepartment ? [r.startedDepartment] : []),
      overdue: wf?.typedSearchAttributes.get(SA.overdue) ?? false,
      startedBy: r.startedBy,
      startedDepartment: r.startedDepartment,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
    };
  }
}
