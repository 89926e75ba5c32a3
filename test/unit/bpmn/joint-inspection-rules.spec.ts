import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownServiceActivities } from '../../../src/activities';
import {
  checkJointInspection,
  checkJointInspectionTarget,
} from '../../../src/modules/inspection/definition-rules';
import { CONFIRM_WORKING_DAYS } from '../../../src/modules/inspection/inspection.service';
import { compileBpmn } from '../../../src/modules/process-definitions/bpmn';

const SHIPPED = readFileSync(join(__dirname, '../../../processes/joint-inspection.bpmn'), 'utf8');

async function rules(xml: string) {
  const result = await compileBpmn(xml, { knownActivities: knownServiceActivities() });
  expect(result.errors).toEqual([]);
  return checkJointInspection(result.definition!, { confirmDays: CONFIRM_WORKING_DAYS });
}

/** The shipped definition with the three escalation timers shortened (as the escalation test does). */
function withTimer(xml: string, id: string, definition: string): string {
  const timer = new RegExp(
    `<bpmn:timerEventDefinition id="${id}"[\\s\\S]*?(/>|</bpmn:timerEventDefinition>)`,
  );
  if (!timer.test(xml)) throw new Error(`timer ${id} not found`);
  return xml.replace(timer, definition.replace('ID', id));
}
const duration = (d: string) =>
  `<bpmn:timerEventDefinition id="ID"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${d}</bpmn:timeDuration></bpmn:timerEventDefinition>`;

describe('joint-inspection rules (NX 23, NX 27, HN 22) on a new version', () => {
  it('accepts the shipped definition', async () => {
    expect(await rules(SHIPPED)).toEqual([]);
  });

  it('accepts timers shortened for drills (2 s), and a literal 1 or 2 working days to confirm', async () => {
    let fast = SHIPPED;
    for (const id of ['confirmLate_timer', 'publishLate_timer', 'penaltyLate_timer'])
      fast = withTimer(fast, id, duration('PT2S'));
    expect(await rules(fast)).toEqual([]);
    expect(await rules(SHIPPED.replace(/="\$\{confirmDays\}"/g, '="1"'))).toEqual([]);
  });

  it('refuses confirmation due in 200 working days, naming the task, the boundary and NX 23', async () => {
    const issues = await rules(SHIPPED.replace(/="\$\{confirmDays\}"/g, '="200"'));
    expect(issues.map((i) => [i.elementId, i.rule])).toEqual([
      ['confirm', 'statutory-timer'],
      ['confirm', 'statutory-timer'],
    ]);
    expect(issues[0].message).toContain('NX 23');
    expect(issues[0].message).toContain('2 个工作日');
    expect(issues[0].message).toContain('200');
    expect(issues[1].message).toContain('confirmLate');
  });

  it('refuses an expression that computes past the bound, and a long duration', async () => {
    const expr = await rules(SHIPPED.replace(/="\$\{confirmDays\}"/g, '="${confirmDays * 100}"'));
    expect(expr.some((i) => i.elementId === 'confirm' && i.message.includes('200'))).toBe(true);
    const long = await rules(withTimer(SHIPPED, 'confirmLate_timer', duration('P3D')));
    expect(long.map((i) => i.elementId)).toEqual(['confirm']);
  });

  it('refuses a publication or penalty timer other than the computed deadline', async () => {
    const literal = `<bpmn:timerEventDefinition id="ID"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2099-12-31</bpmn:timeDate></bpmn:timerEventDefinition>`;
    const pub = await rules(withTimer(SHIPPED, 'publishLate_timer', literal));
    expect(pub.map((i) => i.elementId)).toEqual(['publishResults']);
    expect(pub[0].message).toContain('NX 27');
    const pen = await rules(
      SHIPPED.replace('jc:dueDate="${penaltyDue}"', 'jc:dueDate="2099-12-31"'),
    );
    expect(pen.map((i) => i.elementId)).toEqual(['publishPenalty']);
    expect(pen[0].message).toContain('HN 22');
  });

  it('refuses a definition without the step, without the escalation, or writing a deadline variable', async () => {
    const noEscalation = await rules(
      SHIPPED.replace(/<bpmn:escalationEventDefinition id="reportConfirmLate_def"[^>]*\/>/, ''),
    );
    expect(noEscalation.map((i) => i.elementId)).toEqual(['confirm']);
    const overwrite = await rules(
      SHIPPED.replace(
        '<jc:input name="target" value="${target}" />',
        '<jc:input name="target" value="${target}" /><jc:output name="publishDue" value="2099-12-31" />',
      ),
    );
    expect(overwrite).toEqual([
      expect.objectContaining({ elementId: 'inspect', rule: 'reserved-variable' }),
    ]);
    const noStep = await rules(SHIPPED.replace('jc:form="ji-penalty-info"', 'jc:form="ji-other"'));
    expect(noStep.map((i) => [i.elementId, i.rule])).toEqual([
      ['joint-inspection', 'statutory-step-missing'],
    ]);
  });
});

describe('joint-inspection-target rules', () => {
  const TARGET = readFileSync(
    join(__dirname, '../../../processes/joint-inspection-target.bpmn'),
    'utf8',
  );
  const check = async (xml: string) => {
    const result = await compileBpmn(xml, { knownActivities: knownServiceActivities() });
    expect(result.errors).toEqual([]);
    return checkJointInspectionTarget(result.definition!);
  };

  it('accepts the shipped per-target process and refuses one without the form step', async () => {
    expect(await check(TARGET)).toEqual([]);
    const issues = await check(TARGET.replace('jc:form="ji-inspection-form"', 'jc:form="other"'));
    expect(issues).toEqual([
      expect.objectContaining({
        elementId: 'joint-inspection-target',
        rule: 'statutory-step-missing',
      }),
    ]);
    expect(issues[0].message).toContain('ji-inspection-form');
  });
});
