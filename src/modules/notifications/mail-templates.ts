/**
 * E-mail templates (templates/mail/<name>.hbs). Each file holds three sections, marked by the
 * handlebars comments {{! subject }}, {{! html }} and {{! text }}; every section is compiled in
 * strict mode, so a missing field throws instead of mailing a blank. The plain-text section sits
 * in `{{! prettier-ignore }}<pre>…</pre>` so the formatter keeps its line breaks; the wrapper is
 * not part of the mail.
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../temporal/temporal-cli';
import type { NotificationKind } from './notification.types';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export const MAIL_TEMPLATES = ['reminder', 'digest', 'escalation', 'notice'] as const;
export type MailTemplateName = (typeof MAIL_TEMPLATES)[number];

/** reminder, digest and escalation have their own template; task and notice share one. */
export function templateFor(kind: NotificationKind): MailTemplateName {
  return kind === 'task' ? 'notice' : kind;
}

export class MailTemplateError extends Error {}

type Compiled = Record<keyof RenderedMail, Handlebars.TemplateDelegate>;

const SECTION = /^\{\{!(?:--)? *(subject|html|text) *(?:--)?\}\}[ \t]*$/m;
const TEXT_WRAPPER = /^\s*(?:\{\{! *prettier-ignore *\}\}\s*)?<pre>\n?([\s\S]*?)<\/pre>\s*$/;

export class MailTemplates {
  private readonly compiled = new Map<string, Compiled>();
  private readonly hb = Handlebars.create();

  constructor(private readonly dir = join(findProjectRoot(), 'templates', 'mail')) {}

  render(name: MailTemplateName, data: object): RenderedMail {
    const t = this.load(name);
    try {
      return {
        subject: t.subject(data).replace(/\s+/g, ' ').trim(),
        html: t.html(data),
        text:
          t
            .text(data)
            .replace(/\n{3,}/g, '\n\n')
            .trim() + '\n',
      };
    } catch (error) {
      throw new MailTemplateError(
        `邮件模板 ${name}.hbs 缺少字段 (template field missing): ${(error as Error).message}`,
      );
    }
  }

  private load(name: MailTemplateName): Compiled {
    const cached = this.compiled.get(name);
    if (cached) return cached;
    const sections = parseSections(readFileSync(join(this.dir, `${name}.hbs`), 'utf8'), name);
    const compiled: Compiled = {
      // subject and plain text are not HTML: no entity escaping there
      subject: this.hb.compile(sections.subject, { strict: true, noEscape: true }),
      html: this.hb.compile(sections.html, { strict: true }),
      text: this.hb.compile(sections.text, { strict: true, noEscape: true }),
    };
    this.compiled.set(name, compiled);
    return compiled;
  }
}

function parseSections(source: string, name: string): Record<keyof RenderedMail, string> {
  const parts = source.split(SECTION);
  const out: Partial<Record<keyof RenderedMail, string>> = {};
  for (let i = 1; i + 1 < parts.length; i += 2) {
    out[parts[i] as keyof RenderedMail] = parts[i + 1].replace(/^\n/, '');
  }
  for (const key of ['subject', 'html', 'text'] as const) {
    if (out[key] === undefined)
      throw new MailTemplateError(`邮件模板 ${name}.hbs 缺少 {{! ${key} }} 段`);
  }
  const wrapped = TEXT_WRAPPER.exec(out.text!);
  if (wrapped) out.text = wrapped[1];
  return out as Record<keyof RenderedMail, string>;
}
