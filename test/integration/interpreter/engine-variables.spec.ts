import { compileBpmn } from '../../../src/modules/process-definitions/bpmn';
import {
  ENGINE_VARIABLES,
  INSTANCE_VARIABLES,
  ITERATION_VARIABLES,
  shanghaiDate,
} from '../../../src/workflows/shared/engine-variables';
import { InterpreterHarness, TEST_ACTIVITIES } from './harness';

/**
 * The engine variables the validator lets a definition read undeclared (ENGINE_VARIABLES) are
 * really there at run time: businessKey, initiator and today in every started instance's root
 * scope (a called child's too), the multi-instance counters in each iteration.
 */
const xml = (id: string, body: string, variables = 'x') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:jc="http://jointcheck.gov.cn/schema/bpmn/1.0" id="d-${id}" targetNamespace="http://jointcheck.gov.cn/bpmn/test">
  <bpmn:process id="${id}" isExecutable="true" jc:variables="${variables}">
    <bpmn:startEvent id="start" />
    ${body}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t" />
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('engine variables', () => {
  let h: InterpreterHarness;
  beforeAll(async () => {
    h = await new InterpreterHarness().start();
  });
  afterAll(() => h.close());

  async function deploy(source: string): Promise<string> {
    const result = await compileBpmn(source, { knownActivities: TEST_ACTIVITIES });
    expect(result.errors).toEqual([]);
    const definitionId = `${result.definition!.key}-${h.definitions.size + 1}`;
    h.definitions.set(definitionId, {
      definitionId,
      key: result.definition!.key,
      version: 1,
      definition: result.definition!,
    });
    return definitionId;
  }

  const result = async (handle: { result(): Promise<unknown> }) =>
    (await handle.result()) as { status: string; variables: Record<string, any> };

  it('declares the instance variables and the multi-instance counters, nothing else', () => {
    expect([...ENGINE_VARIABLES].sort()).toEqual(
      [...INSTANCE_VARIABLES, ...ITERATION_VARIABLES].sort(),
    );
  });

  it('every instance variable is in a started instance root scope, and expressions read them', async () => {
    const id = await deploy(
      xml(
        'engine-vars',
        `<bpmn:serviceTask id="t" jc:activity="echo" jc:result="seen">
           <bpmn:extensionElements>
             <jc:input name="value" value="\${businessKey + ' ' + initiator + ' ' + today}" />
           </bpmn:extensionElements>
         </bpmn:serviceTask>`,
      ),
    );
    // A start variable of the same name does not override the engine's.
    const handle = await h.run(id, { x: 1, today: '1999-01-01', initiator: 'someone' }, 'BK-1');
    const done = await result(handle);
    const started = (await handle.describe()).startTime.getTime();
    const today = shanghaiDate(started);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const name of INSTANCE_VARIABLES) expect(Object.keys(done.variables)).toContain(name);
    expect(done.variables).toMatchObject({
      businessKey: 'BK-1',
      initiator: 'SCJGJ-user',
      today,
      seen: `BK-1 SCJGJ-user ${today}`,
    });
    await h.recordHistory(handle, 'engine-variables');
  });

  it('without a business key, businessKey is null', async () => {
    const id = await deploy(
      xml(
        'engine-vars-nokey',
        `<bpmn:serviceTask id="t" jc:activity="echo" jc:result="seen">
           <bpmn:extensionElements>
             <jc:input name="value" value="\${businessKey ?? 'none'}" />
           </bpmn:extensionElements>
         </bpmn:serviceTask>`,
      ),
    );
    const done = await result(await h.run(id, {}));
    expect(done.variables).toMatchObject({ businessKey: null, seen: 'none' });
  });

  it('a called child has them too (its parent’s initiator and business key), and the parent keeps its own', async () => {
    await deploy(
      xml(
        'engine-vars-callee',
        `<bpmn:serviceTask id="t" jc:activity="echo" jc:result="childSeen">
           <bpmn:extensionElements>
             <jc:input name="value" value="\${initiator + '/' + businessKey + '/' + today}" />
           </bpmn:extensionElements>
         </bpmn:serviceTask>`,
      ),
    );
    const id = await deploy(
      xml('engine-vars-caller', `<bpmn:callActivity id="t" calledElement="engine-vars-callee" />`),
    );
    const handle = await h.run(id, {}, 'BK-2');
    const done = await result(handle);
    const today = shanghaiDate((await handle.describe()).startTime.getTime());
    expect(done.variables).toMatchObject({
      businessKey: 'BK-2',
      initiator: 'SCJGJ-user',
      today,
    });
    expect(done.variables.childSeen).toMatch(/^SCJGJ-user\/BK-2\/\d{4}-\d{2}-\d{2}$/);
  });
});
