import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, longText, varchar } from './helpers';

/** Incidents (故障): service tasks that failed after their retries, waiting for a person to retry. */
export class CreateIncidents1763800001300 implements MigrationInterface {
  name = 'CreateIncidents1763800001300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'incidents',
        columns: [
          { ...varchar('incident_id', 255), isPrimary: true },
          varchar('workflow_id', 255),
          varchar('element_id', 200),
          varchar('activity', 200),
          longText(q, 'message'),
          varchar('status', 20),
          datetime('created_at'),
          datetime('resolved_at', true),
          varchar('resolved_by', 64, true),
        ],
      }),
    );
    await q.createIndex(
      'incidents',
      new TableIndex({ name: 'ix_incident_status', columnNames: ['status'] }),
    );
    await q.createIndex(
      'incidents',
      new TableIndex({ name: 'ix_incident_workflow', columnNames: ['workflow_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('incidents');
  }
}
