/**
 * Stage 3 of the BPMN pipeline: checks before deploy. Our rules run over the compiled graph
 * (so they see exactly what the interpreter will run); bpmnlint's recommended rules run over the
 * moddle tree. Every issue names the element id and the rule id (ours plain, bpmnlint's prefixed
 * `bpmnlint/`). The rule list with examples is in docs/bpmn.md ("Validation rules").
 *
 * Our rules live one per file in rules/ (named by rule id; flows.ts holds flow-to-nowhere and
 * condition-placement, expressions.ts expression-syntax and undeclared-variable, bad-duration.ts
 * every duration check); bpmnlint's configuration and runner in bpmnlint.ts.
 */
import type { CompiledDefinition, Scope } from '../../../workflows/definition/types';
import { lintWithBpmnlint } from './bpmnlint';
import { checkServiceTaskDurations, checkTimers } from './rules/bad-duration';
import { checkBoundary } from './rules/boundary-attachment';
import { checkCyclesWait } from './rules/cycle-without-wait-state';
import { checkEventGateway } from './rules/event-gateway-target';
import { checkExpressions } from './rules/expressions';
import { checkFlows } from './rules/flows';
import { checkGateway } from './rules/gateway-default-required';
import type { Sink } from './rules/sink';
import { checkUnknownActivity } from './rules/unknown-activity';
import { checkUserTask } from './rules/unknown-role';
import { checkReachability } from './rules/unreachable-node';
import type { BpmnIssue, ModdleElement } from './types';
import { ENGINE_VARIABLES } from '../../../workflows/shared/engine-variables';
import { BUSINESS_ROLES } from '../../../workflows/shared/task-roles';

export { BPMNLINT_RULES, lintWithBpmnlint } from './bpmnlint';
export { timerProblem } from './rules/bad-duration';
export { isWaitState } from './rules/cycle-without-wait-state';

export interface ValidationResult {
  valid: boolean;
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

export interface ValidateOptions {
  /** Names of the registered activities; when given, service tasks must use one of them. */
  knownActivities?: Iterable<string>;
  /** Variables the engine sets itself; defaults to ENGINE_VARIABLES. */
  engineVariables?: readonly string[];
}

/**
 * Variables the interpreter provides without the definition declaring them (multi-instance
 * counters, the business key, the initiator, the start date): src/workflows/shared/engine-variables.ts.
 */
export { ENGINE_VARIABLES };

/** Roles a user task may name in jc:role: the business roles (src/workflows/shared/task-roles.ts). */
export const KNOWN_ROLES: readonly string[] = BUSINESS_ROLES;

/** Runs our rules and bpmnlint; `definitions` is the parsed root the definition came from. */
export async function validateDefinition(
  definitions: ModdleElement,
  definition: CompiledDefinition,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const ours = checkDefinition(definition, options);
  const lint = await lintWithBpmnlint(definitions, definition.key);
  const errors = [...ours.errors, ...lint.errors];
  const warnings = [...ours.warnings, ...lint.warnings];
  return { valid: errors.length === 0, errors, warnings };
}

/** Our rules only (synchronous; no bpmnlint). */
export function checkDefinition(
  definition: CompiledDefinition,
  options: ValidateOptions = {},
): Sink {
  const sink: Sink = { errors: [], warnings: [] };
  const known = options.knownActivities ? new Set(options.knownActivities) : undefined;
  const scopes = allScopes(definition.root);
  for (const scope of scopes) {
    checkFlows(scope, sink);
    checkReachability(scope, sink);
    checkCyclesWait(scope, sink);
    for (const el of Object.values(scope.elements)) {
      checkGateway(scope, el, sink);
      checkEventGateway(scope, el, sink);
      checkBoundary(scope, el, sink);
      checkTimers(el, sink);
      checkUnknownActivity(el, known, sink);
      checkServiceTaskDurations(el, sink);
      checkUserTask(el, KNOWN_ROLES, sink);
    }
  }
  checkExpressions(definition, scopes, options.engineVariables ?? ENGINE_VARIABLES, sink);
  return sink;
}

function allScopes(scope: Scope): Scope[] {
  const nested = Object.values(scope.elements).flatMap((el) =>
    el.type === 'subProcess' ? allScopes(el.scope) : [],
  );
  return [scope, ...nested];
}
