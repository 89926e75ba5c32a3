import { SchedulerRegistry } from '@nestjs/schedule';
import { InboxMessage } from '../../../src/modules/engine/entities';
import { MailTemplateError } from '../../../src/modules/notifications/mail-templates';
import { NotificationDelivery } from '../../../src/modules/notifications/notification-delivery.entity';
import { EngineInboxWriter } from '../../../src/modules/notifications/engine-bindings';
import {
  type Notification,
  NotificationInputError,
  NotificationService,
} from '../../../src/modules/notifications';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import {
  closedPort,
  type NotificationApp,
  seedDepartment,
  startNotificationApp,
  startSmtp,
  startWebhook,
  TestInbox,
  until,
} from './support';

/**
 * The notification module against a real SMTP server, a real HTTP receiver and the real
 * database (SQLite, or MariaDB with TEST_DATABASE_URL): delivery, retries, failure recording,
 * deduplication across calls and application instances.
 */
describe('notifications', () => {
  const SMTP_PASSWORD = 'Pa55-word-xyz';
  const HOOK_TOKEN = 'bot-token-0123456789';
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startWebhook>>;
  let up: NotificationApp;
  let second: NotificationApp;
  const inbox = new TestInbox();
  const secondInbox = new TestInbox();
  let notifications: NotificationService;

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtp();
    hook = await startWebhook();
    const env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'jointcheck@scjgj.example.gov.cn',
      WEBHOOK_URL: `${hook.baseUrl}/bot/send?access_token=${HOOK_TOKEN}`,
    };
    up = await startNotificationApp(database, env, inbox);
    // a second process on the same database and servers (its own inbox binding)
    second = await startNotificationApp(database, env, secondInbox);
    notifications = up.app.get(NotificationService);
    await seedDepartment(up.db, 'SCJGJ', '市场监督管理局', [
      { username: 'zhang', email: 'Zhang.San@scjgj.example.gov.cn' },
      { username: 'li', email: 'li.si@scjgj.example.gov.cn' },
      { username: 'wang', email: 'wang@scjgj.example.gov.cn', active: false },
      { username: 'zhao', email: null },
    ]);
    await seedDepartment(up.db, 'GAJ', '公安局', []);
    await seedDepartment(
      up.db,
      'LXBGS',
      '联席会议办公室',
      [{ username: 'office', email: 'office@lxbgs.example.gov.cn' }],
      true,
    );
  });

  afterAll(async () => {
    await second?.close();
    await up?.close();
    await smtp?.close();
    await hook?.close();
    await database?.drop();
  });

  const reminder = (dedupeKey: string, extra: Partial<Notification> = {}): Notification => ({
    department: 'SCJGJ',
    kind: 'reminder',
    title: '2025年第一批联合抽查：检查结果录入即将到期',
    body: '请于 2025-03-10 前在系统中录入检查结果。',
    link: '/tasks/t-1',
    dedupeKey,
    ...extra,
  });

  const rows = (dedupeKey: string) =>
    up.db
      .getRepository(NotificationDelivery)
      .find({ where: { dedupeKey }, order: { channel: 'ASC', recipient: 'ASC' } });

  it('e-mails every active user of the department that has an address, in Chinese', async () => {
    const result = await notifications.notify(reminder('r-1'));
    const mails = smtp.received.filter((m) => m.mail.subject?.includes('检查结果录入'));
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'li.si@scjgj.example.gov.cn',
      'zhang.san@scjgj.example.gov.cn',
    ]);
    const mail = mails[0].mail;
    expect(mail.subject).toBe('【期限提醒】2025年第一批联合抽查：检查结果录入即将到期');
    expect(mail.from?.value[0].address).toBe('jointcheck@scjgj.example.gov.cn');
    expect(mail.text).toContain('市场监督管理局：');
    expect(mail.text).toContain('请于 2025-03-10 前在系统中录入检查结果。');
    expect(mail.html).toContain('<h3>2025年第一批联合抽查：检查结果录入即将到期</h3>');

    expect(result.deliveries.map((d) => `${d.channel} ${d.recipient} ${d.status}`).sort()).toEqual([
      'email li.si@scjgj.example.gov.cn sent',
      'email zhang.san@scjgj.example.gov.cn sent',
      'inbox SCJGJ sent',
      'webhook SCJGJ sent',
    ]);
    const recorded = await rows('r-1');
    expect(recorded).toHaveLength(4);
    for (const row of recorded) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }
    expect(inbox.messages.filter((m) => m.dedupeKey === 'r-1')).toEqual([
      expect.objectContaining({ departmentCode: 'SCJGJ', kind: 'reminder', link: '/tasks/t-1' }),
    ]);
  });

  it('posts JSON to the webhook, and retries when it first answers 500', async () => {
    hook.failFirst.add('w-500');
    const result = await notifications.notify(reminder('w-500', { kind: 'notice' }));
    const hits = hook.hits.filter((h) => h.body.dedupeKey === 'w-500');
    expect(hits).toHaveLength(2);
    expect(hits[1].url).toBe(`/bot/send?access_token=${HOOK_TOKEN}`);
    expect(hits[1].headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hits[1].body).toMatchObject({
      dedupeKey: 'w-500',
      kind: 'notice',
      department: { code: 'SCJGJ', name: '市场监督管理局' },
      title: '2025年第一批联合抽查：检查结果录入即将到期',
      body: '请于 2025-03-10 前在系统中录入检查结果。',
      link: '/tasks/t-1',
    });
    expect(result.deliveries.find((d) => d.channel === 'webhook')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    const [row] = (await rows('w-500')).filter((r) => r.channel === 'webhook');
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it("'office' reaches the joint-meeting office's users and inbox", async () => {
    const result = await notifications.notify({
      department: 'office',
      kind: 'escalation',
      title: '市场监督管理局检查结果录入逾期 2 个工作日',
      body: '依据 NX 23，提请联席会议办公室督促。',
      link: '/escalations',
      dedupeKey: 'esc-1',
    });
    expect(result.departmentCode).toBe('LXBGS');
    const mail = await until(
      () => smtp.received.find((m) => m.mail.subject?.startsWith('【逾期通报】')),
      'escalation mail',
    );
    expect(mail.envelopeTo).toEqual(['office@lxbgs.example.gov.cn']);
    expect(mail.mail.text).toContain('提请联席会议办公室督促');
    expect(inbox.messages.find((m) => m.dedupeKey === 'esc-1')?.departmentCode).toBe('LXBGS');
  });

  it('delivers the same dedupe key once, also when sent concurrently from two instances', async () => {
    const key = 'dup-1';
    const first = await notifications.notify(reminder(key, { title: '重复发送测试' }));
    const again = await Promise.all([
      notifications.notify(reminder(key, { title: '重复发送测试' })),
      second.app.get(NotificationService).notify(reminder(key, { title: '重复发送测试' })),
    ]);
    const concurrentKey = 'dup-2';
    const racing = await Promise.all([
      notifications.notify(reminder(concurrentKey, { title: '并发发送测试' })),
      notifications.notify(reminder(concurrentKey, { title: '并发发送测试' })),
      second.app
        .get(NotificationService)
        .notify(reminder(concurrentKey, { title: '并发发送测试' })),
      second.app
        .get(NotificationService)
        .notify(reminder(concurrentKey, { title: '并发发送测试' })),
    ]);

    expect(first.deliveries.every((d) => !d.duplicate)).toBe(true);
    expect(again.flatMap((r) => r.deliveries).every((d) => d.duplicate)).toBe(true);
    // of the racing calls, each delivery was made by exactly one
    const made = racing.flatMap((r) => r.deliveries).filter((d) => !d.duplicate);
    expect(made.map((d) => `${d.channel} ${d.recipient}`).sort()).toEqual([
      'email li.si@scjgj.example.gov.cn',
      'email zhang.san@scjgj.example.gov.cn',
      'inbox SCJGJ',
      'webhook SCJGJ',
    ]);
    for (const [title, key2] of [
      ['重复发送测试', key],
      ['并发发送测试', concurrentKey],
    ]) {
      await until(
        () => smtp.received.filter((m) => m.mail.subject?.includes(title)).length >= 2,
        title,
      );
      expect(smtp.received.filter((m) => m.mail.subject?.includes(title))).toHaveLength(2);
      expect(hook.hits.filter((h) => h.body.dedupeKey === key2)).toHaveLength(1);
      expect(await rows(key2)).toHaveLength(4);
      const inboxWrites = [...inbox.messages, ...secondInbox.messages].filter(
        (m) => m.dedupeKey === key2,
      );
      expect(inboxWrites).toHaveLength(1);
    }
  });

  it('a channel that is down is recorded failed with its attempts; notify() still resolves', async () => {
    const dead = await closedPort();
    const down = await startNotificationApp(
      database,
      {
        SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${dead}`,
        WEBHOOK_URL: `http://127.0.0.1:${dead}/bot/send?access_token=${HOOK_TOKEN}`,
      },
      new TestInbox(),
    );
    try {
      const result = await down.app.get(NotificationService).notify(reminder('down-1'));
      expect(result.deliveries.map((d) => `${d.channel} ${d.status} ${d.attempts}`).sort()).toEqual(
        ['email failed 3', 'email failed 3', 'inbox sent 1', 'webhook failed 3'],
      );
      const failed = (await rows('down-1')).filter((r) => r.status === 'failed');
      expect(failed).toHaveLength(3);
      for (const row of failed) {
        expect(row.attempts).toBe(3);
        expect(row.lastError).toMatch(/ECONNREFUSED/);
        expect(row.lastError).not.toContain(SMTP_PASSWORD);
        expect(row.lastError).not.toContain(HOOK_TOKEN);
        expect(JSON.stringify(row.payload)).not.toContain(SMTP_PASSWORD);
      }
    } finally {
      await down.close();
    }

    // once the servers are reachable again, the sweep delivers what failed — once
    const sweep = await notifications.retryFailed();
    expect(sweep).toMatchObject({ retried: 3, sent: 3, failed: 0 });
    expect(await notifications.retryFailed()).toMatchObject({ retried: 0 });
    const after = await rows('down-1');
    expect(after.map((r) => `${r.channel} ${r.status} ${r.attempts}`)).toEqual([
      'email sent 4',
      'email sent 4',
      'inbox sent 1',
      'webhook sent 4',
    ]);
    expect(
      smtp.received.filter((m) => m.envelopeTo.includes('li.si@scjgj.example.gov.cn')).length,
    ).toBeGreaterThan(0);
    expect(hook.hits.filter((h) => h.body.dedupeKey === 'down-1')).toHaveLength(1);
  });

  it('an inbox write that fails once is retried within the call', async () => {
    inbox.failFirst.add('inbox-flaky');
    const result = await notifications.notify(reminder('inbox-flaky'));
    expect(result.deliveries.find((d) => d.channel === 'inbox')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('rejects a malformed request with a message naming what is wrong', async () => {
    await expect(notifications.notify(reminder('bad-1', { department: 'NOPE' }))).rejects.toThrow(
      new NotificationInputError('部门 NOPE 不存在 (unknown department code)'),
    );
    await expect(
      notifications.notify(reminder('bad-2', { kind: 'digest' })), // a digest without its data
    ).rejects.toThrow(MailTemplateError);
    expect(await rows('bad-2')).toHaveLength(0);
  });

  it('the default inbox binding writes the engine inbox once per notification', async () => {
    const writer = new EngineInboxWriter(up.db);
    const message = {
      dedupeKey: 'digest:SCJGJ:2025-03-03',
      departmentCode: 'SCJGJ',
      kind: 'digest' as const,
      title: '每日待办',
      body: '已逾期 1 项',
      link: '/tasks',
    };
    await Promise.all([writer.write(message), writer.write(message)]);
    await writer.write(message);
    const stored = await up.db
      .getRepository(InboxMessage)
      .find({ where: { departmentCode: 'SCJGJ', title: '每日待办' } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'notice', body: '已逾期 1 项', link: '/tasks' });
  });

  it('registers no cron job under NODE_ENV=test', () => {
    const names = [...up.app.get(SchedulerRegistry).getCronJobs().keys()];
    expect(names.filter((n) => n.startsWith('notifications.'))).toEqual([]);
  });
});
