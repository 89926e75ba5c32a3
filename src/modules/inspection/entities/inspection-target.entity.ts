import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { jsonText } from '../../database/column-types';

/** A drawn target of a task, with what each department inspects there (distribution, 分发). */
@Entity({ name: 'inspection_targets' })
export class InspectionTarget {
  @ForeignKey('Inspection', { name: 'fk_insp_targets_inspection', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  @PrimaryColumn({ name: 'target_code', type: 'varchar', length: 64 })
  targetCode: string;

  @Column({ name: 'target_name', type: 'varchar', length: 200 })
  targetName: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  /** Department code → the item codes it inspects at this target. */
  @Column({ type: 'text', transformer: jsonText })
  distribution: Record<string, string[]>;

  /** Leader of the joint inspection group (检查组组长): the initiating department (HN 20). */
  @Column({ name: 'leader_department', type: 'varchar', length: 64 })
  leaderDepartment: string;

  /** The per-target child workflow, once it runs. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 300, nullable: true })
  workflowId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'inspecting' | 'inspected';

  @Column({ name: 'inspected_at', type: 'datetime', precision: 3, nullable: true })
  inspectedAt: Date | null;
}
