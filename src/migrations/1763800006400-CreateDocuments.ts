import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, longBlob, longText, varchar } from './helpers';

/** Documents (文书) of a joint task: HTML and PDF bytes with their SHA-256, one per kind and subject. */
export class CreateDocuments1763800006400 implements MigrationInterface {
  name = 'CreateDocuments1763800006400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'documents',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('inspection_id', 36),
          varchar('kind', 32),
          varchar('subject', 100),
          varchar('title', 300),
          longText(q, 'html', false),
          varchar('html_sha256', 64),
          longBlob(q, 'pdf'),
          varchar('pdf_sha256', 64, true),
          varchar('status', 16),
          datetime('created_at'),
          datetime('sent_at', true),
        ],
        uniques: [
          { name: 'uq_documents_kind_subject', columnNames: ['inspection_id', 'kind', 'subject'] },
        ],
        foreignKeys: [
          {
            name: 'fk_documents_inspection',
            columnNames: ['inspection_id'],
            referencedTableName: 'inspections',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('documents');
  }
}
