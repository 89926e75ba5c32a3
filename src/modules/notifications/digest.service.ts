import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Department } from '../auth/entities/department.entity';
import { type CivilDate, isCivilDate } from '../calendar/core/dates';
import {
  buildDigest,
  type Digest,
  digestText,
  isEmptyDigest,
  type OpenTask,
  type WorkingDaysCounter,
} from './digest';
import { NotificationService } from './notification.service';
import { NotificationInputError, type NotifyResult } from './notification.types';

/** Open tasks of every department (bound to the engine's user_tasks by default). */
export interface OpenTasksProvider {
  openTasks(): Promise<OpenTask[]>;
}
export const OPEN_TASKS_PROVIDER = Symbol('OPEN_TASKS_PROVIDER');

/** The working-day calendar as the digest needs it (bound to the calendar module by default). */
export interface DigestCalendar {
  /** One consistent view of the calendar for a whole run. */
  snapshot(): Promise<{
    countWorkingDays: WorkingDaysCounter;
    isWorkingDay(day: CivilDate): boolean;
  }>;
}
export const DIGEST_CALENDAR = Symbol('DIGEST_CALENDAR');

export interface DigestRunResult {
  date: CivilDate;
  sent: { department: string; result: NotifyResult }[];
  /** Departments with nothing due soon and nothing overdue get no digest. */
  empty: string[];
  errors: { department: string; error: string }[];
}

export const digestDedupeKey = (department: string, date: CivilDate) =>
  `digest:${department}:${date}`;

/** The daily digest (每日待办提醒) to every department that has something due or overdue. */
@Injectable()
export class DigestService {
  private readonly log = new Logger('DailyDigest');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationService,
    @Inject(OPEN_TASKS_PROVIDER) private readonly tasks: OpenTasksProvider,
    @Inject(DIGEST_CALENDAR) private readonly calendar: DigestCalendar,
  ) {}

  async isWorkingDay(day: CivilDate): Promise<boolean> {
    return (await this.calendar.snapshot()).isWorkingDay(day);
  }

  /**
   * Sends each department its digest for `today` (Asia/Shanghai date). Dedupe key
   * `digest:<dept>:<today>`: running it twice, or in two processes, sends each digest once.
   */
  async sendDailyDigests(today: CivilDate): Promise<DigestRunResult> {
    if (!isCivilDate(today))
      throw new NotificationInputError(`today 须为 YYYY-MM-DD 日期，收到 ${String(today)}`);
    const { countWorkingDays } = await this.calendar.snapshot();
    const [departments, tasks] = await Promise.all([
      this.db.getRepository(Department).find({ order: { code: 'ASC' } }),
      this.tasks.openTasks(),
    ]);
    const result: DigestRunResult = { date: today, sent: [], empty: [], errors: [] };
    for (const department of departments) {
      const digest = buildDigest(department, tasks, { today, countWorkingDays });
      if (isEmptyDigest(digest)) {
        result.empty.push(department.code);
        continue;
      }
      try {
        const sent = await this.notifications.notify(this.notification(digest));
        result.sent.push({ department: department.code, result: sent });
      } catch (error) {
        // one department's bad data must not cost the others their digest
        this.log.error(`digest for ${department.code} failed: ${(error as Error).message}`);
        result.errors.push({ department: department.code, error: (error as Error).message });
      }
    }
    return result;
  }

  private notification(digest: Digest) {
    return {
      department: digest.departmentCode,
      kind: 'digest' as const,
      title: `每日待办（${digest.date}）：已逾期 ${digest.overdue.length} 项，${digest.horizon} 个工作日内到期 ${digest.dueSoon.length} 项`,
      body: digestText(digest),
      link: '/tasks',
      dedupeKey: digestDedupeKey(digest.departmentCode, digest.date),
      data: { ...digest },
    };
  }
}
