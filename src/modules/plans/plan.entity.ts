import { Column, Entity, ForeignKey, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { jsonText } from '../database/column-types';
import type { RiskClass } from '../registry-core';

export type PlanKind = 'department' | 'joint';
export type PlanStatus = 'draft' | 'published';
/** Owner of the joint plan (联合抽查计划); department plans are owned by their department code. */
export const JOINT_OWNER = 'JOINT';

/** One revision of an annual plan (年度抽查工作计划). */
@Unique('uq_plans_year_owner_revision', ['year', 'owner', 'revision'])
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  kind: PlanKind;

  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  status: PlanStatus;

  /** Why this revision adjusts the previous one (NX 20, HN 16). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Warnings shown at publication (e.g. joint coverage under 80%). */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  warnings: Array<{ code: string; message: string }> | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 64, nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;
}

export interface TaskScope {
  targetTypes?: string[];
  regionCodes?: string[];
  industryTags?: string[];
  supervisingDepartments?: string[];
  riskClasses?: RiskClass[];
}

export interface TaskSampling {
  ratio?: string;
  ratiosByRiskClass?: Partial<Record<RiskClass, string>>;
  count?: number;
  baseCount?: number;
}

/** A task of one plan revision; `taskKey` identifies the task across revisions. */
@Unique('uq_plan_tasks_plan_key', ['planId', 'taskKey'])
@Entity({ name: 'plan_tasks' })
export class PlanTaskRow {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Plan', { name: 'fk_plan_tasks_plan', onDelete: 'CASCADE' })
  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId: string;

  @Column({ name: 'task_key', type: 'varchar', length: 36 })
  taskKey: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'item_codes', type: 'text', transformer: jsonText })
  itemCodes: string[];

  @Column({ type: 'text', transformer: jsonText })
  scope: TaskScope;

  @Column({ type: 'text', transformer: jsonText })
  sampling: TaskSampling;

  @Column({ name: 'initiating_department', type: 'varchar', length: 64 })
  initiatingDepartment: string;

  @Column({ name: 'participating_departments', type: 'text', transformer: jsonText })
  participatingDepartments: string[];

  @Column({ name: 'window_start', type: 'varchar', length: 10 })
  windowStart: string;

  @Column({ name: 'window_end', type: 'varchar', length: 10 })
  windowEnd: string;

  /** Leave out targets inspected for the same item in the last N days. */
  @Column({ name: 'exclude_recent_days', type: 'int', nullable: true })
  excludeRecentDays: number | null;

  @Column({ type: 'varchar', length: 16 })
  state: 'active' | 'cancelled';

  /** What the last adjustment did to this task. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
