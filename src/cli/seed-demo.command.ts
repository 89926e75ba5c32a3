import { Command, CommandRunner } from 'nest-commander';
import {
  type CountySummary,
  DemoCountyService,
  type PlanSummary,
} from '../modules/demo/demo-county.service';
import { DEMO_PASSWORD } from '../modules/demo/pengyang';
import { type DemoAccount, SeedDemoService } from '../modules/demo/seed-demo.service';

@Command({
  name: 'seed-demo',
  description:
    'create the demo county: office, 14 departments and accounts; item list, 5,000 targets, 60 inspectors, joint and department plans (idempotent)',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(
    private readonly accounts: SeedDemoService,
    private readonly county: DemoCountyService,
  ) {
    super();
  }

  async run(): Promise<void> {
    const accounts = await this.accounts.seed();
    const county = await this.county.seed();
    for (const line of [...accountLines(accounts, county), ...countyLines(county)])
      console.log(line);
    const added = county.added + accounts.filter((a) => a.created).length;
    console.log(
      added === 0
        ? '本次未新增任何数据，演示县已完整 / nothing added: the demo county was already complete'
        : `本次新增 ${added} 条 / added ${added} records`,
    );
  }
}

function accountLines(accounts: DemoAccount[], county: CountySummary): string[] {
  return [
    `演示账号 demo accounts（统一密码 password for all: ${DEMO_PASSWORD}）`,
    ...accounts.map((a) => `  ${a.username.padEnd(16)}${a.role.padEnd(14)}${a.department}`),
    ...Object.entries(county.inspectors.accounts).map(
      ([dept, names]) =>
        `  执法人员 inspectors ${dept}: ${names[0]} … ${names[names.length - 1]}（${names.length}，role inspector，登录名与公开的执法证号分开 login linked to, not equal to, the certificate number）`,
    ),
  ];
}

function countyLines(c: CountySummary): string[] {
  const lines = [
    `抽查事项清单 item list ${c.year} 第${c.itemList.revision}版 revision ${c.itemList.revision}: ${c.itemList.items} 项 items, 已发布 published${c.itemList.created ? '' : '（已存在 already there）'}`,
    `检查对象名录库 target directory: ${c.targets.total}（新增 added ${c.targets.added}）; 三部门共同监管的在业对象 active targets all three joint departments supervise: ${c.targets.jointEligible}`,
    `执法检查人员 inspectors: ${c.inspectors.total}（新增 added ${c.inspectors.added}）; 登录账号新增 logins added ${c.inspectors.accountsAdded}; 利害关系申报新增 conflicts declared ${c.inspectors.conflictsAdded}`,
  ];
  if (!c.jointPlan)
    lines.push(
      `联合抽查计划 joint plan: 未创建 not created — ${c.year}年已发布的抽查事项清单中没有演示事项 the published item list lacks the demo items`,
    );
  else lines.push(...planLines('联合抽查计划 joint plan', c.jointPlan));
  for (const plan of c.departmentPlans)
    lines.push(...planLines(`部门计划 ${plan.owner} plan`, plan));
  return lines;
}

function planLines(label: string, plan: PlanSummary): string[] {
  return [
    `${label}: 已发布 published ${plan.id}${plan.created ? '' : '（已存在 already there）'}`,
    ...plan.tasks.map(
      (t) =>
        `  任务 task ${t.name}（${t.taskKey}）: 发起 initiating ${t.initiatingDepartment}${t.participatingDepartments.length ? `, 参与 participating ${t.participatingDepartments.join('、')}` : ''}; 事项 items ${t.itemCodes.join('、')}; 检查时间 window ${t.windowStart} – ${t.windowEnd}`,
    ),
    ...plan.warnings.map((w) => `  提示 warning: ${w}`),
  ];
}
