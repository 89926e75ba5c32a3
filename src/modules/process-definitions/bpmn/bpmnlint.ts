/**
 * bpmnlint's recommended rules over the moddle tree (stage 3 of the pipeline, next to our own
 * rules in rules/). Issues carry the rule id prefixed `bpmnlint/`.
 */
import { nativeRequire } from './native-require';
import type { Sink } from './rules/sink';
import type { BpmnIssue, ModdleElement } from './types';

/**
 * bpmnlint's recommended rules, as we apply them. Changed from `recommended`:
 * - label-required → warn: a nameless gateway or event runs fine; task names are still shown.
 * - no-bpmndi → warn: definitions generated in code have no diagram and still run.
 * - no-inclusive-gateway, no-complex-gateway → off: our `unsupported-element` rule reports them.
 */
export const BPMNLINT_RULES: Record<string, 'error' | 'warn' | 'off'> = {
  'ad-hoc-sub-process': 'error',
  'conditional-flows': 'error',
  'end-event-required': 'error',
  'event-based-gateway': 'error',
  'event-sub-process-typed-start-event': 'error',
  'fake-join': 'warn',
  global: 'warn',
  'label-required': 'warn',
  'link-event': 'error',
  'no-bpmndi': 'warn',
  'no-complex-gateway': 'off',
  'no-disconnected': 'error',
  'no-duplicate-sequence-flows': 'error',
  'no-gateway-join-fork': 'error',
  'no-implicit-split': 'error',
  'no-implicit-end': 'error',
  'no-implicit-start': 'error',
  'no-inclusive-gateway': 'off',
  'no-overlapping-elements': 'warn',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'start-event-required': 'error',
  'sub-process-blank-start-event': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-label': 'warn',
  'superfluous-termination': 'warn',
};

interface LintReport {
  id?: string;
  message: string;
  category: string;
}

interface BpmnlintLinter {
  lint(root: ModdleElement, config: unknown): Promise<Record<string, LintReport[]>>;
}

let ruleCache: Record<string, unknown> | undefined;

/**
 * bpmnlint's Linter over its bundled rules, via a static resolver (no .bpmnlintrc needed).
 * A fresh Linter per run: some rules (no-duplicate-sequence-flows) keep state in their
 * instance, and the Linter caches instances.
 */
function createLinter(): BpmnlintLinter {
  const { Linter } = nativeRequire('bpmnlint') as {
    Linter: new (options: { resolver: unknown }) => BpmnlintLinter;
  };
  const StaticResolver = nativeRequire('bpmnlint/lib/resolver/static-resolver') as new (
    cache: Record<string, unknown>,
  ) => unknown;
  if (!ruleCache) {
    ruleCache = {};
    for (const [name, level] of Object.entries(BPMNLINT_RULES)) {
      if (level !== 'off')
        ruleCache[`rule:bpmnlint/${name}`] = nativeRequire(`bpmnlint/rules/${name}`);
    }
  }
  return new Linter({ resolver: new StaticResolver(ruleCache) });
}

/**
 * Runs the bpmnlint rules of BPMNLINT_RULES over a parsed definitions root. With `processId`,
 * only reports on that process and its elements are kept: other pools of a collaboration are
 * documentation (e.g. an external participant) and are never run.
 */
export async function lintWithBpmnlint(
  definitions: ModdleElement,
  processId?: string,
): Promise<Sink> {
  const sink: Sink = { errors: [], warnings: [] };
  const process = (definitions.rootElements ?? []).find(
    (e: ModdleElement) => e.$type === 'bpmn:Process' && e.id === processId,
  );
  const inScope = process ? idsWithin(process) : undefined;
  const rules = Object.fromEntries(
    Object.entries(BPMNLINT_RULES).filter(([, level]) => level !== 'off'),
  );
  const results = await createLinter().lint(definitions, { rules });
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (
        inScope &&
        report.id &&
        !inScope.has(report.id) &&
        isOtherProcessElement(definitions, report.id)
      ) {
        continue;
      }
      const issue: BpmnIssue = {
        elementId: report.id,
        rule: `bpmnlint/${rule}`,
        message: report.message,
      };
      (report.category === 'error' || report.category === 'rule-error'
        ? sink.errors
        : sink.warnings
      ).push(issue);
    }
  }
  return sink;
}

function idsWithin(el: ModdleElement, ids = new Set<string>()): Set<string> {
  if (el.id) ids.add(el.id);
  for (const child of (el.flowElements ?? []) as ModdleElement[]) idsWithin(child, ids);
  return ids;
}

/** True when the id belongs to another bpmn:Process (or its elements) of the same file. */
function isOtherProcessElement(definitions: ModdleElement, id: string): boolean {
  return (definitions.rootElements ?? []).some(
    (e: ModdleElement) => e.$type === 'bpmn:Process' && idsWithin(e).has(id),
  );
}
