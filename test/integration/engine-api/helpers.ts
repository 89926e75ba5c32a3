import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from '../../support/test-app';

export const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../fixtures/bpmn', `${name}.bpmn`), 'utf8');

/** A minimal valid process with the given key and name (names differ → different XML). */
export function processXml(key: string, name: string, body = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:jc="http://jointcheck.gov.cn/schema/bpmn/1.0" id="d_${key}" targetNamespace="http://jointcheck.gov.cn/bpmn/test">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${body}
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The shared polling helper (test/support/poll.ts), here for the files that import it from here. */
export { until } from '../../support/poll';

export async function tokens(t: TestApp, ...users: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const u of users) out[u] = await t.login(u);
  return out;
}
