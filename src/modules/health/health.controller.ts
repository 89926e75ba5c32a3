import { Controller, Get, HttpStatus, Optional, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { TemporalService } from '../temporal/temporal.service';
import { WorkerService } from '../temporal/worker.service';

type Check = { status: 'up' | 'down'; detail?: string };

/** Liveness for operators: database, Temporal and this process's worker. 503 when any is down. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly temporal: TemporalService,
    @Optional() private readonly worker?: WorkerService,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([this.database(), this.temporalCheck()]);
    const worker = this.workerCheck(temporal);
    const ok = database.status === 'up' && temporal.status === 'up' && worker.status !== 'down';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database, temporal, worker };
  }

  private async database(): Promise<Check> {
    try {
      await this.db.query('SELECT 1');
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', detail: (err as Error).message };
    }
  }

  private async temporalCheck(): Promise<Check> {
    return (await this.temporal.ping())
      ? { status: 'up' }
      : { status: 'down', detail: 'server unreachable' };
  }

  /** A worker polls only while it runs and its server answers. */
  private workerCheck(temporal: Check): Check | { status: 'not-in-this-process' } {
    if (!this.worker) return { status: 'not-in-this-process' };
    const { state, error } = this.worker.status();
    if (state !== 'RUNNING')
      return { status: 'down', detail: error ? `${state}: ${error}` : state };
    if (temporal.status !== 'up')
      return { status: 'down', detail: 'cannot reach Temporal to poll' };
    return { status: 'up', detail: state };
  }
}
