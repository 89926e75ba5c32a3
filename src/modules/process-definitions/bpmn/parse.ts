/**
 * Stage 1 of the BPMN pipeline: XML text → moddle tree (bpmn-moddle with our `jc:` extension and
 * the parts of Camunda's and Zeebe's extensions we read). Never throws: malformed XML becomes a
 * `parse-error` with line and column; moddle's warnings are sorted into errors (content it had
 * to drop, broken references, duplicate ids) and warnings (unknown attributes).
 */
import camundaPackage from '../../../../processes/moddle/camunda.json';
import jointcheckPackage from '../../../../processes/moddle/jointcheck.json';
import zeebePackage from '../../../../processes/moddle/zeebe.json';
import { FOREIGN_ATTRIBUTES, prefixesFor } from './extensions';
import { checkBpmnLimits } from './limits';
import { nativeRequire } from './native-require';
import type { BpmnIssue, ModdleElement } from './types';

// moved to types.ts (imported by the stages parse imports); still exported from here
export type { BpmnIssue, ModdleElement } from './types';

export interface ParseResult {
  /** The bpmn:Definitions root; absent when the XML could not be read at all. */
  definitions?: ModdleElement;
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

interface ModdleWarning {
  message: string;
  element?: ModdleElement;
  property?: string;
  value?: unknown;
}

interface BpmnModdleInstance {
  fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: ModdleWarning[] }>;
}

let moddle: BpmnModdleInstance | undefined;

function getModdle(): BpmnModdleInstance {
  if (!moddle) {
    const { BpmnModdle } = nativeRequire('bpmn-moddle') as {
      BpmnModdle: new (packages: Record<string, unknown>) => BpmnModdleInstance;
    };
    moddle = new BpmnModdle({
      jc: jointcheckPackage,
      camunda: camundaPackage,
      zeebe: zeebePackage,
    });
  }
  return moddle;
}

/** Reads BPMN 2.0 XML; see the module comment. */
export async function parseBpmn(xml: string): Promise<ParseResult> {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return failure('文件为空 the BPMN file is empty; expected BPMN 2.0 XML');
  }
  // Bounded input (see limits.ts), so a pasted file cannot exhaust the parser.
  const limit = checkBpmnLimits(xml);
  if (limit) return { errors: [limit], warnings: [] };
  let result: { rootElement: ModdleElement; warnings: ModdleWarning[] };
  try {
    result = await getModdle().fromXML(xml);
  } catch (e) {
    const err = e as Error & { warnings?: ModdleWarning[] };
    const first = [err, ...(err.warnings ?? [])].find((w) => /line: \d+/.test(w.message)) ?? err;
    return { errors: [toParseIssue(first.message)], warnings: [] };
  }
  const errors: BpmnIssue[] = [];
  const warnings: BpmnIssue[] = [];
  const foreign = foreignAttributeNames(result.rootElement);
  for (const w of result.warnings) {
    if (foreign.some((name) => w.message === `unknown attribute <${name}>`)) continue;
    const issue = classify(w);
    (issue.rule === 'unknown-attribute' ? warnings : errors).push(issue);
  }
  if (result.rootElement?.$type !== 'bpmn:Definitions') {
    errors.push({
      rule: 'parse-error',
      message: '根元素必须是 bpmn:definitions root element must be <bpmn:definitions>',
    });
    return { errors, warnings };
  }
  linkFlows(result.rootElement);
  return { definitions: result.rootElement, errors, warnings };
}

/**
 * Fills each node's `incoming`/`outgoing` from the sequence flows' sourceRef/targetRef, as
 * bpmn-js does on import: hand-written XML often omits <bpmn:incoming>/<bpmn:outgoing>, and
 * bpmnlint reads only those lists.
 */
function linkFlows(el: ModdleElement): void {
  for (const child of [...(el.rootElements ?? []), ...(el.flowElements ?? [])] as ModdleElement[]) {
    if (child.$type === 'bpmn:SequenceFlow') {
      addOnce(child.sourceRef, 'outgoing', child);
      addOnce(child.targetRef, 'incoming', child);
    } else if (child.flowElements) {
      linkFlows(child);
    }
  }
}

function addOnce(
  node: ModdleElement | undefined,
  list: 'incoming' | 'outgoing',
  flow: ModdleElement,
): void {
  if (!node || typeof node !== 'object') return;
  const items: ModdleElement[] = node.get ? node.get(list) : (node[list] ??= []);
  if (Array.isArray(items) && !items.includes(flow)) items.push(flow);
}

/** Qualified names (as written in this document) of the foreign attributes we read. */
function foreignAttributeNames(root: ModdleElement | undefined): string[] {
  return FOREIGN_ATTRIBUTES.flatMap(({ uri, name }) =>
    prefixesFor(root, uri).map((p) => `${p}:${name}`),
  );
}

function failure(message: string): ParseResult {
  return { errors: [{ rule: 'parse-error', message }], warnings: [] };
}

/** Moddle reports 0-based positions inside the message text; we report 1-based ones. */
function toParseIssue(raw: string): BpmnIssue {
  const m = /line: (\d+)\s+column: (\d+)/.exec(raw);
  const nested = /nested error: (.*)$/m.exec(raw)?.[1];
  const what = raw.split('\n')[0];
  const issue: BpmnIssue = {
    rule: 'parse-error',
    message: `XML 解析失败 malformed XML: ${nested ? `${nested} (${what})` : what}`,
  };
  if (m) {
    issue.line = Number(m[1]) + 1;
    issue.column = Number(m[2]) + 1;
    issue.message += ` at line ${issue.line}, column ${issue.column}`;
  }
  return issue;
}

function classify(w: ModdleWarning): BpmnIssue {
  const elementId = w.element?.id;
  if (/^unknown attribute/.test(w.message)) {
    return { elementId, rule: 'unknown-attribute', message: `未知属性 ${w.message} (ignored)` };
  }
  if (/^unresolved reference/.test(w.message)) {
    return { elementId, rule: 'unresolved-reference', message: `引用不存在 ${w.message}` };
  }
  if (/duplicate ID/i.test(w.message)) {
    return { elementId, rule: 'duplicate-id', message: `重复的 id ${w.message}` };
  }
  const issue = toParseIssue(w.message);
  return {
    ...issue,
    elementId,
    rule: /unknown type/.test(w.message) ? 'unsupported-element' : 'parse-error',
  };
}
