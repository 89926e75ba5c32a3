import { ConflictException, HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/roles';
import { UserTaskRecord } from '../engine/entities';
import { TasksService } from '../engine/tasks.service';
import type { Inspection } from './entities';

/** The module name passed as `via` when completing the tasks whose forms this module owns. */
export const INSPECTION_MODULE = 'inspection';

export interface StepRef {
  elementId: string;
  /** Human name of the step, for errors. */
  step: string;
  department?: string;
  subject?: string;
}

/**
 * Finds the open engine task of a step of a joint task (by the root instance, element,
 * department and subject) and completes it on the caller's behalf, after the step's own
 * service has validated and recorded it. The workflow re-checks the caller's rights.
 */
@Injectable()
export class StepTasks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tasks: TasksService,
  ) {}

  async find(inspection: Inspection, ref: StepRef): Promise<UserTaskRecord | null> {
    if (!inspection.workflowId) return null;
    const where: Record<string, unknown> = {
      rootWorkflowId: inspection.workflowId,
      elementId: ref.elementId,
      status: 'open',
    };
    if (ref.department) where.departmentCode = ref.department;
    if (ref.subject) where.subject = ref.subject;
    return this.db.getRepository(UserTaskRecord).findOne({ where, order: { createdAt: 'ASC' } });
  }

  /** The open task, or 409 saying the step is not waiting for this department now. */
  async require(inspection: Inspection, ref: StepRef): Promise<UserTaskRecord> {
    const task = await this.find(inspection, ref);
    if (!task)
      throw new ConflictException(
        `任务 ${inspection.code} 当前没有${ref.department ? `部门 ${ref.department} ` : ''}待办的“${ref.step}”/ this step is not open now`,
      );
    return task;
  }

  /** 403 now, before anything is written, if the completion would be refused to this caller. */
  requireMayWork(principal: Principal, task: UserTaskRecord): void {
    this.tasks.requireMayWork(principal, task);
  }

  async complete(
    principal: Principal,
    task: UserTaskRecord,
    output: Record<string, unknown>,
  ): Promise<void> {
    await this.tasks.complete(principal, task.taskId, { output }, INSPECTION_MODULE);
  }

  /**
   * Completes the task unless someone else (the reconciling sweep, a retried request) completed
   * it first — the engine then answers 409 (task no longer open, from the record or from the
   * workflow, whichever learnt it first); returns whether this call did.
   */
  async completeIfOpen(
    principal: Principal,
    task: UserTaskRecord,
    output: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.complete(principal, task, output);
      return true;
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === 409) return false;
      throw err;
    }
  }
}
