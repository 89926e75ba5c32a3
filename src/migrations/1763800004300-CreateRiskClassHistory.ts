import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, varchar } from './helpers';

/** Every change of a target's credit-risk class (信用风险分类), monthly relabels included (NX 7). */
export class CreateRiskClassHistory1763800004300 implements MigrationInterface {
  name = 'CreateRiskClassHistory1763800004300';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'risk_class_history',
        columns: [
          autoIdColumn(q),
          varchar('target_code', 64),
          varchar('old_class', 1, true),
          varchar('new_class', 1, true),
          datetime('set_at'),
          varchar('source', 200),
          varchar('actor', 64),
        ],
        indices: [{ name: 'ix_risk_class_history_target', columnNames: ['target_code'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('risk_class_history');
  }
}
