import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A service task that failed after its retries (故障), open until someone retries it. */
@Index('ix_incident_workflow', ['workflowId'])
@Index('ix_incident_status', ['status'])
@Entity({ name: 'incidents' })
export class IncidentRecord {
  @PrimaryColumn({ name: 'incident_id', type: 'varchar', length: 255 })
  incidentId: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 255 })
  workflowId: string;

  @Column({ name: 'element_id', type: 'varchar', length: 200 })
  elementId: string;

  @Column({ type: 'varchar', length: 200 })
  activity: string;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: 'open' | 'resolved';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 64, nullable: true })
  resolvedBy: string | null;
}
