import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, varchar } from './helpers';

/**
 * Inspector replacements (更换, HN 19): requested by the department, applied only when its head
 * approves; `seq` is the approval order the proof replays them in.
 */
export class CreateDrawReplacements1763800005500 implements MigrationInterface {
  name = 'CreateDrawReplacements1763800005500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draw_replacements',
        columns: [
          autoIdColumn(q),
          varchar('draw_id', 36),
          varchar('department_code', 64),
          varchar('target_code', 100),
          varchar('out_certificate_no', 64),
          varchar('reason', 16),
          varchar('appointed_certificate_no', 64, true),
          varchar('status', 16),
          varchar('note', 500, true),
          varchar('requested_by', 64),
          datetime('requested_at'),
          { name: 'seq', type: 'int', isNullable: true },
          varchar('approved_by', 64, true),
          datetime('approved_at', true),
          varchar('in_certificate_no', 64, true),
          { name: 'in_rank', type: 'int', isNullable: true },
          varchar('in_key', 64, true),
        ],
        uniques: [
          { name: 'uq_draw_replacements_seq', columnNames: ['draw_id', 'department_code', 'seq'] },
        ],
        foreignKeys: [
          {
            name: 'fk_draw_replacements_draw',
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
    await q.dropTable('draw_replacements');
  }
}
