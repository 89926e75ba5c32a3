import { Injectable, Logger } from '@nestjs/common';
import {
  moveDeadlinesSignal,
  PROCESS_WORKFLOW,
  BATCH_WORKFLOW,
} from '../../workflows/interpreter/contract';
import type { Principal } from '../auth/roles';
import { TemporalService } from '../temporal/temporal.service';

/**
 * After the calendar changes, every running instance re-resolves its calendar timers (the
 * workflow moves only those whose instant changed, and records each move for the audit log).
 */
@Injectable()
export class DeadlineRecomputer {
  private readonly logger = new Logger(DeadlineRecomputer.name);

  constructor(private readonly temporal: TemporalService) {}

  async recomputeAll(reason: string, principal: Principal): Promise<number> {
    const client = await this.temporal.client();
    const query = `ExecutionStatus = "Running" AND (WorkflowType = "${PROCESS_WORKFLOW}" OR WorkflowType = "${BATCH_WORKFLOW}")`;
    const actor = {
      username: principal.username,
      departmentCode: principal.departmentCode,
      role: principal.role,
      isOffice: principal.isOffice,
    };
    let signalled = 0;
    for await (const execution of client.workflow.list({ query })) {
      try {
        await client.workflow
          .getHandle(execution.workflowId, execution.runId)
          .signal(moveDeadlinesSignal, { reason, actor });
        signalled += 1;
      } catch (err) {
        this.logger.warn(`could not signal ${execution.workflowId}: ${(err as Error).message}`);
      }
    }
    return signalled;
  }
}
