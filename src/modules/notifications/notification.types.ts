/**
 * The notification request (通知) every deadline reminder, daily digest, escalation, new-task
 * message and notice goes through, and the contracts other modules bind.
 */

export const NOTIFICATION_KINDS = ['reminder', 'digest', 'escalation', 'task', 'notice'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** The department code meaning "the joint-meeting office (联席会议办公室)", whatever its code. */
export const OFFICE = 'office';

export interface Notification {
  /** A department code, or 'office' for the department with is_office = true. */
  department: string;
  kind: NotificationKind;
  /** One line, Chinese; the e-mail subject is built from it. */
  title: string;
  /** Plain text, Chinese. */
  body: string;
  /** Relative link into the app (`/tasks/<id>`), or null. */
  link?: string | null;
  /**
   * Identifies this notification: the same key is delivered at most once per channel and
   * recipient, also when two processes send it (e.g. `digest:SCJGJ:2025-03-03`). Max 200 chars.
   */
  dedupeKey: string;
  /** Extra fields the kind's mail template reads (digest: see DigestMailData). */
  data?: Record<string, unknown>;
  /**
   * The caller already wrote the in-app message in its own transaction (the engine's reminders
   * and escalations): send only the outward channels.
   */
  inboxWritten?: boolean;
}

/** One message for a department's in-app inbox (站内消息). */
export interface InboxNotification {
  dedupeKey: string;
  departmentCode: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
}

/**
 * Writes into the in-app inbox. Must be idempotent on dedupeKey (a retried write adds nothing).
 * Bound to the engine's inbox_messages by default (engine-bindings.ts).
 */
export interface InboxWriter {
  write(message: InboxNotification): Promise<void>;
}
export const INBOX_WRITER = Symbol('INBOX_WRITER');

/** How one delivery went, as notify() reports it. */
export interface DeliveryOutcome {
  channel: Channel;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  /** True when this call found the delivery already made or claimed by an earlier/other call. */
  duplicate: boolean;
  lastError: string | null;
}

export interface NotifyResult {
  dedupeKey: string;
  departmentCode: string;
  deliveries: DeliveryOutcome[];
}

/** Attempts within one call and the waits between them (ms); maxAttempts bounds the sweeps. */
export interface RetryPolicy {
  attemptsPerCall: number;
  backoffMs: number[];
  /** A delivery is given up (stays failed) once it has been tried this many times in all. */
  maxAttempts: number;
  /** A pending delivery untouched this long was abandoned by a crashed process. */
  staleAfterMs: number;
}
export const RETRY_POLICY = Symbol('NOTIFICATION_RETRY_POLICY');
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptsPerCall: 3,
  backoffMs: [1000, 4000],
  maxAttempts: 12,
  staleAfterMs: 10 * 60_000,
};

export class NotificationInputError extends Error {}

const MAX_DEDUPE = 200;

/** Rejects a malformed request with a message naming the field and what it accepts. */
export function validateNotification(n: Notification): void {
  const problems: string[] = [];
  if (typeof n.department !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(n.department))
    problems.push('department 须为部门代码（1-64 位字母数字）或 office');
  if (!NOTIFICATION_KINDS.includes(n.kind))
    problems.push(`kind 须为 ${NOTIFICATION_KINDS.join(' | ')} 之一，收到 ${String(n.kind)}`);
  if (typeof n.title !== 'string' || !n.title.trim() || n.title.length > 300)
    problems.push('title 不能为空且不超过 300 字');
  if (typeof n.body !== 'string') problems.push('body 须为文本');
  if (n.link != null && (typeof n.link !== 'string' || n.link.length > 600))
    problems.push('link 须为不超过 600 字的文本或 null');
  if (typeof n.dedupeKey !== 'string' || !n.dedupeKey.trim() || n.dedupeKey.length > MAX_DEDUPE)
    problems.push(`dedupeKey 不能为空且不超过 ${MAX_DEDUPE} 字`);
  if (problems.length > 0)
    throw new NotificationInputError(`通知请求无效 (invalid notification): ${problems.join('; ')}`);
}
