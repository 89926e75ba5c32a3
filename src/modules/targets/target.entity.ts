import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RiskClass, TargetStatus, TargetType } from '../registry-core';
import { joinList, splitList } from './sql-dialect';

const listColumn = { to: (v: string[] | undefined) => joinList(v ?? []), from: splitList };

/** An entry of the target directory (检查对象名录库). */
@Index('ix_targets_risk_class', ['riskClass'])
@Index('ix_targets_region', ['regionCode'])
@Index('ix_targets_name', ['name'])
@Entity({ name: 'targets' })
export class Target {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'code_kind', type: 'varchar', length: 16 })
  codeKind: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  type: TargetType;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  @Column({ name: 'industry_tags', type: 'text', transformer: listColumn })
  industryTags: string[];

  @Column({ name: 'legal_representative', type: 'varchar', length: 100, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ name: 'risk_class', type: 'varchar', length: 1, nullable: true })
  riskClass: RiskClass | null;

  @Column({ name: 'risk_class_set_at', type: 'datetime', precision: 3, nullable: true })
  riskClassSetAt: Date | null;

  @Column({ name: 'supervising_departments', type: 'text', transformer: listColumn })
  supervisingDepartments: string[];

  @Column({ type: 'varchar', length: 16 })
  status: TargetStatus;

  @Column({ name: 'complaint_count', type: 'int', default: 0 })
  complaintCount: number;

  @Column({ name: 'violation_count', type: 'int', default: 0 })
  violationCount: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/** One change of a target's credit-risk class. */
@Index('ix_risk_class_history_target', ['targetCode'])
@Entity({ name: 'risk_class_history' })
export class RiskClassChange {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'target_code', type: 'varchar', length: 64 })
  targetCode: string;

  @Column({ name: 'old_class', type: 'varchar', length: 1, nullable: true })
  oldClass: RiskClass | null;

  @Column({ name: 'new_class', type: 'varchar', length: 1, nullable: true })
  newClass: RiskClass | null;

  @Column({ name: 'set_at', type: 'datetime', precision: 3 })
  setAt: Date;

  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ type: 'varchar', length: 64 })
  actor: string;
}
