import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../auth/roles';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actor: Pick<Principal, 'username' | 'departmentCode'>;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  context?: unknown;
}

/** Keys whose values never reach the audit log. */
const SECRET_KEYS = /password|secret|token|hash/i;

/**
 * Writes audit entries. Pass the transaction's EntityManager so the entry commits or rolls back
 * with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async record(record: AuditRecord, manager?: EntityManager): Promise<AuditEntry> {
    const repo = manager ? manager.getRepository(AuditEntry) : this.entries;
    return repo.save(
      repo.create({
        at: new Date(),
        actor: record.actor.username,
        actorDepartment: record.actor.departmentCode,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId,
        before: redact(record.before),
        after: redact(record.after),
        context: redact(record.context),
      }),
    );
  }

  async history(entityType: string, entityId: string): Promise<AuditEntry[]> {
    return this.entries.find({ where: { entityType, entityId }, order: { id: 'ASC' } });
  }

  async list(filter: { entityType?: string; action?: string; limit?: number; offset?: number }) {
    const where: Record<string, string> = {};
    if (filter.entityType) where.entityType = filter.entityType;
    if (filter.action) where.action = filter.action;
    return this.entries.find({
      where,
      order: { id: 'DESC' },
      take: Math.min(filter.limit ?? 100, 500),
      skip: filter.offset ?? 0,
    });
  }
}

function redact(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '[hidden]' : redact(v),
    ]),
  );
}
