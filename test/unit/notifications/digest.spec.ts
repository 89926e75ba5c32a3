import { buildDigest, digestText, type OpenTask } from '../../../src/modules/notifications/digest';
import {
  addDays,
  compareDates,
  endOfDayInstant,
  isWeekend,
} from '../../../src/modules/calendar/core/dates';

/** Weekends off, plus an injected holiday: enough to show the counter is what decides. */
const HOLIDAYS = new Set(['2025-03-07']);
const working = (d: string) => !isWeekend(d) && !HOLIDAYS.has(d);
const countWorkingDays = (from: string, to: string) => {
  let n = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) if (working(d)) n++;
  return n;
};

const task = (id: string, due: string | null, dept = 'SCJGJ'): OpenTask => ({
  id,
  name: `任务${id}`,
  departmentCode: dept,
  dueAt: due ? endOfDayInstant(due) : null,
  link: `/tasks/${id}`,
});

const dept = { code: 'SCJGJ', name: '市场监督管理局' };
// Monday 2025-03-03
const today = '2025-03-03';

describe('buildDigest', () => {
  it('groups open tasks into overdue and due within 5 working days, by working days', () => {
    const digest = buildDigest(
      dept,
      [
        task('a', '2025-02-28'), // Friday before: 1 working day late
        task('b', '2025-03-03'), // today: 0 left
        task('c', '2025-03-10'), // Mon next week: Tue-Thu + Mon = 4 (Fri is the holiday)
        task('d', '2025-03-11'), // 5 working days: still due soon
        task('e', '2025-03-12'), // 6: not yet
        task('f', '2025-02-24'), // Monday a week before: 25-28 Feb + 3 Mar = 5 late
        task('g', null), // no deadline: never in a digest
        task('h', '2025-03-04', 'GAJ'), // another department's
      ],
      { today, countWorkingDays },
    );
    expect(digest.overdue.map((i) => [i.taskId, i.workingDays])).toEqual([
      ['f', 5],
      ['a', 1],
    ]);
    expect(digest.dueSoon.map((i) => [i.taskId, i.workingDays])).toEqual([
      ['b', 0],
      ['c', 4],
      ['d', 5],
    ]);
    expect(digest).toMatchObject({ departmentCode: 'SCJGJ', date: today, horizon: 5 });
    expect(digest.dueSoon[1]).toMatchObject({ dueDate: '2025-03-10', link: '/tasks/c' });
  });

  it('uses the injected counter: without the holiday the same task leaves the window', () => {
    const plain = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1))
        if (!isWeekend(d)) n++;
      return n;
    };
    const tasks = [task('d', '2025-03-11')];
    expect(buildDigest(dept, tasks, { today, countWorkingDays }).dueSoon).toHaveLength(1);
    expect(buildDigest(dept, tasks, { today, countWorkingDays: plain }).dueSoon).toHaveLength(0);
  });

  it('reads the due day in Asia/Shanghai (a deadline at 23:59 Beijing is that day)', () => {
    const late = { ...task('x', null), dueAt: new Date('2025-03-02T16:30:00Z') }; // 00:30 on 3 March
    const digest = buildDigest(dept, [late], { today, countWorkingDays });
    expect(digest.dueSoon.map((i) => i.dueDate)).toEqual(['2025-03-03']);
  });

  it('an empty digest has nothing in either group, and the text lists both groups', () => {
    expect(buildDigest(dept, [], { today, countWorkingDays })).toMatchObject({
      dueSoon: [],
      overdue: [],
    });
    const text = digestText(
      buildDigest(dept, [task('a', '2025-02-28'), task('b', '2025-03-03')], {
        today,
        countWorkingDays,
      }),
    );
    expect(text).toContain('已逾期 1 项');
    expect(text).toContain('任务a（期限 2025-02-28，已逾期 1 个工作日）');
    expect(text).toContain('任务b（期限 2025-03-03，今日到期）');
  });
});
