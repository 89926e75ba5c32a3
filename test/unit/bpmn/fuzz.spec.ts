import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileBpmn, type CompileBpmnResult } from '../../../src/modules/process-definitions/bpmn';
import { KNOWN_ACTIVITIES } from './bpmn-xml';

const FIXTURES = join(__dirname, '../../fixtures/bpmn');
const seeds = ['exclusive-gateway', 'escalation', 'camunda-modeler', 'working-day-timer'].map(
  (name) => readFileSync(join(FIXTURES, `${name}.bpmn`), 'utf8'),
);

/** The contract: a definition and no errors, or no definition and at least one clear error. */
function expectDefinitionOrErrors(result: CompileBpmnResult): void {
  if (result.definition) {
    expect(result.errors).toEqual([]);
    expect(JSON.parse(JSON.stringify(result.definition))).toEqual(result.definition);
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) {
      expect(typeof e.rule).toBe('string');
      expect(e.message.length).toBeGreaterThan(0);
    }
  }
}

const mutation = fc.oneof(
  // delete a slice
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  // insert random text
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ maxLength: 20 }),
  }),
  // insert XML-ish fragments
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '<',
      '>',
      '"',
      '</bpmn:process>',
      '<bpmn:task id="t"/>',
      ' id="start"',
      '${',
      '&',
      '<![CDATA[',
      'jc:workingDays="x"',
    ),
  }),
  // drop a whole attribute or element reference
  fc.record({
    kind: fc.constant('replace' as const),
    from: fc.constantFrom(
      'targetRef="',
      'sourceRef="',
      'jc:activity="',
      'default="',
      'escalationRef="',
      'attachedToRef="',
      'PT',
      '${',
    ),
    to: fc.constantFrom('', 'x', 'zz="', '${('),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(xml: string, m: Mutation): string {
  if (m.kind === 'replace') return xml.replace(m.from, m.to);
  const at = m.at % (xml.length + 1);
  if (m.kind === 'delete') return xml.slice(0, at) + xml.slice(at + m.length);
  return xml.slice(0, at) + m.text + xml.slice(at);
}

describe('property: mutated and malformed XML never crashes the compiler', () => {
  it('mutated fixtures give a definition or clear errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (seed, ms) => {
          const xml = ms.reduce(apply, seed);
          expectDefinitionOrErrors(await compileBpmn(xml, { knownActivities: KNOWN_ACTIVITIES }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('arbitrary strings give errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const result = await compileBpmn(text);
        expect(result.definition).toBeUndefined();
        expectDefinitionOrErrors(result);
      }),
      { numRuns: 100 },
    );
  });
});
