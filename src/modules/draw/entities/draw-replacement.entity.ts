import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ReplacementReason } from '../core';

/** A replacement request; applied (and given `seq`) only when the department head approves. */
@Unique('uq_draw_replacements_seq', ['drawId', 'departmentCode', 'seq'])
@Entity({ name: 'draw_replacements' })
export class DrawReplacement {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Draw', { name: 'fk_draw_replacements_draw', onDelete: 'CASCADE' })
  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'target_code', type: 'varchar', length: 100 })
  targetCode: string;

  @Column({ name: 'out_certificate_no', type: 'varchar', length: 64 })
  outCertificateNo: string;

  @Column({ type: 'varchar', length: 16 })
  reason: ReplacementReason;

  @Column({ name: 'appointed_certificate_no', type: 'varchar', length: 64, nullable: true })
  appointedCertificateNo: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: 'requested' | 'approved';

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 64 })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt: Date;

  /** Approval order within the department; the proof replays replacements in this order. */
  @Column({ type: 'int', nullable: true })
  seq: number | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 64, nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'in_certificate_no', type: 'varchar', length: 64, nullable: true })
  inCertificateNo: string | null;

  @Column({ name: 'in_rank', type: 'int', nullable: true })
  inRank: number | null;

  @Column({ name: 'in_key', type: 'varchar', length: 64, nullable: true })
  inKey: string | null;
}
