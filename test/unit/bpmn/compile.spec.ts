import type { FlowElement } from '../../../src/workflows/definition/types';
import { COMPILED_FORMAT_VERSION } from '../../../src/workflows/definition/types';
import { chain, compile, definitions } from './bpmn-xml';

async function element(xml: string, id: string): Promise<FlowElement> {
  const result = await compile(xml);
  expect(result.errors).toEqual([]);
  const el = result.definition?.root.elements[id];
  if (!el) throw new Error(`no element ${id}`);
  return el;
}

describe('compile: process', () => {
  it('produces a flat JSON-serialisable graph with declared variables and reminders', async () => {
    const xml = chain(['<bpmn:serviceTask id="t" jc:activity="echo" />'], {
      processAttrs: 'name="测试" jc:variables="a, b" jc:reminderDays="2,1"',
    });
    const { definition } = await compile(xml);
    expect(definition).toMatchObject({
      formatVersion: COMPILED_FORMAT_VERSION,
      key: 'p',
      name: '测试',
      variables: ['a', 'b'],
      reminders: { workingDaysBefore: [2, 1] },
    });
    expect(definition?.root.startIds).toEqual(['start']);
    expect(definition?.root.flows.f0).toEqual({
      id: 'f0',
      sourceId: 'start',
      targetId: 't',
      isDefault: false,
    });
    expect(definition?.root.elements.t).toMatchObject({
      incoming: ['f0'],
      outgoing: ['f1'],
      boundary: [],
    });
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });

  it('picks the executable process of a collaboration', async () => {
    const xml = definitions(
      '<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/>',
      {
        roots: '<bpmn:process id="other" isExecutable="false" />',
      },
    );
    const result = await compile(xml);
    expect(result.errors).toEqual([]);
    expect(result.definition?.key).toBe('p');
  });
});

describe('compile: events', () => {
  it('start event with a timer', async () => {
    const xml = chain([], {}).replace(
      '<bpmn:startEvent id="start" />',
      '<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>',
    );
    expect(await element(xml, 'start')).toMatchObject({
      type: 'startEvent',
      timer: { kind: 'duration', value: 'PT1S' },
    });
  });

  it('terminate end event', async () => {
    const xml = chain([]).replace(
      '<bpmn:endEvent id="end" />',
      '<bpmn:endEvent id="end"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
    );
    expect(await element(xml, 'end')).toMatchObject({ type: 'endEvent', terminate: true });
  });

  it.each([
    ['<bpmn:timeDuration>PT3S</bpmn:timeDuration>', '', { kind: 'duration', value: 'PT3S' }],
    [
      '<bpmn:timeDate>2030-01-02</bpmn:timeDate>',
      'jc:nextWorkingDay="true"',
      { kind: 'date', value: '2030-01-02', nextWorkingDay: true },
    ],
    ['', 'jc:workingDays="2"', { kind: 'workingDays', value: '2' }],
    ['', 'jc:workingDays="${confirmDays}"', { kind: 'workingDays', value: '${confirmDays}' }],
  ])('intermediate timer catch %s %s', async (inner, attrs, timer) => {
    const xml = chain(
      [
        `<bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition ${attrs}>${inner}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
      ],
      { processAttrs: 'jc:variables="confirmDays"' },
    );
    expect(await element(xml, 'w')).toEqual(
      expect.objectContaining({ type: 'intermediateCatchEvent', timer }),
    );
  });

  it('intermediate message catch uses the message name', async () => {
    const xml = chain(
      [
        '<bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>',
      ],
      { roots: '<bpmn:message id="Msg" name="docsIn" />' },
    );
    expect(await element(xml, 'm')).toMatchObject({
      type: 'intermediateCatchEvent',
      message: 'docsIn',
    });
  });

  it('escalation throw with target and rule, end event with escalation', async () => {
    const roots =
      '<bpmn:escalation id="Esc" name="逾期" escalationCode="LATE" jc:target="${initiatingDept}" jc:rule="NX 23" />';
    const xml = chain(
      [
        '<bpmn:intermediateThrowEvent id="th"><bpmn:escalationEventDefinition escalationRef="Esc" /></bpmn:intermediateThrowEvent>',
      ],
      { roots, processAttrs: 'jc:variables="initiatingDept"' },
    ).replace(
      '<bpmn:endEvent id="end" />',
      '<bpmn:endEvent id="end"><bpmn:escalationEventDefinition escalationRef="Esc" jc:target="office" /></bpmn:endEvent>',
    );
    expect(await element(xml, 'th')).toMatchObject({
      type: 'intermediateThrowEvent',
      escalation: { code: 'LATE', target: '${initiatingDept}', rule: 'NX 23', name: '逾期' },
    });
    expect(await element(xml, 'end')).toMatchObject({
      type: 'endEvent',
      terminate: false,
      escalation: { code: 'LATE', target: 'office' },
    });
  });

  it('intermediate none throw event passes through', async () => {
    const xml = chain(['<bpmn:intermediateThrowEvent id="th" />']);
    expect(await element(xml, 'th')).toMatchObject({ type: 'intermediateThrowEvent' });
  });
});

const userTask = '<bpmn:userTask id="u" jc:role="office" />';
const boundaryFlows =
  '<bpmn:endEvent id="e2" /><bpmn:sequenceFlow id="bf" sourceRef="b" targetRef="e2" />';

describe('compile: boundary events', () => {
  it('interrupting timer', async () => {
    const xml = chain([userTask], {
      extra: `<bpmn:boundaryEvent id="b" attachedToRef="u"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${boundaryFlows}`,
    });
    expect(await element(xml, 'b')).toMatchObject({
      type: 'boundaryEvent',
      attachedTo: 'u',
      cancelActivity: true,
      timer: { kind: 'duration', value: 'PT2S' },
    });
    expect(await element(xml, 'u')).toMatchObject({ boundary: ['b'] });
  });

  it.each([
    [
      '<bpmn:timeCycle>R3/PT1S</bpmn:timeCycle>',
      '',
      { repetitions: 3, every: { kind: 'duration', value: 'PT1S' } },
    ],
    [
      '<bpmn:timeCycle>R/PT10M</bpmn:timeCycle>',
      '',
      { every: { kind: 'duration', value: 'PT10M' } },
    ],
    [
      '',
      'jc:workingDays="1" jc:repeat="R2"',
      { repetitions: 2, every: { kind: 'workingDays', value: '1' } },
    ],
    [
      '<bpmn:timeDuration>PT5S</bpmn:timeDuration>',
      'jc:repeat="R"',
      { every: { kind: 'duration', value: 'PT5S' } },
    ],
  ])('non-interrupting repeating reminder %s %s', async (inner, attrs, cycle) => {
    const xml = chain([userTask], {
      extra: `<bpmn:boundaryEvent id="b" attachedToRef="u" cancelActivity="false"><bpmn:timerEventDefinition ${attrs}>${inner}</bpmn:timerEventDefinition></bpmn:boundaryEvent>${boundaryFlows}`,
    });
    const b = await element(xml, 'b');
    expect(b).toMatchObject({ cancelActivity: false });
    expect(b.type === 'boundaryEvent' && b.cycle).toEqual(cycle);
  });

  it('escalation catch on a sub-process, with and without a code', async () => {
    const sub = `<bpmn:subProcess id="s"><bpmn:startEvent id="ss"/><bpmn:endEvent id="se"/><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/></bpmn:subProcess>`;
    const roots = '<bpmn:escalation id="Esc" escalationCode="LATE" />';
    const withCode = chain([sub], {
      roots,
      extra: `<bpmn:boundaryEvent id="b" attachedToRef="s" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Esc"/></bpmn:boundaryEvent>${boundaryFlows}`,
    });
    expect(await element(withCode, 'b')).toMatchObject({
      escalationCode: 'LATE',
      cancelActivity: false,
    });
    const anyCode = withCode.replace('escalationRef="Esc"', '');
    expect(await element(anyCode, 'b')).toMatchObject({ escalationCode: null });
  });

  it('message boundary', async () => {
    const xml = chain([userTask], {
      roots: '<bpmn:message id="M" name="withdraw" />',
      extra: `<bpmn:boundaryEvent id="b" attachedToRef="u"><bpmn:messageEventDefinition messageRef="M"/></bpmn:boundaryEvent>${boundaryFlows}`,
    });
    expect(await element(xml, 'b')).toMatchObject({ message: 'withdraw', cancelActivity: true });
  });
});

describe('compile: tasks', () => {
  it('user task with jc assignment, due working days, form name and reminders', async () => {
    const xml = chain(
      [
        '<bpmn:userTask id="u" name="确认" jc:department="${dept}" jc:role="dept_officer" jc:user="${owner}" jc:dueWorkingDays="3" jc:form="confirm" jc:reminderDays="1,0" />',
      ],
      { processAttrs: 'jc:variables="dept,owner"' },
    );
    expect(await element(xml, 'u')).toMatchObject({
      type: 'userTask',
      name: '确认',
      assignment: { department: '${dept}', role: 'dept_officer', user: '${owner}' },
      due: { kind: 'workingDays', value: '3' },
      form: { name: 'confirm' },
      reminders: { workingDaysBefore: [1, 0] },
    });
  });

  it.each([
    ['jc:dueDuration="P2D"', { kind: 'duration', value: 'P2D' }],
    [
      'jc:dueDate="2030-03-31" jc:dueNextWorkingDay="true"',
      { kind: 'date', value: '2030-03-31', nextWorkingDay: true },
    ],
    [
      'camunda:dueDate="2030-03-31T17:00:00+08:00"',
      { kind: 'date', value: '2030-03-31T17:00:00+08:00' },
    ],
  ])('user task due %s', async (attrs, due) => {
    const xml = chain([`<bpmn:userTask id="u" jc:role="office" ${attrs} />`]);
    expect(await element(xml, 'u')).toMatchObject({ due });
  });

  it('user task with an inline JSON-schema form', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };
    const xml = chain([
      `<bpmn:userTask id="u" jc:role="office"><bpmn:extensionElements><jc:formSchema>${JSON.stringify(schema)}</jc:formSchema></bpmn:extensionElements></bpmn:userTask>`,
    ]);
    expect(await element(xml, 'u')).toMatchObject({ form: { schema } });
  });

  it('service task with activity, result, retry policy, timeout and mappings', async () => {
    const xml = chain(
      [
        `<bpmn:serviceTask id="t" jc:activity="add" jc:result="sum" jc:retryMaxAttempts="5" jc:retryInitialInterval="PT1S" jc:retryBackoff="2" jc:retryMaxInterval="PT1M" jc:timeout="PT30S">
          <bpmn:extensionElements><jc:input name="a" value="\${x}" /><jc:input name="b" value="\${2}" /><jc:output name="total" value="\${sum}" /></bpmn:extensionElements>
        </bpmn:serviceTask>`,
      ],
      { processAttrs: 'jc:variables="x"' },
    );
    expect(await element(xml, 't')).toMatchObject({
      type: 'serviceTask',
      activity: 'add',
      resultVariable: 'sum',
      retry: {
        maximumAttempts: 5,
        initialInterval: 'PT1S',
        backoffCoefficient: 2,
        maximumInterval: 'PT1M',
      },
      timeout: 'PT30S',
      inputs: { a: '${x}', b: '${2}' },
      outputs: { total: '${sum}' },
    });
  });

  it('call activity with version', async () => {
    const xml = chain(['<bpmn:callActivity id="c" calledElement="child" jc:calledVersion="2" />']);
    expect(await element(xml, 'c')).toMatchObject({
      type: 'callActivity',
      calledKey: 'child',
      calledVersion: 2,
    });
  });

  it('embedded sub-process has its own scope', async () => {
    const xml = chain([
      `<bpmn:subProcess id="s"><bpmn:startEvent id="ss"/><bpmn:serviceTask id="inner" jc:activity="echo"/><bpmn:endEvent id="se"/>
        <bpmn:sequenceFlow id="s1" sourceRef="ss" targetRef="inner"/><bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="se"/></bpmn:subProcess>`,
    ]);
    const s = await element(xml, 's');
    if (s.type !== 'subProcess') throw new Error('not a sub-process');
    expect(s.scope.startIds).toEqual(['ss']);
    expect(Object.keys(s.scope.elements).sort()).toEqual(['inner', 'se', 'ss']);
    expect(s.scope.flows.s2).toMatchObject({ sourceId: 'inner', targetId: 'se' });
  });
});

describe('compile: gateways', () => {
  it('exclusive gateway with default flow and conditions', async () => {
    const xml = definitions(
      `
      <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g" default="fd"/>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
      <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="g"/>
      <bpmn:sequenceFlow id="fc" sourceRef="g" targetRef="e1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${n &gt; 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="fd" sourceRef="g" targetRef="e2"/>`,
      { processAttrs: 'jc:variables="n"' },
    );
    const { definition } = await compile(xml);
    expect(definition?.root.elements.g).toMatchObject({
      type: 'exclusiveGateway',
      defaultFlow: 'fd',
      outgoing: ['fc', 'fd'],
    });
    expect(definition?.root.flows.fc).toMatchObject({ condition: '${n > 1}', isDefault: false });
    expect(definition?.root.flows.fd).toMatchObject({ isDefault: true });
  });

  it('parallel fork/join and event-based gateway', async () => {
    const xml = definitions(
      `
      <bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/><bpmn:parallelGateway id="join"/>
      <bpmn:eventBasedGateway id="eg"/>
      <bpmn:intermediateCatchEvent id="msg"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="tm"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/><bpmn:endEvent id="e3"/>
      <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="fork"/>
      <bpmn:serviceTask id="t1" jc:activity="echo"/><bpmn:serviceTask id="t2" jc:activity="echo"/>
      <bpmn:sequenceFlow id="b" sourceRef="fork" targetRef="t1"/>
      <bpmn:sequenceFlow id="c" sourceRef="fork" targetRef="t2"/>
      <bpmn:sequenceFlow id="b2" sourceRef="t1" targetRef="join"/>
      <bpmn:sequenceFlow id="c2" sourceRef="t2" targetRef="join"/>
      <bpmn:sequenceFlow id="d" sourceRef="join" targetRef="eg"/>
      <bpmn:sequenceFlow id="e" sourceRef="eg" targetRef="msg"/>
      <bpmn:sequenceFlow id="f" sourceRef="eg" targetRef="tm"/>
      <bpmn:sequenceFlow id="g" sourceRef="msg" targetRef="e1"/>
      <bpmn:sequenceFlow id="h" sourceRef="tm" targetRef="e2"/>`,
      { roots: '<bpmn:message id="M" name="go"/>' },
    ).replace('<bpmn:endEvent id="e3"/>', '');
    const result = await compile(xml);
    expect(result.errors).toEqual([]);
    expect(result.definition?.root.elements.fork).toMatchObject({
      type: 'parallelGateway',
      outgoing: ['b', 'c'],
    });
    expect(result.definition?.root.elements.join).toMatchObject({
      type: 'parallelGateway',
      incoming: ['b2', 'c2'],
    });
    expect(result.definition?.root.elements.eg).toMatchObject({
      type: 'eventBasedGateway',
      outgoing: ['e', 'f'],
    });
  });
});

describe('compile: multi-instance', () => {
  it.each([
    [
      '<bpmn:multiInstanceLoopCharacteristics jc:inputCollection="${depts}" jc:inputElement="dept" jc:outputCollection="rs" jc:outputElement="${ok}" jc:batchSize="10" />',
      {
        collection: '${depts}',
        elementVariable: 'dept',
        isSequential: false,
        outputCollection: 'rs',
        outputElement: '${ok}',
        batchSize: 10,
      },
    ],
    [
      '<bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="depts" camunda:elementVariable="dept"><bpmn:completionCondition>${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>',
      {
        collection: 'depts',
        elementVariable: 'dept',
        isSequential: true,
        completionCondition: '${nrOfCompletedInstances >= 2}',
      },
    ],
    [
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=depts" inputElement="dept" outputCollection="rs" outputElement="=ok"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
      {
        collection: '=depts',
        elementVariable: 'dept',
        outputCollection: 'rs',
        outputElement: '=ok',
      },
    ],
    [
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>',
      { collection: '3', elementVariable: 'item' },
    ],
  ])('user task %#', async (loop, spec) => {
    const xml = chain([`<bpmn:userTask id="u" jc:department="\${dept}">${loop}</bpmn:userTask>`], {
      processAttrs: 'jc:variables="depts,ok,dept"',
    });
    expect((await element(xml, 'u')).multiInstance).toMatchObject(spec);
  });

  it('call activity and sub-process', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics jc:inputCollection="${xs}" jc:inputElement="x" />';
    const xml = chain(
      [
        `<bpmn:callActivity id="c" calledElement="child">${loop}</bpmn:callActivity>`,
        `<bpmn:subProcess id="s">${loop}<bpmn:startEvent id="ss"/><bpmn:endEvent id="se"/><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/></bpmn:subProcess>`,
      ],
      { processAttrs: 'jc:variables="xs"' },
    );
    expect((await element(xml, 'c')).multiInstance).toMatchObject({
      collection: '${xs}',
      elementVariable: 'x',
    });
    expect((await element(xml, 's')).multiInstance).toMatchObject({
      collection: '${xs}',
      elementVariable: 'x',
    });
  });
});

describe('compile: Camunda and Zeebe attributes', () => {
  it('reads Camunda 7 assignment, dates, form, external topic, result and input parameters', async () => {
    const xml = chain([
      '<bpmn:userTask id="u" camunda:assignee="${who}" camunda:candidateGroups="office, market" camunda:dueDate="2030-01-01" camunda:followUpDate="2029-12-31" camunda:formKey="f" camunda:asyncBefore="true" />',
      `<bpmn:serviceTask id="t" camunda:type="external" camunda:topic="echo" camunda:resultVariable="r">
        <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="value">\${who}</camunda:inputParameter><camunda:outputParameter name="copy">\${r}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>
      </bpmn:serviceTask>`,
    ]);
    const result = await compile(xml);
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.rule === 'unknown-attribute')).toEqual([]);
    expect(result.definition?.root.elements.u).toMatchObject({
      assignment: { user: '${who}', candidateGroups: ['office', 'market'] },
      due: { kind: 'date', value: '2030-01-01' },
      followUp: { kind: 'date', value: '2029-12-31' },
      form: { name: 'f' },
    });
    expect(result.definition?.root.elements.t).toMatchObject({
      activity: 'echo',
      resultVariable: 'r',
      inputs: { value: '${who}' },
      outputs: { copy: '${r}' },
    });
  });

  it('reads Zeebe task definition, assignment, schedule, form, io mapping and called element', async () => {
    const xml = chain([
      `<bpmn:userTask id="u"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="=who" candidateGroups="office"/><zeebe:taskSchedule dueDate="2030-01-01" followUpDate="2029-12-01"/><zeebe:formDefinition formKey="k"/></bpmn:extensionElements></bpmn:userTask>`,
      `<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="add" retries="4"/><zeebe:ioMapping><zeebe:input source="=1" target="a"/><zeebe:output source="=r" target="out"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`,
      `<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="child"/></bpmn:extensionElements></bpmn:callActivity>`,
    ]);
    const result = await compile(xml);
    expect(result.errors).toEqual([]);
    expect(result.definition?.root.elements.u).toMatchObject({
      assignment: { user: '=who', candidateGroups: ['office'] },
      due: { kind: 'date', value: '2030-01-01' },
      followUp: { kind: 'date', value: '2029-12-01' },
      form: { name: 'k' },
    });
    expect(result.definition?.root.elements.t).toMatchObject({
      activity: 'add',
      retry: { maximumAttempts: 4 },
      inputs: { a: '=1' },
      outputs: { out: '=r' },
    });
    expect(result.definition?.root.elements.c).toMatchObject({ calledKey: 'child' });
  });
});
