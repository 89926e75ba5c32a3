/**
 * Default bindings of the module's two ports to the engine's records: the in-app channel writes
 * the engine's inbox_messages (GET /inbox shows them), the digest reads open user_tasks. Both are
 * injection tokens, so a deployment or a test can bind something else.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, IsNull, Not } from 'typeorm';
import { InboxMessage, type InboxKind, UserTaskRecord } from '../engine/entities';
import type { OpenTask } from './digest';
import type { OpenTasksProvider } from './digest.service';
import type { InboxNotification, InboxWriter, NotificationKind } from './notification.types';

/** The engine inbox knows no 'digest' kind: a digest is a notice there. */
const INBOX_KIND: Record<NotificationKind, InboxKind> = {
  reminder: 'reminder',
  escalation: 'escalation',
  task: 'task',
  notice: 'notice',
  digest: 'notice',
};

@Injectable()
export class EngineInboxWriter implements InboxWriter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async write(message: InboxNotification): Promise<void> {
    const repo = this.db.getRepository(InboxMessage);
    // inbox_messages.dedupe_key is 64 wide and shared with the engine's own messages
    const dedupeKey = createHash('sha256')
      .update(`notification\u0000${message.departmentCode}\u0000${message.dedupeKey}`)
      .digest('hex');
    if (await repo.exist({ where: { dedupeKey } })) return;
    try {
      await repo.insert({
        id: randomUUID(),
        dedupeKey,
        departmentCode: message.departmentCode,
        kind: INBOX_KIND[message.kind],
        title: message.title.slice(0, 300),
        body: message.body,
        link: message.link,
        createdAt: new Date(),
        readAt: null,
      });
    } catch (error) {
      // written meanwhile by a concurrent retry: that is the idempotent outcome
      if (await repo.exist({ where: { dedupeKey } })) return;
      throw error;
    }
  }
}

@Injectable()
export class EngineOpenTasksProvider implements OpenTasksProvider {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async openTasks(): Promise<OpenTask[]> {
    const rows = await this.db.getRepository(UserTaskRecord).find({
      where: { status: 'open', departmentCode: Not(IsNull()) },
      order: { dueAt: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.taskId,
      name: r.name ?? r.elementId,
      departmentCode: r.departmentCode!,
      dueAt: r.dueAt,
      link: `/tasks/${encodeURIComponent(r.taskId)}`,
    }));
  }
}
