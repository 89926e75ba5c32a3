import { Controller, ForbiddenException, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { requireRole } from '../auth/access';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { Inspection } from '../inspection/entities/inspection.entity';
import type { DocumentRecord } from './document.entity';
import { DocumentsService } from './documents.service';

/**
 * Stored documents are served as stored (their hashes cover these exact bytes). They carry no
 * scripts or remote resources, so the browser is told to run and fetch nothing.
 */
const LOCKED_DOWN = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'X-Content-Type-Options': 'nosniff',
};

/** A task's documents and archive manifest, for the office and the departments taking part. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('inspections/:id')
export class DocumentsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
  ) {}

  @Get('documents')
  async list(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    await this.allow(p, id);
    return this.documents.list(id);
  }

  @Get('manifest')
  async manifest(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    await this.allow(p, id);
    return { ...(await this.documents.manifest(id)), verify: await this.documents.verify(id) };
  }

  @Get('documents/:docId.html')
  async html(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('docId') docId: string,
    @Res() res: Response,
  ) {
    const doc = await this.document(p, id, docId);
    res.set(LOCKED_DOWN).type('text/html; charset=utf-8').send(Buffer.from(doc.html, 'utf8'));
  }

  @Get('documents/:docId.pdf')
  async pdf(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('docId') docId: string,
    @Res() res: Response,
  ) {
    const doc = await this.document(p, id, docId);
    if (!doc.pdf) throw new NotFoundException(`文书 ${docId} 尚无 PDF（归档时生成）`);
    res
      .set(LOCKED_DOWN)
      .set('Content-Disposition', `inline; filename="${fileName(doc)}.pdf"`)
      .type('application/pdf')
      .send(Buffer.from(doc.pdf));
  }

  private async document(p: Principal, id: string, docId: string): Promise<DocumentRecord> {
    await this.allow(p, id);
    const doc = await this.documents.get(docId);
    if (doc.inspectionId !== id) throw new NotFoundException(`文书 ${docId} 不属于任务 ${id}`);
    return doc;
  }

  /** The office, or a department taking part in the task. */
  private async allow(p: Principal, id: string): Promise<void> {
    requireRole(p, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const inspection = await this.db.getRepository(Inspection).findOne({ where: { id } });
    if (!inspection) throw new NotFoundException(`联合抽查任务 ${id} 不存在`);
    if (!p.isOffice && !inspection.departments.includes(p.departmentCode))
      throw new ForbiddenException(`无权查看任务 ${inspection.code} 的文书：贵部门未参与`);
  }
}

/** An ASCII file name (kind and subject, e.g. notice-91640000MA7XXXXX): safe in any header. */
function fileName(doc: DocumentRecord): string {
  return [doc.kind, doc.subject]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]/g, '_');
}
