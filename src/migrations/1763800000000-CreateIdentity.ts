import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';
import { datetime, idColumn, varchar } from './helpers';

/** Departments (部门) and user accounts with roles. */
export class CreateIdentity1763800000000 implements MigrationInterface {
  name = 'CreateIdentity1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'departments',
        columns: [
          idColumn(),
          varchar('code', 64),
          varchar('name', 200),
          { name: 'is_office', type: 'boolean', default: false },
          datetime('created_at'),
        ],
        uniques: [{ name: 'uq_departments_code', columnNames: ['code'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          idColumn(),
          varchar('username', 64),
          varchar('display_name', 200),
          varchar('password_hash', 100),
          varchar('department_id', 36),
          varchar('role', 20),
          varchar('email', 200, true),
          { name: 'active', type: 'boolean', default: true },
          datetime('created_at'),
        ],
        uniques: [{ name: 'uq_users_username', columnNames: ['username'] }],
      }),
    );
    await q.createForeignKey(
      'users',
      new TableForeignKey({
        name: 'fk_users_department',
        columnNames: ['department_id'],
        referencedTableName: 'departments',
        referencedColumnNames: ['id'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('users');
    await q.dropTable('departments');
  }
}
