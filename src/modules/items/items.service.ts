import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireOffice, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import {
  formatPercent,
  isRatioError,
  parseRatio,
  type InspectionItem,
  type TargetType,
} from '../registry-core';
import type { ItemDto } from './item.dto';
import { InspectionItemRow, ItemList, type ItemMethod } from './item-list.entity';

const STAFF = ['office', 'dept_admin', 'dept_officer'] as const;

/**
 * The yearly inspection item list (随机抽查事项清单, NX 8, 9; HN 10). The office opens a draft
 * revision (a copy of the latest published one), departments fill in their own items, the office
 * publishes. A published revision never changes; a change during the year is a new revision with
 * a change note, and every revision stays public.
 */
@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async createDraft(year: number, principal: Principal): Promise<ItemList> {
    requireOffice(principal);
    return this.db.transaction(async (manager) => {
      const lists = manager.getRepository(ItemList);
      const revisions = await lists.find({ where: { year }, order: { revision: 'DESC' } });
      const draft = revisions.find((l) => l.status === 'draft');
      if (draft)
        throw new ConflictException(
          `${year}年已有未发布的草稿（第${draft.revision}版，编号 ${draft.id}）`,
        );
      const list = await lists.save(
        lists.create({
          id: randomUUID(),
          year,
          revision: (revisions[0]?.revision ?? 0) + 1,
          status: 'draft',
          changeNote: null,
          createdBy: principal.username,
          createdAt: new Date(),
          publishedBy: null,
          publishedAt: null,
        }),
      );
      const latest = revisions.find((l) => l.status === 'published');
      if (latest) {
        const items = manager.getRepository(InspectionItemRow);
        const copies = (await items.find({ where: { listId: latest.id } })).map(
          ({ id: _id, ...item }) => items.create({ ...item, listId: list.id }),
        );
        await items.save(copies, { chunk: 200 });
      }
      await this.audit.record(
        {
          actor: principal,
          action: 'items.list.draft',
          entityType: 'item_list',
          entityId: list.id,
          after: { year, revision: list.revision, copiedFrom: latest?.id ?? null },
        },
        manager,
      );
      return list;
    });
  }

  /** Adds or replaces an item of a draft; a department edits only its own items. */
  async putItem(listId: string, dto: ItemDto, principal: Principal): Promise<InspectionItemRow> {
    requireRole(principal, ...STAFF);
    requireDepartment(principal, dto.departmentCode);
    checkItem(dto);
    return this.db.transaction(async (manager) => {
      await this.draft(listId, manager.getRepository(ItemList));
      const items = manager.getRepository(InspectionItemRow);
      const existing = await items.findOne({ where: { listId, code: dto.code } });
      if (existing) requireDepartment(principal, existing.departmentCode);
      const saved = await items.save(
        items.create({
          ...(existing ?? {}),
          listId,
          code: dto.code,
          name: dto.name,
          content: dto.content ?? null,
          targetTypes: (dto.targetTypes as TargetType[] | undefined) ?? null,
          category: dto.category,
          method: dto.method as ItemMethod,
          departmentCode: dto.departmentCode,
          legalBasis: dto.legalBasis ?? null,
          maxRatio: dto.category === 'general' ? (dto.maxRatio ?? null) : null,
          joint: dto.joint ?? false,
          area: dto.area ?? null,
          initiatingDepartment: dto.initiatingDepartment ?? null,
          cooperatingDepartments: dto.cooperatingDepartments ?? null,
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: existing ? 'items.item.update' : 'items.item.add',
          entityType: 'item_list',
          entityId: listId,
          before: existing,
          after: saved,
        },
        manager,
      );
      return saved;
    });
  }

  async removeItem(listId: string, code: string, principal: Principal): Promise<void> {
    requireRole(principal, ...STAFF);
    await this.db.transaction(async (manager) => {
      await this.draft(listId, manager.getRepository(ItemList));
      const items = manager.getRepository(InspectionItemRow);
      const existing = await items.findOne({ where: { listId, code } });
      if (!existing) throw new NotFoundException(`草稿中没有事项“${code}”`);
      requireDepartment(principal, existing.departmentCode);
      await items.delete(existing.id);
      await this.audit.record(
        {
          actor: principal,
          action: 'items.item.remove',
          entityType: 'item_list',
          entityId: listId,
          before: existing,
        },
        manager,
      );
    });
  }

  /** Publishes a draft (office only). From the second revision on a change note is required. */
  async publish(
    listId: string,
    changeNote: string | undefined,
    principal: Principal,
  ): Promise<ItemList> {
    requireOffice(principal);
    return this.db.transaction(async (manager) => {
      const lists = manager.getRepository(ItemList);
      const list = await this.draft(listId, lists);
      const note = changeNote?.trim() || null;
      if (list.revision > 1 && !note)
        throw new BadRequestException(
          `第${list.revision}版是对已发布清单的调整，须填写调整说明 changeNote`,
        );
      const count = await manager.getRepository(InspectionItemRow).count({ where: { listId } });
      if (count === 0) throw new BadRequestException('清单中没有任何抽查事项，不能发布');
      Object.assign(list, {
        status: 'published',
        changeNote: note,
        publishedBy: principal.username,
        publishedAt: new Date(),
      });
      const saved = await lists.save(list);
      await this.audit.record(
        {
          actor: principal,
          action: 'items.list.publish',
          entityType: 'item_list',
          entityId: listId,
          after: { year: list.year, revision: list.revision, items: count, changeNote: note },
        },
        manager,
      );
      return saved;
    });
  }

  /** Revisions for officials (drafts included); `publishedOnly` for the public. */
  async lists(year: number | undefined, publishedOnly: boolean): Promise<ItemList[]> {
    return this.db.getRepository(ItemList).find({
      where: {
        ...(year ? { year } : {}),
        ...(publishedOnly ? { status: 'published' as const } : {}),
      },
      order: { year: 'DESC', revision: 'DESC' },
    });
  }

  async listWithItems(listId: string, principal: Principal | null) {
    const list = await this.db.getRepository(ItemList).findOne({ where: { id: listId } });
    // The public never learns that a draft exists.
    if (!list || (list.status === 'draft' && principal === null))
      throw new NotFoundException(`没有编号为 ${listId} 的已发布抽查事项清单`);
    if (principal) requireRole(principal, ...STAFF);
    const items = await this.db
      .getRepository(InspectionItemRow)
      .find({ where: { listId }, order: { code: 'ASC' } });
    return { ...list, items };
  }

  /** The items of the latest published revision of a year, in the plan rules' shape. */
  async publishedItems(
    year: number,
  ): Promise<{ list: ItemList | null; items: InspectionItemRow[] }> {
    const list = await this.db
      .getRepository(ItemList)
      .findOne({ where: { year, status: 'published' }, order: { revision: 'DESC' } });
    if (!list) return { list: null, items: [] };
    const items = await this.db
      .getRepository(InspectionItemRow)
      .find({ where: { listId: list.id }, order: { code: 'ASC' } });
    return { list, items };
  }

  private async draft(listId: string, lists: Repository<ItemList>): Promise<ItemList> {
    const list = await lists.findOne({ where: { id: listId } });
    if (!list) throw new NotFoundException(`没有编号为 ${listId} 的抽查事项清单`);
    if (list.status !== 'draft')
      throw new ConflictException(
        `${list.year}年第${list.revision}版清单已发布，不能修改；请新建修订版`,
      );
    return list;
  }
}

/** The plan rules' view of an item. */
export function toPlanItem(item: InspectionItemRow): InspectionItem {
  return {
    id: item.code,
    name: item.name,
    category: item.category,
    maxRatio: item.maxRatio,
    departmentCode: item.departmentCode,
    targetTypes: item.targetTypes ?? undefined,
  };
}

/** NX 9: general items carry a ratio bound in (0, 100%]; joint items name their departments. */
function checkItem(dto: ItemDto): void {
  if (dto.category === 'general') {
    if (!dto.maxRatio)
      throw new BadRequestException(
        `一般检查事项“${dto.name}”须设置抽查比例上限 maxRatio（如 5%）`,
      );
    const parsed = parseRatio(dto.maxRatio);
    if (isRatioError(parsed)) throw new BadRequestException(`maxRatio：${parsed.error}`);
    if (parsed.num <= 0n || parsed.num > parsed.den)
      throw new BadRequestException(`maxRatio 应大于0且不超过100%，实际为${formatPercent(parsed)}`);
  } else if (dto.maxRatio) {
    throw new BadRequestException('重点检查事项不设抽查比例上限（NX 9），请去掉 maxRatio');
  }
  if (dto.joint && !dto.initiatingDepartment)
    throw new BadRequestException('联合抽查事项须填写发起部门 initiatingDepartment');
  if (!dto.joint && (dto.area || dto.initiatingDepartment || dto.cooperatingDepartments?.length))
    throw new BadRequestException(
      'area、initiatingDepartment、cooperatingDepartments 仅用于联合抽查事项（joint: true）',
    );
}
