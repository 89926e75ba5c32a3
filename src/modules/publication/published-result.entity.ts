import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type EntryType = 'publication' | 'correction' | 'withdrawal';

/** A department's publication of its results for one task; one per department, ever. */
@Unique('uq_result_publications_dept', ['inspectionId', 'departmentCode'])
@Entity({ name: 'result_publications' })
export class ResultPublication {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Inspection', { name: 'fk_result_publications_inspection', onDelete: 'CASCADE' })
  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'entry_count', type: 'int' })
  entryCount: number;

  @Column({ name: 'published_by', type: 'varchar', length: 64 })
  publishedBy: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt: Date;
}

/**
 * A published entry (公示信息) under an enterprise's code: only what the rules publish — name,
 * code, item, result, handling (PIPL: no phone, ID number or home address is ever stored here).
 */
@Unique('uq_published_results_supersedes', ['supersedesId'])
@Index('ix_published_results_inspection', ['inspectionId'])
@Index('ix_published_results_name', ['targetName'])
@Index('ix_published_results_target', ['targetCode'])
@Entity({ name: 'published_results' })
export class PublishedResult {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  @Column({ name: 'inspection_code', type: 'varchar', length: 64 })
  inspectionCode: string;

  @Column({ name: 'inspection_name', type: 'varchar', length: 200 })
  inspectionName: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'department_name', type: 'varchar', length: 200 })
  departmentName: string;

  @Column({ name: 'target_code', type: 'varchar', length: 64 })
  targetCode: string;

  /** As published: an individual business's operator name is masked. */
  @Column({ name: 'target_name', type: 'varchar', length: 200 })
  targetName: string;

  @Column({ name: 'item_code', type: 'varchar', length: 64 })
  itemCode: string;

  @Column({ name: 'item_name', type: 'varchar', length: 200 })
  itemName: string;

  /** Null when withheld, and on a withdrawal entry (the withdrawn content is not repeated). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  result: string | null;

  @Column({ type: 'text', nullable: true })
  handling: string | null;

  @Column({ type: 'boolean', default: false })
  withheld: boolean;

  @Column({ name: 'withhold_basis', type: 'varchar', length: 500, nullable: true })
  withholdBasis: string | null;

  @Column({ name: 'inspected_on', type: 'varchar', length: 10 })
  inspectedOn: string;

  @Column({ name: 'entry_type', type: 'varchar', length: 16 })
  entryType: EntryType;

  /** The entry a correction or withdrawal replaces. */
  @Column({ name: 'supersedes_id', type: 'int', nullable: true })
  supersedesId: number | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'published_by', type: 'varchar', length: 64 })
  publishedBy: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt: Date;
}
