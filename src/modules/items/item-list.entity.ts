import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { jsonText } from '../database/column-types';
import type { TargetType } from '../registry-core';

export type ListStatus = 'draft' | 'published';
export type ItemCategory = 'key' | 'general';
export const ITEM_METHODS = ['on_site', 'written', 'online', 'other'] as const;
export type ItemMethod = (typeof ITEM_METHODS)[number];

/** One revision of a year's inspection item list (随机抽查事项清单); published ones never change. */
@Unique('uq_item_lists_year_revision', ['year', 'revision'])
@Entity({ name: 'item_lists' })
export class ItemList {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  status: ListStatus;

  /** Why this revision differs from the previous one (required from revision 2 on). */
  @Column({ name: 'change_note', type: 'text', nullable: true })
  changeNote: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 64, nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @OneToMany(() => InspectionItemRow, (item) => item.list)
  items?: InspectionItemRow[];
}

/** An item (抽查事项) of one list revision; joint items add area and departments (HN 10). */
@Unique('uq_inspection_items_list_code', ['listId', 'code'])
@Entity({ name: 'inspection_items' })
export class InspectionItemRow {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'list_id', type: 'varchar', length: 36 })
  listId: string;

  @ManyToOne(() => ItemList, (list) => list.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'list_id', foreignKeyConstraintName: 'fk_inspection_items_list' })
  list?: ItemList;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ name: 'target_types', type: 'text', nullable: true, transformer: jsonText })
  targetTypes: TargetType[] | null;

  @Column({ type: 'varchar', length: 16 })
  category: ItemCategory;

  @Column({ type: 'varchar', length: 16 })
  method: ItemMethod;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis: string | null;

  /** Upper bound of the sampling ratio for general items, e.g. "5%" (NX 9). */
  @Column({ name: 'max_ratio', type: 'varchar', length: 32, nullable: true })
  maxRatio: string | null;

  @Column({ type: 'boolean', default: false })
  joint: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  area: string | null;

  @Column({ name: 'initiating_department', type: 'varchar', length: 64, nullable: true })
  initiatingDepartment: string | null;

  @Column({ name: 'cooperating_departments', type: 'text', nullable: true, transformer: jsonText })
  cooperatingDepartments: string[] | null;
}
