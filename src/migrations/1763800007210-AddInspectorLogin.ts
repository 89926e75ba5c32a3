import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * The login (users.username) of an inspector, kept apart from the public certificate number.
 * Accounts that were named by a certificate number (the earlier demo) are linked to it once.
 */
export class AddInspectorLogin1763800007210 implements MigrationInterface {
  name = 'AddInspectorLogin1763800007210';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'inspectors',
      new TableColumn({ name: 'username', type: 'varchar', length: '64', isNullable: true }),
    );
    await q.createIndex(
      'inspectors',
      new TableIndex({ name: 'uq_inspectors_username', columnNames: ['username'], isUnique: true }),
    );
    await q.query(
      "UPDATE inspectors SET username = certificate_no WHERE certificate_no IN (SELECT u.username FROM users u WHERE u.role = 'inspector')",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('inspectors', 'uq_inspectors_username');
    await q.dropColumn('inspectors', 'username');
  }
}
