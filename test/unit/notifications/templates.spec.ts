import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MAIL_TEMPLATES,
  MailTemplateError,
  MailTemplates,
  templateFor,
} from '../../../src/modules/notifications/mail-templates';

const base = {
  kind: 'reminder',
  departmentCode: 'SCJGJ',
  departmentName: '市场监督管理局',
  title: '2025年第一批联合抽查：检查结果录入',
  body: '请于 2025-03-10 前录入检查结果 & 上传笔录。',
  link: '/tasks/t-1',
  data: {},
};

const digestData = {
  departmentName: '市场监督管理局',
  date: '2025-03-03',
  horizon: 5,
  overdue: [{ name: '结果公示', dueDate: '2025-02-28', workingDays: 1, link: '/tasks/a' }],
  dueSoon: [{ name: '检查结果录入', dueDate: '2025-03-10', workingDays: 4, link: null }],
};

describe('mail templates (strict)', () => {
  const templates = new MailTemplates();

  it.each(MAIL_TEMPLATES.filter((t) => t !== 'digest'))(
    '%s renders subject, HTML and text in Chinese',
    (name) => {
      const mail = templates.render(name, base);
      expect(mail.subject).toContain(base.title);
      expect(mail.subject).not.toContain('\n');
      expect(mail.html).toContain('市场监督管理局');
      expect(mail.html).toContain('&amp; 上传笔录'); // HTML is escaped
      expect(mail.text).toContain('& 上传笔录'); // plain text is not
      expect(mail.text).toContain('/tasks/t-1');
    },
  );

  it('digest lists both groups with working days', () => {
    const mail = templates.render('digest', { ...base, kind: 'digest', data: digestData });
    expect(mail.subject).toBe(
      '【每日待办】市场监督管理局 2025-03-03：已逾期 1 项，5 个工作日内到期 1 项',
    );
    expect(mail.text).toContain('- 结果公示，办理期限 2025-02-28，已逾期 1 个工作日（/tasks/a）');
    expect(mail.text).toContain('- 检查结果录入，办理期限 2025-03-10，剩余 4 个工作日');
    expect(mail.html).toContain('<td>检查结果录入</td>');
  });

  it('a missing field throws instead of mailing a blank', () => {
    const { departmentName: _omit, ...withoutName } = base;
    expect(() => templates.render('reminder', withoutName)).toThrow(MailTemplateError);
    expect(() => templates.render('reminder', withoutName)).toThrow(/departmentName/);
    const { date: _d, ...noDate } = digestData;
    expect(() => templates.render('digest', { ...base, data: noDate })).toThrow(/date/);
    expect(() => templates.render('digest', base)).toThrow(MailTemplateError);
  });

  it('a template file without its three sections is rejected by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jc-mail-'));
    writeFileSync(
      join(dir, 'reminder.hbs'),
      '{{!-- subject --}}\n{{title}}\n{{!-- html --}}\n<p/>\n',
    );
    expect(() => new MailTemplates(dir).render('reminder', base)).toThrow(/text/);
  });

  it('task and notice share the notice template; the others have their own', () => {
    expect(templateFor('task')).toBe('notice');
    expect(templateFor('notice')).toBe('notice');
    expect(templateFor('escalation')).toBe('escalation');
  });
});
