import type { ServiceTask } from '../../definition/types';
import { serviceActivity } from '../activities';
import { evaluateTemplate } from '../expression';
import type { VariableScope } from '../variables';
import type { Next, ScopeRun } from '../scope';

/**
 * A service task runs the named activity from the registry with the definition's retry policy.
 * Its input is the element's input mapping (or all visible variables); its result goes to
 * jc:resultVariable and through the output mapping.
 */
export async function serviceTask(
  run: ScopeRun,
  el: ServiceTask,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  const values = vars.all();
  const input = el.inputs
    ? Object.fromEntries(
        Object.entries(el.inputs).map(([k, expr]) => [k, evaluateTemplate(expr, values)]),
      )
    : values;
  const result = await serviceActivity(
    el.activity,
    el.retry,
    el.timeout,
  )(input, {
    workflowId: run.ex.workflowId,
    rootWorkflowId: run.ex.rootWorkflowId,
    elementId: el.id,
    executionId: `${run.ex.workflowId}/${executionId}`,
    businessKey: run.ex.businessKey,
    definitionKey: run.ex.definitionKey,
  });
  if (el.resultVariable) vars.set(el.resultVariable, result);
  if (el.outputs) {
    const scope = { ...vars.all(), result };
    for (const [name, expr] of Object.entries(el.outputs))
      vars.set(name, evaluateTemplate(expr, scope));
  }
  return { take: run.outgoing(el) };
}
