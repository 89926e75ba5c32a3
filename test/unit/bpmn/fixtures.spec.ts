import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn } from '../../../src/modules/process-definitions/bpmn';

const DIR = join(__dirname, '../../fixtures/bpmn');
const KNOWN = ['echo', 'fail', 'add'];

describe('test fixtures', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.bpmn'));

  it.each(files)('%s compiles without errors or warnings', async (file) => {
    const result = await compileBpmn(readFileSync(join(DIR, file), 'utf8'), {
      knownActivities: KNOWN,
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.rule !== 'undeclared-variable')).toEqual([]);
    expect(result.definition?.key).toBe(file.replace(/\.bpmn$/, ''));
    expect(JSON.parse(JSON.stringify(result.definition))).toEqual(result.definition);
  });
});
