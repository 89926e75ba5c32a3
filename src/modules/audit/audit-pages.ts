/**
 * The audit verification report as a server-rendered page (templates/admin/audit-verify.hbs),
 * compiled once in strict mode.
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../temporal/temporal-cli';
import type { FindingKind, VerifyReport } from './audit-chain.service';

const KIND_LABELS: Record<FindingKind, string> = {
  edited: '被修改',
  deleted: '被删除',
  inserted: '被插入',
  checkpoint: '检查点不符',
  pending: '待封存',
};

const hb = Handlebars.create();
hb.registerHelper('kindLabel', (kind: FindingKind) => KIND_LABELS[kind] ?? kind);
hb.registerHelper('orDash', (v: unknown) => (v === null || v === undefined ? '—' : String(v)));

let compiled: Handlebars.TemplateDelegate | undefined;

export function renderAuditVerifyPage(report: VerifyReport): string {
  compiled ??= hb.compile(
    readFileSync(join(findProjectRoot(), 'templates', 'admin', 'audit-verify.hbs'), 'utf8'),
    { strict: true },
  );
  // standards mode (prettier's handlebars printer drops a doctype from the template itself)
  const page = compiled({
    report,
    findingCount: report.findings.filter((f) => f.kind !== 'pending').length,
  });
  return `<!doctype html>\n${page}`;
}
