import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from '../auth/entities/department.entity';
import { User } from '../auth/entities/user.entity';
import { CalendarModule } from '../calendar/calendar.module';
import { CalendarService } from '../calendar/calendar.service';
import { InboxMessage, UserTaskRecord } from '../engine/entities';
import { EmailChannel } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WebhookChannel } from './channels/webhook.channel';
import {
  DIGEST_CALENDAR,
  type DigestCalendar,
  DigestService,
  OPEN_TASKS_PROVIDER,
} from './digest.service';
import { EngineInboxWriter, EngineOpenTasksProvider } from './engine-bindings';
import { NotificationDelivery } from './notification-delivery.entity';
import { NotificationScheduler } from './notification.scheduler';
import { NotificationService } from './notification.service';
import { DEFAULT_RETRY_POLICY, INBOX_WRITER, RETRY_POLICY } from './notification.types';
import { RecipientResolver } from './recipients.service';

/**
 * Notifications (通知): reminders, daily digests, escalations, task messages and notices over the
 * in-app inbox, e-mail and the webhook. Ports (tokens) with their default bindings:
 * INBOX_WRITER → engine inbox_messages, OPEN_TASKS_PROVIDER → engine user_tasks,
 * DIGEST_CALENDAR → the calendar module, RETRY_POLICY → 3 tries per call with backoff.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      NotificationDelivery,
      Department,
      User,
      InboxMessage,
      UserTaskRecord,
    ]),
    ScheduleModule.forRoot(),
    CalendarModule,
  ],
  providers: [
    NotificationService,
    DigestService,
    RecipientResolver,
    InboxChannel,
    EmailChannel,
    WebhookChannel,
    NotificationScheduler,
    { provide: INBOX_WRITER, useClass: EngineInboxWriter },
    { provide: OPEN_TASKS_PROVIDER, useClass: EngineOpenTasksProvider },
    { provide: RETRY_POLICY, useValue: DEFAULT_RETRY_POLICY },
    {
      provide: DIGEST_CALENDAR,
      inject: [CalendarService],
      useFactory: (calendar: CalendarService): DigestCalendar => ({
        snapshot: async () => {
          const c = await calendar.calendar();
          return {
            countWorkingDays: (from, to) => c.workingDaysBetween(from, to).days,
            isWorkingDay: (day) => c.isWorkingDay(day),
          };
        },
      }),
    },
  ],
  exports: [NotificationService, DigestService],
})
export class NotificationsModule {}
