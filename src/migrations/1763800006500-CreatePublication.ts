import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, isMysql, longText, varchar } from './helpers';

/**
 * Results publication (结果公示): one row per department per task (the unique key refuses a
 * second publication), and the published entries — corrections and withdrawals are entries too.
 * The entries hold only what is published: no phone, ID number or home address column exists.
 */
export class CreatePublication1763800006500 implements MigrationInterface {
  name = 'CreatePublication1763800006500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'result_publications',
        columns: [
          autoIdColumn(q),
          varchar('inspection_id', 36),
          varchar('department_code', 64),
          { name: 'entry_count', type: 'int' },
          varchar('published_by', 64),
          datetime('published_at'),
        ],
        uniques: [
          {
            name: 'uq_result_publications_dept',
            columnNames: ['inspection_id', 'department_code'],
          },
        ],
        foreignKeys: [
          {
            name: 'fk_result_publications_inspection',
            columnNames: ['inspection_id'],
            referencedTableName: 'inspections',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'published_results',
        columns: [
          autoIdColumn(q),
          varchar('inspection_id', 36),
          varchar('inspection_code', 64),
          varchar('inspection_name', 200),
          varchar('department_code', 64),
          varchar('department_name', 200),
          varchar('target_code', 64),
          varchar('target_name', 200),
          varchar('item_code', 64),
          varchar('item_name', 200),
          varchar('result', 32, true),
          longText(q, 'handling'),
          { name: 'withheld', type: 'boolean', default: false },
          varchar('withhold_basis', 500, true),
          varchar('inspected_on', 10),
          varchar('entry_type', 16),
          { name: 'supersedes_id', type: isMysql(q) ? 'bigint' : 'integer', isNullable: true },
          longText(q, 'reason'),
          varchar('published_by', 64),
          datetime('published_at'),
        ],
        // An entry is superseded (corrected or withdrawn) at most once: two concurrent
        // corrections of the same entry cannot both be published.
        uniques: [{ name: 'uq_published_results_supersedes', columnNames: ['supersedes_id'] }],
        indices: [
          { name: 'ix_published_results_target', columnNames: ['target_code'] },
          { name: 'ix_published_results_name', columnNames: ['target_name'] },
          { name: 'ix_published_results_inspection', columnNames: ['inspection_id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('published_results');
    await q.dropTable('result_publications');
  }
}
