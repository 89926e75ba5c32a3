import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { autoIdColumn, datetime, longText, varchar } from './helpers';

/** The audit log (全过程留痕): who changed what, when, before and after. */
export class CreateAudit1763800000100 implements MigrationInterface {
  name = 'CreateAudit1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          autoIdColumn(q),
          datetime('at'),
          varchar('actor', 64),
          varchar('actor_department', 64, true),
          varchar('action', 100),
          varchar('entity_type', 64),
          varchar('entity_id', 200),
          longText(q, 'before_json'),
          longText(q, 'after_json'),
          longText(q, 'context_json'),
        ],
      }),
    );
    await q.createIndex(
      'audit_entries',
      new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity_type', 'entity_id'] }),
    );
    await q.createIndex(
      'audit_entries',
      new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_entries');
  }
}
