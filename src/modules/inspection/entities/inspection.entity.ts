import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { jsonText } from '../../database/column-types';

export type InspectionStatus =
  | 'scheme'
  | 'confirming'
  | 'drawing'
  | 'matching'
  | 'inspecting'
  | 'publishing'
  | 'follow-up'
  | 'archiving'
  | 'archived'
  | 'cancelled';

/** The inspection scheme (检查方案, NX 22) the initiating department fills in. */
export interface InspectionScheme {
  /** Contents per item: what each item checks and the materials the target prepares. */
  items: Array<{
    itemCode: string;
    /** The item's own department. */
    departmentCode: string;
    /** Participating departments that inspect it (its own and, for a joint item, its cooperating ones). */
    departments: string[];
    contents: string;
    materials?: string;
  }>;
  /** Inspection window (检查时间), ISO dates. */
  windowStart: string;
  windowEnd: string;
  /** Method (检查方式): on_site is the default (NX 22). */
  method: 'on_site' | 'written' | 'online' | 'other';
  /** Surprise check (不预先告知): no advance notice is sent (HN 21). */
  surprise: boolean;
  /** Inspectors per target per department for on-site checks (≥ 2, HN 21). */
  inspectorsPerTarget: number;
  note?: string;
}

/** One joint inspection task (联合抽查任务), from plan task to archive. */
@Unique('uq_inspections_code', ['code'])
@Index('ix_inspections_plan_task', ['planTaskKey'])
@Index('ix_inspections_initiator', ['initiatingDepartment'])
@Entity({ name: 'inspections' })
export class Inspection {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Business key (任务编号), e.g. JI-2026-0001; also the draw's taskRef. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'plan_id', type: 'varchar', length: 36, nullable: true })
  planId: string | null;

  @Column({ name: 'plan_task_key', type: 'varchar', length: 36, nullable: true })
  planTaskKey: string | null;

  /** A temporary task outside the annual plan (NX 20, HN 13) and why. */
  @Column({ type: 'boolean', default: false })
  temporary: boolean;

  @Column({ name: 'temporary_reason', type: 'text', nullable: true })
  temporaryReason: string | null;

  @Column({ name: 'initiating_department', type: 'varchar', length: 64 })
  initiatingDepartment: string;

  /** Every participating department, the initiator first. */
  @Column({ name: 'departments', type: 'text', transformer: jsonText })
  departments: string[];

  /** Departments that confirmed (a declined department whose reason was accepted is left out). */
  @Column({ name: 'confirmed_departments', type: 'text', nullable: true, transformer: jsonText })
  confirmedDepartments: string[] | null;

  @Column({ name: 'item_codes', type: 'text', transformer: jsonText })
  itemCodes: string[];

  @Column({ name: 'window_start', type: 'varchar', length: 10 })
  windowStart: string;

  @Column({ name: 'window_end', type: 'varchar', length: 10 })
  windowEnd: string;

  /** Working days after the window ends within which results are published (NX 27: 20). */
  @Column({ name: 'publish_days', type: 'int' })
  publishDays: number;

  @Column({ type: 'varchar', length: 16 })
  status: InspectionStatus;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  scheme: InspectionScheme | null;

  @Column({ name: 'draw_id', type: 'varchar', length: 36, nullable: true })
  drawId: string | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'launched_at', type: 'datetime', precision: 3, nullable: true })
  launchedAt: Date | null;

  @Column({ name: 'archived_at', type: 'datetime', precision: 3, nullable: true })
  archivedAt: Date | null;
}
