/**
 * The daily digest (每日待办提醒) of one department: its open tasks due within the next working
 * days, and those already overdue. Pure: the working-day count comes from the caller.
 */
import { type CivilDate, compareDates, shanghaiDateOf } from '../calendar/core/dates';

/** An open user task as the digest needs it (the lead binds a provider of these). */
export interface OpenTask {
  id: string;
  name: string;
  departmentCode: string;
  dueAt: Date | null;
  /** Relative link into the app, e.g. `/tasks/<id>`. */
  link: string | null;
}

export interface DigestDepartment {
  code: string;
  name: string;
}

/** Working days in (from, to] — calendar module semantics: between(d, addWorkingDays(d, n)) = n. */
export type WorkingDaysCounter = (from: CivilDate, to: CivilDate) => number;

export interface DigestItem {
  taskId: string;
  name: string;
  dueDate: CivilDate;
  /** dueSoon: working days left (0 = due today); overdue: working days late. */
  workingDays: number;
  link: string | null;
}

export interface Digest {
  departmentCode: string;
  departmentName: string;
  date: CivilDate;
  horizon: number;
  dueSoon: DigestItem[];
  overdue: DigestItem[];
}

export interface DigestOptions {
  today: CivilDate;
  countWorkingDays: WorkingDaysCounter;
  /** "due soon" = due within this many working days after today. */
  horizon?: number;
}

export const DIGEST_HORIZON = 5;

export function buildDigest(
  department: DigestDepartment,
  tasks: OpenTask[],
  { today, countWorkingDays, horizon = DIGEST_HORIZON }: DigestOptions,
): Digest {
  const dueSoon: DigestItem[] = [];
  const overdue: DigestItem[] = [];
  for (const task of tasks) {
    if (task.departmentCode !== department.code || !task.dueAt) continue;
    const dueDate = shanghaiDateOf(task.dueAt);
    const item = (workingDays: number): DigestItem => ({
      taskId: task.id,
      name: task.name,
      dueDate,
      workingDays,
      link: task.link,
    });
    if (compareDates(dueDate, today) < 0) {
      overdue.push(item(countWorkingDays(dueDate, today)));
    } else {
      const left = countWorkingDays(today, dueDate);
      if (left <= horizon) dueSoon.push(item(left));
    }
  }
  const byDue = (a: DigestItem, b: DigestItem) =>
    compareDates(a.dueDate, b.dueDate) || a.name.localeCompare(b.name, 'zh-CN');
  return {
    departmentCode: department.code,
    departmentName: department.name,
    date: today,
    horizon,
    dueSoon: dueSoon.sort(byDue),
    overdue: overdue.sort(byDue),
  };
}

export function isEmptyDigest(digest: Digest): boolean {
  return digest.dueSoon.length === 0 && digest.overdue.length === 0;
}

/** The digest as plain text (inbox body, webhook body). */
export function digestText(digest: Digest): string {
  const lines = [`${digest.departmentName}（${digest.date}）待办提醒：`];
  if (digest.overdue.length > 0) {
    lines.push(`已逾期 ${digest.overdue.length} 项：`);
    for (const i of digest.overdue)
      lines.push(`- ${i.name}（期限 ${i.dueDate}，已逾期 ${i.workingDays} 个工作日）`);
  }
  if (digest.dueSoon.length > 0) {
    lines.push(`${digest.horizon} 个工作日内到期 ${digest.dueSoon.length} 项：`);
    for (const i of digest.dueSoon)
      lines.push(
        `- ${i.name}（期限 ${i.dueDate}，${i.workingDays === 0 ? '今日到期' : `剩余 ${i.workingDays} 个工作日`}）`,
      );
  }
  return lines.join('\n');
}
