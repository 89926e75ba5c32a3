import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, isMysql, varchar } from './helpers';

/**
 * Large frozen texts of a draw (the canonical snapshot, target regions), gzip-compressed and cut
 * into pieces well under MySQL's max_allowed_packet, so a 1,000,000-line snapshot fits.
 */
export class CreateDrawBlobs1763800005100 implements MigrationInterface {
  name = 'CreateDrawBlobs1763800005100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draw_blobs',
        columns: [
          autoIdColumn(q),
          varchar('draw_id', 36),
          varchar('kind', 16),
          { name: 'seq', type: 'int', isNullable: false },
          { name: 'data', type: isMysql(q) ? 'longblob' : 'blob', isNullable: false },
        ],
        uniques: [{ name: 'uq_draw_blobs_piece', columnNames: ['draw_id', 'kind', 'seq'] }],
        foreignKeys: [
          {
            name: 'fk_draw_blobs_draw',
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
    await q.dropTable('draw_blobs');
  }
}
