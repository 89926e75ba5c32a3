import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_PRINCIPAL } from '../auth/roles';
import { Department } from '../auth/entities/department.entity';
import { DocumentsService } from '../documents/documents.service';
import { DrawService } from '../draw/draw.service';
import { ItemsService } from '../items/items.service';
import { PublicationService } from '../publication/publication.service';
import { archiveParts, noticeData, volumes, type Names } from './archive-data';
import {
  FollowUp,
  Inspection,
  InspectionForm,
  InspectionTarget,
  type InspectionStatus,
} from './entities';
import { requireOwnInstance, type WorkflowCaller, loadForActivity } from './workflow-caller';

/** Targets per batch when rendering notices (each notice is one document). */
const NOTICE_BATCH = 200;

/**
 * The documents of a joint task (文书): advance notices while it runs, and at the end the archive
 * (归档, NX 29) — scheme, commitment and proof, target list, notices, every form, results,
 * follow-ups and the task report — as HTML and PDF with their SHA-256 in a manifest.
 */
@Injectable()
export class InspectionDocuments {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly documents: DocumentsService,
    private readonly draws: DrawService,
    private readonly items: ItemsService,
    private readonly publication: PublicationService,
  ) {}

  /** 6. One advance notice (检查通知书) per target, recorded as sent. Returns how many exist. */
  async issueNotices(inspectionId: string, caller: WorkflowCaller): Promise<number> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.issueNotices',
      definitionKey: 'joint-inspection',
      statuses: ['matching', 'inspecting'],
    });
    const names = await this.names(inspection);
    const targets = await this.db
      .getRepository(InspectionTarget)
      .find({ where: { inspectionId }, order: { targetCode: 'ASC' } });
    const issued = new Set(
      (await this.documents.list(inspectionId))
        .filter((doc) => doc.kind === 'notice')
        .map((doc) => doc.subject),
    );
    for (let at = 0; at < targets.length; at += NOTICE_BATCH) {
      for (const target of targets.slice(at, at + NOTICE_BATCH)) {
        if (issued.has(target.targetCode)) continue;
        const html = this.documents.render('notice', noticeData(inspection, target, names));
        await this.documents.issue(
          undefined,
          {
            inspectionId,
            kind: 'notice',
            subject: target.targetCode,
            title: `检查通知书（${target.targetName}）`,
            html,
            status: 'sent',
          },
          SYSTEM_PRINCIPAL,
        );
      }
    }
    if (inspection.status === 'matching') await this.setStatus(inspection, 'inspecting');
    return targets.length;
  }

  /** 10. The archive: every document rendered to HTML and PDF, hashed, listed in a manifest. */
  async archive(
    inspectionId: string,
    caller: WorkflowCaller,
  ): Promise<{ manifestSha256: string; documents: number }> {
    const inspection = await this.load(inspectionId);
    requireOwnInstance(inspection, caller, {
      activity: 'inspection.archive',
      definitionKey: 'joint-inspection',
      statuses: ['follow-up', 'archiving', 'archived'],
    });
    if (inspection.status !== 'archived') {
      if (inspection.status !== 'archiving') await this.setStatus(inspection, 'archiving');
      await this.renderArchive(inspection);
      // The 归档清单 itself, last: it lists every document above with its hashes.
      await this.documents.issueManifest(inspectionId, SYSTEM_PRINCIPAL);
    }
    const manifest = await this.documents.manifest(inspectionId);
    if (inspection.status !== 'archived')
      await this.setStatus(inspection, 'archived', { manifestSha256: manifest.manifestSha256 });
    return { manifestSha256: manifest.manifestSha256, documents: manifest.documents.length };
  }

  private async renderArchive(inspection: Inspection): Promise<void> {
    const names = await this.names(inspection);
    const targets = await this.db
      .getRepository(InspectionTarget)
      .find({ where: { inspectionId: inspection.id }, order: { targetCode: 'ASC' } });
    const forms = await this.db
      .getRepository(InspectionForm)
      .find({ where: { inspectionId: inspection.id }, order: { targetCode: 'ASC' } });
    const followUps = await this.db
      .getRepository(FollowUp)
      .find({ where: { inspectionId: inspection.id }, order: { createdAt: 'ASC' } });
    const results = await this.publication.resultsOf(inspection.id);
    // The archive keeps the complete proof (a surprise check's is disclosed by then anyway).
    const proof = inspection.drawId ? await this.draws.fullProof(inspection.drawId, 'url') : null;
    const parts = archiveParts({
      inspection,
      names,
      targets,
      forms,
      followUps,
      results,
      proof,
      publicBaseUrl: '',
    });
    const existing = new Set(
      (await this.documents.list(inspection.id)).map((doc) => `${doc.kind}|${doc.subject}`),
    );
    const todo = parts.filter((p) => !existing.has(`${p.kind}|${p.subject}`));
    const notices = (await this.documents.list(inspection.id)).filter(
      (doc) => doc.kind === 'notice',
    );
    const htmls = todo.map((p) => this.documents.render(p.template, p.data));
    const pdfs = await this.documents.toPdf(htmls);
    await this.db.transaction(async (m) => {
      for (const [i, part] of todo.entries())
        await this.documents.issue(
          m,
          {
            inspectionId: inspection.id,
            kind: part.kind,
            subject: part.subject,
            title: part.title,
            html: htmls[i],
            pdf: pdfs[i],
            status: 'archived',
          },
          SYSTEM_PRINCIPAL,
        );
    });
    // Notices were issued as HTML while the task ran; the archive binds them into PDF volumes.
    for (const [k, volume] of volumes(notices).entries()) {
      const subject = String(k + 1);
      if (existing.has(`notices|${subject}`)) continue;
      const bodies = await Promise.all(volume.map((n) => this.documents.get(n.id)));
      const html = bodies
        .map((b) => b.html)
        .join('\n<div style="page-break-after: always"></div>\n');
      const [pdf] = await this.documents.toPdf([html]);
      await this.documents.issue(
        undefined,
        {
          inspectionId: inspection.id,
          kind: 'notices',
          subject,
          title: `检查通知书汇编（第${subject}册）`,
          html,
          pdf,
          status: 'archived',
        },
        SYSTEM_PRINCIPAL,
      );
    }
  }

  private async names(inspection: Inspection): Promise<Names> {
    const departments = await this.db
      .getRepository(Department)
      .find({ where: { code: In(inspection.departments) } });
    const { items } = await this.items.publishedItems(inspection.year);
    return {
      department: new Map(departments.map((x) => [x.code, x.name])),
      item: new Map(items.map((x) => [x.code, x.name])),
    };
  }

  private async setStatus(
    inspection: Inspection,
    status: InspectionStatus,
    context: Record<string, unknown> = {},
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      await m
        .getRepository(Inspection)
        .update(
          inspection.id,
          status === 'archived' ? { status, archivedAt: new Date() } : { status },
        );
      await this.audit.record(
        {
          actor: SYSTEM_PRINCIPAL,
          action: `inspection.${status}`,
          entityType: 'inspection',
          entityId: inspection.id,
          before: { status: inspection.status },
          after: { status, ...context },
        },
        m,
      );
    });
    inspection.status = status;
  }

  private load(id: unknown): Promise<Inspection> {
    return loadForActivity(this.db, id);
  }
}
