import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A participating department's answer to the launch (NX 23), and the initiator's review of a decline. */
@Index('ix_insp_conf_inspection', ['inspectionId'])
@Entity({ name: 'inspection_confirmations' })
export class InspectionConfirmation {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Inspection', { name: 'fk_insp_conf_inspection', onDelete: 'CASCADE' })
  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ type: 'varchar', length: 16 })
  decision: 'confirm' | 'decline';

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** For a decline: the initiator accepted it or sent it back. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  review: 'accepted' | 'sent_back' | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ name: 'answered_by', type: 'varchar', length: 64 })
  answeredBy: string;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3 })
  answeredAt: Date;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 64, nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'datetime', precision: 3, nullable: true })
  reviewedAt: Date | null;
}
