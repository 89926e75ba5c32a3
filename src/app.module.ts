import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfigModule } from './config/config.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { DatabaseModule } from './modules/database/database.module';
import { DemoModule } from './modules/demo/demo.module';
import { DrawModule } from './modules/draw/draw.module';
import { EngineModule } from './modules/engine/engine.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { HealthModule } from './modules/health/health.module';
import { InspectionModule } from './modules/inspection/inspection.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PublicationModule } from './modules/publication/publication.module';
import { ProcessDefinitionsModule } from './modules/process-definitions/process-definitions.module';
import { TemporalModule } from './modules/temporal/temporal.module';
import { REGISTRY_MODULES } from './modules/public-registry/registry-modules';
import type { WorkerOptions } from './modules/temporal/worker.service';

export type Role = 'api' | 'worker' | 'all';

/** The feature modules, shared by the HTTP API, the worker and the CLI. */
export const FEATURE_MODULES: Type[] = [
  AuditModule,
  AuthModule,
  HealthModule,
  DemoModule,
  CalendarModule,
  ProcessDefinitionsModule,
  EngineModule,
  DrawModule,
  NotificationsModule,
  ...REGISTRY_MODULES,
  DocumentsModule,
  PublicationModule,
  InspectionModule,
];

export interface AppModuleOptions {
  role: Role;
  worker?: WorkerOptions;
  /** Extra modules (tests register their test activities this way). */
  extra?: Type[];
}

@Module({})
export class AppModule {
  static forRole(options: AppModuleOptions): DynamicModule {
    const runsWorker = options.role !== 'api';
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        DatabaseModule,
        TemporalModule.forRoot(
          runsWorker ? (options.worker ?? { exitOnFailure: true }) : undefined,
        ),
        ...FEATURE_MODULES,
        ...(options.extra ?? []),
      ],
    };
  }
}
