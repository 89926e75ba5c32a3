import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/**
 * Sign-in and accounts: the user's security stamp (token version), forced password change,
 * administrator lock and TOTP; server-side sessions; persisted login throttles; single-use
 * recovery codes; the security policy set by the security administrator.
 */
export class CreateSignIn1763800007000 implements MigrationInterface {
  name = 'CreateSignIn1763800007000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('users', [
      new TableColumn({ name: 'token_version', type: 'int', default: 0 }),
      new TableColumn({ name: 'must_change_password', type: 'boolean', default: false }),
      new TableColumn({ ...datetime('password_changed_at', true) }),
      new TableColumn({ name: 'admin_locked', type: 'boolean', default: false }),
      new TableColumn({ ...varchar('totp_secret', 255, true) }),
      new TableColumn({ name: 'totp_enabled', type: 'boolean', default: false }),
      new TableColumn({ name: 'totp_last_step', type: 'int', isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          idColumn(),
          varchar('user_id', 36),
          varchar('kind', 20),
          datetime('created_at'),
          datetime('last_seen_at'),
          datetime('expires_at'),
          datetime('idle_expires_at', true),
          datetime('revoked_at', true),
          varchar('revoked_reason', 64, true),
          varchar('ip', 64, true),
          varchar('user_agent', 300, true),
        ],
        foreignKeys: [
          {
            name: 'fk_sessions_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createIndex(
      'sessions',
      new TableIndex({ name: 'ix_sessions_user', columnNames: ['user_id'] }),
    );
    await q.createTable(
      new Table({
        name: 'login_throttles',
        columns: [
          { ...varchar('throttle_key', 200), isPrimary: true },
          { name: 'failures', type: 'int', default: 0 },
          { name: 'lockouts', type: 'int', default: 0 },
          datetime('first_failure_at', true),
          datetime('last_failure_at', true),
          datetime('locked_until', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'user_recovery_codes',
        columns: [
          idColumn(),
          varchar('user_id', 36),
          varchar('code_hash', 64),
          datetime('created_at'),
          datetime('used_at', true),
        ],
        foreignKeys: [
          {
            name: 'fk_recovery_codes_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await q.createIndex(
      'user_recovery_codes',
      new TableIndex({ name: 'ix_recovery_codes_user', columnNames: ['user_id'] }),
    );
    await q.createTable(
      new Table({
        name: 'security_settings',
        columns: [
          { ...varchar('name', 64), isPrimary: true },
          longText(q, 'value_json', false),
          datetime('updated_at'),
          varchar('updated_by', 64),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('security_settings');
    await q.dropTable('user_recovery_codes');
    await q.dropTable('login_throttles');
    await q.dropTable('sessions');
    for (const c of [
      'totp_last_step',
      'totp_enabled',
      'totp_secret',
      'admin_locked',
      'password_changed_at',
      'must_change_password',
      'token_version',
    ])
      await q.dropColumn('users', c);
  }
}
