import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from '../database/column-types';
import type { Channel, DeliveryStatus } from './notification.types';

/**
 * One delivery of one notification over one channel to one recipient (an e-mail address, or the
 * department code for the inbox and the webhook). Unique (dedupe_key, channel, recipient): the
 * row is the claim, so a notification is never delivered twice even by two processes.
 */
@Index('ix_notification_status', ['status', 'updatedAt'])
@Index('uq_notification_delivery', ['dedupeKey', 'channel', 'recipient'], { unique: true })
@Entity({ name: 'notification_deliveries' })
export class NotificationDelivery {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 10 })
  channel: Channel;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ type: 'varchar', length: 200 })
  recipient: string;

  @Column({ type: 'varchar', length: 10 })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Redacted: never holds SMTP passwords or webhook tokens. */
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  /** What is sent (rendered mail, webhook body, inbox message), so a retry needs nothing else. */
  @Column({ type: 'text', transformer: jsonText })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** Last claim or attempt; a pending row left untouched for long was abandoned by a crash. */
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
