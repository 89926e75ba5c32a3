import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/roles';
import { addDays, shanghaiDateOf, yearOf } from '../calendar/core';
import { InspectorsService } from '../inspectors/inspectors.service';
import { ItemsService } from '../items/items.service';
import { JOINT_OWNER, type Plan } from '../plans/plan.entity';
import { PlansService } from '../plans/plans.service';
import { parseTargetRow, type TargetInput } from '../registry-core';
import { scopeConditions, whereClause, type EligibleScope } from '../targets/eligible-scope';
import { TargetBatchWriter } from '../targets/target-batch-writer';
import { DEMO_CONFLICTS, demoInspectors, inspectorLogin } from './demo-inspectors';
import { DEMO_ITEMS, departmentTask, itemDto, JOINT_TASK_ITEMS, jointTask } from './demo-items';
import { DEMO_PASSWORD, JOINT_DEPARTMENTS } from './pengyang';
import { pengyangTargetValues } from './synthetic-targets';

/** Size of the demo target directory. */
export const DEMO_TARGET_COUNT = 5000;
/** Days of the joint task's window from the seeding day (clipped to the plan year). */
const JOINT_WINDOW_DAYS = 61;
const BATCH = 1000;

export interface PlanSummary {
  owner: string;
  id: string;
  created: boolean;
  tasks: Array<{
    taskKey: string;
    name: string;
    initiatingDepartment: string;
    participatingDepartments: string[];
    itemCodes: string[];
    windowStart: string;
    windowEnd: string;
  }>;
  warnings: string[];
}

export interface CountySummary {
  year: number;
  itemList: { id: string; revision: number; items: number; created: boolean };
  targets: { total: number; added: number; jointEligible: number };
  inspectors: {
    total: number;
    added: number;
    accountsAdded: number;
    conflictsAdded: number;
    /** Inspector logins (`insp-scjgj-001`, linked to the certificate numbers) per department. */
    accounts: Record<string, string[]>;
  };
  /** Null when the year's published item list lacks the demo items (not seeded by us). */
  jointPlan: PlanSummary | null;
  departmentPlans: PlanSummary[];
  /** Items, targets, inspectors, accounts, conflicts and plans created by this run. */
  added: number;
}

type Window = { start: string; end: string };

/**
 * The demo county's registries and plans for one walkable joint task (SCJGJ initiating, YJJ and
 * NYNCJ taking part): the year's item list, 5,000 targets, 60 inspectors with logins, the joint
 * plan and each department's plan — all published, all through the registries' own services, so
 * the rules, access checks and audit entries are the real ones. Idempotent: every step adds only
 * what is missing, and a half-finished earlier run is completed.
 */
@Injectable()
export class DemoCountyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly items: ItemsService,
    private readonly inspectors: InspectorsService,
    private readonly plans: PlansService,
  ) {}

  /** Needs the office and department accounts of SeedDemoService.seed(). */
  async seed(now = new Date()): Promise<CountySummary> {
    const today = shanghaiDateOf(now);
    const year = yearOf(today);
    const office = await this.principal('office');
    const itemList = await this.seedItemList(year, office);
    const targets = this.generateTargets();
    const targetCounts = await this.seedTargets(targets, office);
    const inspectors = await this.seedInspectors(targets, office);
    const end = addDays(today, JOINT_WINDOW_DAYS);
    const jointWindow = { start: today, end: yearOf(end) > year ? `${year}-12-31` : end };
    const jointPlan = await this.seedJointPlan(year, jointWindow, office);
    const departmentPlans: PlanSummary[] = [];
    if (jointPlan)
      for (const dept of JOINT_DEPARTMENTS)
        departmentPlans.push(await this.seedDepartmentPlan(year, dept, today));
    const added =
      (itemList.created ? itemList.items : 0) +
      targetCounts.added +
      inspectors.added +
      inspectors.accountsAdded +
      inspectors.conflictsAdded +
      [jointPlan, ...departmentPlans].filter((p) => p?.created).length;
    return { year, itemList, targets: targetCounts, inspectors, jointPlan, departmentPlans, added };
  }

  /** The year's item list: each department enters its own items, the office publishes. */
  private async seedItemList(year: number, office: Principal) {
    const published = await this.items.publishedItems(year);
    if (published.list)
      return {
        id: published.list.id,
        revision: published.list.revision,
        items: published.items.length,
        created: false,
      };
    const draft =
      (await this.items.lists(year, false)).find((l) => l.status === 'draft') ??
      (await this.items.createDraft(year, office));
    for (const item of DEMO_ITEMS)
      await this.items.putItem(
        draft.id,
        itemDto(item),
        await this.principal(`${item.departmentCode.toLowerCase()}-officer`),
      );
    const note = draft.revision > 1 ? '演示数据：补充部门联合抽查事项' : undefined;
    const list = await this.items.publish(draft.id, note, office);
    return { id: list.id, revision: list.revision, items: DEMO_ITEMS.length, created: true };
  }

  /** The generated directory, validated by the same row rules as an imported file. */
  private generateTargets(): TargetInput[] {
    return pengyangTargetValues(DEMO_TARGET_COUNT).map((values, i) => {
      const row = parseTargetRow(values, i + 2);
      if (!row.ok)
        throw new Error(
          `演示检查对象第${i + 2}行无效 / invalid demo target: ${row.errors.map((e) => `${e.column}: ${e.reason}`).join('; ')}`,
        );
      return row.value;
    });
  }

  /** Writes the targets the directory lacks; existing ones (maybe relabelled since) stay as they are. */
  private async seedTargets(targets: TargetInput[], office: Principal) {
    const writer = new TargetBatchWriter(this.db);
    const context = { actor: office.username, source: '演示数据 seed-demo', now: new Date() };
    let added = 0;
    for (let at = 0; at < targets.length; at += BATCH) {
      const batch = targets.slice(at, at + BATCH);
      const existing = await this.existingCodes(batch.map((t) => t.code));
      const missing = batch
        .map((value, k) => ({ rowNumber: at + k + 2, value }))
        .filter((row) => !existing.has(row.value.code));
      if (missing.length === 0) continue;
      const result = await writer.write(missing, context);
      if (result.rejected.length > 0)
        throw new Error(
          `演示检查对象写入失败 / demo targets refused: ${result.rejected[0].map((e) => e.reason).join('; ')}`,
        );
      added += result.imported;
    }
    if (added > 0)
      await this.audit.record({
        actor: office,
        action: 'targets.import',
        entityType: 'target_directory',
        entityId: 'seed-demo',
        after: { rows: targets.length, imported: added },
      });
    return {
      total: await this.countTargets({ statuses: [] }),
      added,
      jointEligible: await this.countTargets({ supervisingDepartments: [...JOINT_DEPARTMENTS] }),
    };
  }

  private async existingCodes(codes: string[]): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await this.db.query(
      `SELECT code FROM targets WHERE code IN (${codes.map(() => '?').join(',')})`,
      codes,
    );
    return new Set(rows.map((r) => r.code));
  }

  /** Targets of a scope exactly as the draw counts them (active only unless `statuses` says). */
  private async countTargets(scope: EligibleScope): Promise<number> {
    const where = whereClause(scopeConditions(scope));
    const [{ total }] = await this.db.query(
      `SELECT COUNT(*) AS total FROM targets${where.sql}`,
      where.params,
    );
    return Number(total);
  }

  /** Inspectors entered by their department's head, their logins, then the declared conflicts. */
  private async seedInspectors(targets: TargetInput[], office: Principal) {
    const out = { total: 0, added: 0, accountsAdded: 0, conflictsAdded: 0 };
    const accounts: Record<string, string[]> = {};
    const ids = new Map<string, { id: string; conflicts: string[] }>();
    const everyone = demoInspectors();
    for (const dept of JOINT_DEPARTMENTS) {
      const admin = await this.principal(`${dept.toLowerCase()}-admin`);
      const known = new Set(
        (await this.inspectors.list(dept, admin)).map((i) => i.certificateNo ?? ''),
      );
      accounts[dept] = [];
      for (const dto of everyone.filter((i) => i.departmentCode === dept)) {
        const cert = dto.certificateNo as string;
        const login = inspectorLogin(cert);
        if (!(await this.auth.findUser(login))) {
          await this.auth.createUser(
            {
              username: login,
              displayName: dto.name,
              password: DEMO_PASSWORD,
              departmentCode: dept,
              role: 'inspector',
            },
            office,
          );
          out.accountsAdded++;
        }
        if (!known.has(cert)) {
          await this.inspectors.create({ ...dto, username: login }, admin);
          out.added++;
        }
        accounts[dept].push(login);
      }
      for (const i of await this.inspectors.list(dept, admin)) {
        out.total++;
        if (i.certificateNo)
          ids.set(i.certificateNo, {
            id: i.id,
            conflicts: (i.conflicts ?? []).map((c) => c.value),
          });
      }
    }
    out.conflictsAdded = await this.seedConflicts(targets, ids);
    return { ...out, accounts };
  }

  /** Each conflicted inspector declares it himself (the inspector role may, NX 25). */
  private async seedConflicts(
    targets: TargetInput[],
    inspectors: Map<string, { id: string; conflicts: string[] }>,
  ): Promise<number> {
    const common = targets.filter(
      (t) =>
        t.status === 'active' &&
        JOINT_DEPARTMENTS.every((d) => t.supervisingDepartments.includes(d)),
    );
    let added = 0;
    for (const conflict of DEMO_CONFLICTS) {
      const inspector = inspectors.get(conflict.certificateNo);
      const code = common[conflict.nth]?.code;
      if (!inspector || !code || inspector.conflicts.includes(code)) continue;
      await this.inspectors.declareConflict(
        inspector.id,
        { kind: 'target', value: code, reason: conflict.reason },
        await this.principal(inspectorLogin(conflict.certificateNo)),
      );
      added++;
    }
    return added;
  }

  /** The joint plan with the demo joint task; skipped when the year's list lacks its items. */
  private async seedJointPlan(
    year: number,
    window: Window,
    office: Principal,
  ): Promise<PlanSummary | null> {
    const { items } = await this.items.publishedItems(year);
    const codes = new Set(items.map((i) => i.code));
    if (!JOINT_TASK_ITEMS.every((c) => codes.has(c))) return null;
    return this.seedPlan(year, JOINT_OWNER, office, () => jointTask(window));
  }

  private async seedDepartmentPlan(
    year: number,
    dept: string,
    today: string,
  ): Promise<PlanSummary> {
    const admin = await this.principal(`${dept.toLowerCase()}-admin`);
    // An annual plan runs from April (after publication by end of March, NX 18) to year end.
    const start = `${year}-04-01` > today ? `${year}-04-01` : today;
    return this.seedPlan(year, dept, admin, () =>
      departmentTask(dept, { start, end: `${year}-12-31` }),
    );
  }

  /** Finds the owner's plan of the year; creates, fills and publishes it when none is published. */
  private async seedPlan(
    year: number,
    owner: string,
    principal: Principal,
    task: () => ReturnType<typeof jointTask>,
  ): Promise<PlanSummary> {
    const mine = (await this.plans.list(year, principal))
      .filter((p) => p.owner === owner)
      .sort((a, b) => b.revision - a.revision);
    let plan: Plan | undefined = mine.find((p) => p.status === 'published');
    const created = !plan;
    let warnings: string[] = (plan?.warnings ?? []).map((w) => w.message);
    if (!plan) {
      const draft =
        mine.find((p) => p.status === 'draft') ??
        (await this.plans.create(
          owner === JOINT_OWNER
            ? { year, kind: 'joint' }
            : { year, kind: 'department', departmentCode: owner },
          principal,
        ));
      if ((await this.plans.get(draft.id, principal)).tasks.length === 0)
        await this.plans.addTask(draft.id, task(), principal);
      const published = await this.plans.publish(draft.id, principal);
      plan = published.plan;
      warnings = published.warnings.map((w) => w.message);
    }
    const { tasks } = await this.plans.get(plan.id, principal);
    return {
      owner,
      id: plan.id,
      created,
      warnings,
      tasks: tasks
        .filter((t) => t.state === 'active')
        .map((t) => ({
          taskKey: t.taskKey,
          name: t.name,
          initiatingDepartment: t.initiatingDepartment,
          participatingDepartments: t.participatingDepartments,
          itemCodes: t.itemCodes,
          windowStart: t.windowStart,
          windowEnd: t.windowEnd,
        })),
    };
  }

  private async principal(username: string): Promise<Principal> {
    const user = await this.auth.findUser(username);
    const principal = user && (await this.auth.principalForUser(user.id));
    if (!principal)
      throw new Error(`演示账号 ${username} 不存在或已停用 / demo account missing or inactive`);
    return principal;
  }
}
