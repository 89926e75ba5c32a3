import { compileBpmn, parseBpmn } from '../../../src/modules/process-definitions/bpmn';
import { ECHO, chain } from './bpmn-xml';

describe('parseBpmn', () => {
  it('reports malformed XML as a parse-error with 1-based line and column', async () => {
    const xml = [
      '<?xml version="1.0"?>',
      '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">',
      '  <bpmn:process id="p">',
      '    <bpmn:task id="t" </bpmn:process>',
      '</bpmn:definitions>',
    ].join('\n');
    const result = await parseBpmn(xml);
    expect(result.definitions).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    // the unclosed <bpmn:task on line 4 swallows </bpmn:process>; the mismatch shows at line 5
    expect(result.errors[0]).toMatchObject({ rule: 'parse-error', line: 5, column: 1 });
    expect(result.errors[0].message).toMatch(/closing tag mismatch.*line 5, column 1/);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['not xml at all', /malformed XML/],
    ['<foo/>', /./],
    [
      '<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="p"/>',
      /unexpected element <bpmn:process>/,
    ],
  ])('rejects %j with a parse error', async (xml, message) => {
    const result = await parseBpmn(xml);
    expect(result.definitions).toBeUndefined();
    expect(result.errors[0].rule).toBe('parse-error');
    expect(result.errors[0].message).toMatch(message);
  });

  it('rejects oversized input before parsing', async () => {
    const result = await parseBpmn('<a>' + 'x'.repeat(2 * 1024 * 1024) + '</a>');
    expect(result.errors[0].message).toMatch(/exceeds/);
  });

  it('reports an unknown BPMN element as unsupported with its position', async () => {
    const xml = chain([ECHO]).replace(
      '<bpmn:endEvent id="end" />',
      '<bpmn:endEvent id="end" /><bpmn:fooTask id="z" />',
    );
    const result = await compileBpmn(xml);
    const issue = result.errors.find((e) => e.rule === 'unsupported-element');
    expect(issue?.message).toMatch(/fooTask/);
    expect(issue?.line).toBeGreaterThan(1);
  });

  it('parses a valid document without errors', async () => {
    const result = await parseBpmn(chain([ECHO]));
    expect(result.errors).toEqual([]);
    expect(result.definitions?.$type).toBe('bpmn:Definitions');
  });
});
