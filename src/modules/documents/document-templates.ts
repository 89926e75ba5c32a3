import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../temporal/temporal-cli';

export const DOCUMENT_TEMPLATES = [
  'notice',
  'scheme',
  'draw-proof',
  'target-list',
  'forms',
  'results',
  'follow-ups',
  'report',
] as const;
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[number];

const LABELS: Record<string, Record<string, string>> = {
  result: {
    no_problem: '未发现问题',
    problem: '发现问题',
    not_found_at_address: '通过登记的住所（经营场所）无法联系',
    refused: '不配合检查',
    other: '其他',
  },
  method: { on_site: '现场检查', written: '书面检查', online: '网络监测', other: '其他方式' },
  followUp: {
    rectification: '责令整改',
    enforcement: '移送执法机构',
    judiciary: '移送司法机关',
    penalty: '行政处罚',
    none: '无需处置',
  },
  followUpStatus: {
    open: '待处置',
    rectifying: '整改中',
    penalty: '待公示处罚信息',
    closed: '已办结',
    handed_over: '已移送',
  },
};

const hb = Handlebars.create();
hb.registerHelper('label', (group: string, value: unknown) =>
  value === null || value === undefined ? '' : (LABELS[group]?.[String(value)] ?? String(value)),
);
hb.registerHelper('join', (values: unknown) => (Array.isArray(values) ? values.join('、') : ''));
/** 2026-11-23 → 2026年11月23日 (dates and ISO instants, in China Standard Time). */
hb.registerHelper('cnDate', (value: unknown) => chineseDate(value));

export function chineseDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const text =
    value instanceof Date
      ? new Date(value.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
      : /T/.test(String(value))
        ? new Date(Date.parse(String(value)) + 8 * 3_600_000).toISOString().slice(0, 10)
        : String(value).slice(0, 10);
  const [y, m, d] = text.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function dir(): string {
  return join(findProjectRoot(), 'templates', 'documents');
}

function template(name: string): Handlebars.TemplateDelegate {
  let compiledTemplate = compiled.get(name);
  if (!compiledTemplate) {
    compiledTemplate = hb.compile(readFileSync(join(dir(), `${name}.hbs`), 'utf8'), {
      strict: true,
    });
    compiled.set(name, compiledTemplate);
  }
  return compiledTemplate;
}

/**
 * Renders a document template (templates/documents/<name>.hbs) inside _layout.hbs, in strict
 * mode: a field the data lacks is an error naming it, never a blank on an official document.
 */
export function renderDocument(name: DocumentTemplate, data: { title: string }): string {
  const body = template(name)(data);
  return template('_layout')({ title: data.title, body });
}
