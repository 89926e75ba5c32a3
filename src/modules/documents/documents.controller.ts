import {
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { requireRole } from '../auth/access';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { Inspection } from '../inspection/entities';
import { DocumentsService } from './documents.service';

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
  async list(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.allow(p, id);
    return this.documents.list(id);
  }

  @Get('manifest')
  async manifest(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.allow(p, id);
    return { ...(await this.documents.manifest(id)), verify: await this.documents.verify(id) };
  }

  @Get('documents/:docId.html')
  async html(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @Res() res: Response,
  ) {
    const doc = await this.document(p, id, docId);
    res.type('text/html; charset=utf-8').send(doc.html);
  }

  @Get('documents/:docId.pdf')
  async pdf(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @Res() res: Response,
  ) {
    const doc = await this.document(p, id, docId);
    if (!doc.pdf) throw new NotFoundException(`文书 ${docId} 尚无 PDF（归档时生成）`);
    res.type('application/pdf').send(Buffer.from(doc.pdf));
  }

  private async document(p: Principal, id: string, docId: string) {
    await this.allow(p, id);
    const doc = await this.documents.get(docId);
    if (doc.inspectionId !== id) throw new NotFoundException(`文书 ${docId} 不属于任务 ${id}`);
    return doc;
  }

  private async allow(p: Principal, id: string): Promise<void> {
    requireRole(p, 'office', 'dept_admin', 'dept_officer', 'inspector');
    const inspection = await this.db.getRepository(Inspection).findOne({ where: { id } });
    if (!inspection) throw new NotFoundException(`联合抽查任务 ${id} 不存在`);
    if (!p.isOffice && !inspection.departments.includes(p.departmentCode))
      throw new ForbiddenException(`无权查看任务 ${inspection.code} 的文书：贵部门未参与`);
  }
}
