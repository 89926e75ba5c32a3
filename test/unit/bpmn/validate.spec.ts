import { BPMNLINT_RULES } from '../../../src/modules/process-definitions/bpmn';
import { ECHO, chain, compile, definitions } from './bpmn-xml';

const USER = '<bpmn:userTask id="u" jc:role="office" />';
const timerCatch = (attrs: string, inner = '') =>
  `<bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition ${attrs}>${inner}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
const gateway = (defaultAttr: string, second: string) =>
  definitions(
    `
    <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="g" ${defaultAttr}/>
    <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="g"/>
    <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="e1"><bpmn:conditionExpression>\${n &gt; 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e2">${second}</bpmn:sequenceFlow>`,
    { processAttrs: 'jc:variables="n"' },
  );
const SUB =
  '<bpmn:subProcess id="s"><bpmn:startEvent id="ss"/><bpmn:endEvent id="se"/><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/></bpmn:subProcess>';
const boundary = (host: string, hostId: string, def: string, roots = '') =>
  chain([host], {
    roots,
    extra: `<bpmn:boundaryEvent id="b" attachedToRef="${hostId}">${def}</bpmn:boundaryEvent><bpmn:endEvent id="e2"/><bpmn:sequenceFlow id="bf" sourceRef="b" targetRef="e2"/>`,
  });
const ESC_ROOT = '<bpmn:escalation id="Esc" escalationCode="LATE" />';
const ESC_DEF = '<bpmn:escalationEventDefinition escalationRef="Esc"/>';

/** start → join → [between] → split → back to join (condition) or end (default). */
const loop = (between: string[] = []) => {
  const ids = ['j', ...between.map((x) => /id="([^"]+)"/.exec(x)![1]), 's'];
  const inner = ids
    .slice(1)
    .map((id, i) => `<bpmn:sequenceFlow id="l${i}" sourceRef="${ids[i]}" targetRef="${id}"/>`)
    .join('');
  return definitions(
    `<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="j"/>${between.join('')}
    <bpmn:exclusiveGateway id="s" default="out"/><bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="in" sourceRef="start" targetRef="j"/>${inner}
    <bpmn:sequenceFlow id="back" sourceRef="s" targetRef="j"><bpmn:conditionExpression>\${n &gt; 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="out" sourceRef="s" targetRef="end"/>`,
    { processAttrs: 'jc:variables="n"' },
  );
};

/** [rule, element id the error names, failing XML, passing XML] */
const cases: Array<[string, string | undefined, string, string]> = [
  ['unsupported-element', 'x', chain(['<bpmn:scriptTask id="x" />']), chain([ECHO])],
  [
    'unsupported-element',
    'g',
    definitions(`<bpmn:startEvent id="start"/><bpmn:inclusiveGateway id="g"/><bpmn:endEvent id="end"/>
      <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="g"/><bpmn:sequenceFlow id="b" sourceRef="g" targetRef="end"/>`),
    chain([ECHO]),
  ],
  [
    'unsupported-element',
    't',
    chain([
      '<bpmn:serviceTask id="t" jc:activity="echo"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="xs" jc:inputElement="x"/></bpmn:serviceTask>',
    ]),
    chain([
      '<bpmn:userTask id="t" jc:role="office"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="xs" jc:inputElement="x"/></bpmn:userTask>',
    ]),
  ],
  [
    'missing-attribute',
    't',
    chain(['<bpmn:serviceTask id="t" />']),
    chain(['<bpmn:serviceTask id="t" jc:activity="echo" />']),
  ],
  ['missing-attribute', 'u', chain(['<bpmn:userTask id="u" />']), chain([USER])],
  [
    'missing-attribute',
    'c',
    chain(['<bpmn:callActivity id="c" />']),
    chain(['<bpmn:callActivity id="c" calledElement="child" />']),
  ],
  [
    'missing-attribute',
    'u',
    chain([
      '<bpmn:userTask id="u" jc:role="office"><bpmn:multiInstanceLoopCharacteristics jc:inputElement="x"/></bpmn:userTask>',
    ]),
    chain([
      '<bpmn:userTask id="u" jc:role="office"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="xs" jc:inputElement="x"/></bpmn:userTask>',
    ]),
  ],
  ['missing-attribute', 'w', chain([timerCatch('')]), chain([timerCatch('jc:workingDays="1"')])],
  [
    'conflicting-attributes',
    'w',
    chain([timerCatch('jc:workingDays="1"', '<bpmn:timeDuration>PT1S</bpmn:timeDuration>')]),
    chain([timerCatch('', '<bpmn:timeDuration>PT1S</bpmn:timeDuration>')]),
  ],
  [
    'conflicting-attributes',
    'u',
    chain(['<bpmn:userTask id="u" jc:role="office" jc:dueWorkingDays="2" jc:dueDuration="P2D" />']),
    chain(['<bpmn:userTask id="u" jc:role="office" jc:dueWorkingDays="2" />']),
  ],
  [
    'timer-cycle-placement',
    'w',
    chain([timerCatch('', '<bpmn:timeCycle>R3/PT1S</bpmn:timeCycle>')]),
    boundary(
      USER,
      'u',
      '<bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition>',
    ).replace('<bpmn:boundaryEvent id="b"', '<bpmn:boundaryEvent id="b" cancelActivity="false"'),
  ],
  [
    'bad-duration',
    'w',
    chain([timerCatch('', '<bpmn:timeDuration>P2WD</bpmn:timeDuration>')]),
    chain([timerCatch('', '<bpmn:timeDuration>P2D</bpmn:timeDuration>')]),
  ],
  [
    'bad-duration',
    'w',
    chain([timerCatch('jc:workingDays="2.5"')]),
    chain([timerCatch('jc:workingDays="2"')]),
  ],
  [
    'bad-duration',
    'w',
    chain([timerCatch('', '<bpmn:timeDate>2030-02-30</bpmn:timeDate>')]),
    chain([timerCatch('', '<bpmn:timeDate>2030-02-28</bpmn:timeDate>')]),
  ],
  [
    'bad-duration',
    'b',
    boundary(
      USER,
      'u',
      '<bpmn:timerEventDefinition><bpmn:timeCycle>every 5 minutes</bpmn:timeCycle></bpmn:timerEventDefinition>',
    ).replace('id="b"', 'id="b" cancelActivity="false"'),
    boundary(
      USER,
      'u',
      '<bpmn:timerEventDefinition><bpmn:timeCycle>R/PT5M</bpmn:timeCycle></bpmn:timerEventDefinition>',
    ).replace('id="b"', 'id="b" cancelActivity="false"'),
  ],
  [
    'bad-duration',
    't',
    chain(['<bpmn:serviceTask id="t" jc:activity="echo" jc:timeout="30s" />']),
    chain(['<bpmn:serviceTask id="t" jc:activity="echo" jc:timeout="PT30S" />']),
  ],
  [
    'bad-duration',
    'u',
    chain(['<bpmn:userTask id="u" jc:role="office" jc:dueDuration="P1M" />']),
    chain(['<bpmn:userTask id="u" jc:role="office" jc:dueDuration="P30D" />']),
  ],
  [
    'bad-attribute',
    't',
    chain(['<bpmn:serviceTask id="t" jc:activity="echo" jc:retryMaxAttempts="many" />']),
    chain(['<bpmn:serviceTask id="t" jc:activity="echo" jc:retryMaxAttempts="3" />']),
  ],
  [
    'bad-form-schema',
    'u',
    chain([
      '<bpmn:userTask id="u" jc:role="office"><bpmn:extensionElements><jc:formSchema>{not json</jc:formSchema></bpmn:extensionElements></bpmn:userTask>',
    ]),
    chain([
      '<bpmn:userTask id="u" jc:role="office"><bpmn:extensionElements><jc:formSchema>{"type":"object"}</jc:formSchema></bpmn:extensionElements></bpmn:userTask>',
    ]),
  ],
  [
    'flow-to-nowhere',
    'f1',
    chain([ECHO])
      .replace('targetRef="end"', 'targetRef="x"')
      .replace(
        '<bpmn:endEvent id="end" />',
        '<bpmn:endEvent id="end" /><bpmn:scriptTask id="x" />',
      ),
    chain([ECHO]),
  ],
  [
    'condition-placement',
    'f1',
    chain([ECHO]).replace(
      '<bpmn:sequenceFlow id="f1" sourceRef="t" targetRef="end" />',
      '<bpmn:sequenceFlow id="f1" sourceRef="t" targetRef="end"><bpmn:conditionExpression>${true}</bpmn:conditionExpression></bpmn:sequenceFlow>',
    ),
    chain([ECHO]),
  ],
  [
    'unreachable-node',
    'lost',
    chain([ECHO], {
      extra:
        '<bpmn:serviceTask id="lost" jc:activity="echo"/><bpmn:sequenceFlow id="lf" sourceRef="lost" targetRef="end"/>',
    }),
    chain([ECHO]),
  ],
  [
    'gateway-default-required',
    'g',
    gateway('', '<bpmn:conditionExpression>${n &lt;= 1}</bpmn:conditionExpression>'),
    gateway('default="f2"', ''),
  ],
  ['gateway-flow-condition', 'f2', gateway('', ''), gateway('default="f2"', '')],
  [
    'event-gateway-target',
    't',
    definitions(
      `<bpmn:startEvent id="start"/><bpmn:eventBasedGateway id="eg"/><bpmn:serviceTask id="t" jc:activity="echo"/>
      <bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
      <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="eg"/><bpmn:sequenceFlow id="b" sourceRef="eg" targetRef="t"/>
      <bpmn:sequenceFlow id="c" sourceRef="eg" targetRef="m"/><bpmn:sequenceFlow id="d" sourceRef="t" targetRef="e1"/>
      <bpmn:sequenceFlow id="e" sourceRef="m" targetRef="e2"/>`,
      { roots: '<bpmn:message id="M" name="go"/>' },
    ),
    definitions(
      `<bpmn:startEvent id="start"/><bpmn:eventBasedGateway id="eg"/>
      <bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
      <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="eg"/><bpmn:sequenceFlow id="b" sourceRef="eg" targetRef="t"/>
      <bpmn:sequenceFlow id="c" sourceRef="eg" targetRef="m"/><bpmn:sequenceFlow id="d" sourceRef="t" targetRef="e1"/>
      <bpmn:sequenceFlow id="e" sourceRef="m" targetRef="e2"/>`,
      { roots: '<bpmn:message id="M" name="go"/>' },
    ),
  ],
  [
    'boundary-attachment',
    'b',
    boundary(USER, 'u', ESC_DEF, ESC_ROOT),
    boundary(SUB, 's', ESC_DEF, ESC_ROOT),
  ],
  [
    'unknown-activity',
    't',
    chain(['<bpmn:serviceTask id="t" jc:activity="sendFax" />']),
    chain([ECHO]),
  ],
  [
    'expression-syntax',
    'u',
    chain(['<bpmn:userTask id="u" jc:department="${dept +}" />'], {
      processAttrs: 'jc:variables="dept"',
    }),
    chain(['<bpmn:userTask id="u" jc:department="${dept}" />'], {
      processAttrs: 'jc:variables="dept"',
    }),
  ],
  [
    'expression-syntax',
    'g',
    chain([
      '<bpmn:userTask id="g" jc:role="office"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="now()" jc:inputElement="x"/></bpmn:userTask>',
    ]),
    chain([
      '<bpmn:userTask id="g" jc:role="office"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="list" jc:inputElement="x"/></bpmn:userTask>',
    ]),
  ],
  [
    'undeclared-variable',
    'u',
    chain(['<bpmn:userTask id="u" jc:department="${dept}" />'], {
      processAttrs: 'jc:variables="department"',
    }),
    chain(['<bpmn:userTask id="u" jc:department="${dept}" />'], {
      processAttrs: 'jc:variables="dept"',
    }),
  ],
  [
    'undeclared-variable',
    'f1',
    gateway('default="f2"', '').replace('jc:variables="n"', 'jc:variables="m"'),
    gateway('default="f2"', ''),
  ],
  [
    'undeclared-variable',
    't2',
    chain(
      [
        '<bpmn:serviceTask id="t1" jc:activity="add" />',
        '<bpmn:serviceTask id="t2" jc:activity="echo"><bpmn:extensionElements><jc:input name="value" value="${sum}"/></bpmn:extensionElements></bpmn:serviceTask>',
      ],
      { processAttrs: 'jc:variables="x"' },
    ),
    // a result variable counts as declared
    chain(
      [
        '<bpmn:serviceTask id="t1" jc:activity="add" jc:result="sum" />',
        '<bpmn:serviceTask id="t2" jc:activity="echo"><bpmn:extensionElements><jc:input name="value" value="${sum}"/></bpmn:extensionElements></bpmn:serviceTask>',
      ],
      { processAttrs: 'jc:variables="x"' },
    ),
  ],
  [
    'undeclared-variable',
    'u2',
    chain(
      [
        '<bpmn:userTask id="u1" jc:role="office" />',
        '<bpmn:userTask id="u2" jc:department="${approvedBy}" />',
      ],
      {
        processAttrs: 'jc:variables="x"',
      },
    ),
    // a field of an inline form schema counts as declared
    chain(
      [
        '<bpmn:userTask id="u1" jc:role="office"><bpmn:extensionElements><jc:formSchema>{"type":"object","properties":{"approvedBy":{"type":"string"}}}</jc:formSchema></bpmn:extensionElements></bpmn:userTask>',
        '<bpmn:userTask id="u2" jc:department="${approvedBy}" />',
      ],
      { processAttrs: 'jc:variables="x"' },
    ),
  ],
  [
    'undeclared-variable',
    'u',
    chain(['<bpmn:userTask id="u" jc:department="${item.dept}" />'], {
      processAttrs: 'jc:variables="xs"',
    }),
    // the element variable of a multi-instance counts as declared
    chain(
      [
        '<bpmn:userTask id="u" jc:department="${item.dept}"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="xs" jc:inputElement="item"/></bpmn:userTask>',
      ],
      {
        processAttrs: 'jc:variables="xs"',
      },
    ),
  ],
  [
    'process-required',
    'defs',
    definitions('').replace(/<bpmn:process[\s\S]*<\/bpmn:process>/, ''),
    chain([ECHO]),
  ],
  [
    'duplicate-id',
    undefined,
    chain([ECHO, '<bpmn:serviceTask id="t" jc:activity="add" />']),
    chain([ECHO, '<bpmn:serviceTask id="t2" jc:activity="add" />']),
  ],
  [
    'unresolved-reference',
    'f1',
    chain([ECHO]).replace('targetRef="end"', 'targetRef="nowhere"'),
    chain([ECHO]),
  ],
  ['cycle-without-wait-state', 'j', loop(), loop([USER])],
  [
    'cycle-without-wait-state',
    'j',
    loop(['<bpmn:intermediateThrowEvent id="x"/>']),
    loop(['<bpmn:serviceTask id="x" jc:activity="echo"/>']),
  ],
  [
    'cycle-without-wait-state',
    'j',
    loop([timerCatch('', '<bpmn:timeDuration>PT0S</bpmn:timeDuration>')]),
    loop([timerCatch('', '<bpmn:timeDuration>PT1S</bpmn:timeDuration>')]),
  ],
  [
    'cycle-without-wait-state',
    'j',
    loop([
      '<bpmn:userTask id="u" jc:role="office"><bpmn:multiInstanceLoopCharacteristics jc:inputCollection="n" jc:inputElement="x"/></bpmn:userTask>',
    ]),
    loop([timerCatch('jc:workingDays="\\${n}"')]),
  ],
  [
    'cycle-without-wait-state',
    'j',
    loop([
      '<bpmn:subProcess id="sp"><bpmn:startEvent id="ss"/><bpmn:endEvent id="se"/><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/></bpmn:subProcess>',
    ]),
    loop([
      '<bpmn:subProcess id="sp"><bpmn:startEvent id="ss"/><bpmn:userTask id="su" jc:role="office"/><bpmn:endEvent id="se"/><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="su"/><bpmn:sequenceFlow id="sf2" sourceRef="su" targetRef="se"/></bpmn:subProcess>',
    ]),
  ],
  [
    'bpmnlint/no-implicit-split',
    't',
    chain([ECHO], {
      extra: '<bpmn:endEvent id="e2"/><bpmn:sequenceFlow id="x" sourceRef="t" targetRef="e2"/>',
    }),
    chain([ECHO]),
  ],
  [
    'bpmnlint/start-event-required',
    'p',
    definitions('<bpmn:serviceTask id="t" jc:activity="echo"/>'),
    chain([ECHO]),
  ],
];

describe('validation rules', () => {
  it.each(cases)(
    '%s on %s: fails the bad case, passes the good one',
    async (rule, elementId, bad, good) => {
      const failing = await compile(bad);
      expect(failing.definition).toBeUndefined();
      const hit = failing.errors.find((e) => e.rule === rule);
      expect(hit).toBeDefined();
      if (elementId) expect(hit?.elementId).toBe(elementId);
      expect(hit?.message.length).toBeGreaterThan(10);

      const passing = await compile(good);
      expect(passing.errors).toEqual([]);
      expect(passing.definition).toBeDefined();
    },
  );

  it('a cycle without a wait state is named element by element, with an escalation boundary loop too', async () => {
    const result = await compile(loop(['<bpmn:intermediateThrowEvent id="x"/>']));
    const hit = result.errors.find((e) => e.rule === 'cycle-without-wait-state');
    expect(hit?.message).toContain('j → x → s → j');
    expect(hit?.message).toMatch(/等待状态/);
    // sub-process without a wait → interrupting escalation boundary → back into the sub-process
    const sub = await compile(
      definitions(
        `<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="j"/>
        <bpmn:subProcess id="sp"><bpmn:startEvent id="ss"/><bpmn:endEvent id="se">${ESC_DEF}</bpmn:endEvent><bpmn:sequenceFlow id="sf" sourceRef="ss" targetRef="se"/></bpmn:subProcess>
        <bpmn:boundaryEvent id="b" attachedToRef="sp"><bpmn:escalationEventDefinition escalationRef="Esc"/></bpmn:boundaryEvent>
        <bpmn:endEvent id="end"/>
        <bpmn:sequenceFlow id="in" sourceRef="start" targetRef="j"/><bpmn:sequenceFlow id="a" sourceRef="j" targetRef="sp"/>
        <bpmn:sequenceFlow id="b2" sourceRef="b" targetRef="j"/><bpmn:sequenceFlow id="out" sourceRef="sp" targetRef="end"/>`,
        { roots: ESC_ROOT },
      ),
    );
    const loopHit = sub.errors.find((e) => e.rule === 'cycle-without-wait-state');
    expect(loopHit?.message).toContain('b → j → sp → b');
  });

  it('every error names its rule and, when about an element, the element id', async () => {
    const result = await compile(
      chain(['<bpmn:serviceTask id="t" />', '<bpmn:scriptTask id="x" />']),
    );
    for (const e of result.errors) {
      expect(e.rule).toMatch(/^[a-z/-]+$/);
      expect(typeof e.message).toBe('string');
    }
    expect(result.errors.map((e) => e.elementId)).toEqual(expect.arrayContaining(['t', 'x']));
  });
});

describe('warnings', () => {
  it('warns about an unknown role without failing', async () => {
    const result = await compile(chain(['<bpmn:userTask id="u" jc:role="mayor" />']));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'unknown-role', elementId: 'u' })]),
    );
  });

  it('warns about unknown jc attributes', async () => {
    const result = await compile(
      chain(['<bpmn:serviceTask id="t" jc:activity="echo" jc:activty="typo" />']),
    );
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'unknown-attribute', elementId: 't' }),
      ]),
    );
  });

  it('skips the variable check with a warning when the process declares no variables', async () => {
    const result = await compile(chain(['<bpmn:userTask id="u" jc:department="${anything}" />']));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'undeclared-variable', elementId: 'p' }),
      ]),
    );
  });

  it('downgrades bpmnlint label-required and no-bpmndi to warnings', async () => {
    expect(BPMNLINT_RULES['label-required']).toBe('warn');
    const result = await compile(chain([ECHO]));
    expect(result.errors).toEqual([]);
    const rules = result.warnings.map((w) => w.rule);
    expect(rules).toEqual(
      expect.arrayContaining(['bpmnlint/label-required', 'bpmnlint/no-bpmndi']),
    );
  });

  it('accepts the known activities as any iterable and lists them in the error', async () => {
    const { compileBpmn } = await import('../../../src/modules/process-definitions/bpmn');
    const result = await compileBpmn(chain(['<bpmn:serviceTask id="t" jc:activity="nope" />']), {
      knownActivities: new Set(['echo', 'add']),
    });
    expect(result.errors[0]).toMatchObject({ rule: 'unknown-activity', elementId: 't' });
    expect(result.errors[0].message).toContain('add, echo');
  });
});
