import type { SubProcess } from '../../definition/types';
import { evaluateTemplate } from '../expression';
import type { Next, ScopeRun } from '../scope';
import type { VariableScope } from '../variables';

/**
 * An embedded sub-process runs its own scope with a child variable scope (input mappings become
 * its local variables). A terminate end inside ends only the sub-process. Escalations thrown
 * inside go to this element's escalation boundaries first.
 */
export async function subProcess(
  run: ScopeRun,
  el: SubProcess,
  executionId: string,
  vars: VariableScope,
): Promise<Next> {
  const values = vars.all();
  const local = el.inputs
    ? Object.fromEntries(
        Object.entries(el.inputs).map(([k, expr]) => [k, evaluateTemplate(expr, values)]),
      )
    : {};
  const inner = vars.child(local);
  const catcher = run.catchers.get(executionId) ?? run.catchEscalation;
  await run.child(el.scope, inner, catcher, [...run.path, el.id]).run();
  if (el.outputs) {
    const scope = inner.all();
    for (const [name, expr] of Object.entries(el.outputs))
      vars.set(name, evaluateTemplate(expr, scope));
  }
  return { take: run.outgoing(el) };
}
