import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { ENTRY_COLUMNS, entryHash, GENESIS_HASH, mapEntryRow } from '../modules/audit/audit-chain';
import { autoIdColumn, datetime, isMysql, longText, varchar } from './helpers';

/**
 * The tamper-evident audit chain (docs/security-audit.md): seq / prev_hash / entry_hash / mac on
 * every entry, the one-row chain head (the serialization point of sealing) and the checkpoints.
 * Entries already present are sealed here, in id order; they carry no MAC (legacy_through).
 */
export class AuditChain1763800007100 implements MigrationInterface {
  name = 'AuditChain1763800007100';

  async up(q: QueryRunner): Promise<void> {
    const big = isMysql(q) ? 'bigint' : 'integer';
    await q.addColumns('audit_entries', [
      new TableColumn({ name: 'seq', type: big, isNullable: true }),
      new TableColumn(varchar('prev_hash', 64, true)),
      new TableColumn(varchar('entry_hash', 64, true)),
      new TableColumn(varchar('mac', 100, true)),
    ]);
    await q.createIndex(
      'audit_entries',
      new TableIndex({ name: 'ux_audit_seq', columnNames: ['seq'], isUnique: true }),
    );
    await q.createTable(
      new Table({
        name: 'audit_chain_head',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: big },
          varchar('entry_hash', 64),
          { name: 'legacy_through', type: big },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_checkpoints',
        columns: [
          autoIdColumn(q),
          { name: 'tree_size', type: big },
          varchar('root_hash', 64),
          varchar('last_entry_hash', 64),
          longText(q, 'frontier_json', false),
          datetime('created_at'),
          varchar('created_by', 64),
        ],
      }),
    );

    // seal what is there, oldest first
    let seq = 0;
    let prev = GENESIS_HASH;
    let lastId = 0;
    for (;;) {
      const rows = (await q.query(
        `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE id > ? ORDER BY id LIMIT 1000`,
        [lastId],
      )) as Record<string, unknown>[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const e = mapEntryRow(row);
        seq++;
        const hash = entryHash(e, seq, prev);
        await q.query(
          'UPDATE audit_entries SET seq = ?, prev_hash = ?, entry_hash = ? WHERE id = ?',
          [seq, prev, hash, e.id],
        );
        prev = hash;
        lastId = e.id;
      }
    }
    await q.query(
      'INSERT INTO audit_chain_head (id, seq, entry_hash, legacy_through) VALUES (1, ?, ?, ?)',
      [seq, prev, seq],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('audit_checkpoints');
    await q.dropTable('audit_chain_head');
    await q.dropIndex('audit_entries', 'ux_audit_seq');
    for (const c of ['mac', 'entry_hash', 'prev_hash', 'seq'])
      await q.dropColumn('audit_entries', c);
  }
}
