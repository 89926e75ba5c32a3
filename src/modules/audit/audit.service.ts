import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Principal } from '../auth/roles';
import { jsonText } from '../database/column-types';
import { entryMac } from './audit-chain';
import { AuditChainService } from './audit-chain.service';
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
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly chain: AuditChainService,
  ) {}

  async record(record: AuditRecord, manager?: EntityManager): Promise<AuditEntry> {
    const repo = manager ? manager.getRepository(AuditEntry) : this.entries;
    const at = new Date();
    const before = redact(record.before);
    const after = redact(record.after);
    const context = redact(record.context);
    const fields = {
      at: at.toISOString(),
      actor: record.actor.username,
      actorDepartment: record.actor.departmentCode ?? null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      // exactly the text the jsonText transformer stores
      beforeJson: jsonText.to(before),
      afterJson: jsonText.to(after),
      contextJson: jsonText.to(context),
    };
    const saved = await repo.save(
      repo.create({
        at,
        actor: fields.actor,
        actorDepartment: fields.actorDepartment,
        action: fields.action,
        entityType: fields.entityType,
        entityId: fields.entityId,
        before,
        after,
        context,
        seq: null,
        prevHash: null,
        entryHash: null,
        mac: entryMac(this.chain.macKey, fields),
      }),
    );
    // sealed into the hash chain shortly after the caller's transaction commits
    this.chain.schedule();
    return saved;
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
