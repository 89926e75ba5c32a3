import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ItemsService } from '../items/items.service';
import type { TaskSampling } from '../plans/plan.entity';
import { JOINT_OWNER } from '../plans/plan.entity';
import { PlansService } from '../plans/plans.service';
import { renderPublicPage } from './public-pages';

function yearOf(text?: string): number | undefined {
  return text && /^\d{4}$/.test(text) ? Number(text) : undefined;
}

function samplingText(s: TaskSampling): string {
  if (s.ratio) return `比例 ${s.ratio}`;
  if (s.ratiosByRiskClass)
    return Object.entries(s.ratiosByRiskClass)
      .map(([c, r]) => `${c}类 ${r}`)
      .join('，');
  if (s.count) return `数量 ${s.count}${s.baseCount ? `（基数 ${s.baseCount}）` : ''}`;
  return '';
}

/**
 * What the rules publish (NX 8, 18, 20): every published revision of the item lists and annual
 * plans. No login; drafts never appear; nothing personal is in these objects.
 */
@ApiTags('public')
@Controller('public')
export class PublicRegistryController {
  constructor(
    private readonly items: ItemsService,
    private readonly plans: PlansService,
  ) {}

  @Get('items')
  async itemLists(@Query('year') year?: string) {
    const lists = await this.items.lists(yearOf(year), true);
    return Promise.all(lists.map((l) => this.items.listWithItems(l.id, null)));
  }

  @Get('items/:id')
  itemList(@Param('id', ParseUUIDPipe) id: string) {
    return this.items.listWithItems(id, null);
  }

  @Get('plans')
  async planList(@Query('year') year?: string) {
    const plans = await this.plans.list(yearOf(year), null);
    return Promise.all(plans.map((p) => this.plans.get(p.id, null)));
  }

  @Get('plans/:id')
  plan(@Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(id, null);
  }

  @Get('items.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async itemsPage(@Query('year') year?: string) {
    return renderPublicPage('items', {
      year: yearOf(year) ?? null,
      lists: await this.itemLists(year),
    });
  }

  @Get('plans.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async plansPage(@Query('year') year?: string) {
    const plans = (await this.planList(year)).map((p) => ({
      ...p,
      department: p.owner === JOINT_OWNER ? null : p.owner,
      tasks: p.tasks.map((t) => ({ ...t, samplingText: samplingText(t.sampling) })),
    }));
    return renderPublicPage('plans', { year: yearOf(year) ?? null, plans });
  }
}
