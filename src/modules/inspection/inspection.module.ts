import { Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createInspectionActivities } from '../../activities/inspection.activities';
import { CalendarModule } from '../calendar/calendar.module';
import { DocumentsModule } from '../documents/documents.module';
import { DrawModule } from '../draw/draw.module';
import { EngineModule } from '../engine/engine.module';
import { FormOwners } from '../engine/form-owners';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { ItemsModule } from '../items/items.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProcessDefinitionsModule } from '../process-definitions/process-definitions.module';
import { PublicationModule } from '../publication/publication.module';
import { TargetsModule } from '../targets/targets.module';
import { ActivityRegistry, type ActivityFunction } from '../temporal/activity-registry';
import {
  FollowUp,
  Inspection,
  InspectionConfirmation,
  InspectionForm,
  InspectionTarget,
} from './entities';
import { FollowUps } from './follow-ups.service';
import { InspectionDocuments } from './inspection-documents.service';
import { InspectionForms } from './inspection-forms.service';
import { InspectionProgress } from './inspection-progress.service';
import { InspectionSteps } from './inspection-steps.service';
import { FollowUpsController, InspectionController } from './inspection.controller';
import { InspectionService } from './inspection.service';
import { StepTasks, INSPECTION_MODULE } from './step-tasks';

/** Forms of processes/joint-inspection*.bpmn whose steps this module records, and where. */
const OWNED_FORMS: Record<string, string> = {
  'ji-scheme': 'POST /inspections/:id/scheme',
  'ji-confirmation': 'POST /inspections/:id/confirmation',
  'ji-decline-review': 'POST /inspections/:id/confirmations/:dept/review',
  'ji-draw-commit': 'POST /inspections/:id/draw/commit',
  'ji-draw': 'POST /inspections/:id/draw',
  'ji-inspectors': 'POST /inspections/:id/inspectors',
  'ji-inspection-form': 'PUT /inspections/:id/targets/:code/form',
  'ji-publication': 'POST /inspections/:id/publication',
  'ji-follow-up-decision': 'POST /follow-ups/:id/decision',
  'ji-penalty-info': 'POST /follow-ups/:id/penalty-info',
  'ji-rectification': 'POST /follow-ups/:id/rectification',
};

/** How often forms entered before their target's task opened are matched to it (ms). */
const RECONCILE_EVERY_MS = reconcileInterval(process.env.INSPECTION_RECONCILE_MS);

function reconcileInterval(value: string | undefined): number {
  if (value === undefined) return 15_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 200)
    throw new Error(`INSPECTION_RECONCILE_MS=${value} 无效：须为不小于 200 的整数毫秒`);
  return ms;
}

/**
 * The joint inspection end to end (联合抽查): the steps people do, the service tasks of the
 * shipped BPMN definitions, and the documents they produce. The engine knows none of this.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Inspection,
      InspectionConfirmation,
      InspectionTarget,
      InspectionForm,
      FollowUp,
    ]),
    EngineModule,
    ProcessDefinitionsModule,
    DrawModule,
    ItemsModule,
    InspectorsModule,
    TargetsModule,
    CalendarModule,
    NotificationsModule,
    DocumentsModule,
    PublicationModule,
  ],
  controllers: [InspectionController, FollowUpsController],
  providers: [
    InspectionService,
    InspectionSteps,
    InspectionForms,
    InspectionProgress,
    InspectionDocuments,
    FollowUps,
    StepTasks,
  ],
  exports: [InspectionService, InspectionForms],
})
export class InspectionModule implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly registry: ActivityRegistry,
    private readonly owners: FormOwners,
    private readonly progress: InspectionProgress,
    private readonly documents: InspectionDocuments,
    private readonly forms: InspectionForms,
    private readonly steps: InspectionSteps,
  ) {}

  onModuleInit(): void {
    const activities = createInspectionActivities({
      progress: this.progress,
      documents: this.documents,
    });
    this.registry.register(activities as unknown as Record<string, ActivityFunction>);
    for (const [form, howTo] of Object.entries(OWNED_FORMS))
      this.owners.claim(form, {
        owner: INSPECTION_MODULE,
        howTo,
        // Only a matched inspector (or the department's officers, its head, the office) may
        // hold a target's form task.
        authorize:
          form === 'ji-inspection-form'
            ? (principal, task, change) => this.forms.authorizeHolder(principal, task, change)
            : undefined,
      });
    this.timer = setInterval(() => {
      void this.forms
        .reconcile()
        .then(() => this.steps.reconcilePublications())
        .catch(() => undefined);
    }, RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
