import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, longText, varchar } from './helpers';

/** User tasks (待办任务) created by the interpreter, the source of every department's to-do list. */
export class CreateUserTasks1763800001200 implements MigrationInterface {
  name = 'CreateUserTasks1763800001200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'user_tasks',
        columns: [
          { ...varchar('task_id', 255), isPrimary: true },
          varchar('workflow_id', 255),
          varchar('root_workflow_id', 255),
          varchar('element_id', 200),
          varchar('name', 300, true),
          varchar('definition_key', 200, true),
          varchar('business_key', 200, true),
          varchar('department_code', 64, true),
          varchar('role', 20, true),
          varchar('assignee', 64, true),
          longText(q, 'candidate_groups'),
          longText(q, 'form'),
          datetime('due_at', true),
          { name: 'provisional', type: 'boolean', default: false, isNullable: false },
          varchar('status', 20),
          varchar('claimed_by', 64, true),
          varchar('completed_by', 64, true),
          datetime('completed_at', true),
          longText(q, 'output'),
          datetime('overdue_since', true),
          { name: 'reminders_sent', type: 'int', default: 0, isNullable: false },
          datetime('created_at'),
          datetime('updated_at'),
        ],
      }),
    );
    await q.createIndex(
      'user_tasks',
      new TableIndex({
        name: 'ix_task_department_status',
        columnNames: ['department_code', 'status'],
      }),
    );
    await q.createIndex(
      'user_tasks',
      new TableIndex({ name: 'ix_task_root_workflow', columnNames: ['root_workflow_id'] }),
    );
    await q.createIndex(
      'user_tasks',
      new TableIndex({ name: 'ix_task_assignee_status', columnNames: ['assignee', 'status'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('user_tasks');
  }
}
