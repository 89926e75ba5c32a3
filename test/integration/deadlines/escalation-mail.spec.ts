import { DataSource } from 'typeorm';
import { NotificationDelivery } from '../../../src/modules/notifications/notification-delivery.entity';
import { startTestApp, TestApp } from '../../support/test-app';
import { bearer, fixture, tokens, until } from '../engine-api/helpers';
import { startSmtp } from '../notifications/support';

/** An escalation raised by a running instance reaches the office by e-mail over a real SMTP server. */
describe('escalation notifications leave through e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      role: 'all',
      seedDemo: true,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'jointcheck@test.local' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails every office account with an address, once', async () => {
    const tk = await tokens(t, 'office', 'scjgj-admin', 'sysadmin', 'secadmin');
    // 三员分立: the system administrator creates the account, the security administrator grants the role.
    await t.http
      .post('/admin/users')
      .set(bearer(tk.sysadmin))
      .send({
        username: 'duban',
        displayName: '督办员',
        password: 'supervision-passphrase-1',
        departmentCode: 'LXBGS',
        role: 'dept_officer',
        email: 'duban@lxbgs.test',
      })
      .expect(201);
    await t.http
      .patch('/admin/users/duban/role')
      .set(bearer(tk.secadmin))
      .send({ role: 'office' })
      .expect(200);
    await t.http
      .post('/definitions')
      .set(bearer(tk.office))
      .send({ xml: fixture('late-escalation') });
    const started = await t.http
      .post('/instances')
      .set(bearer(tk['scjgj-admin']))
      .send({ key: 'late-escalation', variables: { initiatingDept: 'SCJGJ' } })
      .expect(201);
    const mail = await until(
      async () => smtp.received.find((m) => m.envelopeTo.includes('duban@lxbgs.test')),
      'the escalation e-mail',
      30000,
    );
    expect(mail.mail.subject).toMatch(/督办/);
    expect(mail.mail.text).toMatch(/NX 23/);
    // Once: the escalation path has ended (its end event is in the instance's history, so the
    // activity that raised and sent it has finished, retries included) and its single PT2S timer
    // cannot fire again; the ledger holds one e-mail row for the address, sent on the first try.
    const instance = `/instances/${encodeURIComponent(started.body.workflowId)}`;
    await until(async () => {
      const r = await t.http.get(instance).set(bearer(tk.office));
      const completed = (r.body.completed ?? []) as Array<{ elementId: string }>;
      return completed.some((e) => e.elementId === 'reported');
    }, 'the escalation path to end');
    const rows = await t.app
      .get(DataSource)
      .getRepository(NotificationDelivery)
      .findBy({ channel: 'email', recipient: 'duban@lxbgs.test' });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 1]]);
    expect(smtp.received.filter((m) => m.envelopeTo.includes('duban@lxbgs.test'))).toHaveLength(1);
    await t.http.post(`${instance}/cancel`).set(bearer(tk.office)).send({ reason: '测试结束' });
  });
});
