import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { jsonText } from '../database/column-types';

/** One change of state (全过程留痕): who, when, what, before and after. */
@Index('ix_audit_at', ['at'])
@Index('ix_audit_entity', ['entityType', 'entityId'])
@Entity({ name: 'audit_entries' })
export class AuditEntry {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 64 })
  actor: string;

  @Column({ name: 'actor_department', type: 'varchar', length: 64, nullable: true })
  actorDepartment: string | null;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 200 })
  entityId: string;

  @Column({ name: 'before_json', type: 'text', nullable: true, transformer: jsonText })
  before: unknown;

  @Column({ name: 'after_json', type: 'text', nullable: true, transformer: jsonText })
  after: unknown;

  @Column({ name: 'context_json', type: 'text', nullable: true, transformer: jsonText })
  context: unknown;
}
