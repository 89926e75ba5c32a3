import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { DocumentRecord, type DocumentStatus } from './document.entity';
import { renderDocument, type DocumentTemplate } from './document-templates';
import { htmlToPdf } from './pdf-renderer';

export interface NewDocument {
  inspectionId: string;
  kind: string;
  subject: string;
  title: string;
  html: string;
  pdf?: Buffer;
  status: DocumentStatus;
}

export interface ManifestEntry {
  id: string;
  kind: string;
  subject: string;
  title: string;
  htmlSha256: string;
  pdfSha256: string | null;
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

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

  render(template: DocumentTemplate, data: { title: string }): string {
    return renderDocument(template, data);
  }

  toPdf(htmls: string[]): Promise<Buffer[]> {
    return htmlToPdf(htmls);
  }

  /** Stores a document once per (task, kind, subject): a retried call returns the stored one. */
  async issue(
    manager: EntityManager | undefined,
    doc: NewDocument,
    actor: Principal,
  ): Promise<ManifestEntry> {
    const write = async (m: EntityManager) => {
      const repo = m.getRepository(DocumentRecord);
      const existing = await repo.findOne({
        where: { inspectionId: doc.inspectionId, kind: doc.kind, subject: doc.subject },
      });
      if (existing) return entry(existing);
      const row: DocumentRecord = {
        id: randomUUID(),
        inspectionId: doc.inspectionId,
        kind: doc.kind,
        subject: doc.subject,
        title: doc.title,
        html: doc.html,
        htmlSha256: sha256(Buffer.from(doc.html, 'utf8')),
        pdf: doc.pdf ?? null,
        pdfSha256: doc.pdf ? sha256(doc.pdf) : null,
        status: doc.status,
        createdAt: new Date(),
      };
      await repo.insert(row);
      await this.audit.record(
        {
          actor,
          action: 'document.issue',
          entityType: 'document',
          entityId: row.id,
          after: { ...entry(row), inspectionId: row.inspectionId, status: row.status },
        },
        m,
      );
      return entry(row);
    };
    return manager ? write(manager) : this.db.transaction(write);
  }

  async list(inspectionId: string): Promise<ManifestEntry[]> {
    const rows = await this.db
      .getRepository(DocumentRecord)
      .find({ where: { inspectionId }, order: { kind: 'ASC', subject: 'ASC' } });
    return rows.map(entry);
  }

  async get(id: string): Promise<DocumentRecord> {
    const row = await this.db
      .getRepository(DocumentRecord)
      .createQueryBuilder('d')
      .addSelect(['d.html', 'd.pdf'])
      .where('d.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundException(`文书 ${id} 不存在`);
    return row;
  }

  /** The archive manifest (归档清单): every document with its hashes, and the list's own hash. */
  async manifest(
    inspectionId: string,
  ): Promise<{ documents: ManifestEntry[]; manifestSha256: string }> {
    const documents = await this.list(inspectionId);
    const canonical = JSON.stringify(
      documents.map((d) => [d.kind, d.subject, d.htmlSha256, d.pdfSha256 ?? '']),
    );
    return { documents, manifestSha256: sha256(canonical) };
  }

  /** Re-hashes every stored byte; any difference from the recorded hash is reported. */
  async verify(inspectionId: string) {
    const mismatches: Array<{ id: string; field: 'html' | 'pdf'; stored: string; actual: string }> =
      [];
    for (const { id } of await this.list(inspectionId)) {
      const doc = await this.get(id);
      const html = sha256(Buffer.from(doc.html, 'utf8'));
      if (html !== doc.htmlSha256)
        mismatches.push({ id, field: 'html', stored: doc.htmlSha256, actual: html });
      if (doc.pdfSha256) {
        const pdf = doc.pdf ? sha256(Buffer.from(doc.pdf)) : '';
        if (pdf !== doc.pdfSha256)
          mismatches.push({ id, field: 'pdf', stored: doc.pdfSha256, actual: pdf });
      }
    }
    return { ok: mismatches.length === 0, mismatches };
  }
}

function entry(row: DocumentRecord): ManifestEntry {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    title: row.title,
    htmlSha256: row.htmlSha256,
    pdfSha256: row.pdfSha256,
  };
}
