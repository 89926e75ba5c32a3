import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { jsonText } from '../../database/column-types';

export const ITEM_RESULTS = [
  'no_problem',
  'problem',
  'not_found_at_address',
  'refused',
  'other',
] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export interface FormItemResult {
  itemCode: string;
  result: ItemResult;
  findings?: string;
  /** Measures ordered on site (责令整改、责令停止违法行为…, HN 21). */
  measures?: string;
  /** Withheld from publication, with the legal basis (依法不予公开). */
  withhold?: { basis: string };
}

export interface FormSignature {
  /** The target's representative who signed the record. */
  signedBy?: string;
  /** Or the recorded refusal to sign and who witnessed it. */
  refusal?: { reason: string; witnessedBy: string[] };
}

/** "One department, one target, one form" (一企一表): a department's record of one target. */
@Unique('uq_insp_forms_target_dept', ['inspectionId', 'targetCode', 'departmentCode'])
@Entity({ name: 'inspection_forms' })
export class InspectionForm {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Inspection', { name: 'fk_insp_forms_inspection', onDelete: 'CASCADE' })
  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  @Column({ name: 'target_code', type: 'varchar', length: 64 })
  targetCode: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'inspected_on', type: 'varchar', length: 10 })
  inspectedOn: string;

  @Column({ type: 'text', transformer: jsonText })
  items: FormItemResult[];

  /** Certificate numbers of the matched inspectors present on site. */
  @Column({ name: 'inspectors_present', type: 'text', transformer: jsonText })
  inspectorsPresent: string[];

  @Column({ type: 'text', transformer: jsonText })
  signature: FormSignature;

  /** Attachment metadata only (name, SHA-256, size); the files stay in the department's system. */
  @Column({ type: 'text', transformer: jsonText })
  attachments: Array<{ name: string; sha256: string; size: number }>;

  @Column({ name: 'submitted_by', type: 'varchar', length: 64 })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt: Date;

  /** Set when the department published its results: the form is then read-only. */
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;
}
