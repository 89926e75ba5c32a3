import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InstanceStatus } from '../../../workflows/interpreter/contract';

/** The database mirror of one interpreter workflow (流程实例). */
@Index('ix_instance_business_key', ['businessKey'])
@Index('ix_instance_key_status', ['definitionKey', 'status'])
@Entity({ name: 'process_instances' })
export class ProcessInstanceRecord {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 255 })
  workflowId: string;

  @Column({ name: 'definition_id', type: 'varchar', length: 36 })
  definitionId: string;

  @Column({ name: 'definition_key', type: 'varchar', length: 200 })
  definitionKey: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'business_key', type: 'varchar', length: 200, nullable: true })
  businessKey: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: InstanceStatus;

  @Column({ name: 'started_by', type: 'varchar', length: 64 })
  startedBy: string;

  @Column({ name: 'started_department', type: 'varchar', length: 64, nullable: true })
  startedDepartment: string | null;

  @Column({ name: 'parent_workflow_id', type: 'varchar', length: 255, nullable: true })
  parentWorkflowId: string | null;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'datetime', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
