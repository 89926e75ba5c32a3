import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { jsonText } from '../../database/column-types';
import type { Commitment, CountRule, EntropySource, StratumCount } from '../core';
import type { DrawScope } from '../sources';

/**
 * committed: the snapshot and counts are frozen and S is sealed; drawn: E was entered, the
 * targets are drawn, S revealed and the target list locked; locked: every participating
 * department has matched its inspectors. Only recorded replacements and addenda follow.
 */
export type DrawStatus = 'committed' | 'drawn' | 'locked';

/**
 * public: the proof is published as soon as the targets are drawn. after-inspection: a surprise
 * check (不预先告知); only the commitment (and the entropy) is public until the owner discloses
 * the draw once its targets are inspected (`disclosedAt`).
 */
export type DrawDisclosure = 'public' | 'after-inspection';

@Unique('uq_draws_task_ref', ['taskRef'])
@Index('uq_draws_inspection', ['inspectionId'], { unique: true })
@Index('ix_draws_department', ['departmentCode'])
@Entity({ name: 'draws' })
export class Draw {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The task's business key (抽查任务编号); one draw per task, so nobody can draw twice. */
  @Column({ name: 'task_ref', type: 'varchar', length: 200 })
  taskRef: string;

  /**
   * The joint task (inspections.id) whose own commit step created this draw; null for a
   * standalone draw. Set only at commit, never looked up by taskRef.
   */
  @Column({ name: 'inspection_id', type: 'varchar', length: 36, nullable: true })
  inspectionId: string | null;

  @Column({ type: 'varchar', length: 24, default: 'public' })
  disclosure: DrawDisclosure;

  @Column({ name: 'disclosed_at', type: 'datetime', precision: 3, nullable: true })
  disclosedAt: Date | null;

  /** The initiating department (发起部门). */
  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'participating_json', type: 'text', transformer: jsonText })
  participating: string[];

  @Column({ name: 'scope_json', type: 'text', transformer: jsonText })
  scope: DrawScope;

  @Column({ name: 'rules_json', type: 'text', transformer: jsonText })
  rules: Record<string, CountRule>;

  @Column({ type: 'varchar', length: 16 })
  status: DrawStatus;

  @Column({ name: 'commitment_json', type: 'text', transformer: jsonText })
  commitment: Commitment;

  @Column({ name: 'commitment_hash', type: 'varchar', length: 64 })
  commitmentHash: string;

  @Column({ name: 'snapshot_hash', type: 'varchar', length: 64 })
  snapshotHash: string;

  @Column({ name: 'target_count', type: 'int' })
  targetCount: number;

  @Column({ name: 'counts_json', type: 'text', transformer: jsonText })
  counts: StratumCount[];

  @Column({ name: 'entropy_source_json', type: 'text', transformer: jsonText })
  entropySource: EntropySource;

  @Column({ name: 'mode_reason', type: 'varchar', length: 500, nullable: true })
  modeReason: string | null;

  @Column({ type: 'text', nullable: true })
  entropy: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  seed: string | null;

  /** S sealed with AES-256-GCM (see secret-box.ts); never selected unless asked for. */
  @Column({ name: 'secret_sealed', type: 'varchar', length: 200, select: false })
  secretSealed: string;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'drawn_by', type: 'varchar', length: 64, nullable: true })
  drawnBy: string | null;

  @Column({ name: 'drawn_at', type: 'datetime', precision: 3, nullable: true })
  drawnAt: Date | null;

  @Column({ name: 'locked_at', type: 'datetime', precision: 3, nullable: true })
  lockedAt: Date | null;
}
