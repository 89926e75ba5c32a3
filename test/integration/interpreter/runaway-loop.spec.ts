import { compileDefinitions, parseBpmn } from '../../../src/modules/process-definitions/bpmn';
import { compileBpmn } from '../../../src/modules/process-definitions/bpmn';
import { cancelSignal, retryIncidentUpdate } from '../../../src/workflows/interpreter/contract';
import { MAX_STEPS_PER_ACTIVATION } from '../../../src/workflows/interpreter/execution';
import { NO_WAIT_LOOP } from '../../support/no-wait-loop';
import { InterpreterHarness, OFFICE, TEST_ACTIVITIES } from './harness';

/**
 * A definition that loops without a wait state (issue 11, item 3), run with validation bypassed:
 * the interpreter stops it with an incident after MAX_STEPS_PER_ACTIVATION steps, the worker
 * keeps serving other instances, and cancel works.
 */
describe('interpreter: a loop without a wait state', () => {
  let h: InterpreterHarness;
  beforeAll(async () => {
    h = await new InterpreterHarness().start();
  });
  afterAll(() => h.close());

  it('is rejected by validation', async () => {
    const result = await compileBpmn(NO_WAIT_LOOP, { knownActivities: TEST_ACTIVITIES });
    expect(result.definition).toBeUndefined();
    expect(result.errors.find((e) => e.rule === 'cycle-without-wait-state')?.message).toContain(
      'join → split → join',
    );
  });

  it('bypassing validation, the instance gets an incident; the worker serves others; cancel ends it', async () => {
    const parsed = await parseBpmn(NO_WAIT_LOOP);
    const { definition } = compileDefinitions(parsed.definitions!);
    expect(definition).toBeDefined();
    h.definitions.set('no-wait-loop-1', {
      definitionId: 'no-wait-loop-1',
      key: 'no-wait-loop',
      version: 1,
      definition: definition!,
    });
    const loop = await h.run('no-wait-loop-1', { n: 1 });
    const incident = await h.until(
      () => h.incidents.find((i) => i.workflowId === loop.workflowId && !i.resolved),
      'step-limit incident',
      30_000,
    );
    expect(incident.message).toContain(String(MAX_STEPS_PER_ACTIVATION));
    expect(incident.message).toMatch(/等待状态/);
    expect(['join', 'split']).toContain(incident.elementId);
    const state = await h.state(loop);
    expect(state.status).toBe('incident');
    expect(state.incidents).toHaveLength(1);

    // The same worker still runs another instance to its end.
    const other = await h.run(await h.deploy('service-task'), { x: 2, y: 3 });
    const done = (await other.result()) as { status: string; variables: Record<string, unknown> };
    expect(done).toMatchObject({ status: 'completed', variables: { sum: 5, echoed: 5 } });

    // A retry runs another bounded round and stops again with a new incident.
    await loop.executeUpdate(retryIncidentUpdate, {
      args: [{ incidentId: state.incidents[0].incidentId, actor: OFFICE }],
    });
    await h.until(
      () => h.incidents.filter((i) => i.workflowId === loop.workflowId && !i.resolved).length === 2,
      'second step-limit incident',
      30_000,
    );

    await loop.signal(cancelSignal, { reason: '错误的流程定义', actor: OFFICE });
    const ended = (await loop.result()) as { status: string };
    expect(ended.status).toBe('cancelled');
  });
});
