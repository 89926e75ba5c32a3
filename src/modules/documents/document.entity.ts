import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DocumentStatus = 'issued' | 'sent' | 'archived';

/** A rendered document (文书) of a task with the SHA-256 of its exact bytes. */
@Entity({ name: 'documents' })
export class DocumentRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  /** notice, scheme, draw-proof, target-list, notices, forms, results, follow-ups, report. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** What it is about within the task: a target code (notice), a department (forms), or ''. */
  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', select: false })
  html: string;

  @Column({ name: 'html_sha256', type: 'varchar', length: 64 })
  htmlSha256: string;

  @Column({ type: 'blob', nullable: true, select: false })
  pdf: Buffer | null;

  @Column({ name: 'pdf_sha256', type: 'varchar', length: 64, nullable: true })
  pdfSha256: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: DocumentStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
