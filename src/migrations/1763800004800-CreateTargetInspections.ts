import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, varchar } from './helpers';

/**
 * When a target was last inspected for an item: lets a task exclude targets inspected for the
 * same item in the last N days. The results module writes it; the target directory reads it.
 */
export class CreateTargetInspections1763800004800 implements MigrationInterface {
  name = 'CreateTargetInspections1763800004800';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'target_inspections',
        columns: [
          autoIdColumn(q),
          varchar('target_code', 64),
          varchar('item_code', 64),
          varchar('inspected_on', 10),
          varchar('source', 100, true),
        ],
        indices: [
          {
            name: 'ix_target_inspections_lookup',
            columnNames: ['item_code', 'inspected_on', 'target_code'],
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('target_inspections');
  }
}
