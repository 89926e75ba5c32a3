import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/** What a document is; `notices` binds every notice of a task into one PDF for the archive. */
export const DOCUMENT_KINDS = [
  'notice',
  'notices',
  'scheme',
  'draw-proof',
  'target-list',
  'forms',
  'results',
  'follow-ups',
  'report',
  'manifest',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['issued', 'sent', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A rendered document (文书) of a task with the SHA-256 of its exact bytes. */
@Unique('uq_documents_kind_subject', ['inspectionId', 'kind', 'subject'])
@Entity({ name: 'documents' })
export class DocumentRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey('Inspection', { name: 'fk_documents_inspection', onDelete: 'CASCADE' })
  @Column({ name: 'inspection_id', type: 'varchar', length: 36 })
  inspectionId: string;

  /** One of DOCUMENT_KINDS. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** What it is about within the task: a target code (notice), a department (forms), or ''. */
  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The exact HTML, loaded only on request (lists stay small). */
  @Column({ type: 'text', select: false })
  html: string;

  /** SHA-256 (hex) of the HTML's UTF-8 bytes. */
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

  /** When it was sent to its addressee (a notice to its target). */
  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
