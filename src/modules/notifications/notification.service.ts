import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Department } from '../auth/entities/department.entity';
import { EmailChannel, type EmailPayload } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WebhookChannel, type WebhookPayload } from './channels/webhook.channel';
import { MailTemplates, templateFor } from './mail-templates';
import { NotificationDelivery } from './notification-delivery.entity';
import {
  type Channel,
  type DeliveryOutcome,
  type InboxNotification,
  type Notification,
  type NotifyResult,
  RETRY_POLICY,
  type RetryPolicy,
  validateNotification,
} from './notification.types';
import { RecipientResolver } from './recipients.service';
import { redactSecrets } from './redact';
import { attemptWithRetries } from './retry';

interface PlannedDelivery {
  channel: Channel;
  recipient: string;
  payload: Record<string, unknown>;
}

export interface SweepResult {
  retried: number;
  sent: number;
  failed: number;
}

/**
 * Sends a notification over every channel that is on: the in-app inbox (always), e-mail to each
 * address of the department's active users, and the webhook. Each delivery is claimed by
 * inserting its row (unique per dedupe key, channel and recipient), tried with backoff, and
 * recorded. A channel that is down never makes notify() reject.
 */
@Injectable()
export class NotificationService {
  private readonly log = new Logger('Notifications');
  private readonly templates = new MailTemplates();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recipients: RecipientResolver,
    private readonly inbox: InboxChannel,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    @Inject(RETRY_POLICY) private readonly policy: RetryPolicy,
  ) {}

  /**
   * Rejects only for a malformed request (NotificationInputError: bad field, unknown department,
   * MailTemplateError: the kind's template lacks a field). Delivery failures are in the result.
   */
  async notify(notification: Notification): Promise<NotifyResult> {
    validateNotification(notification);
    const department = await this.recipients.department(notification.department);
    const planned = await this.plan(notification, department);
    const deliveries = await Promise.all(
      planned.map((p) => this.deliver(notification.dedupeKey, department.code, p)),
    );
    return { dedupeKey: notification.dedupeKey, departmentCode: department.code, deliveries };
  }

  /**
   * Tries again the deliveries that failed (until maxAttempts in all) and those a crashed process
   * left pending. Safe to run from several processes at once: each row is claimed by a
   * conditional update before it is sent.
   */
  async retryFailed(now = new Date(), limit = 200): Promise<SweepResult> {
    const staleBefore = new Date(now.getTime() - this.policy.staleAfterMs);
    const rows = await this.db
      .getRepository(NotificationDelivery)
      .createQueryBuilder('d')
      .where(
        new Brackets((w) =>
          w
            .where('(d.status = :failed AND d.attempts < :max)', {
              failed: 'failed',
              max: this.policy.maxAttempts,
            })
            .orWhere('(d.status = :pending AND d.updated_at < :staleBefore)', {
              pending: 'pending',
              staleBefore,
            }),
        ),
      )
      .orderBy('d.updated_at', 'ASC')
      .limit(limit)
      .getMany();
    const result: SweepResult = { retried: 0, sent: 0, failed: 0 };
    for (const row of rows) {
      if (!this.channelOn(row.channel) || !(await this.claim(row, now, staleBefore))) continue;
      result.retried++;
      const budget = Math.min(this.policy.attemptsPerCall, this.policy.maxAttempts - row.attempts);
      const outcome = await this.attempt(row.channel, row.payload, Math.max(1, budget));
      await this.record(row.id, row.attempts, outcome);
      if (outcome.ok) result.sent++;
      else result.failed++;
    }
    return result;
  }

  private channelOn(channel: Channel): boolean {
    if (channel === 'email') return this.email.enabled;
    if (channel === 'webhook') return this.webhook.enabled;
    return true;
  }

  /** Takes a row for this sweep; false when another process took it first. */
  private async claim(row: NotificationDelivery, now: Date, staleBefore: Date): Promise<boolean> {
    const qb = this.db
      .createQueryBuilder()
      .update(NotificationDelivery)
      .set({ status: 'pending', updatedAt: now })
      .where('id = :id', { id: row.id });
    if (row.status === 'failed') {
      qb.andWhere('status = :s AND attempts = :a', { s: 'failed', a: row.attempts });
    } else {
      qb.andWhere('status = :s AND updated_at < :staleBefore', { s: 'pending', staleBefore });
    }
    const res = await qb.execute();
    return res.affected === 1;
  }

  private async plan(n: Notification, department: Department): Promise<PlannedDelivery[]> {
    const link = n.link ?? null;
    const inbox: InboxNotification = {
      dedupeKey: n.dedupeKey,
      departmentCode: department.code,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link,
    };
    // rendered even when e-mail is off, so a template gap shows in every environment
    const mail = this.templates.render(templateFor(n.kind), {
      kind: n.kind,
      departmentCode: department.code,
      departmentName: department.name,
      title: n.title,
      body: n.body,
      link,
      data: n.data ?? {},
    });
    const planned: PlannedDelivery[] = n.inboxWritten
      ? []
      : [{ channel: 'inbox', recipient: department.code, payload: { ...inbox } }];
    if (this.email.enabled) {
      for (const to of await this.recipients.emails(department)) {
        const payload: EmailPayload = { to, ...mail };
        planned.push({ channel: 'email', recipient: to, payload: { ...payload } });
      }
    }
    if (this.webhook.enabled) {
      const payload: WebhookPayload = {
        dedupeKey: n.dedupeKey,
        kind: n.kind,
        department: { code: department.code, name: department.name },
        title: n.title,
        body: n.body,
        link,
        data: n.data ?? null,
        notifiedAt: new Date().toISOString(),
      };
      planned.push({ channel: 'webhook', recipient: department.code, payload: { ...payload } });
    }
    return planned;
  }

  private async deliver(
    dedupeKey: string,
    departmentCode: string,
    p: PlannedDelivery,
  ): Promise<DeliveryOutcome> {
    const now = new Date();
    const id = randomUUID();
    try {
      const row: NotificationDelivery = {
        id,
        dedupeKey,
        channel: p.channel,
        departmentCode,
        recipient: p.recipient,
        status: 'pending',
        attempts: 0,
        lastError: null,
        payload: p.payload,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      };
      // insert, never save(): the unique key must reject a second claim, not update it
      await this.db
        .getRepository(NotificationDelivery)
        .insert(row as QueryDeepPartialEntity<NotificationDelivery>);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.existing(dedupeKey, p);
    }
    const outcome = await this.attempt(p.channel, p.payload, this.policy.attemptsPerCall);
    await this.record(id, 0, outcome);
    if (!outcome.ok) {
      this.log.warn(`${p.channel} delivery ${dedupeKey} → ${p.recipient} failed: ${outcome.error}`);
    }
    return {
      channel: p.channel,
      recipient: p.recipient,
      status: outcome.ok ? 'sent' : 'failed',
      attempts: outcome.attempts,
      duplicate: false,
      lastError: outcome.error,
    };
  }

  /** The delivery an earlier call (or another process) claimed. */
  private async existing(dedupeKey: string, p: PlannedDelivery): Promise<DeliveryOutcome> {
    const row = await this.db.getRepository(NotificationDelivery).findOneOrFail({
      where: { dedupeKey, channel: p.channel, recipient: p.recipient },
    });
    return {
      channel: p.channel,
      recipient: p.recipient,
      status: row.status,
      attempts: row.attempts,
      duplicate: true,
      lastError: row.lastError,
    };
  }

  private async attempt(
    channel: Channel,
    payload: Record<string, unknown>,
    attempts: number,
  ): Promise<{ ok: boolean; attempts: number; error: string | null }> {
    const send = (): Promise<void> => {
      if (channel === 'email') return this.email.send(payload as unknown as EmailPayload);
      if (channel === 'webhook') return this.webhook.send(payload as unknown as WebhookPayload);
      return this.inbox.send(payload as unknown as InboxNotification);
    };
    const outcome = await attemptWithRetries(send, attempts, this.policy.backoffMs);
    const secrets = [...this.email.secrets(), ...this.webhook.secrets()];
    return {
      ok: outcome.ok,
      attempts: outcome.attempts,
      error: outcome.lastError === null ? null : redactSecrets(outcome.lastError, secrets),
    };
  }

  private async record(
    id: string,
    attemptsBefore: number,
    outcome: { ok: boolean; attempts: number; error: string | null },
  ): Promise<void> {
    const now = new Date();
    await this.db.getRepository(NotificationDelivery).update(
      { id },
      {
        status: outcome.ok ? 'sent' : 'failed',
        attempts: attemptsBefore + outcome.attempts,
        lastError: outcome.error,
        sentAt: outcome.ok ? now : null,
        updatedAt: now,
      },
    );
  }
}

/** Duplicate key on SQLite or MySQL/MariaDB. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { driverError?: { code?: string; errno?: number }; code?: string };
  const code = e.driverError?.code ?? e.code ?? '';
  return (
    code === 'ER_DUP_ENTRY' || e.driverError?.errno === 1062 || code.startsWith('SQLITE_CONSTRAINT')
  );
}
