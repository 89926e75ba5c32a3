import {
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Scope } from './definition/types';
import { engine } from './interpreter/activities';
import {
  cancelSignal,
  type InstanceStatus,
  type MultiInstanceBatchInput,
  type MultiInstanceBatchResult,
  type ProcessInstanceInput,
} from './interpreter/contract';
import { runIterations } from './interpreter/elements/multi-instance';
import { Execution } from './interpreter/execution';
import { installHandlers } from './interpreter/handlers';
import { ScopeRun } from './interpreter/runner';
import { initialSearchAttributes, setStatus } from './interpreter/search';
import { VariableScope } from './interpreter/variables';
import { ENGINE_VARIABLES_PATCH, instanceVariables } from './shared/engine-variables';

export interface ProcessInstanceResult {
  status: InstanceStatus;
  variables: Record<string, unknown>;
}

/**
 * Runs one instance of a deployed definition version, fixed at start, to its end. Knows nothing
 * of any particular process: the definition is data.
 */
export async function processInstance(input: ProcessInstanceInput): Promise<ProcessInstanceResult> {
  const rootWorkflowId = input.parent?.rootWorkflowId ?? workflowInfo().workflowId;
  const ex = new Execution(input.definitionId, rootWorkflowId, input.startedBy, input.businessKey);
  // The engine's own variables (businessKey, initiator, today) win over same-named input.
  ex.instanceVariablesSeeded = patched(ENGINE_VARIABLES_PATCH);
  const vars = new VariableScope(
    ex.instanceVariablesSeeded
      ? { ...input.variables, ...instanceVariables(input, workflowInfo().startTime.getTime()) }
      : input.variables,
  );
  ex.variablesView = () => vars.rootValues();
  ex.departments.add(input.startedBy.departmentCode);
  installHandlers(ex);
  const root = new CancellationScope();
  let cancelled: { reason: string; actor: string } | undefined;
  setHandler(cancelSignal, ({ reason, actor }) => {
    cancelled ??= { reason, actor: actor.username };
    root.cancel();
  });

  const loaded = await engine.loadDefinition({ definitionId: input.definitionId });
  ex.definition = loaded.definition;
  ex.definitionKey = loaded.key;
  initialSearchAttributes(ex);
  const record = (status: InstanceStatus, actor: string, reason?: string) =>
    engine.recordInstance({
      workflowId: ex.workflowId,
      definitionId: input.definitionId,
      businessKey: input.businessKey,
      status,
      actor,
      reason,
      variables: status === 'running' ? undefined : vars.rootValues(),
      parentWorkflowId: input.parent?.workflowId,
    });
  await record('running', input.startedBy.username);

  let status: InstanceStatus;
  try {
    const outcome = await root.run(() => new ScopeRun(ex, loaded.definition.root, vars).run());
    status = outcome === 'terminated' ? 'terminated' : 'completed';
  } catch (err) {
    if (!(cancelled && isCancellation(err))) throw err;
    status = 'cancelled';
  }
  ex.endedAt = new Date().toISOString();
  setStatus(ex, status);
  await CancellationScope.nonCancellable(() =>
    record(status, cancelled?.actor ?? 'system', cancelled?.reason),
  );
  await condition(allHandlersFinished);
  return { status, variables: vars.rootValues() };
}

/** One slice of a large multi-instance element, run as a child so each history stays bounded. */
export async function multiInstanceBatch(
  input: MultiInstanceBatchInput,
): Promise<MultiInstanceBatchResult> {
  const ex = new Execution(input.definitionId, input.rootWorkflowId, input.startedBy);
  const vars = new VariableScope(input.variables);
  ex.variablesView = () => vars.rootValues();
  installHandlers(ex);
  const loaded = await engine.loadDefinition({ definitionId: input.definitionId });
  ex.definition = loaded.definition;
  ex.definitionKey = loaded.key;
  const scope = input.scopePath.reduce<Scope>((s, id) => {
    const el = s.elements[id];
    if (el?.type !== 'subProcess') throw new Error(`scope path element ${id} is not a sub-process`);
    return el.scope;
  }, loaded.definition.root);
  const run = new ScopeRun(ex, scope, vars, () => false, input.scopePath);
  const outputs = await runIterations(
    run,
    run.element(input.elementId),
    `batch-${input.offset}`,
    input.items,
    input.offset,
    vars,
  );
  await condition(allHandlersFinished);
  return { outputs, variables: {} };
}
