import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { shanghaiDateOf } from '../calendar/core/dates';
import { DigestService } from './digest.service';
import { NotificationService } from './notification.service';

export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';
/** 08:30 every day, Beijing time (seconds field first); non-working days are skipped in code. */
export const DEFAULT_DIGEST_CRON = '0 30 8 * * *';
/** The retry sweep of failed deliveries. */
export const DEFAULT_SWEEP_CRON = '0 */10 * * * *';

export interface NotificationSchedule {
  digestCron: string;
  sweepCron: string;
}

/**
 * The scheduled jobs, or null when they are off: under NODE_ENV=test, or NOTIFICATION_CRON=off.
 * NOTIFICATION_DIGEST_CRON replaces the digest time (6-field cron, Asia/Shanghai).
 */
export function notificationSchedule(env: NodeJS.ProcessEnv): NotificationSchedule | null {
  if (env.NODE_ENV === 'test' || env.NOTIFICATION_CRON === 'off') return null;
  return {
    digestCron: env.NOTIFICATION_DIGEST_CRON || DEFAULT_DIGEST_CRON,
    sweepCron: DEFAULT_SWEEP_CRON,
  };
}

/**
 * Registers the daily digest and the retry sweep with @nestjs/schedule. Every process may run
 * them: dedupe keys and row claims make a second run send nothing twice.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly DIGEST_JOB = 'notifications.daily-digest';
  static readonly SWEEP_JOB = 'notifications.retry-sweep';
  private readonly log = new Logger('NotificationScheduler');

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly digests: DigestService,
    private readonly notifications: NotificationService,
  ) {}

  onApplicationBootstrap(): void {
    const schedule = notificationSchedule(process.env);
    if (!schedule) return;
    this.add(NotificationScheduler.DIGEST_JOB, schedule.digestCron, () => this.dailyDigest());
    this.add(NotificationScheduler.SWEEP_JOB, schedule.sweepCron, async () => {
      await this.notifications.retryFailed();
    });
  }

  /** The job body: today's digests, on working days only. */
  async dailyDigest(now = new Date()): Promise<void> {
    const today = shanghaiDateOf(now);
    if (!(await this.digests.isWorkingDay(today))) return;
    const run = await this.digests.sendDailyDigests(today);
    this.log.log(`daily digest ${today}: ${run.sent.length} sent, ${run.errors.length} errors`);
  }

  onModuleDestroy(): void {
    for (const name of [NotificationScheduler.DIGEST_JOB, NotificationScheduler.SWEEP_JOB]) {
      if (this.registry.doesExist('cron', name)) {
        void this.registry.getCronJob(name).stop();
        this.registry.deleteCronJob(name);
      }
    }
  }

  private add(name: string, cronTime: string, run: () => Promise<void>): void {
    const job = CronJob.from({
      cronTime,
      timeZone: SCHEDULE_TIME_ZONE,
      onTick: () =>
        run().catch((error: Error) => this.log.error(`${name} failed: ${error.message}`)),
    });
    this.registry.addCronJob(name, job);
    job.start();
  }
}
