import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { retryIncidentUpdate } from '../../workflows/interpreter/contract';
import { requireDepartment, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { TemporalService } from '../temporal/temporal.service';
import { actorOf } from './actor';
import { IncidentRecord, ProcessInstanceRecord } from './entities';
import { toHttpError } from './temporal-errors';

/**
 * Incidents (故障): failed service tasks. The office sees all; a department admin sees and
 * retries those of instances its department started (the workflow re-checks on retry).
 */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly temporal: TemporalService,
  ) {}

  async list(principal: Principal, status?: 'open' | 'resolved'): Promise<IncidentRecord[]> {
    requireRole(principal, 'office', 'dept_admin');
    const qb = this.db.getRepository(IncidentRecord).createQueryBuilder('i');
    if (status) qb.andWhere('i.status = :status', { status });
    if (!principal.isOffice) {
      qb.innerJoin(ProcessInstanceRecord, 'p', 'p.workflowId = i.workflowId').andWhere(
        'p.startedDepartment = :dept',
        { dept: principal.departmentCode },
      );
    }
    return qb.orderBy('i.createdAt', 'DESC').getMany();
  }

  async retry(principal: Principal, incidentId: string): Promise<void> {
    requireRole(principal, 'office', 'dept_admin');
    const incident = await this.db.getRepository(IncidentRecord).findOne({ where: { incidentId } });
    if (!incident) throw new NotFoundException(`故障 ${incidentId} 不存在`);
    if (incident.status !== 'open') throw new ConflictException(`故障 ${incidentId} 已处理`);
    if (!principal.isOffice) {
      const instance = await this.db
        .getRepository(ProcessInstanceRecord)
        .findOne({ where: { workflowId: incident.workflowId } });
      requireDepartment(principal, instance?.startedDepartment ?? '-');
    }
    const handle = (await this.temporal.client()).workflow.getHandle(incident.workflowId);
    try {
      await handle.executeUpdate(retryIncidentUpdate, {
        args: [{ incidentId, actor: actorOf(principal) }],
      });
    } catch (err) {
      throw toHttpError(err);
    }
    await this.db.transaction((m) =>
      this.audit.record(
        {
          actor: principal,
          action: 'incident.retry-requested',
          entityType: 'incident',
          entityId: incidentId,
        },
        m,
      ),
    );
  }
}
