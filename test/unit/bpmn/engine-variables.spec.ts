import { ENGINE_VARIABLES as VALIDATOR_ENGINE_VARIABLES } from '../../../src/modules/process-definitions/bpmn/validate';
import {
  ENGINE_VARIABLES,
  instanceVariables,
  shanghaiDate,
  withoutInstanceVariables,
} from '../../../src/workflows/shared/engine-variables';
import { chain, compile } from './bpmn-xml';

describe('engine variables (declared and seeded in one module)', () => {
  it('the validator declares exactly what the engine module declares', () => {
    expect(VALIDATOR_ENGINE_VARIABLES).toBe(ENGINE_VARIABLES);
  });

  it('today is the Asia/Shanghai calendar date of the start', () => {
    expect(shanghaiDate(Date.parse('2025-03-03T15:59:59.999Z'))).toBe('2025-03-03');
    expect(shanghaiDate(Date.parse('2025-03-03T16:00:00Z'))).toBe('2025-03-04');
    expect(shanghaiDate(Date.parse('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
  });

  it('seeds businessKey (or null), initiator (the starter’s username) and today', () => {
    const start = Date.parse('2025-03-03T02:00:00Z');
    expect(instanceVariables({ businessKey: 'BK', startedBy: { username: 'u' } }, start)).toEqual({
      businessKey: 'BK',
      initiator: 'u',
      today: '2025-03-03',
    });
    expect(instanceVariables({ startedBy: { username: 'u' } }, start).businessKey).toBeNull();
  });

  it('a child’s instance variables are not copied back over the parent’s', () => {
    expect(
      withoutInstanceVariables({ a: 1, today: 'x', initiator: 'y', businessKey: 'z' }),
    ).toEqual({
      a: 1,
    });
  });

  it('a definition reads them without declaring them', async () => {
    const result = await compile(
      chain(
        [
          `<bpmn:serviceTask id="t" jc:activity="echo"><bpmn:extensionElements><jc:input name="value" value="\${today + initiator + (businessKey ?? '')}" /></bpmn:extensionElements></bpmn:serviceTask>`,
        ],
        { processAttrs: 'jc:variables="x"' },
      ),
    );
    expect(result.errors).toEqual([]);
  });
});
