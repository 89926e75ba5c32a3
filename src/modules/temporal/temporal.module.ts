import { DynamicModule, Global, Module } from '@nestjs/common';
import { ActivityRegistry } from './activity-registry';
import { TemporalService } from './temporal.service';
import { WORKER_OPTIONS, WorkerOptions, WorkerService } from './worker.service';

/** Temporal client always; the worker only in processes whose role runs one. */
@Global()
@Module({})
export class TemporalModule {
  static forRoot(worker?: WorkerOptions): DynamicModule {
    const providers: DynamicModule['providers'] = [TemporalService, ActivityRegistry];
    if (worker) providers.push(WorkerService, { provide: WORKER_OPTIONS, useValue: worker });
    return {
      module: TemporalModule,
      providers,
      exports: worker
        ? [TemporalService, ActivityRegistry, WorkerService]
        : [TemporalService, ActivityRegistry],
    };
  }
}
