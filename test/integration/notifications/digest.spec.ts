import { randomUUID } from 'node:crypto';
import { endOfDayInstant } from '../../../src/modules/calendar/core/dates';
import { UserTaskRecord } from '../../../src/modules/engine/entities';
import { DigestService } from '../../../src/modules/notifications';
import { NotificationDelivery } from '../../../src/modules/notifications/notification-delivery.entity';
import { NotificationScheduler } from '../../../src/modules/notifications/notification.scheduler';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import {
  type NotificationApp,
  seedDepartment,
  startNotificationApp,
  startSmtp,
  startWebhook,
  TestInbox,
  until,
} from './support';

/**
 * The daily digest over the real engine task table and the real statutory calendar (Qingming
 * 2025: 4-6 April off), sent by two application instances at once.
 */
describe('daily digest', () => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startWebhook>>;
  let a: NotificationApp;
  let b: NotificationApp;
  const inbox = new TestInbox();

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtp();
    hook = await startWebhook();
    const env = { SMTP_URL: smtp.url, WEBHOOK_URL: `${hook.baseUrl}/hook` };
    a = await startNotificationApp(database, env, inbox);
    b = await startNotificationApp(database, env, inbox);
    await seedDepartment(a.db, 'SCJGJ', '市场监督管理局', [
      { username: 'zhang', email: 'zhang@scjgj.example.gov.cn' },
      { username: 'li', email: 'li@scjgj.example.gov.cn' },
    ]);
    await seedDepartment(a.db, 'GAJ', '公安局', [{ username: 'gaj', email: null }]);
    await seedDepartment(a.db, 'LXBGS', '联席会议办公室', [], true);
    const tasks: [string, string, string, 'open' | 'completed'][] = [
      ['SCJGJ', '检查结果录入', '2025-04-08', 'open'], // 4 working days after 1 April
      ['SCJGJ', '抽查结果公示', '2025-04-09', 'open'], // 5
      ['SCJGJ', '年度总结', '2025-04-10', 'open'], // 6: not yet
      ['SCJGJ', '检查人员确认', '2025-03-31', 'open'], // 1 late
      ['SCJGJ', '已办结事项', '2025-04-02', 'completed'],
      ['GAJ', '配合检查反馈', '2025-04-02', 'open'],
    ];
    for (const [dept, name, due, status] of tasks) await insertTask(dept, name, due, status);
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp?.close();
    await hook?.close();
    await database?.drop();
  });

  async function insertTask(dept: string, name: string, due: string, status: string) {
    const now = new Date();
    await a.db.getRepository(UserTaskRecord).insert({
      taskId: randomUUID(),
      workflowId: 'wf-1',
      rootWorkflowId: 'wf-1',
      elementId: 'task',
      name,
      departmentCode: dept,
      dueAt: endOfDayInstant(due),
      status: status as 'open',
      createdAt: now,
      updatedAt: now,
    });
  }

  const deliveries = (dedupeKey: string) =>
    a.db.getRepository(NotificationDelivery).find({ where: { dedupeKey } });

  it('groups each department’s open tasks and sends each digest once, even from two instances', async () => {
    const [ra, rb] = await Promise.all([
      a.app.get(DigestService).sendDailyDigests('2025-04-01'),
      b.app.get(DigestService).sendDailyDigests('2025-04-01'),
    ]);
    expect(ra.empty).toEqual(['LXBGS']);
    expect(ra.errors).toEqual([]);
    expect(rb.errors).toEqual([]);

    const mails = await until(() => smtp.received.length >= 2 && smtp.received, 'two digest mails');
    // Both runs have returned, so every mail they sent is in `received` (the test server records a
    // message before it answers 250), and the ledger shows one sent e-mail row per address: one
    // SMTP attempt each. No duplicate is in flight that a longer wait could catch.
    const emails = (await deliveries('digest:SCJGJ:2025-04-01')).filter(
      (d) => d.channel === 'email',
    );
    expect(emails.map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(smtp.received).toHaveLength(2);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'li@scjgj.example.gov.cn',
      'zhang@scjgj.example.gov.cn',
    ]);
    const mail = mails[0].mail;
    expect(mail.subject).toBe(
      '【每日待办】市场监督管理局 2025-04-01：已逾期 1 项，5 个工作日内到期 2 项',
    );
    expect(mail.text).toContain('- 检查人员确认，办理期限 2025-03-31，已逾期 1 个工作日');
    expect(mail.text).toContain('- 检查结果录入，办理期限 2025-04-08，剩余 4 个工作日');
    expect(mail.text).toContain('- 抽查结果公示，办理期限 2025-04-09，剩余 5 个工作日');
    expect(mail.text).not.toContain('年度总结');
    expect(mail.text).not.toContain('已办结事项');

    expect((await deliveries('digest:SCJGJ:2025-04-01')).map((d) => d.channel).sort()).toEqual([
      'email',
      'email',
      'inbox',
      'webhook',
    ]);
    // GAJ has nobody with an address: inbox and webhook only
    expect((await deliveries('digest:GAJ:2025-04-01')).map((d) => d.channel).sort()).toEqual([
      'inbox',
      'webhook',
    ]);
    expect(hook.hits.map((h) => h.body.dedupeKey).sort()).toEqual([
      'digest:GAJ:2025-04-01',
      'digest:SCJGJ:2025-04-01',
    ]);
    const gaj = hook.hits.find((h) => h.body.dedupeKey === 'digest:GAJ:2025-04-01')!;
    expect(gaj.body).toMatchObject({
      kind: 'digest',
      data: { dueSoon: [{ name: '配合检查反馈', workingDays: 1 }], overdue: [] },
    });
    expect(inbox.messages.filter((m) => m.kind === 'digest')).toHaveLength(2);
  });

  it('the 08:30 job skips non-working days and sends on working days', async () => {
    const scheduler = a.app.get(NotificationScheduler);
    await scheduler.dailyDigest(new Date('2025-04-05T00:30:00Z')); // Qingming holiday, 08:30 Beijing
    expect(await deliveries('digest:SCJGJ:2025-04-05')).toHaveLength(0);
    await scheduler.dailyDigest(new Date('2025-04-02T00:30:00Z'));
    expect(await deliveries('digest:SCJGJ:2025-04-02')).toHaveLength(4);
  });

  it('rejects a date that is not YYYY-MM-DD', async () => {
    await expect(a.app.get(DigestService).sendDailyDigests('2025/04/01')).rejects.toThrow(
      /today 须为 YYYY-MM-DD/,
    );
  });
});
