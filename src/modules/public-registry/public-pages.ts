/**
 * Server-rendered public pages (公示页面): handlebars templates from templates/public, compiled
 * once in strict mode so a missing field fails loudly instead of printing blank.
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../temporal/temporal-cli';

const compiled = new Map<string, Handlebars.TemplateDelegate>();

const LABELS: Record<string, Record<string, string>> = {
  category: { key: '重点检查事项', general: '一般检查事项' },
  method: { on_site: '现场检查', written: '书面检查', online: '网络监测', other: '其他' },
  kind: { department: '部门抽查计划', joint: '部门联合抽查计划' },
  state: { active: '有效', cancelled: '已取消' },
};

const hb = Handlebars.create();
hb.registerHelper('label', (group: string, value: string) => LABELS[group]?.[value] ?? value);
hb.registerHelper('join', (values: unknown) => (Array.isArray(values) ? values.join('、') : ''));
hb.registerHelper('date', (value: unknown) =>
  value instanceof Date
    ? value.toISOString().slice(0, 10)
    : value
      ? String(value).slice(0, 10)
      : '',
);

export function renderPublicPage(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(
      join(findProjectRoot(), 'templates', 'public', `${name}.hbs`),
      'utf8',
    );
    template = hb.compile(source, { strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
