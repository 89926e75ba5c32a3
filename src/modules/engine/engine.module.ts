import { NotificationsModule } from '../notifications/notifications.module';
import { NotificationService } from '../notifications/notification.service';
import { CalendarModule } from '../calendar/calendar.module';
import { CalendarService } from '../calendar/calendar.service';
import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createEngineActivities } from '../../activities/engine.activities';
import { AuditService } from '../audit/audit.service';
import { ProcessDefinitionsModule } from '../process-definitions/process-definitions.module';
import { ProcessDefinitionsService } from '../process-definitions/process-definitions.service';
import { ActivityRegistry, type ActivityFunction } from '../temporal/activity-registry';
import {
  EscalationsController,
  InboxController,
  IncidentsController,
  InstancesController,
  TasksController,
} from './engine.controllers';
import { ENGINE_ENTITIES } from './entities';
import { EscalationsService } from './escalations.service';
import { FormOwners } from './form-owners';
import { InboxService } from './inbox.service';
import { IncidentsService } from './incidents.service';
import { InstancesService } from './instances.service';
import { TasksService } from './tasks.service';

/**
 * The engine's NestJS side: instance, task, incident, escalation and inbox APIs over the
 * interpreter workflow, and the engine activities the workflow calls (registered on init).
 * Deadlines are resolved on the statutory calendar of the calendar module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(ENGINE_ENTITIES),
    ProcessDefinitionsModule,
    CalendarModule,
    NotificationsModule,
  ],
  controllers: [
    InstancesController,
    TasksController,
    EscalationsController,
    IncidentsController,
    InboxController,
  ],
  providers: [
    InstancesService,
    TasksService,
    EscalationsService,
    IncidentsService,
    InboxService,
    FormOwners,
  ],
  exports: [
    InstancesService,
    TasksService,
    EscalationsService,
    IncidentsService,
    InboxService,
    FormOwners,
  ],
})
export class EngineModule implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly definitions: ProcessDefinitionsService,
    private readonly registry: ActivityRegistry,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    const activities = createEngineActivities({
      db: this.db,
      audit: this.audit,
      definitions: this.definitions,
      calendar: this.calendar,
      forward: (message) =>
        this.notifications.notify({
          department: message.department,
          kind: message.kind,
          title: message.title,
          body: message.body ?? '',
          link: message.link ?? null,
          dedupeKey: message.dedupe,
          inboxWritten: true,
        }),
    });
    this.registry.register(activities as unknown as Record<string, ActivityFunction>);
  }
}
