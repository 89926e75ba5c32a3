import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireOffice, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import type { ResolveEscalationDto } from './dto/engine.dto';
import { EscalationRecord } from './entities';

/** Escalations (督办/通报): the office sees and resolves all; a department sees its own. */
@Injectable()
export class EscalationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, status?: 'open' | 'resolved'): Promise<EscalationRecord[]> {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const qb = this.db.getRepository(EscalationRecord).createQueryBuilder('e');
    if (status) qb.andWhere('e.status = :status', { status });
    if (!principal.isOffice) {
      // its own: addressed to it, or about one of its tasks
      qb.andWhere('(e.targetDepartment = :dept OR e.taskDepartment = :dept)', {
        dept: principal.departmentCode,
      });
    }
    return qb.orderBy('e.createdAt', 'DESC').getMany();
  }

  async resolve(
    principal: Principal,
    id: string,
    dto: ResolveEscalationDto,
  ): Promise<EscalationRecord> {
    requireOffice(principal);
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(EscalationRecord);
      const row = await repo.findOne({ where: { id } });
      if (!row) throw new NotFoundException(`督办事项 ${id} 不存在`);
      if (row.status === 'resolved') throw new ConflictException(`督办事项 ${id} 已处理`);
      row.status = 'resolved';
      row.resolutionKind = dto.kind;
      row.resolutionNote = dto.note;
      row.resolvedBy = principal.username;
      row.resolvedAt = new Date();
      await repo.save(row);
      await this.audit.record(
        {
          actor: principal,
          action: 'escalation.resolve',
          entityType: 'escalation',
          entityId: id,
          before: { status: 'open' },
          after: { status: 'resolved', kind: dto.kind, note: dto.note },
        },
        m,
      );
      return row;
    });
  }
}
