/** Rules expression-syntax (everywhere) and undeclared-variable (when the process declares jc:variables). */
import type {
  CompiledDefinition,
  FlowElement,
  Scope,
  TimerSpec,
} from '../../../../workflows/definition/types';
import { ExpressionError, freeVariables } from '../../../../workflows/interpreter/expression';
import { err, warn, type Sink } from './sink';

interface ExpressionSite {
  elementId: string;
  what: string;
  src: string;
  mode: 'expression' | 'template';
}

function expressionSites(scopes: Scope[]): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  const add = (
    elementId: string,
    what: string,
    src: string | undefined,
    mode: ExpressionSite['mode'],
  ) => {
    if (src !== undefined) sites.push({ elementId, what, src, mode });
  };
  for (const scope of scopes) {
    for (const flow of Object.values(scope.flows))
      add(flow.id, 'condition', flow.condition, 'expression');
    for (const el of Object.values(scope.elements)) {
      for (const [name, value] of Object.entries(el.inputs ?? {}))
        add(el.id, `input ${name}`, value, 'template');
      for (const [name, value] of Object.entries(el.outputs ?? {}))
        add(el.id, `output ${name}`, value, 'template');
      if (el.multiInstance) {
        add(el.id, 'multi-instance collection', el.multiInstance.collection, 'expression');
        add(el.id, 'completionCondition', el.multiInstance.completionCondition, 'expression');
      }
      for (const timer of timersOf(el))
        add(el.id, `timer (${timer.kind})`, timer.value, 'template');
      if (el.type === 'userTask') {
        const a = el.assignment;
        add(el.id, 'jc:department', a.department, 'template');
        add(el.id, 'jc:role', a.role, 'template');
        add(el.id, 'jc:subject', el.subject, 'template');
        add(el.id, 'assignee', a.user, 'template');
        for (const g of a.candidateGroups ?? []) add(el.id, 'candidateGroups', g, 'template');
      }
      if ((el.type === 'endEvent' || el.type === 'intermediateThrowEvent') && el.escalation) {
        add(el.id, 'jc:target', el.escalation.target, 'template');
      }
    }
  }
  return sites;
}

function timersOf(el: FlowElement): TimerSpec[] {
  switch (el.type) {
    case 'startEvent':
    case 'intermediateCatchEvent':
      return el.timer ? [el.timer] : [];
    case 'boundaryEvent':
      return [...(el.timer ? [el.timer] : []), ...(el.cycle ? [el.cycle.every] : [])];
    case 'userTask':
      return [...(el.due ? [el.due] : []), ...(el.followUp ? [el.followUp] : [])];
    default:
      return [];
  }
}

/** Variables some element sets: multi-instance element/output variables, results, mappings, form fields. */
function engineSetVariables(scopes: Scope[]): Set<string> {
  const names = new Set<string>();
  for (const scope of scopes) {
    for (const el of Object.values(scope.elements)) {
      Object.keys(el.inputs ?? {}).forEach((n) => names.add(n));
      Object.keys(el.outputs ?? {}).forEach((n) => names.add(n));
      if (el.multiInstance) {
        names.add(el.multiInstance.elementVariable);
        if (el.multiInstance.outputCollection) names.add(el.multiInstance.outputCollection);
        if (el.multiInstance.outputElement) names.add(el.multiInstance.outputElement);
      }
      if (el.type === 'serviceTask' && el.resultVariable) names.add(el.resultVariable);
      if (el.type === 'userTask') {
        const props = el.form?.schema?.properties;
        if (props && typeof props === 'object') Object.keys(props).forEach((n) => names.add(n));
      }
    }
  }
  return names;
}

export function checkExpressions(
  definition: CompiledDefinition,
  scopes: Scope[],
  engineVariables: readonly string[],
  sink: Sink,
): void {
  const declaresVariables = definition.variables.length > 0;
  const declared = new Set([
    ...definition.variables,
    ...engineVariables,
    ...engineSetVariables(scopes),
  ]);
  for (const site of expressionSites(scopes)) {
    let names: string[];
    try {
      names = freeVariables(site.src, site.mode);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      err(sink, site.elementId, 'expression-syntax', `${site.what}: ${e.message}`);
      continue;
    }
    if (!declaresVariables) continue;
    for (const name of names.filter((n) => !declared.has(n))) {
      err(
        sink,
        site.elementId,
        'undeclared-variable',
        `${site.what} 使用了未声明的变量 uses undeclared variable "${name}" (declare it in jc:variables on the process)`,
      );
    }
  }
  if (!declaresVariables && definition.key) {
    warn(
      sink,
      definition.key,
      'undeclared-variable',
      '流程未声明 jc:variables，跳过变量检查 the process declares no jc:variables, so variable names are not checked',
    );
  }
}
