import { DataSource } from 'typeorm';
import { resolveAppConfig } from '../../../src/config/app-config';
import { validateEnvironment } from '../../../src/config/environment';
import { MIGRATIONS } from '../../../src/migrations';
import { AuditChainService } from '../../../src/modules/audit/audit-chain.service';
import { AuthService } from '../../../src/modules/auth/auth.service';
import { dataSourceOptions } from '../../../src/modules/database/data-source-options';
import { startTestApp } from '../../support/test-app';
import { createTestDatabase } from '../../support/test-database';

/** Entries written before the chain existed are sealed by its migration, in id order. */
describe('audit chain migration', () => {
  it('seals existing entries, which then verify; later entries are signed as well', async () => {
    const database = await createTestDatabase();
    const url = database.url;
    const config = resolveAppConfig(
      validateEnvironment({
        DATABASE_URL: url,
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
        PAYLOAD_CODEC_KEY: '11'.repeat(32),
      }),
    );
    const chainIndex = MIGRATIONS.findIndex((m) => m.name === 'AuditChain1763800007100');
    const older = new DataSource({
      ...dataSourceOptions(config.database),
      migrations: MIGRATIONS.slice(0, chainIndex),
    });
    await older.initialize();
    await older.runMigrations({ transaction: 'each' });
    for (let i = 0; i < 5; i++) {
      await older.query(
        'INSERT INTO audit_entries (at, actor, actor_department, action, entity_type, entity_id, ' +
          'before_json, after_json, context_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          '2025-01-0' + (i + 1) + ' 08:00:00.000',
          'old',
          'SCJGJ',
          'x.y',
          'thing',
          `t${i}`,
          null,
          '{"n":' + i + '}',
          null,
        ],
      );
    }
    await older.destroy();

    const t = await startTestApp({ role: 'api', database });
    try {
      const rows = (await t.app
        .get(DataSource)
        .query('SELECT id, seq, entry_hash FROM audit_entries ORDER BY id')) as {
        id: number;
        seq: number;
        entry_hash: string;
      }[];
      expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
      await t.app.get(AuthService).createDepartment({ code: 'NEW', name: '新', isOffice: false });
      const report = await t.app.get(AuditChainService).verify();
      expect(report.findings).toEqual([]);
      expect(report.legacyThrough).toBe(5);
      expect(report.entries).toBe(6);
      // a legacy row edited is still found
      await t.app.get(DataSource).query("UPDATE audit_entries SET actor = 'nobody' WHERE seq = 2");
      const after = await t.app.get(AuditChainService).verify();
      expect(after.findings).toEqual([expect.objectContaining({ kind: 'edited', seq: 2 })]);
    } finally {
      await t.close();
      await database.drop();
    }
  });
});
