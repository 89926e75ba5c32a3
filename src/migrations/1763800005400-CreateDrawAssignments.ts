import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { autoIdColumn, isMysql, varchar } from './helpers';

function binary(q: QueryRunner, column: TableColumnOptions): TableColumnOptions {
  return isMysql(q) ? { ...column, charset: 'utf8mb4', collation: 'utf8mb4_bin' } : column;
}

/**
 * The initial inspector assignments of the second draw, one row per (target, slot). Never
 * updated: replacements are separate rows applied on top, so the original draw stays provable.
 */
export class CreateDrawAssignments1763800005400 implements MigrationInterface {
  name = 'CreateDrawAssignments1763800005400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draw_assignments',
        columns: [
          autoIdColumn(q),
          varchar('draw_id', 36),
          varchar('department_code', 64),
          binary(q, varchar('target_code', 100)),
          { name: 'slot', type: 'int', isNullable: false },
          binary(q, varchar('certificate_no', 64)),
          { name: 'candidate_rank', type: 'int', isNullable: true },
          varchar('candidate_key', 64, true),
        ],
        uniques: [
          {
            name: 'uq_draw_assignments_slot',
            columnNames: ['draw_id', 'department_code', 'target_code', 'slot'],
          },
        ],
        indices: [{ name: 'ix_draw_assignments_cert', columnNames: ['certificate_no'] }],
        foreignKeys: [
          {
            name: 'fk_draw_assignments_draw',
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
    await q.dropTable('draw_assignments');
  }
}
