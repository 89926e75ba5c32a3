import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RESOLUTION_KINDS = ['reason_given', 'deadline_extended', 'done_late'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];

/** An escalation (督办/通报) raised by a process, addressed to the office or a department. */
@Index('ix_escalation_root_workflow', ['rootWorkflowId'])
@Index('ix_escalation_target_status', ['targetDepartment', 'status'])
@Index('uq_escalation_dedupe', ['dedupeKey'], { unique: true })
@Entity({ name: 'escalations' })
export class EscalationRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** sha256 of (workflowId, elementId, taskId, occurrence): one row per raised escalation. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 64 })
  dedupeKey: string;

  @Column({ name: 'root_workflow_id', type: 'varchar', length: 255 })
  rootWorkflowId: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 255 })
  workflowId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ type: 'varchar', length: 200 })
  code: string;

  @Column({ name: 'target_department', type: 'varchar', length: 64 })
  targetDepartment: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rule: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  @Column({ name: 'task_id', type: 'varchar', length: 255, nullable: true })
  taskId: string | null;

  @Column({ name: 'task_department', type: 'varchar', length: 64, nullable: true })
  taskDepartment: string | null;

  @Column({ name: 'definition_key', type: 'varchar', length: 200, nullable: true })
  definitionKey: string | null;

  @Column({ name: 'business_key', type: 'varchar', length: 200, nullable: true })
  businessKey: string | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt: Date | null;

  /** Whole hours past the task's due instant when raised (working days come with the calendar). */
  @Column({ name: 'hours_late', type: 'int', nullable: true })
  hoursLate: number | null;

  @Column({ type: 'varchar', length: 20 })
  status: 'open' | 'resolved';

  @Column({ name: 'resolution_kind', type: 'varchar', length: 30, nullable: true })
  resolutionKind: ResolutionKind | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 64, nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
