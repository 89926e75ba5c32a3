import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { jsonText } from '../database/column-types';

const nullableNumber = {
  to: (v: number | null | undefined) => v,
  from: (v: unknown) => (v === null || v === undefined ? null : Number(v)),
};

/** One change of state (全过程留痕): who, when, what, before and after. */
@Index('ix_audit_at', ['at'])
@Index('ix_audit_entity', ['entityType', 'entityId'])
@Index('ux_audit_seq', ['seq'], { unique: true })
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

  /** Position in the hash chain; null until the chainer seals the entry (shortly after commit). */
  @Column({ type: 'bigint', nullable: true, transformer: nullableNumber })
  seq: number | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 of the canonical entry (see audit-chain.ts, docs/security-audit.md). */
  @Column({ name: 'entry_hash', type: 'varchar', length: 64, nullable: true })
  entryHash: string | null;

  /** HMAC by the application at insert time: `<key id>.<nonce>.<hmac>`. */
  @Column({ type: 'varchar', length: 100, nullable: true, select: false })
  mac: string | null;
}

/** The audit chain head (one row, id 1): the serialization point where entries are sealed. */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHead {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'bigint', transformer: nullableNumber })
  seq: number;

  @Column({ name: 'entry_hash', type: 'varchar', length: 64 })
  entryHash: string;

  /** Entries up to this seq existed before the chain and carry no MAC. */
  @Column({ name: 'legacy_through', type: 'bigint', transformer: nullableNumber })
  legacyThrough: number;
}

/** A published checkpoint (RFC 6962 style): tree size and Merkle root of the chain at a moment. */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'tree_size', type: 'bigint', transformer: nullableNumber })
  treeSize: number;

  @Column({ name: 'root_hash', type: 'varchar', length: 64 })
  rootHash: string;

  @Column({ name: 'last_entry_hash', type: 'varchar', length: 64 })
  lastEntryHash: string;

  @Column({ name: 'frontier_json', type: 'text', transformer: jsonText, select: false })
  frontier: { size: number; hashes: string[] };

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;
}
