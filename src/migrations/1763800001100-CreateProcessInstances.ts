import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, longText, varchar } from './helpers';

/** Process instances (流程实例): the database mirror of each interpreter workflow. */
export class CreateProcessInstances1763800001100 implements MigrationInterface {
  name = 'CreateProcessInstances1763800001100';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'process_instances',
        columns: [
          { ...varchar('workflow_id', 255), isPrimary: true },
          varchar('definition_id', 36),
          varchar('definition_key', 200),
          { name: 'version', type: 'int', isNullable: false },
          varchar('business_key', 200, true),
          varchar('status', 20),
          varchar('started_by', 64),
          varchar('started_department', 64, true),
          varchar('parent_workflow_id', 255, true),
          datetime('started_at'),
          datetime('ended_at', true),
          longText(q, 'reason'),
        ],
      }),
    );
    await q.createIndex(
      'process_instances',
      new TableIndex({ name: 'ix_instance_key_status', columnNames: ['definition_key', 'status'] }),
    );
    await q.createIndex(
      'process_instances',
      new TableIndex({ name: 'ix_instance_business_key', columnNames: ['business_key'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('process_instances');
  }
}
