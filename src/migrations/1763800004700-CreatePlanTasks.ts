import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, idColumn, longText, varchar } from './helpers';

/** Tasks of one plan revision; `task_key` stays the same across revisions of a task. */
export class CreatePlanTasks1763800004700 implements MigrationInterface {
  name = 'CreatePlanTasks1763800004700';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'plan_tasks',
        columns: [
          autoIdColumn(q),
          { ...idColumn(), name: 'plan_id', isPrimary: false },
          varchar('task_key', 36),
          varchar('name', 200),
          longText(q, 'item_codes', false),
          longText(q, 'scope', false),
          longText(q, 'sampling', false),
          varchar('initiating_department', 64),
          longText(q, 'participating_departments', false),
          varchar('window_start', 10),
          varchar('window_end', 10),
          { name: 'exclude_recent_days', type: 'int', isNullable: true },
          varchar('state', 16),
          longText(q, 'note'),
        ],
        uniques: [{ name: 'uq_plan_tasks_plan_key', columnNames: ['plan_id', 'task_key'] }],
        foreignKeys: [
          {
            name: 'fk_plan_tasks_plan',
            columnNames: ['plan_id'],
            referencedTableName: 'plans',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('plan_tasks');
  }
}
