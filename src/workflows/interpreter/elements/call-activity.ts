import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { CallActivity } from '../../definition/types';
import { engine } from '../activities';
import { PROCESS_WORKFLOW, type ProcessInstanceInput } from '../contract';
import { evaluateTemplate } from '../expression';
import type { VariableScope } from '../variables';
import type { Next, ScopeRun } from '../scope';
import { withoutInstanceVariables } from '../../shared/engine-variables';

/**
 * A call activity starts the called definition (latest version at call time, or the pinned one)
 * as a child process instance and waits for it; the child's variables come back through the
 * output mapping, or all of them when there is none.
 */
export async function callActivity(
  run: ScopeRun,
  el: CallActivity,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  const values = vars.all();
  const called = await engine.loadDefinition({
    key: el.calledKey,
    version: el.calledVersion,
    caller: { definitionKey: run.ex.definitionKey },
  });
  const input: ProcessInstanceInput = {
    definitionId: called.definitionId,
    businessKey: run.ex.businessKey,
    variables: el.inputs
      ? Object.fromEntries(
          Object.entries(el.inputs).map(([k, expr]) => [k, evaluateTemplate(expr, values)]),
        )
      : values,
    startedBy: run.ex.startedBy,
    parent: {
      workflowId: run.ex.workflowId,
      elementId: el.id,
      rootWorkflowId: run.ex.rootWorkflowId,
    },
  };
  const result = await executeChild(PROCESS_WORKFLOW, {
    workflowId: `${run.ex.workflowId}/${executionId}`,
    taskQueue: workflowInfo().taskQueue,
    args: [input],
  });
  const childVars =
    (result as { variables?: Record<string, unknown> } | undefined)?.variables ?? {};
  if (el.outputs) {
    const scope = { ...vars.all(), ...childVars };
    for (const [name, expr] of Object.entries(el.outputs))
      vars.set(name, evaluateTemplate(expr, scope));
  } else {
    // The child's businessKey/initiator/today are its own; the parent keeps its values.
    vars.setAll(run.ex.instanceVariablesSeeded ? withoutInstanceVariables(childVars) : childVars);
  }
  return { take: run.outgoing(el) };
}
