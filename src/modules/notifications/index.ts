/** The notification module's public surface. */
export * from './notification.types';
export { NotificationService, type SweepResult } from './notification.service';
export {
  DigestService,
  DIGEST_CALENDAR,
  OPEN_TASKS_PROVIDER,
  digestDedupeKey,
  type DigestCalendar,
  type DigestRunResult,
  type OpenTasksProvider,
} from './digest.service';
export {
  buildDigest,
  digestText,
  type Digest,
  type DigestItem,
  type OpenTask,
  type WorkingDaysCounter,
} from './digest';
export { NotificationsModule } from './notifications.module';
export { notificationSchedule } from './notification.scheduler';
