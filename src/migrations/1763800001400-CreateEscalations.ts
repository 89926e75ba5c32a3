import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/** Escalations (督办/通报): late steps raised to the joint-meeting office or a department. */
export class CreateEscalations1763800001400 implements MigrationInterface {
  name = 'CreateEscalations1763800001400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'escalations',
        columns: [
          idColumn(),
          varchar('dedupe_key', 64),
          varchar('root_workflow_id', 255),
          varchar('workflow_id', 255),
          varchar('element_id', 200),
          varchar('code', 200),
          varchar('target_department', 64),
          varchar('rule', 200, true),
          varchar('name', 300, true),
          varchar('task_id', 255, true),
          varchar('task_department', 64, true),
          varchar('definition_key', 200, true),
          varchar('business_key', 200, true),
          datetime('due_at', true),
          { name: 'hours_late', type: 'int', isNullable: true },
          varchar('status', 20),
          varchar('resolution_kind', 30, true),
          longText(q, 'resolution_note'),
          varchar('resolved_by', 64, true),
          datetime('resolved_at', true),
          datetime('created_at'),
        ],
      }),
    );
    await q.createIndex(
      'escalations',
      new TableIndex({ name: 'uq_escalation_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
    );
    await q.createIndex(
      'escalations',
      new TableIndex({
        name: 'ix_escalation_target_status',
        columnNames: ['target_department', 'status'],
      }),
    );
    await q.createIndex(
      'escalations',
      new TableIndex({ name: 'ix_escalation_root_workflow', columnNames: ['root_workflow_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('escalations');
  }
}
