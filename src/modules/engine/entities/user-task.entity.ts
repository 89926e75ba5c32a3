import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from '../../database/column-types';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A user task (待办任务) as the interpreter created it; updated by the engine activities only. */
@Index('ix_user_tasks_root_subject', ['rootWorkflowId', 'subject'])
@Index('ix_task_assignee_status', ['assignee', 'status'])
@Index('ix_task_root_workflow', ['rootWorkflowId'])
@Index('ix_task_department_status', ['departmentCode', 'status'])
@Entity({ name: 'user_tasks' })
export class UserTaskRecord {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 255 })
  taskId: string;

  /** The workflow that owns the task: task updates are sent there. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 255 })
  workflowId: string;

  @Column({ name: 'root_workflow_id', type: 'varchar', length: 255 })
  rootWorkflowId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  /** What the task is about (jc:subject), e.g. a target code or a follow-up id. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subject: string | null;

  @Column({ name: 'definition_key', type: 'varchar', length: 200, nullable: true })
  definitionKey: string | null;

  @Column({ name: 'business_key', type: 'varchar', length: 200, nullable: true })
  businessKey: string | null;

  @Column({ name: 'department_code', type: 'varchar', length: 64, nullable: true })
  departmentCode: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  role: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  assignee: string | null;

  @Column({ name: 'candidate_groups', type: 'text', nullable: true, transformer: jsonText })
  candidateGroups: string[] | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  form: { schema?: Record<string, unknown>; name?: string } | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ type: 'boolean', default: false })
  provisional: boolean;

  @Column({ type: 'varchar', length: 20 })
  status: TaskStatus;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'completed_by', type: 'varchar', length: 64, nullable: true })
  completedBy: string | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  output: Record<string, unknown> | null;

  @Column({ name: 'overdue_since', type: 'datetime', precision: 3, nullable: true })
  overdueSince: Date | null;

  @Column({ name: 'reminders_sent', type: 'int', default: 0 })
  remindersSent: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
