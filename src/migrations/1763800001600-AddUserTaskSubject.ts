import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** A user task's subject (jc:subject): what it is about, so inboxes can show and filter by it. */
export class AddUserTaskSubject1763800001600 implements MigrationInterface {
  name = 'AddUserTaskSubject1763800001600';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'user_tasks',
      new TableColumn({ name: 'subject', type: 'varchar', length: '200', isNullable: true }),
    );
    await q.createIndex(
      'user_tasks',
      new TableIndex({
        name: 'ix_user_tasks_root_subject',
        columnNames: ['root_workflow_id', 'subject'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('user_tasks', 'ix_user_tasks_root_subject');
    await q.dropColumn('user_tasks', 'subject');
  }
}
