import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/**
 * The inspector directory (执法检查人员名录库). `natural_key` is the certificate number, or
 * `department/name` for people without one (third-party experts), so imports can upsert.
 */
export class CreateInspectors1763800004400 implements MigrationInterface {
  name = 'CreateInspectors1763800004400';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inspectors',
        columns: [
          idColumn(),
          varchar('natural_key', 200),
          varchar('name', 50),
          varchar('position', 50, true),
          varchar('department_code', 64),
          varchar('certificate_no', 50, true),
          varchar('phone', 40, true),
          { name: 'enforcement_qualified', type: 'boolean', default: false },
          longText(q, 'expertise_tags', false),
          { name: 'third_party_expert', type: 'boolean', default: false },
          varchar('status', 16),
          varchar('status_since', 10),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [
          { name: 'uq_inspectors_natural_key', columnNames: ['natural_key'] },
          { name: 'uq_inspectors_certificate', columnNames: ['certificate_no'] },
        ],
        indices: [{ name: 'ix_inspectors_department', columnNames: ['department_code'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inspectors');
  }
}
