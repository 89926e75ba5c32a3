import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  InternalServerErrorException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { ENGINE_ACTIVITY_NAMES } from '../../activities/activity-names';
import type { DefinitionLoader } from '../../activities/engine.activities';
import type { CompiledDefinition } from '../../workflows/definition/types';
import type { DefinitionRef, LoadedDefinition } from '../../workflows/interpreter/contract';
import { requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { ActivityRegistry } from '../temporal/activity-registry';
import { LIMIT_RULE, type BpmnIssue } from './bpmn';
import { compileBpmnIsolated } from './bpmn/isolated';
import { DomainDefinitions } from './domain-definitions';
import { ProcessDefinition } from './process-definition.entity';

/** A definition without its documents, for lists. */
export interface DefinitionSummary {
  id: string;
  key: string;
  version: number;
  name: string | null;
  sha256: string;
  deployedBy: string;
  deployedAt: Date;
}

export interface DefinitionDetail extends DefinitionSummary {
  xml: string;
}

export interface DeployResult extends DefinitionSummary {
  /** False when the XML was identical to the latest version (nothing deployed). */
  created: boolean;
  warnings: { elementId?: string; rule: string; message: string }[];
}

const summary = (d: ProcessDefinition): DefinitionSummary => ({
  id: d.id,
  key: d.key,
  version: d.version,
  name: d.name,
  sha256: d.sha256,
  deployedBy: d.deployedBy,
  deployedAt: d.deployedAt,
});

const detail = (d: ProcessDefinition): DefinitionDetail => ({ ...summary(d), xml: d.xml });

/**
 * Deploying is the joint-meeting office's (流程管理员, process administration): a definition
 * decides who does what by when for every department. The system (first start, CLI) deploys as
 * the office too. Department heads and the separated administrator roles may not.
 */
function requireProcessAdmin(principal: Principal): void {
  if (principal.isOffice && principal.role === 'office') return;
  throw new ForbiddenException(
    `部署流程定义仅限联席会议办公室（流程管理员）；当前角色为 ${principal.role}（${principal.departmentCode}）/ deploying process definitions is the joint-meeting office's (process admin)`,
  );
}

function invalid(title: string, errors: BpmnIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${title}，共 ${errors.length} 处错误：${errors
      .map((e) => `${e.elementId ?? '-'} [${e.rule}] ${e.message}`)
      .join('；')}`,
    errors,
  });
}

/**
 * Deployed process definitions (流程定义): validated on deploy, versioned per key, immutable.
 * Instances run the version they started with to their end.
 */
@Injectable()
export class ProcessDefinitionsService implements DefinitionLoader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly registry: ActivityRegistry,
    private readonly domains: DomainDefinitions,
  ) {}

  /** Service activities the live worker serves (engine activities are not callable from BPMN). */
  knownActivities(): string[] {
    const engine = new Set(ENGINE_ACTIVITY_NAMES);
    return this.registry.names().filter((n) => !engine.has(n));
  }

  async deploy(xml: string, principal: Principal): Promise<DeployResult> {
    requireProcessAdmin(principal);
    if (typeof xml !== 'string' || !xml.trim()) {
      throw new BadRequestException(
        '请求体应为 BPMN XML（Content-Type: application/xml 或 text/xml），或 JSON {"xml": "..."}',
      );
    }
    // in a worker thread with size, time and memory limits: the API's event loop stays free
    const result = await compileBpmnIsolated(xml, { knownActivities: this.knownActivities() });
    const limit = result.errors.find((e) => e.rule === LIMIT_RULE);
    if (limit) {
      throw new PayloadTooLargeException({
        statusCode: 413,
        error: 'Payload Too Large',
        message: limit.message,
        errors: [limit],
      });
    }
    if (result.errors.some((e) => e.rule === 'internal-error')) {
      throw new InternalServerErrorException(result.errors[0].message);
    }
    if (!result.definition) throw invalid('流程定义校验未通过', result.errors);
    const compiled = result.definition;
    // A domain definition's new version must also keep its module's rules (statutory timers…).
    const owner = this.domains.ownerOf(compiled.key);
    const domainIssues = this.domains.check(compiled);
    if (owner && domainIssues.length > 0)
      throw invalid(
        `流程 ${compiled.key} 属于「${owner.module}」模块，不符合该模块的规则 / breaks the ${owner.module} module's rules`,
        domainIssues,
      );
    const sha256 = createHash('sha256').update(xml, 'utf8').digest('hex');
    try {
      return await this.db.transaction(async (m) => {
        const repo = m.getRepository(ProcessDefinition);
        const latest = await repo.findOne({
          where: { key: compiled.key },
          order: { version: 'DESC' },
        });
        if (latest && latest.sha256 === sha256) {
          return { ...summary(latest), created: false, warnings: result.warnings };
        }
        const row: ProcessDefinition = {
          id: randomUUID(),
          key: compiled.key,
          version: (latest?.version ?? 0) + 1,
          name: compiled.name ?? null,
          sha256,
          xml,
          compiledJson: JSON.stringify(compiled),
          deployedBy: principal.username,
          deployedAt: new Date(),
        };
        await repo.insert(row);
        await this.audit.record(
          {
            actor: principal,
            action: 'definition.deploy',
            entityType: 'process_definition',
            entityId: row.id,
            after: { ...summary(row), warnings: result.warnings.length },
          },
          m,
        );
        return { ...summary(row), created: true, warnings: result.warnings };
      });
    } catch (err) {
      if (err instanceof QueryFailedError && /unique|duplicate/i.test(err.message)) {
        throw new ConflictException(`流程 ${compiled.key} 正在被同时部署，请重试`);
      }
      throw err;
    }
  }

  async list(principal: Principal, key?: string): Promise<DefinitionSummary[]> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const rows = await this.db.getRepository(ProcessDefinition).find({
      where: key ? { key } : {},
      select: ['id', 'key', 'version', 'name', 'sha256', 'deployedBy', 'deployedAt'],
      order: { key: 'ASC', version: 'DESC' },
    });
    return rows.map(summary);
  }

  async getById(principal: Principal, id: string): Promise<DefinitionDetail> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const row = await this.db.getRepository(ProcessDefinition).findOne({ where: { id } });
    if (!row) throw new NotFoundException(`流程定义 ${id} 不存在`);
    return detail(row);
  }

  async latest(principal: Principal, key: string): Promise<DefinitionDetail> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    return detail(await this.findLatest(key));
  }

  async byVersion(principal: Principal, key: string, version: number): Promise<DefinitionDetail> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    return detail(await this.findVersion(key, version));
  }

  /** For starting instances: the row a key (and optional version) resolves to now. */
  async resolve(key: string, version?: number): Promise<ProcessDefinition> {
    return version === undefined ? this.findLatest(key) : this.findVersion(key, version);
  }

  // ---- DefinitionLoader (engine activities; no principal: the workflow is the caller) ----

  async load(ref: DefinitionRef): Promise<LoadedDefinition> {
    let row: ProcessDefinition | null;
    if (ref.definitionId) {
      row = await this.db
        .getRepository(ProcessDefinition)
        .findOne({ where: { id: ref.definitionId } });
    } else if (ref.key) {
      // A call activity: a domain definition is called only from its own module's definitions.
      if (!this.domains.mayCall(ref.caller?.definitionKey, ref.key))
        throw ApplicationFailure.nonRetryable(
          `${this.domains.startRefusal(ref.key)}；不能由流程 ${ref.caller?.definitionKey ?? '(未知)'} 的调用活动启动 / not callable from ${ref.caller?.definitionKey ?? 'an unknown definition'}`,
          'DomainDefinitionRefused',
        );
      row = await this.resolve(ref.key, ref.version).catch(() => null);
    } else {
      throw new Error('loadDefinition 需要 definitionId 或 key');
    }
    if (!row) throw new Error(`流程定义不存在：${JSON.stringify(ref)}`);
    return {
      definitionId: row.id,
      key: row.key,
      version: row.version,
      definition: JSON.parse(row.compiledJson) as CompiledDefinition,
    };
  }

  async summary(definitionId: string): Promise<{ key: string; version: number } | null> {
    return this.db
      .getRepository(ProcessDefinition)
      .findOne({ where: { id: definitionId }, select: ['key', 'version'] });
  }

  private async findLatest(key: string): Promise<ProcessDefinition> {
    const row = await this.db
      .getRepository(ProcessDefinition)
      .findOne({ where: { key }, order: { version: 'DESC' } });
    if (!row) throw new NotFoundException(`流程 ${key} 尚未部署`);
    return row;
  }

  private async findVersion(key: string, version: number): Promise<ProcessDefinition> {
    const row = await this.db.getRepository(ProcessDefinition).findOne({ where: { key, version } });
    if (!row) throw new NotFoundException(`流程 ${key} 没有第 ${version} 版`);
    return row;
  }
}
