import { redactSecrets, errorText } from '../../../src/modules/notifications/redact';
import { attemptWithRetries } from '../../../src/modules/notifications/retry';
import { notificationSchedule } from '../../../src/modules/notifications/notification.scheduler';
import {
  NotificationInputError,
  validateNotification,
} from '../../../src/modules/notifications/notification.types';

describe('redactSecrets', () => {
  it('hides SMTP credentials and webhook tokens, configured or seen in any URL', () => {
    const smtp = 'smtp://mailer:S3cr%40t@mail.example.gov.cn:587';
    const hook = 'https://bot.example.gov.cn/send?access_token=TOKEN123&x=1';
    const text = redactSecrets(
      `connect failed ${smtp}; POST ${hook}; user mailer pass S3cr@t; other http://u:pw@h/x?k=v`,
      [smtp, hook],
    );
    for (const secret of ['S3cr', 'TOKEN123', 'pw@', 'k=v']) expect(text).not.toContain(secret);
    expect(text).toContain('connect failed');
  });

  it('includes the cause of a fetch failure', () => {
    const e = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(errorText(e)).toBe('fetch failed (connect ECONNREFUSED 127.0.0.1:9)');
  });
});

describe('attemptWithRetries', () => {
  it('retries with the given backoff and stops at the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const outcome = await attemptWithRetries(
      async () => {
        if (++calls < 3) throw new Error(`boom ${calls}`);
      },
      3,
      [10, 40],
      async (ms) => void waits.push(ms),
    );
    expect(outcome).toEqual({ ok: true, attempts: 3, lastError: null });
    expect(waits).toEqual([10, 40]);
  });

  it('never throws: a channel that stays down is an outcome', async () => {
    const outcome = await attemptWithRetries(
      () => Promise.reject(new Error('down')),
      3,
      [1],
      async () => undefined,
    );
    expect(outcome).toEqual({ ok: false, attempts: 3, lastError: 'down' });
  });
});

describe('notificationSchedule', () => {
  it('is off under NODE_ENV=test and when NOTIFICATION_CRON=off', () => {
    expect(notificationSchedule({ NODE_ENV: 'test' })).toBeNull();
    expect(notificationSchedule({ NODE_ENV: 'production', NOTIFICATION_CRON: 'off' })).toBeNull();
  });

  it('runs the digest at 08:30 by default, or at NOTIFICATION_DIGEST_CRON', () => {
    expect(notificationSchedule({ NODE_ENV: 'production' })?.digestCron).toBe('0 30 8 * * *');
    expect(
      notificationSchedule({ NODE_ENV: 'production', NOTIFICATION_DIGEST_CRON: '0 0 9 * * 1-5' })
        ?.digestCron,
    ).toBe('0 0 9 * * 1-5');
  });
});

describe('validateNotification', () => {
  const ok = {
    department: 'SCJGJ',
    kind: 'reminder' as const,
    title: '提醒',
    body: '正文',
    dedupeKey: 'k1',
  };
  it('accepts a well-formed request', () => {
    expect(() => validateNotification(ok)).not.toThrow();
  });
  it('names every bad field and what it accepts', () => {
    const bad = { ...ok, kind: 'sms', title: ' ', dedupeKey: 'x'.repeat(201) } as never;
    expect(() => validateNotification(bad)).toThrow(NotificationInputError);
    expect(() => validateNotification(bad)).toThrow(/kind .*reminder \| digest/);
    expect(() => validateNotification(bad)).toThrow(/title/);
    expect(() => validateNotification(bad)).toThrow(/dedupeKey .*200/);
  });
});
