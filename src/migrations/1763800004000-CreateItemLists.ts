import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/** Yearly revisions of the inspection item list (随机抽查事项清单, NX 8). */
export class CreateItemLists1763800004000 implements MigrationInterface {
  name = 'CreateItemLists1763800004000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'item_lists',
        columns: [
          idColumn(),
          { name: 'year', type: 'int' },
          { name: 'revision', type: 'int' },
          varchar('status', 16),
          longText(q, 'change_note'),
          varchar('created_by', 64),
          datetime('created_at'),
          varchar('published_by', 64, true),
          datetime('published_at', true),
        ],
        uniques: [{ name: 'uq_item_lists_year_revision', columnNames: ['year', 'revision'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('item_lists');
  }
}
