import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, longText, varchar } from './helpers';

/**
 * Exceptions to a locked draw (例外情况): the list is never edited; an approved addendum records
 * what happened instead (e.g. a drawn target had closed down) and is published beside the proof.
 */
export class CreateDrawAddenda1763800005600 implements MigrationInterface {
  name = 'CreateDrawAddenda1763800005600';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draw_addenda',
        columns: [
          autoIdColumn(q),
          varchar('draw_id', 36),
          varchar('department_code', 64),
          varchar('kind', 32),
          varchar('target_code', 100, true),
          longText(q, 'description', false),
          varchar('status', 16),
          varchar('requested_by', 64),
          datetime('requested_at'),
          varchar('approved_by', 64, true),
          datetime('approved_at', true),
        ],
        indices: [{ name: 'ix_draw_addenda_draw', columnNames: ['draw_id'] }],
        foreignKeys: [
          {
            name: 'fk_draw_addenda_draw',
            columnNames: ['draw_id'],
            referencedTableName: 'draws',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('draw_addenda');
  }
}
