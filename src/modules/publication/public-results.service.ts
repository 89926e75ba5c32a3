import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Department } from '../auth/entities/department.entity';
import { Draw } from '../draw/entities';
import { Inspection } from '../inspection/entities';
import { likeEscape } from '../targets/sql-dialect';
import { PublicationService, type PublicationSummary } from './publication.service';
import { currentEntries, type PublicEntry } from './public-view';
import { PublishedResult } from './published-result.entity';

export const PAGE_SIZE = 20;

/** One enterprise (检查对象) and every current entry published under its code. */
export interface PublicEnterprise {
  targetCode: string;
  targetName: string;
  entries: PublicEntry[];
}

export interface PublicSearch {
  q: string;
  page: number;
  pageSize: number;
  /** Enterprises matching (not entries). */
  total: number;
  enterprises: PublicEnterprise[];
}

export interface PublicInspection {
  code: string;
  name: string;
  year: number;
  temporary: boolean;
  departments: Array<{ code: string; name: string }>;
  windowStart: string;
  windowEnd: string;
  /** The published draw proof, once the targets are drawn. */
  drawProof: string | null;
  /** Targets and current entries published so far, and entries per result. */
  targets: number;
  entries: number;
  byResult: Record<string, number>;
  /** Departments that published; the others show nothing. */
  published: PublicationSummary['departments'];
}

/**
 * The public results portal (抽查结果公示): reads only published_results and result_publications,
 * which hold nothing but what the rules publish.
 */
@Injectable()
export class PublicResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly publication: PublicationService,
  ) {}

  /** By enterprise name (part of it) or exact code; paged by enterprise, 20 a page. */
  async search(query: string, page = 1): Promise<PublicSearch> {
    const q = query.trim().slice(0, 100);
    const empty = { q, page, pageSize: PAGE_SIZE, total: 0, enterprises: [] };
    if (!q) return empty;
    const match = this.db
      .getRepository(PublishedResult)
      .createQueryBuilder('r')
      .where("(r.targetCode IN (:...codes) OR r.targetName LIKE :like ESCAPE '!')", {
        codes: [...new Set([q, q.toUpperCase()])],
        like: `%${likeEscape(q)}%`,
      });
    const [{ n }] = await match
      .clone()
      .select('COUNT(DISTINCT r.targetCode)', 'n')
      .getRawMany<{ n: string | number }>();
    const codes = (
      await match
        .clone()
        .select('r.targetCode', 'code')
        .groupBy('r.targetCode')
        .orderBy('r.targetCode', 'ASC')
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .getRawMany<{ code: string }>()
    ).map((r) => r.code);
    return { ...empty, total: Number(n), enterprises: await this.enterprises(codes) };
  }

  /** One enterprise by its code; 404 when nothing was published under it. */
  async enterprise(code: string): Promise<PublicEnterprise> {
    const [found] = await this.enterprises([code.trim()]);
    if (!found) throw new NotFoundException(`未查询到代码为 ${code} 的检查对象的抽查结果公示信息`);
    return found;
  }

  /** One task by its code: what it is, and what its departments have published. */
  async inspection(code: string): Promise<PublicInspection> {
    const inspection = await this.db.getRepository(Inspection).findOne({ where: { code } });
    if (!inspection) throw new NotFoundException(`抽查任务 ${code} 不存在`);
    const summary = await this.publication.summary(inspection.id);
    const codes = inspection.confirmedDepartments ?? inspection.departments;
    const names = new Map(
      (await this.db.getRepository(Department).find({ where: { code: In(codes) } })).map((d) => [
        d.code,
        d.name,
      ]),
    );
    return {
      code: inspection.code,
      name: inspection.name,
      year: inspection.year,
      temporary: inspection.temporary,
      departments: codes.map((c) => ({ code: c, name: names.get(c) ?? c })),
      windowStart: inspection.windowStart,
      windowEnd: inspection.windowEnd,
      drawProof: await this.drawProof(inspection.drawId),
      targets: summary.targets,
      entries: summary.entries,
      byResult: summary.byResult,
      published: summary.departments,
    };
  }

  private async enterprises(codes: string[]): Promise<PublicEnterprise[]> {
    if (codes.length === 0) return [];
    const rows = await this.db
      .getRepository(PublishedResult)
      .find({ where: { targetCode: In(codes) }, order: { id: 'ASC' } });
    const byCode = new Map<string, PublicEntry[]>();
    for (const e of currentEntries(rows)) {
      const list = byCode.get(e.targetCode) ?? [];
      list.push(e);
      byCode.set(e.targetCode, list);
    }
    return codes
      .filter((c) => byCode.has(c))
      .map((c) => {
        const entries = (byCode.get(c) as PublicEntry[]).reverse();
        // The name as most recently published (an enterprise may have been renamed).
        return { targetCode: c, targetName: entries[0].targetName, entries };
      });
  }

  /** Only once the targets are drawn: before that the draw shows just its commitment. */
  private async drawProof(drawId: string | null): Promise<string | null> {
    if (!drawId) return null;
    const draw = await this.db.getRepository(Draw).findOne({ where: { id: drawId } });
    return draw && (draw.status === 'drawn' || draw.status === 'locked')
      ? `/public/draws/${drawId}`
      : null;
  }
}
