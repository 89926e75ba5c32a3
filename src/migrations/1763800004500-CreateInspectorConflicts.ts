import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, idColumn, varchar } from './helpers';

/** Declared conflicts of interest (利害关系) of an inspector: a target or a region (NX 25). */
export class CreateInspectorConflicts1763800004500 implements MigrationInterface {
  name = 'CreateInspectorConflicts1763800004500';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inspector_conflicts',
        columns: [
          autoIdColumn(q),
          { ...idColumn(), name: 'inspector_id', isPrimary: false },
          varchar('kind', 16),
          varchar('value', 64),
          varchar('reason', 500),
          datetime('declared_at'),
        ],
        uniques: [
          {
            name: 'uq_inspector_conflicts_entry',
            columnNames: ['inspector_id', 'kind', 'value'],
          },
        ],
        foreignKeys: [
          {
            name: 'fk_inspector_conflicts_inspector',
            columnNames: ['inspector_id'],
            referencedTableName: 'inspectors',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inspector_conflicts');
  }
}
