import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, longText, varchar } from './helpers';

/**
 * A participating department's second draw (二次随机): its method, m, required expertise and the
 * inspector facts frozen when it matched (执法检查人员快照), with seed_d.
 */
export class CreateDrawDepartments1763800005300 implements MigrationInterface {
  name = 'CreateDrawDepartments1763800005300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draw_departments',
        columns: [
          autoIdColumn(q),
          varchar('draw_id', 36),
          varchar('department_code', 64),
          varchar('method', 16),
          { name: 'per_target', type: 'int', isNullable: false },
          longText(q, 'required_expertise_json', false),
          longText(q, 'inspectors_json', false),
          varchar('seed', 64),
          varchar('matched_by', 64),
          datetime('matched_at'),
        ],
        uniques: [
          { name: 'uq_draw_departments_dept', columnNames: ['draw_id', 'department_code'] },
        ],
        foreignKeys: [
          {
            name: 'fk_draw_departments_draw',
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
    await q.dropTable('draw_departments');
  }
}
