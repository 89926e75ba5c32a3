import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { InspectorStatus } from '../registry-core';
import { joinList, splitList } from '../targets/sql-dialect';

const listColumn = { to: (v: string[] | undefined) => joinList(v ?? []), from: splitList };

/** An entry of the inspector directory (执法检查人员名录库). */
@Unique('uq_inspectors_natural_key', ['naturalKey'])
@Unique('uq_inspectors_certificate', ['certificateNo'])
@Index('uq_inspectors_username', ['username'], { unique: true })
@Index('ix_inspectors_department', ['departmentCode'])
@Entity({ name: 'inspectors' })
export class Inspector {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Certificate number, or `department/name` for people without one. */
  @Column({ name: 'natural_key', type: 'varchar', length: 200 })
  naturalKey: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  position: string | null;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'certificate_no', type: 'varchar', length: 50, nullable: true })
  certificateNo: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  /**
   * The inspector's login (users.username), if he has one. Kept apart from the certificate
   * number, which is public (draw proofs): a login name is never a public identifier.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ name: 'enforcement_qualified', type: 'boolean', default: false })
  enforcementQualified: boolean;

  @Column({ name: 'expertise_tags', type: 'text', transformer: listColumn })
  expertiseTags: string[];

  @Column({ name: 'third_party_expert', type: 'boolean', default: false })
  thirdPartyExpert: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: InspectorStatus;

  /** Date (YYYY-MM-DD) the current status began. */
  @Column({ name: 'status_since', type: 'varchar', length: 10 })
  statusSince: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => InspectorConflict, (c) => c.inspector)
  conflicts?: InspectorConflict[];
}

export type ConflictKind = 'target' | 'region';

/** A declared conflict of interest (利害关系): the inspector is recused from it (NX 25). */
@Unique('uq_inspector_conflicts_entry', ['inspectorId', 'kind', 'value'])
@Entity({ name: 'inspector_conflicts' })
export class InspectorConflict {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'inspector_id', type: 'varchar', length: 36 })
  inspectorId: string;

  @ManyToOne(() => Inspector, (i) => i.conflicts, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'inspector_id',
    foreignKeyConstraintName: 'fk_inspector_conflicts_inspector',
  })
  inspector?: Inspector;

  @Column({ type: 'varchar', length: 16 })
  kind: ConflictKind;

  /** A target identification code or a 6-digit region code. */
  @Column({ type: 'varchar', length: 64 })
  value: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'declared_at', type: 'datetime', precision: 3 })
  declaredAt: Date;
}
