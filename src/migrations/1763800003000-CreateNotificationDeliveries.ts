import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/** Deliveries of notifications (e-mail, webhook, inbox): the claim, retry state and result. */
export class CreateNotificationDeliveries1763800003000 implements MigrationInterface {
  name = 'CreateNotificationDeliveries1763800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          idColumn(),
          varchar('dedupe_key', 200),
          varchar('channel', 10),
          varchar('department_code', 64),
          varchar('recipient', 200),
          varchar('status', 10),
          { name: 'attempts', type: 'int', default: 0 },
          varchar('last_error', 1000, true),
          longText(q, 'payload', false),
          datetime('created_at'),
          datetime('updated_at'),
          datetime('sent_at', true),
        ],
      }),
    );
    await q.createIndex(
      'notification_deliveries',
      new TableIndex({
        name: 'uq_notification_delivery',
        columnNames: ['dedupe_key', 'channel', 'recipient'],
        isUnique: true,
      }),
    );
    await q.createIndex(
      'notification_deliveries',
      new TableIndex({ name: 'ix_notification_status', columnNames: ['status', 'updated_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_deliveries');
  }
}
