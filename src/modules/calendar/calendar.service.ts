import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { ResolvedInstant } from '../../workflows/interpreter/contract';
import { AuditService } from '../audit/audit.service';
import { requireOffice } from '../auth/access';
import type { Principal } from '../auth/roles';
import { CalendarOverride } from './calendar-override.entity';
import {
  CalendarInputError,
  CalendarRangeError,
  ImportFormatError,
  type CivilDate,
  type ComputedDate,
  type EffectiveYear,
  endOfDayInstant,
  isCivilDate,
  type OverrideRow,
  parseSchedule,
  shanghaiDateOf,
  WorkingDayCalendar,
} from './core';
import { DeadlineRecomputer } from './deadline-recomputer';
import type { ImportScheduleDto, SetDayDto } from './dto/calendar.dto';

/** What a deadline timer asks the calendar (mirrors TimerSpec kinds workingDays and date). */
export interface DeadlineSpec {
  kind: 'workingDays' | 'date';
  value: string;
  nextWorkingDay?: boolean;
}

export interface ImportOutcome {
  year: number;
  rows: number;
  versionBefore: string;
  versionAfter: string;
  changedDays: string[];
  instancesSignalled: number;
  /** Set when running instances could not be told (Temporal unreachable): run `calendar recompute`. */
  recomputeError?: string;
  warnings: unknown[];
}

/**
 * The effective statutory calendar (bundled data or the statutory fallback, then the office's
 * overrides) and every date computed from it. The calendar is rebuilt whenever the override table
 * changes, also when another process changed it.
 */
@Injectable()
export class CalendarService {
  private cached?: { stamp: string; calendar: WorkingDayCalendar };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly recomputer: DeadlineRecomputer,
  ) {}

  async calendar(): Promise<WorkingDayCalendar> {
    const [{ n, max_id: last }] = await this.db.query(
      'SELECT COUNT(*) AS n, MAX(id) AS max_id FROM calendar_overrides',
    );
    const stamp = `${n}:${last}`;
    if (this.cached?.stamp === stamp) return this.cached.calendar;
    const rows = await this.db.getRepository(CalendarOverride).find({ order: { id: 'ASC' } });
    const overrides: OverrideRow[] = rows.map((r) => ({
      date: r.day,
      kind: r.kind,
      name: r.name ?? undefined,
      source: r.source,
      scheduleYear: r.scheduleYear ?? undefined,
    }));
    this.cached = { stamp, calendar: new WorkingDayCalendar(overrides) };
    return this.cached.calendar;
  }

  async addWorkingDays(from: string, n: number): Promise<ComputedDate> {
    return this.compute(() => this.calendar().then((c) => c.addWorkingDays(date(from, 'from'), n)));
  }

  async dayInfo(day: string) {
    const calendar = await this.calendar();
    const info = await this.compute(async () => calendar.dayKind(date(day, 'date')));
    return { ...info, working: calendar.isWorkingDay(info.date) };
  }

  async showYear(year: number): Promise<EffectiveYear> {
    return this.compute(() => this.calendar().then((c) => c.effectiveYear(year)));
  }

  /** The instant a calendar timer fires at, counted from `fromIso` (the day it was armed). */
  async resolve(spec: DeadlineSpec, fromIso: string): Promise<ResolvedInstant> {
    return resolveDeadline(await this.calendar(), spec, fromIso);
  }

  /** 09:00 Asia/Shanghai on each day `n` working days before the due day (0 = the due day). */
  async reminderInstants(dueAt: string, workingDaysBefore: number[]): Promise<string[]> {
    const calendar = await this.calendar();
    const dueDay = shanghaiDateOf(new Date(dueAt));
    return workingDaysBefore.map((n) => {
      const day = n === 0 ? dueDay : calendar.subtractWorkingDays(dueDay, n).date;
      return new Date(`${day}T09:00:00+08:00`).toISOString();
    });
  }

  /** Working days from `from` (exclusive) to `to` (inclusive): how many working days late. */
  async workingDaysBetween(from: Date, to: Date): Promise<number> {
    const calendar = await this.calendar();
    return calendar.workingDaysBetween(shanghaiDateOf(from), shanghaiDateOf(to)).days;
  }

  /**
   * Imports an official schedule for a year (replacing the year's earlier import), audits what
   * changed, then has every running instance re-resolve its calendar timers.
   */
  async importSchedule(dto: ImportScheduleDto, principal: Principal): Promise<ImportOutcome> {
    requireOffice(principal);
    const parsed = this.parse(dto);
    if (parsed.year === null) {
      throw new BadRequestException(
        '无法确定节假日安排所属年份：请在文件中写明，或用 year 参数指定',
      );
    }
    const year = parsed.year;
    if (parsed.errors.length > 0) {
      throw new BadRequestException({
        message: `节假日安排文件有 ${parsed.errors.length} 处错误，未导入`,
        errors: parsed.errors,
      });
    }
    const before = await this.showYear(year);
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(CalendarOverride);
      await repo.delete({ source: 'import', scheduleYear: year });
      await repo.save(
        parsed.rows.map((r) =>
          repo.create({
            day: r.date,
            kind: r.kind,
            name: r.name ?? null,
            source: 'import',
            scheduleYear: year,
            createdBy: principal.username,
            createdAt: new Date(),
          }),
        ),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'calendar.import',
          entityType: 'calendar-year',
          entityId: String(year),
          before: { version: before.version, provisional: before.provisional },
          after: { rows: parsed.rows.length, format: parsed.format },
        },
        m,
      );
    });
    return this.afterChange(year, before, principal, `${year} 年节假日安排已导入`, parsed.warnings);
  }

  /** Has every running instance re-resolve its calendar timers (after a failed recomputation). */
  async recompute(principal: Principal): Promise<number> {
    requireOffice(principal);
    return this.recomputer.recomputeAll('重新计算工作日期限', principal);
  }

  async setDay(day: string, dto: SetDayDto, principal: Principal): Promise<ImportOutcome> {
    const reason = (civil: string) =>
      `${civil} 调整为${dto.kind === 'holiday' ? '休息日' : '工作日'}`;
    return this.changeDay(day, principal, 'calendar.set-day', reason, async (repo, civil, year) => {
      await repo.save(
        repo.create({
          day: civil,
          kind: dto.kind,
          name: dto.name ?? null,
          source: 'manual',
          scheduleYear: year,
          createdBy: principal.username,
          createdAt: new Date(),
        }),
      );
      return dto;
    });
  }

  async clearDay(day: string, principal: Principal): Promise<ImportOutcome> {
    const reason = (civil: string) => `${civil} 的人工调整已撤销`;
    return this.changeDay(
      day,
      principal,
      'calendar.clear-day',
      reason,
      async (_repo, civil, _year, existing) => {
        if (!existing) throw new BadRequestException(`${civil} 没有人工调整，无需撤销`);
        return null;
      },
    );
  }

  /** Replaces a day's manual override (the mutation adds the new one, if any), audited. */
  private async changeDay(
    day: string,
    principal: Principal,
    action: string,
    reason: (civil: string) => string,
    mutate: (
      repo: Repository<CalendarOverride>,
      civil: string,
      year: number,
      existing: CalendarOverride | null,
    ) => Promise<unknown>,
  ): Promise<ImportOutcome> {
    requireOffice(principal);
    const civil = date(day, 'date');
    const year = Number(civil.slice(0, 4));
    const before = await this.showYear(year);
    await this.db.transaction(async (m) => {
      const repo = m.getRepository(CalendarOverride);
      const existing = await repo.findOne({ where: { day: civil, source: 'manual' } });
      await repo.delete({ day: civil, source: 'manual' });
      const after = await mutate(repo, civil, year, existing);
      await this.audit.record(
        {
          actor: principal,
          action,
          entityType: 'calendar-day',
          entityId: civil,
          before: existing,
          after,
        },
        m,
      );
    });
    return this.afterChange(year, before, principal, reason(civil), []);
  }

  private async afterChange(
    year: number,
    before: EffectiveYear,
    principal: Principal,
    reason: string,
    warnings: unknown[],
  ) {
    const after = await this.showYear(year);
    const key = (y: EffectiveYear) => new Map(y.days.map((d) => [d.date, d.kind]));
    const [b, a] = [key(before), key(after)];
    const changedDays = [...new Set([...b.keys(), ...a.keys()])]
      .filter((d) => b.get(d) !== a.get(d))
      .sort();
    let instancesSignalled = 0;
    let recomputeError: string | undefined;
    if (before.version !== after.version) {
      try {
        instancesSignalled = await this.recomputer.recomputeAll(reason, principal);
      } catch (err) {
        // The change is committed; running deadlines still need moving (`calendar recompute`).
        recomputeError = `无法连接 Temporal 重新计算进行中的期限：${(err as Error).message}`;
      }
    }
    return {
      year,
      rows: after.days.length,
      versionBefore: before.version,
      versionAfter: after.version,
      changedDays,
      instancesSignalled,
      recomputeError,
      warnings,
    };
  }

  private parse(dto: ImportScheduleDto) {
    try {
      return parseSchedule(dto.format, dto.content, { year: dto.year });
    } catch (err) {
      if (err instanceof ImportFormatError) throw new BadRequestException(err.message);
      throw err;
    }
  }

  private async compute<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof CalendarInputError || err instanceof CalendarRangeError)
        throw new BadRequestException(err.message);
      throw err;
    }
  }
}

function date(value: string, field: string): CivilDate {
  if (!isCivilDate(value))
    throw new BadRequestException(`${field} 必须是有效日期 YYYY-MM-DD，收到 "${value}"`);
  return value;
}

/** The instant a calendar timer fires at on a given calendar, counted from `fromIso`. */
export function resolveDeadline(
  calendar: WorkingDayCalendar,
  spec: DeadlineSpec,
  fromIso: string,
): ResolvedInstant {
  if (spec.kind === 'workingDays') {
    const n = Number(spec.value);
    if (!Number.isInteger(n) || n < 0)
      throw new CalendarInputError(`工作日数必须是非负整数，收到 "${spec.value}"`, 'workingDays');
    const due = calendar.addWorkingDays(shanghaiDateOf(new Date(fromIso)), n);
    return {
      fireAt: due.instant,
      provisional: due.provisional,
      calendarVersion: due.calendarVersion,
    };
  }
  if (isCivilDate(spec.value)) {
    if (!spec.nextWorkingDay)
      return { fireAt: endOfDayInstant(spec.value).toISOString(), provisional: false };
    const due = calendar.calendarDeadline(spec.value, { nextWorkingDay: true });
    return {
      fireAt: due.instant,
      provisional: due.provisional,
      calendarVersion: due.calendarVersion,
    };
  }
  const instant = Date.parse(spec.value);
  if (Number.isNaN(instant)) {
    throw new CalendarInputError(
      `日期 "${spec.value}" 无效：应为 YYYY-MM-DD 或 ISO 8601 日期时间`,
      'date',
    );
  }
  return { fireAt: new Date(instant).toISOString(), provisional: false };
}
