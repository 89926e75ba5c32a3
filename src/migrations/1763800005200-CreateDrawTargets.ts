import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { autoIdColumn, isMysql, varchar } from './helpers';

/** Codes compare by bytes in the draw; MySQL's default collation would fold case. */
function binary(q: QueryRunner, column: TableColumnOptions): TableColumnOptions {
  return isMysql(q) ? { ...column, charset: 'utf8mb4', collation: 'utf8mb4_bin' } : column;
}

/** The drawn targets (抽中的检查对象), locked at the draw: rank in stratum, global order, key. */
export class CreateDrawTargets1763800005200 implements MigrationInterface {
  name = 'CreateDrawTargets1763800005200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draw_targets',
        columns: [
          autoIdColumn(q),
          varchar('draw_id', 36),
          binary(q, varchar('stratum', 64)),
          binary(q, varchar('code', 100)),
          { name: 'stratum_rank', type: 'int', isNullable: false },
          { name: 'draw_order', type: 'int', isNullable: false },
          varchar('target_key', 64),
          varchar('region', 64, true),
        ],
        uniques: [
          { name: 'uq_draw_targets_order', columnNames: ['draw_id', 'draw_order'] },
          { name: 'uq_draw_targets_code', columnNames: ['draw_id', 'code'] },
        ],
        foreignKeys: [
          {
            name: 'fk_draw_targets_draw',
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
    await q.dropTable('draw_targets');
  }
}
