import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { Inspection, type InspectionStatus } from './entities';

/** The process instance a service task runs in (from the engine's ServiceTaskContext). */
export interface WorkflowCaller {
  workflowId: string;
  /** The top-level instance (a per-target child's root is the task's main instance). */
  rootWorkflowId: string;
  definitionKey: string;
}

/** Failure type of a refused domain activity (an incident on the calling instance). */
export const DOMAIN_ACTIVITY_REFUSED = 'DomainActivityRefused';

/**
 * A domain activity acts on an inspection only from the instance this module started for it
 * (inspections.workflow_id; its per-target children have it as their root), from the definition
 * the step belongs to, and in the stage that step expects. Anything else — another definition
 * naming `inspection.archive` with some task's id, a per-target process started by hand — is
 * refused before anything is written: a non-retryable failure, so the intruding instance gets an
 * incident and the inspection is unchanged.
 */
export function requireOwnInstance(
  inspection: Inspection,
  caller: WorkflowCaller,
  step: { activity: string; definitionKey: string; statuses: readonly InspectionStatus[] },
): void {
  const refuse = (why: string) => {
    throw ApplicationFailure.nonRetryable(
      `拒绝执行 ${step.activity}：${why}（任务 ${inspection.code}，调用实例 ${caller.workflowId}，流程 ${caller.definitionKey}）/ ${step.activity} refused`,
      DOMAIN_ACTIVITY_REFUSED,
    );
  };
  if (!inspection.workflowId || caller.rootWorkflowId !== inspection.workflowId)
    refuse(
      '调用它的流程实例不是联合抽查模块为该任务启动的实例 / not the instance started for this inspection',
    );
  if (caller.definitionKey !== step.definitionKey)
    refuse(`只能在流程 ${step.definitionKey} 中执行 / only inside ${step.definitionKey}`);
  if (!step.statuses.includes(inspection.status))
    refuse(
      `任务当前处于“${inspection.status}”阶段，此步骤只能在 ${step.statuses.join(' / ')} 阶段执行 / wrong stage`,
    );
}

/** The inspection a service task names (a missing or malformed id is refused, not retried). */
export async function loadForActivity(db: DataSource, id: unknown): Promise<Inspection> {
  const found =
    typeof id === 'string' && id
      ? await db.getRepository(Inspection).findOne({ where: { id } })
      : null;
  if (!found)
    throw ApplicationFailure.nonRetryable(
      `联合抽查任务 ${String(id)} 不存在 / no such inspection`,
      DOMAIN_ACTIVITY_REFUSED,
    );
  return found;
}
