/** Builders of small BPMN documents for the bpmn unit tests (no diagram unless asked). */
import { compileBpmn, type CompileBpmnResult } from '../../../src/modules/process-definitions/bpmn';

export const KNOWN_ACTIVITIES = ['echo', 'fail', 'add'];

export interface DocOptions {
  processAttrs?: string;
  roots?: string;
  processId?: string;
}

export function definitions(body: string, options: DocOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:jc="http://jointcheck.gov.cn/schema/bpmn/1.0"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="defs" targetNamespace="http://jointcheck.gov.cn/bpmn/test">
  ${options.roots ?? ''}
  <bpmn:process id="${options.processId ?? 'p'}" isExecutable="true" ${options.processAttrs ?? ''}>
    ${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/**
 * start → each node in turn → end, with flows f0…fn. Each node is an element whose opening tag
 * starts with `<bpmn:x id="…"`.
 */
export function chain(nodes: string[], options: DocOptions & { extra?: string } = {}): string {
  const ids = ['start', ...nodes.map(idOf), 'end'];
  const flows = ids
    .slice(1)
    .map((id, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${id}" />`)
    .join('\n');
  return definitions(
    `<bpmn:startEvent id="start" />\n${nodes.join('\n')}\n<bpmn:endEvent id="end" />\n${flows}\n${options.extra ?? ''}`,
    options,
  );
}

function idOf(node: string): string {
  const m = /id="([^"]+)"/.exec(node);
  if (!m) throw new Error(`node without id: ${node}`);
  return m[1];
}

export function compile(
  xml: string,
  knownActivities: string[] = KNOWN_ACTIVITIES,
): Promise<CompileBpmnResult> {
  return compileBpmn(xml, { knownActivities });
}

/** Rules of the errors, for compact assertions. */
export function rules(result: CompileBpmnResult): string[] {
  return result.errors.map((e) => e.rule);
}

export const ECHO = '<bpmn:serviceTask id="t" jc:activity="echo" />';
