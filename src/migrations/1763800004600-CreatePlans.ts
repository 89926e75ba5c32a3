import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/**
 * Annual plans (年度抽查工作计划): one row per revision. `owner` is a department code for a
 * department plan and `JOINT` for the joint plan; revisions after the first are adjustments
 * published with a reason (NX 20, HN 16).
 */
export class CreatePlans1763800004600 implements MigrationInterface {
  name = 'CreatePlans1763800004600';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'plans',
        columns: [
          idColumn(),
          { name: 'year', type: 'int' },
          varchar('kind', 16),
          varchar('owner', 64),
          { name: 'revision', type: 'int' },
          varchar('status', 16),
          longText(q, 'reason'),
          longText(q, 'warnings'),
          varchar('created_by', 64),
          datetime('created_at'),
          varchar('published_by', 64, true),
          datetime('published_at', true),
        ],
        uniques: [
          { name: 'uq_plans_year_owner_revision', columnNames: ['year', 'owner', 'revision'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('plans');
  }
}
