import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/** The in-app inbox (站内消息) of each department: reminders, escalations, new tasks, notices. */
export class CreateInboxMessages1763800001500 implements MigrationInterface {
  name = 'CreateInboxMessages1763800001500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inbox_messages',
        columns: [
          idColumn(),
          varchar('dedupe_key', 64, true),
          varchar('department_code', 64),
          varchar('kind', 20),
          varchar('title', 300),
          longText(q, 'body'),
          varchar('link', 600, true),
          datetime('created_at'),
          datetime('read_at', true),
        ],
      }),
    );
    await q.createIndex(
      'inbox_messages',
      new TableIndex({ name: 'uq_inbox_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
    );
    await q.createIndex(
      'inbox_messages',
      new TableIndex({
        name: 'ix_inbox_department',
        columnNames: ['department_code', 'created_at'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inbox_messages');
  }
}
