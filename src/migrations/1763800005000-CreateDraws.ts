import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, longText, varchar } from './helpers';

/**
 * Draws (随机抽取): one per task, from commitment to locked list. The secret S is stored only
 * sealed (AES-256-GCM); the plaintext never reaches the database.
 */
export class CreateDraws1763800005000 implements MigrationInterface {
  name = 'CreateDraws1763800005000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'draws',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('task_ref', 200),
          varchar('department_code', 64),
          longText(q, 'participating_json', false),
          longText(q, 'scope_json', false),
          longText(q, 'rules_json', false),
          varchar('status', 16),
          longText(q, 'commitment_json', false),
          varchar('commitment_hash', 64),
          varchar('snapshot_hash', 64),
          { name: 'target_count', type: 'int', isNullable: false },
          longText(q, 'counts_json', false),
          longText(q, 'entropy_source_json', false),
          varchar('mode_reason', 500, true),
          longText(q, 'entropy'),
          varchar('seed', 64, true),
          varchar('secret_sealed', 200),
          varchar('created_by', 64),
          datetime('created_at'),
          varchar('drawn_by', 64, true),
          datetime('drawn_at', true),
          datetime('locked_at', true),
        ],
        uniques: [{ name: 'uq_draws_task_ref', columnNames: ['task_ref'] }],
        indices: [{ name: 'ix_draws_department', columnNames: ['department_code'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('draws');
  }
}
