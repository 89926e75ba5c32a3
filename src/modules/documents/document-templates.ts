import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../temporal/temporal-cli';
import type { DocumentDataMap } from './document-data';

export const DOCUMENT_TEMPLATES = [
  'notice',
  'scheme',
  'draw-proof',
  'target-list',
  'forms',
  'results',
  'follow-ups',
  'report',
  'manifest',
] as const;
export type DocumentTemplate = (typeof DOCUMENT_TEMPLATES)[number];

/** Data assembled dynamically (e.g. a list of parts of mixed kinds); still checked at render. */
export type UntypedDocumentData = { title: string } & Record<string, unknown>;

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
  kind: {
    notice: '检查通知书',
    notices: '检查通知书汇编',
    scheme: '检查方案',
    'draw-proof': '抽取承诺与抽取证明',
    'target-list': '检查对象名单',
    forms: '检查记录表',
    results: '抽查结果',
    'follow-ups': '后续处置记录',
    report: '抽查情况报告',
    manifest: '归档清单',
  },
};

const hb = Handlebars.create();
hb.registerHelper('label', (group: string, value: unknown) =>
  value === null || value === undefined ? '' : (LABELS[group]?.[String(value)] ?? String(value)),
);
hb.registerHelper('join', (values: unknown) => (Array.isArray(values) ? values.join('、') : ''));
/** The distinct values of one field of a list, in first-seen order: department names of items. */
hb.registerHelper('distinct', (values: unknown, field: string) =>
  Array.isArray(values)
    ? [...new Set(values.map((v) => String((v as Record<string, unknown>)[field])))]
    : [],
);
/** 2026-11-23 → 2026年11月23日 (dates and ISO instants, in China Standard Time). */
hb.registerHelper('cnDate', (value: unknown) => chineseDate(value));
/** A forced page break between sections of one document. */
hb.registerHelper('pageBreak', () => new hb.SafeString('<div class="page-break"></div>'));

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

/**
 * Handlebars' strict mode checks `{{field}}` but not helper arguments: `{{cnDate windowStart}}`
 * or `{{#if signedBy}}` would quietly print nothing when the field is absent. Marking those
 * argument paths strict makes them fail the same way, naming the field.
 */
class StrictArguments extends Handlebars.Visitor {
  override MustacheStatement(node: hbs.AST.MustacheStatement): void {
    strictArguments(node);
    super.MustacheStatement(node);
  }
  override BlockStatement(node: hbs.AST.BlockStatement): void {
    strictArguments(node);
    super.BlockStatement(node);
  }
  override SubExpression(node: hbs.AST.SubExpression): void {
    strictArguments(node);
    super.SubExpression(node);
  }
}

function strictArguments(node: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }): void {
  for (const arg of [...node.params, ...(node.hash?.pairs ?? []).map((p) => p.value)]) {
    const path = arg as hbs.AST.PathExpression & { strict?: boolean };
    if (path.type === 'PathExpression' && !path.data && path.parts.length > 0) path.strict = true;
  }
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function dir(): string {
  return join(findProjectRoot(), 'templates', 'documents');
}

function template(name: string): Handlebars.TemplateDelegate {
  let compiledTemplate = compiled.get(name);
  if (!compiledTemplate) {
    const ast = hb.parse(readFileSync(join(dir(), `${name}.hbs`), 'utf8'));
    new StrictArguments().accept(ast);
    compiledTemplate = hb.compile(ast, { strict: true });
    compiled.set(name, compiledTemplate);
  }
  return compiledTemplate;
}

/**
 * Renders a document template (templates/documents/<name>.hbs) inside _layout.hbs, in strict
 * mode: a field the data lacks is an error naming it, never a blank on an official document.
 */
export function renderDocument<T extends DocumentTemplate>(
  name: T,
  data: DocumentDataMap[T],
): string;
export function renderDocument(name: DocumentTemplate, data: UntypedDocumentData): string;
export function renderDocument(name: DocumentTemplate, data: { title: string }): string {
  try {
    const body = template(name)(data);
    // The doctype is added here because prettier's handlebars parser drops it from the layout,
    // and without it Chromium lays the page out in quirks mode.
    return `<!doctype html>\n${template('_layout')({ title: data.title, body })}`;
  } catch (error) {
    if (!(error instanceof Error) || !/not defined in/.test(error.message)) throw error;
    throw new Error(`文书模板 ${name}.hbs 缺少数据字段：${error.message}`);
  }
}
