import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BPMN_MAX_BYTES,
  BPMN_MAX_ELEMENTS,
  checkBpmnLimits,
  compileBpmn,
  LIMIT_RULE,
} from '../../../src/modules/process-definitions/bpmn';
import { capIssues, countXmlElements } from '../../../src/modules/process-definitions/bpmn/limits';
import {
  compileBpmnIsolated,
  TIME_LIMIT_RULE,
} from '../../../src/modules/process-definitions/bpmn/isolated';
import { chain, definitions, ECHO, KNOWN_ACTIVITIES } from './bpmn-xml';

/** `n` unconnected tasks: about 22 bytes each, like the 1.4 MB / 60,000-element attack file. */
const manyElements = (n: number) =>
  definitions(Array.from({ length: n }, (_, i) => `<bpmn:task id="a${i}"/>`).join(''));

describe('BPMN size limits', () => {
  it('leaves the shipped processes far below the limits', () => {
    for (const file of ['joint-inspection.bpmn', 'joint-inspection-target.bpmn']) {
      const xml = readFileSync(join(__dirname, '../../../processes', file), 'utf8');
      expect(checkBpmnLimits(xml)).toBeNull();
      expect(countXmlElements(xml)).toBeLessThan(BPMN_MAX_ELEMENTS / 10);
    }
  });

  it('counts start tags only', () => {
    expect(countXmlElements('<?xml version="1.0"?><!-- c --><a><b/><c></c></a>')).toBe(3);
  });

  it('refuses 60,000 elements before parsing, naming the limit', async () => {
    const started = Date.now();
    const result = await compileBpmn(manyElements(60_000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].rule).toBe(LIMIT_RULE);
    expect(result.errors[0].message).toContain(String(BPMN_MAX_ELEMENTS));
  });

  it('refuses a file over 2 MB (in UTF-8 bytes), naming the limit', async () => {
    const xml = chain([ECHO], { extra: `<!-- ${'检'.repeat(BPMN_MAX_BYTES / 3 + 10)} -->` });
    expect(xml.length).toBeLessThan(BPMN_MAX_BYTES);
    const result = await compileBpmn(xml);
    expect(result.errors[0]).toMatchObject({ rule: LIMIT_RULE });
    expect(result.errors[0].message).toMatch(/2 MB/);
  });

  it('reports at most 200 issues and counts the rest (no stack overflow on thousands)', async () => {
    const result = await compileBpmn(manyElements(BPMN_MAX_ELEMENTS - 100));
    expect(result.errors).toHaveLength(201);
    expect(result.errors[200].rule).toBe('more-issues');
    expect(capIssues([])).toEqual([]);
  });
});

describe('compileBpmnIsolated (worker thread)', () => {
  it('checks several definitions at once, in turn', async () => {
    const xmls = ['a', 'b', 'c'].map((id) => chain([ECHO], { processId: id }));
    const results = await Promise.all(
      xmls.map((xml) => compileBpmnIsolated(xml, { knownActivities: KNOWN_ACTIVITIES })),
    );
    expect(results.map((r) => r.definition?.key)).toEqual(['a', 'b', 'c']);
  });

  it('compiles a valid definition like compileBpmn', async () => {
    const xml = chain([ECHO]);
    const isolated = await compileBpmnIsolated(xml, { knownActivities: KNOWN_ACTIVITIES });
    const direct = await compileBpmn(xml, { knownActivities: KNOWN_ACTIVITIES });
    expect(isolated.errors).toEqual([]);
    expect(isolated.definition).toEqual(JSON.parse(JSON.stringify(direct.definition)));
  });

  it('reports the errors of an invalid definition', async () => {
    const result = await compileBpmnIsolated(
      chain(['<bpmn:serviceTask id="t" jc:activity="nope" />']),
      {
        knownActivities: KNOWN_ACTIVITIES,
      },
    );
    expect(result.definition).toBeUndefined();
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('refuses oversized input without starting a worker', async () => {
    const result = await compileBpmnIsolated(manyElements(60_000));
    expect(result.errors[0].rule).toBe(LIMIT_RULE);
  });

  it('stops a worker that exceeds its time limit', async () => {
    const result = await compileBpmnIsolated(manyElements(BPMN_MAX_ELEMENTS - 100), {}, 1);
    expect(result.errors).toEqual([expect.objectContaining({ rule: TIME_LIMIT_RULE })]);
  });

  it('keeps the event loop free while a large definition is checked', async () => {
    // (runs after the stopped worker above: a fresh one takes over)
    const job = compileBpmnIsolated(manyElements(BPMN_MAX_ELEMENTS - 100));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const result = await job;
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(3);
    expect(result.errors[0].rule).toBe('unsupported-element');
  });
});
