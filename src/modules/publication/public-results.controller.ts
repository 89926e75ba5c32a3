import {
  BadRequestException,
  Controller,
  Get,
  Header,
  NotFoundException,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { renderPublicPage } from '../public-registry/public-pages';
import { RESULT_LABELS, type PublicEntry } from './public-view';
import { PAGE_SIZE, PublicResultsService, type PublicEnterprise } from './public-results.service';

const COUNT_LABELS: Record<string, string> = {
  ...RESULT_LABELS,
  withheld: '依法不予公示',
  withdrawn: '已撤回',
};

function pageOf(text?: string): number {
  if (text === undefined || text === '') return 1;
  if (!/^\d{1,6}$/.test(text) || Number(text) < 1)
    throw new BadRequestException(`page 须为正整数，收到 ${text}`);
  return Number(text);
}

const day = (d: Date | string | null) =>
  d === null ? '' : (d instanceof Date ? d.toISOString() : d).slice(0, 10);

/** One row of the HTML table: the current state and what happened to it, in words. */
function row(e: PublicEntry) {
  const outcome =
    e.status === 'withdrawn'
      ? `已撤回（${day(e.changedAt)}，理由：${e.reason ?? ''}）`
      : e.withheld
        ? `依法不予公示（依据：${e.withholdBasis ?? ''}）`
        : e.resultLabel;
  const history = e.corrections.map(
    (c) =>
      `${day(c.correctedAt)} 更正，理由：${c.reason}；更正前：${c.replaced.resultLabel || '—'}` +
      (c.replaced.handling ? `，处理情况：${c.replaced.handling}` : ''),
  );
  return {
    ...e,
    outcome,
    handlingText: e.status === 'withdrawn' || e.withheld ? '—' : (e.handling ?? '—'),
    publishedOn: day(e.publishedAt),
    history,
  };
}

const enterpriseView = (e: PublicEnterprise) => ({ ...e, rows: e.entries.map(row) });

/**
 * The public results portal (抽查结果公示平台, NX 27, HN 22): no login; only what the rules
 * publish, with corrections and withdrawals on record. Paths ending in .html are the pages.
 */
@ApiTags('public')
@Controller('public')
export class PublicResultsController {
  constructor(private readonly results: PublicResultsService) {}

  @Get('results')
  search(@Query('q') q?: string, @Query('page') page?: string) {
    return this.results.search(String(q ?? ''), pageOf(page));
  }

  @Get('results.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async searchPage(@Query('q') q?: string, @Query('page') page?: string) {
    const found = await this.results.search(String(q ?? ''), pageOf(page));
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    const href = (p: number) => `/public/results.html?q=${encodeURIComponent(found.q)}&page=${p}`;
    return renderPublicPage('results', {
      q: found.q,
      searched: found.q !== '',
      single: false,
      total: found.total,
      page: found.page,
      pages,
      prevHref: found.page > 1 ? href(found.page - 1) : null,
      nextHref: found.page < pages ? href(found.page + 1) : null,
      enterprises: found.enterprises.map(enterpriseView),
    });
  }

  // Declared before results/:code, which would otherwise take "X.html" as a code.
  @Get('results/:code.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async enterprisePage(@Param('code') code: string, @Res({ passthrough: true }) res: Response) {
    const found = await this.results.enterprise(code).catch((err: unknown) => {
      if (err instanceof NotFoundException) return null;
      throw err;
    });
    if (!found) res.status(404);
    return renderPublicPage('results', {
      q: code,
      searched: true,
      single: true,
      total: found ? 1 : 0,
      page: 1,
      pages: 1,
      prevHref: null,
      nextHref: null,
      enterprises: found ? [enterpriseView(found)] : [],
    });
  }

  @Get('results/:code')
  enterprise(@Param('code') code: string) {
    return this.results.enterprise(code);
  }

  @Get('inspections/:code.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async inspectionPage(@Param('code') code: string) {
    const task = await this.results.inspection(code);
    return renderPublicPage('inspection', {
      ...task,
      departmentNames: task.departments.map((d) => d.name),
      verifyHref: task.drawProof
        ? `${task.drawProof}/verify?proof=${encodeURIComponent(task.drawProof)}`
        : null,
      counts: Object.entries(task.byResult).map(([key, n]) => ({
        label: COUNT_LABELS[key] ?? key,
        n,
      })),
    });
  }

  @Get('inspections/:code')
  inspection(@Param('code') code: string) {
    return this.results.inspection(code);
  }
}
