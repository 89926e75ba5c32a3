import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthService } from '../../src/modules/auth/auth.service';
import type { Principal } from '../../src/modules/auth/roles';
import { DEMO_PASSWORD } from '../../src/modules/demo/pengyang';
import { InspectorsService } from '../../src/modules/inspectors/inspectors.service';
import { ItemsService } from '../../src/modules/items/items.service';
import { PlansService } from '../../src/modules/plans/plans.service';
import { Target } from '../../src/modules/targets/target.entity';

/** Three departments of a typical joint task in the Pengyang seed: market, emergency, agriculture. */
export const DEPTS = ['SCJGJ', 'YJJ', 'NYNCJ'] as const;
export const ITEM_OF: Record<string, string> = {
  SCJGJ: 'SCJG-001',
  YJJ: 'YJ-001',
  NYNCJ: 'NY-001',
};
export const OFFICE: Principal = {
  userId: 'office',
  username: 'office',
  role: 'office',
  departmentCode: 'LXBGS',
  isOffice: true,
};

export interface County {
  year: number;
  planId: string;
  planTaskKey: string;
  windowStart: string;
  windowEnd: string;
  /** Inspector certificate numbers (public) per department. */
  inspectors: Record<string, string[]>;
  /** Each inspector's login by certificate number (`insp-scjgj-001`: not the public identifier). */
  logins: Record<string, string>;
}

/** The login of a fixture inspector: kept apart from the certificate number it is linked to. */
export const loginOf = (certificateNo: string): string => `insp-${certificateNo.toLowerCase()}`;

/**
 * A county ready for one joint task, on a demo-seeded app: a published item list with one item
 * per department, `targets` targets every department supervises, `perDept` qualified inspectors
 * per department (each with a login `insp-<certificate number>` linked to its entry) and a published joint plan
 * with one joint task. Registry data is set up through the registries' services; targets are
 * inserted directly (the import path has its own tests).
 */
export async function setUpCounty(
  app: INestApplication,
  opts: { targets: number; perDept?: number; year?: number },
): Promise<County> {
  const year = opts.year ?? new Date().getFullYear();
  const windowStart = `${year}-01-01`;
  const windowEnd = `${year}-12-31`;
  const items = app.get(ItemsService);
  const list = await items.createDraft(year, OFFICE);
  for (const dept of DEPTS)
    await items.putItem(
      list.id,
      {
        code: ITEM_OF[dept],
        name: `${dept} 检查事项`,
        content: '依法检查',
        category: 'key',
        method: 'on_site',
        departmentCode: dept,
        legalBasis: '《市场主体登记管理条例》',
      } as Parameters<ItemsService['putItem']>[1],
      OFFICE,
    );
  await items.publish(list.id, undefined, OFFICE);
  await insertTargets(app, opts.targets);
  const inspectors = await createInspectors(app, opts.perDept ?? 3);
  const plans = app.get(PlansService);
  const plan = await plans.create({ year, kind: 'joint' }, OFFICE);
  const { task } = (await plans.addTask(
    plan.id,
    {
      name: '食品生产经营与安全生产联合抽查',
      itemCodes: DEPTS.map((d) => ITEM_OF[d]),
      scope: { supervisingDepartments: [...DEPTS] },
      ratio: '5%',
      initiatingDepartment: DEPTS[0],
      participatingDepartments: DEPTS.slice(1),
      windowStart,
      windowEnd,
    } as Parameters<PlansService['addTask']>[1],
    OFFICE,
  )) as { task: { taskKey: string } };
  await plans.publish(plan.id, OFFICE);
  const logins = Object.fromEntries(
    Object.values(inspectors)
      .flat()
      .map((c) => [c, loginOf(c)]),
  );
  return {
    year,
    planId: plan.id,
    planTaskKey: task.taskKey,
    windowStart,
    windowEnd,
    inspectors,
    logins,
  };
}

async function insertTargets(app: INestApplication, n: number): Promise<void> {
  const repo = app.get(DataSource).getRepository(Target);
  const now = new Date();
  const rows: Target[] = [];
  for (let i = 0; i < n; i++) {
    const individual = i % 10 === 9;
    rows.push({
      code: `JC-${String(100000 + i)}`,
      codeKind: 'internal',
      name: individual ? `彭阳县第${i}便利店（张${i}）` : `彭阳县第${i}食品有限公司`,
      type: individual ? 'individual_business' : 'enterprise',
      address: `彭阳县白阳镇第${i}号`,
      regionCode: '640425',
      industryTags: ['食品'],
      legalRepresentative: `法人${i}`,
      phone: `1390000${String(i).padStart(4, '0')}`,
      riskClass: (['A', 'B', 'C', 'D'] as const)[i % 4],
      riskClassSetAt: now,
      supervisingDepartments: [...DEPTS],
      status: 'active',
      complaintCount: 0,
      violationCount: 0,
      createdAt: now,
      updatedAt: now,
    } as Target);
  }
  for (let at = 0; at < rows.length; at += 200) await repo.insert(rows.slice(at, at + 200));
}

async function createInspectors(
  app: INestApplication,
  perDept: number,
): Promise<Record<string, string[]>> {
  const service = app.get(InspectorsService);
  const auth = app.get(AuthService);
  const out: Record<string, string[]> = {};
  for (const dept of DEPTS) {
    out[dept] = [];
    for (let k = 1; k <= perDept; k++) {
      const certificateNo = `${dept}-${String(k).padStart(3, '0')}`;
      await auth.createUser({
        username: loginOf(certificateNo),
        displayName: `${dept}执法人员${k}`,
        password: DEMO_PASSWORD,
        departmentCode: dept,
        role: 'inspector',
      });
      await service.create(
        {
          name: `${dept}执法人员${k}`,
          departmentCode: dept,
          certificateNo,
          enforcementQualified: true,
          expertiseTags: ['食品'],
          username: loginOf(certificateNo),
        },
        OFFICE,
      );
      out[dept].push(certificateNo);
    }
  }
  return out;
}
