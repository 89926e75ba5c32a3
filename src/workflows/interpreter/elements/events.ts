import { condition } from '@temporalio/workflow';
import type {
  EndEvent,
  EscalationSpec,
  IntermediateCatchEvent,
  IntermediateThrowEvent,
  StartEvent,
} from '../../definition/types';
import { engine } from '../activities';
import type { MessageArgs } from '../contract';
import type { Execution } from '../execution';
import { evaluateTemplate } from '../expression';
import type { VariableScope } from '../variables';
import type { Next, ScopeRun, TokenOrigin } from '../scope';
import { resolveTimer, waitForTimer } from '../timers';

export async function startEvent(
  run: ScopeRun,
  el: StartEvent,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  if (el.timer)
    await waitForTimer(
      run.ex,
      await resolveTimer(`${executionId}:timer`, el.id, 'timer', el.timer, vars),
    );
  return { take: run.outgoing(el) };
}

export async function endEvent(
  run: ScopeRun,
  el: EndEvent,
  _executionId: string,
  vars: VariableScope,
  origin?: TokenOrigin,
): Promise<Next> {
  if (el.escalation) await throwEscalation(run, vars, el.id, el.escalation, origin);
  return el.terminate ? { terminate: true } : { take: [] };
}

export async function intermediateCatch(
  run: ScopeRun,
  el: IntermediateCatchEvent,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  if (el.timer) {
    await waitForTimer(
      run.ex,
      await resolveTimer(`${executionId}:timer`, el.id, 'timer', el.timer, vars),
    );
  } else if (el.message) {
    const message = await waitForMessage(run.ex, el.message);
    if (message.payload) vars.setAll(message.payload);
  }
  return { take: run.outgoing(el) };
}

export async function intermediateThrow(
  run: ScopeRun,
  el: IntermediateThrowEvent,
  _executionId: string,
  vars: VariableScope,
  origin?: TokenOrigin,
): Promise<Next> {
  if (el.escalation) await throwEscalation(run, vars, el.id, el.escalation, origin);
  return { take: run.outgoing(el) };
}

/**
 * An escalation: recorded and notified to its target (e.g. the joint-meeting office), then offered
 * to enclosing escalation boundary events.
 */
async function throwEscalation(
  run: ScopeRun,
  vars: VariableScope,
  elementId: string,
  spec: EscalationSpec,
  origin?: TokenOrigin,
) {
  const values = vars.all();
  if (spec.target) {
    await engine.raiseEscalation({
      workflowId: run.ex.workflowId,
      rootWorkflowId: run.ex.rootWorkflowId,
      elementId,
      code: spec.code,
      target: String(evaluateTemplate(spec.target, values)),
      rule: spec.rule,
      name: spec.name,
      taskId: origin?.taskId,
      businessKey: run.ex.businessKey,
      definitionKey: run.ex.definitionKey,
    });
  }
  run.catchEscalation(spec.code);
}

/** Waits for a message by name; messages that arrived earlier are buffered and taken first. */
export async function waitForMessage(ex: Execution, name: string): Promise<MessageArgs> {
  let message = ex.takeMessage(name);
  if (!message) {
    await condition(() => (message = ex.takeMessage(name)) !== undefined);
  }
  return message!;
}
