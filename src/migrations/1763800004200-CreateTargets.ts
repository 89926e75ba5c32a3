import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { datetime, isMysql, longText, varchar } from './helpers';

/**
 * The target directory (检查对象名录库). List columns (industry tags, supervising departments) are
 * stored as `|a|b|` so one LIKE '%|a|%' finds a member on both dialects without a join table,
 * which keeps the million-row import a single multi-row upsert per batch.
 */
export class CreateTargets1763800004200 implements MigrationInterface {
  name = 'CreateTargets1763800004200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'targets',
        columns: [
          // binary collation on MySQL: codes compare and sort exactly as on SQLite (keyset paging)
          {
            ...varchar('code', 64),
            isPrimary: true,
            ...(isMysql(q) ? { collation: 'utf8mb4_bin' } : {}),
          },
          varchar('code_kind', 16),
          varchar('name', 200),
          varchar('type', 32),
          varchar('address', 500, true),
          varchar('region_code', 6, true),
          longText(q, 'industry_tags', false),
          varchar('legal_representative', 100, true),
          varchar('phone', 40, true),
          varchar('risk_class', 1, true),
          datetime('risk_class_set_at', true),
          longText(q, 'supervising_departments', false),
          varchar('status', 16),
          { name: 'complaint_count', type: 'int', default: 0 },
          { name: 'violation_count', type: 'int', default: 0 },
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          { name: 'ix_targets_name', columnNames: ['name'] },
          { name: 'ix_targets_region', columnNames: ['region_code'] },
          { name: 'ix_targets_risk_class', columnNames: ['risk_class'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('targets');
  }
}
