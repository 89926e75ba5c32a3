import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { NativeConnection, Runtime, DefaultLogger, Worker, State } from '@temporalio/worker';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ActivityRegistry } from './activity-registry';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { TemporalService } from './temporal.service';

export const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');

export interface WorkerOptions {
  /** Exit the process non-zero when the worker fails for good (true in production). */
  exitOnFailure: boolean;
}

export type WorkerStatus = { state: State | 'NOT_STARTED'; error?: string };

let runtimeInstalled = false;

/**
 * Runs the Temporal worker inside this process (roles `worker` and `all`): the interpreter
 * workflow plus every registered activity. A worker that fails for good takes the process down
 * with a non-zero exit, so a supervisor restarts it instead of HTTP looking healthy.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private failure?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_OPTIONS) private readonly options: WorkerOptions,
    private readonly registry: ActivityRegistry,
    private readonly temporal: TemporalService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runtimeInstalled) {
      runtimeInstalled = true;
      try {
        Runtime.install({ logger: new DefaultLogger('WARN') });
      } catch {
        // already installed by another worker in this process (tests)
      }
    }
    this.connection = await NativeConnection.connect({ address: this.temporal.address });
    await this.ensureSearchAttributes();
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: this.registry.all(),
      dataConverter: { payloadCodecs: [this.temporal.codec()] },
    });
    this.running = this.worker.run().catch((err: Error) => this.onFailure(err));
    this.logger.log(`worker polling task queue ${this.config.temporal.taskQueue}`);
  }

  status(): WorkerStatus {
    if (!this.worker) return { state: 'NOT_STARTED' };
    return { state: this.worker.getState(), error: this.failure };
  }

  private onFailure(err: Error): void {
    this.failure = err.message;
    this.logger.error(`worker failed: ${err.message}`);
    if (this.options.exitOnFailure) {
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    }
  }

  /** Registers our search attributes on an external cluster (the dev server gets them as flags). */
  private async ensureSearchAttributes(): Promise<void> {
    const client = await this.temporal.client();
    const existing = await client.connection.operatorService.listSearchAttributes({
      namespace: this.config.temporal.namespace,
    });
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(
      ([name]) => !(name in (existing.customAttributes ?? {})),
    );
    if (missing.length === 0) return;
    const types: Record<string, number> = { Keyword: 2, Bool: 5, KeywordList: 7 };
    await client.connection.operatorService.addSearchAttributes({
      namespace: this.config.temporal.namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, types[type]])),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }
}
