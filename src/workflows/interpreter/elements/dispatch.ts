import type { FlowElement } from '../../definition/types';
import type { Next, ScopeRun, TokenOrigin } from '../scope';
import type { VariableScope } from '../variables';
import { callActivity } from './call-activity';
import { endEvent, intermediateCatch, intermediateThrow, startEvent } from './events';
import { eventBasedGateway, exclusiveGateway } from './gateways';
import { multiInstance } from './multi-instance';
import { serviceTask } from './service-task';
import { subProcess } from './sub-process';
import { userTask } from './user-task';

/** Runs an element reached by a token: once, or once per item for multi-instance activities. */
export function executeElement(
  run: ScopeRun,
  el: FlowElement,
  executionId: string,
  origin?: TokenOrigin,
): Promise<Next> {
  if (el.multiInstance) return multiInstance(run, el, executionId);
  return executeOnce(run, el, executionId, run.vars, origin);
}

export async function executeOnce(
  run: ScopeRun,
  el: FlowElement,
  executionId: string,
  vars: VariableScope,
  origin?: TokenOrigin,
): Promise<Next> {
  switch (el.type) {
    case 'startEvent':
      return startEvent(run, el, executionId, vars);
    case 'endEvent':
      return endEvent(run, el, executionId, vars, origin);
    case 'userTask':
      return userTask(run, el, executionId, vars);
    case 'serviceTask':
      return serviceTask(run, el, executionId, vars);
    case 'callActivity':
      return callActivity(run, el, executionId, vars);
    case 'subProcess':
      return subProcess(run, el, executionId, vars);
    case 'exclusiveGateway':
      return exclusiveGateway(run, el);
    case 'parallelGateway':
      return { take: el.outgoing };
    case 'eventBasedGateway':
      return eventBasedGateway(run, el, executionId, vars);
    case 'intermediateCatchEvent':
      return intermediateCatch(run, el, executionId, vars);
    case 'intermediateThrowEvent':
      return intermediateThrow(run, el, executionId, vars, origin);
    case 'boundaryEvent':
      throw new Error(`boundary event ${el.id} cannot be reached by a sequence flow`);
  }
}
