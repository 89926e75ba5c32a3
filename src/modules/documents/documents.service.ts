import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_PRINCIPAL, type Principal } from '../auth/roles';
import { Inspection } from '../inspection/entities/inspection.entity';
import type { DocumentDataMap } from './document-data';
import {
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  DocumentRecord,
  type DocumentStatus,
} from './document.entity';
import {
  renderDocument,
  type DocumentTemplate,
  type UntypedDocumentData,
} from './document-templates';
import { htmlToPdf } from './pdf-renderer';

export interface NewDocument {
  inspectionId: string;
  /** One of DOCUMENT_KINDS. */
  kind: string;
  /** Target code for a notice, department code for forms, '' otherwise. */
  subject: string;
  title: string;
  html: string;
  pdf?: Buffer;
  status: DocumentStatus;
}

/** Who issues: a signed-in principal, SYSTEM_PRINCIPAL, or a name for the system (a workflow). */
export type DocumentActor = Pick<Principal, 'username' | 'departmentCode'> | string;

/** A document without its bodies. */
export type DocumentMeta = Omit<DocumentRecord, 'html' | 'pdf'>;

export interface ManifestEntry {
  id: string;
  kind: string;
  subject: string;
  title: string;
  htmlSha256: string;
  pdfSha256: string | null;
}

export interface Manifest {
  documents: ManifestEntry[];
  /** SHA-256 of canonicalManifestJson(documents). */
  manifestSha256: string;
}

export interface Mismatch {
  id: string;
  /** html / pdf: bytes changed; manifest: the manifest document no longer matches the list. */
  field: 'html' | 'pdf' | 'manifest';
  stored: string;
  actual: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  mismatches: Mismatch[];
}

export const sha256 = (data: string | Buffer) =>
  createHash('sha256')
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest('hex');

/** Documents re-hashed per query by verify(): bounded memory whatever the archive's size. */
const VERIFY_BATCH = 50;
/** Subjects per UPDATE … IN (…) in markSent. */
const SENT_BATCH = 500;

/**
 * Documents (文书): rendered from templates/documents, stored with the SHA-256 of their exact
 * bytes, listed in a manifest whose own hash fixes the whole archive.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** HTML of a template inside the shared layout; a missing field is an error naming it. */
  render<T extends DocumentTemplate>(template: T, data: DocumentDataMap[T]): string;
  render(template: DocumentTemplate, data: UntypedDocumentData): string;
  render(template: DocumentTemplate, data: UntypedDocumentData): string {
    return renderDocument(template, data);
  }

  /** A4 PDFs printed by headless Chromium; one browser per call, closed whatever happens. */
  toPdf(html: string): Promise<Buffer>;
  toPdf(html: string[]): Promise<Buffer[]>;
  async toPdf(html: string | string[]): Promise<Buffer | Buffer[]> {
    if (typeof html === 'string') return (await htmlToPdf([html]))[0];
    return htmlToPdf(html);
  }

  /**
   * Stores a document once per (task, kind, subject) with its hashes and an audit entry, in the
   * caller's transaction when given. If it exists, the stored row is returned unchanged, so a
   * retried activity never writes twice (and never replaces what was already issued).
   */
  async issue(
    manager: EntityManager | undefined,
    doc: NewDocument,
    actor: DocumentActor,
  ): Promise<DocumentRecord> {
    checkNewDocument(doc);
    if (manager) return this.write(manager, doc, actor);
    try {
      return await this.db.transaction((m) => this.write(m, doc, actor));
    } catch (error) {
      // A concurrent issue of the same document won the insert: that one is the document.
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.find(this.db.manager, doc);
      if (!existing) throw error;
      return existing;
    }
  }

  /** Marks issued documents as sent (e.g. notices delivered); returns how many changed. */
  async markSent(
    inspectionId: string,
    kind: string,
    subjects: string[],
    actor: DocumentActor = SYSTEM_PRINCIPAL,
  ): Promise<number> {
    let changed = 0;
    for (let at = 0; at < subjects.length; at += SENT_BATCH) {
      const batch = subjects.slice(at, at + SENT_BATCH);
      changed += await this.db.transaction(async (m) => {
        const repo = m.getRepository(DocumentRecord);
        const rows = await repo.find({
          where: { inspectionId, kind, subject: In(batch), status: 'issued' },
        });
        if (rows.length === 0) return 0;
        const sentAt = new Date();
        await repo.update({ id: In(rows.map((r) => r.id)) }, { status: 'sent', sentAt });
        for (const row of rows)
          await this.audit.record(
            {
              actor: auditActor(actor),
              action: 'document.sent',
              entityType: 'document',
              entityId: row.id,
              before: { status: row.status },
              after: { status: 'sent', kind, subject: row.subject, sentAt },
            },
            m,
          );
        return rows.length;
      });
    }
    return changed;
  }

  /** The task's documents without their bodies, in kind/subject order. */
  async list(inspectionId: string): Promise<DocumentMeta[]> {
    const rows = await this.db.getRepository(DocumentRecord).find({ where: { inspectionId } });
    return rows.sort(byKindSubject);
  }

  /** One document with its HTML and PDF bytes. */
  async get(id: string): Promise<DocumentRecord> {
    const row = await withBodies(this.db.manager).where('d.id = :id', { id }).getOne();
    if (!row) throw new NotFoundException(`文书 ${id} 不存在 / document not found`);
    return row;
  }

  /**
   * The archive manifest (归档清单): every document with its hashes and the list's own hash.
   * The manifest document itself is left out: it is a rendering of this list.
   */
  async manifest(inspectionId: string): Promise<Manifest> {
    const documents = (await this.list(inspectionId))
      .filter((d) => d.kind !== 'manifest')
      .map(manifestEntry);
    return { documents, manifestSha256: sha256(canonicalManifestJson(documents)) };
  }

  /**
   * Renders, prints and issues the manifest document (kind 'manifest') from the documents issued
   * so far; call it last when archiving. Idempotent like issue().
   */
  async issueManifest(inspectionId: string, actor: DocumentActor): Promise<DocumentRecord> {
    const existing = await this.find(this.db.manager, {
      inspectionId,
      kind: 'manifest',
      subject: '',
    });
    if (existing) return existing;
    const inspection = await this.db.getRepository(Inspection).findOne({
      where: { id: inspectionId },
    });
    if (!inspection) throw new NotFoundException(`联合抽查任务 ${inspectionId} 不存在`);
    const { documents, manifestSha256 } = await this.manifest(inspectionId);
    const title = '归档清单';
    const html = this.render('manifest', {
      title,
      code: inspection.code,
      name: inspection.name,
      manifestSha256,
      generatedAt: new Date().toISOString(),
      documents: documents.map((d, i) => ({ ...d, no: i + 1, pdfSha256: d.pdfSha256 ?? '' })),
    });
    const pdf = await this.toPdf(html);
    return this.issue(
      undefined,
      { inspectionId, kind: 'manifest', subject: '', title, html, pdf, status: 'archived' },
      actor,
    );
  }

  /**
   * Re-hashes every stored byte and compares with the recorded hashes; a manifest document is
   * also checked against the current list, so a document added or removed after it is caught.
   */
  async verify(inspectionId: string): Promise<VerifyResult> {
    const metas = await this.list(inspectionId);
    const mismatches: Mismatch[] = [];
    for (let at = 0; at < metas.length; at += VERIFY_BATCH) {
      const ids = metas.slice(at, at + VERIFY_BATCH).map((d) => d.id);
      const rows = await withBodies(this.db.manager).where('d.id IN (:...ids)', { ids }).getMany();
      for (const row of rows) mismatches.push(...byteMismatches(row));
      const manifestDoc = rows.find((r) => r.kind === 'manifest');
      if (manifestDoc) {
        const stored =
          /data-manifest-sha256=['"]([0-9a-f]{64})['"]/.exec(manifestDoc.html)?.[1] ?? '';
        const actual = (await this.manifest(inspectionId)).manifestSha256;
        if (stored !== actual)
          mismatches.push({ id: manifestDoc.id, field: 'manifest', stored, actual });
      }
    }
    return { ok: mismatches.length === 0, checked: metas.length, mismatches };
  }

  private async write(
    m: EntityManager,
    doc: NewDocument,
    actor: DocumentActor,
  ): Promise<DocumentRecord> {
    const existing = await this.find(m, doc);
    if (existing) return existing;
    const createdAt = new Date();
    const row: DocumentRecord = {
      id: randomUUID(),
      inspectionId: doc.inspectionId,
      kind: doc.kind,
      subject: doc.subject,
      title: doc.title,
      html: doc.html,
      htmlSha256: sha256(doc.html),
      pdf: doc.pdf ?? null,
      pdfSha256: doc.pdf ? sha256(doc.pdf) : null,
      status: doc.status,
      createdAt,
      sentAt: doc.status === 'sent' ? createdAt : null,
    };
    await m.getRepository(DocumentRecord).insert(row);
    await this.audit.record(
      {
        actor: auditActor(actor),
        action: 'document.issue',
        entityType: 'document',
        entityId: row.id,
        after: {
          inspectionId: row.inspectionId,
          kind: row.kind,
          subject: row.subject,
          status: row.status,
          htmlSha256: row.htmlSha256,
          pdfSha256: row.pdfSha256,
        },
      },
      m,
    );
    return row;
  }

  private find(
    m: EntityManager,
    key: Pick<NewDocument, 'inspectionId' | 'kind' | 'subject'>,
  ): Promise<DocumentRecord | null> {
    return withBodies(m)
      .where('d.inspection_id = :inspectionId AND d.kind = :kind AND d.subject = :subject', key)
      .getOne();
  }
}

/**
 * The manifest's canonical JSON: entries sorted by kind then subject (by UTF-16 code units, not
 * a database collation), keys in alphabetical order, no whitespace — the same bytes as
 * `jq -cjS '.documents | sort_by(.kind, .subject)'` on the manifest endpoint's response.
 */
export function canonicalManifestJson(documents: ManifestEntry[]): string {
  return JSON.stringify(
    [...documents].sort(byKindSubject).map((d) => ({
      htmlSha256: d.htmlSha256,
      id: d.id,
      kind: d.kind,
      pdfSha256: d.pdfSha256,
      subject: d.subject,
      title: d.title,
    })),
  );
}

function byKindSubject(a: { kind: string; subject: string }, b: { kind: string; subject: string }) {
  return compare(a.kind, b.kind) || compare(a.subject, b.subject);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withBodies(m: EntityManager) {
  return m.getRepository(DocumentRecord).createQueryBuilder('d').addSelect(['d.html', 'd.pdf']);
}

function byteMismatches(row: DocumentRecord): Mismatch[] {
  const out: Mismatch[] = [];
  const html = sha256(row.html);
  if (html !== row.htmlSha256)
    out.push({ id: row.id, field: 'html', stored: row.htmlSha256, actual: html });
  const pdf = row.pdf ? sha256(Buffer.from(row.pdf)) : '';
  if (pdf !== (row.pdfSha256 ?? ''))
    out.push({ id: row.id, field: 'pdf', stored: row.pdfSha256 ?? '', actual: pdf });
  return out;
}

function manifestEntry(row: DocumentMeta): ManifestEntry {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    title: row.title,
    htmlSha256: row.htmlSha256,
    pdfSha256: row.pdfSha256,
  };
}

function auditActor(actor: DocumentActor): Pick<Principal, 'username' | 'departmentCode'> {
  return typeof actor === 'string' ? { username: actor, departmentCode: 'system' } : actor;
}

function checkNewDocument(doc: NewDocument): void {
  const bad = (field: string, accepted: string) =>
    new BadRequestException(`文书字段 ${field} 无效：${accepted} / invalid document ${field}`);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(doc.kind))
    throw bad('kind', `应为 ${DOCUMENT_KINDS.join('、')} 之一`);
  if (!(DOCUMENT_STATUSES as readonly string[]).includes(doc.status))
    throw bad('status', `应为 ${DOCUMENT_STATUSES.join('、')} 之一`);
  if (typeof doc.subject !== 'string' || doc.subject.length > 100)
    throw bad('subject', '应为不超过 100 个字符的文本（无对象时为空字符串）');
  if (!doc.title || doc.title.length > 300) throw bad('title', '应为 1 至 300 个字符');
  if (!doc.html) throw bad('html', '不能为空');
  if (!doc.inspectionId) throw bad('inspectionId', '不能为空');
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code ?? '';
  return (
    code === 'ER_DUP_ENTRY' || e.driverError?.errno === 1062 || code.startsWith('SQLITE_CONSTRAINT')
  );
}
