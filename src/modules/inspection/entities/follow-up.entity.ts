import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

export const FOLLOW_UP_KINDS = [
  'rectification',
  'enforcement',
  'judiciary',
  'penalty',
  'none',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export type FollowUpStatus = 'open' | 'rectifying' | 'penalty' | 'closed' | 'handed_over';

/** Follow-up of one problem found (后续处置, NX 28): "谁监管、谁负责". */
@Unique('uq_follow_ups_problem', ['inspectionId', 'targetCode', 'departmentCode', 'itemCode'])
@Index('ix_follow_ups_inspection', ['inspectionId'])
@Entity({ name: 'follow_ups' })
export class FollowUp {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey('Inspection', { name: 'fk_follow_ups_inspection', onDelete: 'CASCADE' })
  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  @Column({ name: 'target_code', type: 'varchar', length: 64 })
  targetCode: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'item_code', type: 'varchar', length: 64 })
  itemCode: string;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: FollowUpStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  kind: FollowUpKind | null;

  /** Rectification deadline (整改期限), ISO date. */
  @Column({ name: 'rectification_deadline', type: 'varchar', length: 10, nullable: true })
  rectificationDeadline: string | null;

  /** Who the case was transferred to (移送执法机构 / 司法机关). */
  @Column({ name: 'handed_over_to', type: 'varchar', length: 200, nullable: true })
  handedOverTo: string | null;

  /** Date of the penalty decision (处罚决定); its information is due 7 working days later (HN 22). */
  @Column({ name: 'decision_date', type: 'varchar', length: 10, nullable: true })
  decisionDate: string | null;

  @Column({ name: 'decision_no', type: 'varchar', length: 100, nullable: true })
  decisionNo: string | null;

  @Column({ name: 'penalty_due_at', type: 'datetime', precision: 3, nullable: true })
  penaltyDueAt: Date | null;

  /** Published penalty information (行政处罚信息): content as published. */
  @Column({ name: 'penalty_content', type: 'text', nullable: true })
  penaltyContent: string | null;

  @Column({ name: 'penalty_published_at', type: 'datetime', precision: 3, nullable: true })
  penaltyPublishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 64, nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3, nullable: true })
  updatedAt: Date | null;
}
