import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type InboxKind = 'reminder' | 'escalation' | 'task' | 'notice';

/** A message in a department's in-app inbox (站内消息). */
@Index('ix_inbox_department', ['departmentCode', 'createdAt'])
@Index('uq_inbox_dedupe', ['dedupeKey'], { unique: true })
@Entity({ name: 'inbox_messages' })
export class InboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Set for messages written by activities, so a retried activity writes no duplicate. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 64, nullable: true, select: false })
  dedupeKey: string | null;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ type: 'varchar', length: 20 })
  kind: InboxKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** Relative link into the app: `/instances/<id>` or `/tasks/<id>`. */
  @Column({ type: 'varchar', length: 600, nullable: true })
  link: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;
}
