import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, idColumn, longText, varchar } from './helpers';

/** The items of one item-list revision; joint items carry area and departments (HN 10). */
export class CreateInspectionItems1763800004100 implements MigrationInterface {
  name = 'CreateInspectionItems1763800004100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inspection_items',
        columns: [
          autoIdColumn(q),
          { ...idColumn(), name: 'list_id', isPrimary: false },
          varchar('code', 64),
          varchar('name', 200),
          longText(q, 'content'),
          longText(q, 'target_types'),
          varchar('category', 16),
          varchar('method', 16),
          varchar('department_code', 64),
          longText(q, 'legal_basis'),
          varchar('max_ratio', 32, true),
          { name: 'joint', type: 'boolean', default: false },
          varchar('area', 200, true),
          varchar('initiating_department', 64, true),
          longText(q, 'cooperating_departments'),
        ],
        uniques: [{ name: 'uq_inspection_items_list_code', columnNames: ['list_id', 'code'] }],
        foreignKeys: [
          {
            name: 'fk_inspection_items_list',
            columnNames: ['list_id'],
            referencedTableName: 'item_lists',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inspection_items');
  }
}
