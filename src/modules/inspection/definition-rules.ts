/**
 * The inspection module's rules for a new version of `joint-inspection` (checked on deploy,
 * after the engine's own validation; DomainDefinitions): the statutory deadlines must stay in
 * the definition and within their legal bounds, so no deployment can quietly give departments
 * 200 working days to confirm.
 *
 * - NX 23: each participant confirms within 2 working days of the launch — the `ji-confirmation`
 *   task is due, and a boundary timer escalates, within 2 working days (`jc:workingDays` /
 *   `jc:dueWorkingDays` of at most 2, or `${confirmDays}`, which this module sets to 2; or a
 *   fixed duration of at most P2D, which never exceeds 2 working days).
 * - NX 27: results are published within 20 working days after the inspection window — the
 *   `ji-publication` task's due date and escalation timer are `${publishDue}`, the deadline the
 *   `inspection.publicationDue` service task computes (1–20 working days, per task).
 * - HN 22: penalty information within 7 working days of the decision — the `ji-penalty-info`
 *   task's due date and escalation timer are `${penaltyDue}`, computed by this module from the
 *   decision date when the follow-up decision is recorded.
 * For NX 27 and HN 22 a fixed duration of at most PT1H from the task's start is accepted too
 * (drills and tests shorten the timers this way; it is never later than the statute by more
 * than that hour). The variables these timers read may not be written by any element.
 */
import type {
  CompiledDefinition,
  FlowElement,
  Scope,
  TimerSpec,
  UserTask,
} from '../../workflows/definition/types';
import { evaluateTemplate } from '../../workflows/interpreter/expression';
import { parseIsoDuration, type BpmnIssue } from '../process-definitions/bpmn';
import { isExpressionValue } from '../process-definitions/bpmn/compile';

/** Values this module passes when it starts `joint-inspection`. */
export interface JointInspectionStartValues {
  confirmDays: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface StatutoryStep {
  form: string;
  rule: string;
  what: string;
  bound: string;
  /** Why a timer of this step is out of bounds, or undefined when it is within. */
  problem(spec: TimerSpec, start: JointInspectionStartValues): string | undefined;
}

const durationAtMost = (spec: TimerSpec, maxMs: number): boolean => {
  if (spec.kind !== 'duration' || isExpressionValue(spec.value)) return false;
  try {
    return parseIsoDuration(spec.value) <= maxMs;
  } catch {
    return false;
  }
};

const show = (spec: TimerSpec) =>
  `${spec.kind === 'workingDays' ? 'jc:workingDays' : spec.kind === 'date' ? 'timeDate' : 'timeDuration'}="${spec.value}"`;

const STEPS: StatutoryStep[] = [
  {
    form: 'ji-confirmation',
    rule: 'NX 23',
    what: '确认参与 confirmation',
    bound: '不超过 2 个工作日 at most 2 working days',
    problem(spec, start) {
      if (spec.kind === 'duration')
        return durationAtMost(spec, 2 * DAY_MS) ? undefined : `${show(spec)} 超过 P2D`;
      if (spec.kind !== 'workingDays') return `${show(spec)} 不是工作日计时 not working days`;
      let days: unknown;
      try {
        days = Number(evaluateTemplate(spec.value, { ...start }));
      } catch {
        return `${show(spec)} 只能是整数或 \${confirmDays} / only a number or \${confirmDays}`;
      }
      return Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 2
        ? undefined
        : `${show(spec)} = ${String(days)}`;
    },
  },
  {
    form: 'ji-publication',
    rule: 'NX 27',
    what: '公示抽查结果 results publication',
    bound:
      '检查结束后不超过 20 个工作日，即 ${publishDue} at most 20 working days after the window: ${publishDue}',
    problem: (spec) =>
      (spec.kind === 'date' && spec.value.trim() === '${publishDue}') ||
      durationAtMost(spec, HOUR_MS)
        ? undefined
        : `${show(spec)}`,
  },
  {
    form: 'ji-penalty-info',
    rule: 'HN 22',
    what: '公示行政处罚信息 penalty information',
    bound:
      '作出处罚决定后不超过 7 个工作日，即 ${penaltyDue} at most 7 working days after the decision: ${penaltyDue}',
    problem: (spec) =>
      (spec.kind === 'date' && spec.value.trim() === '${penaltyDue}') ||
      durationAtMost(spec, HOUR_MS)
        ? undefined
        : `${show(spec)}`,
  },
];

/** Variables the statutory timers read; only this module (or its service task) sets them. */
const RESERVED = ['confirmDays', 'publishDue', 'penaltyDue'];
const PUBLICATION_DUE_ACTIVITY = 'inspection.publicationDue';

function allScopes(scope: Scope): Scope[] {
  return [
    scope,
    ...Object.values(scope.elements).flatMap((el) =>
      el.type === 'subProcess' ? allScopes(el.scope) : [],
    ),
  ];
}

/** True when a token leaving `from` reaches an escalation event in the same scope. */
function escalates(scope: Scope, from: FlowElement): boolean {
  const seen = new Set<string>();
  const queue = from.outgoing.map((f) => scope.flows[f]?.targetId).filter(Boolean) as string[];
  while (queue.length) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = scope.elements[id];
    if (!el) continue;
    if ((el.type === 'intermediateThrowEvent' || el.type === 'endEvent') && el.escalation)
      return true;
    for (const f of el.outgoing) {
      const next = scope.flows[f]?.targetId;
      if (next) queue.push(next);
    }
  }
  return false;
}

/** The names an element writes into the variables. */
function writes(el: FlowElement): string[] {
  const names = [...Object.keys(el.inputs ?? {}), ...Object.keys(el.outputs ?? {})];
  if (el.multiInstance) {
    names.push(el.multiInstance.elementVariable);
    if (el.multiInstance.outputCollection) names.push(el.multiInstance.outputCollection);
  }
  if (el.type === 'serviceTask' && el.resultVariable) names.push(el.resultVariable);
  if (el.type === 'userTask') {
    const props = el.form?.schema?.properties;
    if (props && typeof props === 'object') names.push(...Object.keys(props));
  }
  return names;
}

export function checkJointInspection(
  compiled: CompiledDefinition,
  start: JointInspectionStartValues,
): BpmnIssue[] {
  const issues: BpmnIssue[] = [];
  const issue = (elementId: string, rule: string, message: string) =>
    issues.push({ elementId, rule, message });
  const scopes = allScopes(compiled.root);

  for (const step of STEPS) {
    const tasks: Array<{ scope: Scope; task: UserTask }> = [];
    for (const scope of scopes)
      for (const el of Object.values(scope.elements))
        if (el.type === 'userTask' && el.form?.name === step.form) tasks.push({ scope, task: el });
    if (tasks.length === 0) {
      issue(
        compiled.key,
        'statutory-step-missing',
        `缺少${step.what}步骤（表单 ${step.form}），其法定期限（${step.rule}）必须保留 / the ${step.form} step and its statutory deadline (${step.rule}) must stay`,
      );
      continue;
    }
    for (const { scope, task } of tasks) {
      const dueProblem = task.due ? step.problem(task.due, start) : '未设置 none';
      if (dueProblem)
        issue(
          task.id,
          'statutory-timer',
          `${step.what}的办理期限须${step.bound}（${step.rule}）；现为 ${dueProblem} / due date out of its legal bound`,
        );
      const timers = task.boundary
        .map((id) => scope.elements[id])
        .filter(
          (b): b is Extract<FlowElement, { type: 'boundaryEvent' }> => b?.type === 'boundaryEvent',
        )
        .filter((b) => b.timer !== undefined);
      const within = timers.filter((b) => !step.problem(b.timer!, start) && escalates(scope, b));
      if (within.length === 0) {
        const seen = timers.map((b) => `${b.id}: ${show(b.timer!)}`).join('，') || '无 none';
        issue(
          task.id,
          'statutory-timer',
          `${step.what}须有一个边界定时器在${step.bound}时触发并上报（升级事件，${step.rule}）；现有 ${seen} / needs a boundary timer within the bound that leads to an escalation`,
        );
      }
    }
  }

  let publicationDueSet = false;
  for (const scope of scopes)
    for (const el of Object.values(scope.elements))
      for (const name of writes(el).filter((n) => RESERVED.includes(n))) {
        if (
          name === 'publishDue' &&
          el.type === 'serviceTask' &&
          el.activity === PUBLICATION_DUE_ACTIVITY &&
          el.resultVariable === 'publishDue' &&
          !Object.keys(el.outputs ?? {}).includes('publishDue') &&
          !Object.keys(el.inputs ?? {}).includes('publishDue')
        ) {
          publicationDueSet = true;
          continue;
        }
        issue(
          el.id,
          'reserved-variable',
          `变量 ${name} 是法定期限，只能由联合抽查模块设置，流程元素不得写入 / ${name} holds a statutory deadline set by the inspection module; no element may write it`,
        );
      }
  if (!publicationDueSet)
    issue(
      compiled.key,
      'statutory-step-missing',
      `须有服务任务 jc:activity="${PUBLICATION_DUE_ACTIVITY}" jc:result="publishDue" 计算公示期限（NX 27）/ the publication deadline must come from ${PUBLICATION_DUE_ACTIVITY}`,
    );
  return issues;
}

/**
 * A new `joint-inspection-target` version keeps its three steps: open the target, one form per
 * department (一企一表, the `ji-inspection-form` task), close the target.
 */
export function checkJointInspectionTarget(compiled: CompiledDefinition): BpmnIssue[] {
  const elements = allScopes(compiled.root).flatMap((s) => Object.values(s.elements));
  const steps: Array<[string, string, (el: FlowElement) => boolean]> = [
    [
      '服务任务 inspection.openTarget（组建检查组）',
      'service task inspection.openTarget',
      (el) => el.type === 'serviceTask' && el.activity === 'inspection.openTarget',
    ],
    [
      '用户任务 jc:form="ji-inspection-form"（填写检查记录表）',
      'user task ji-inspection-form',
      (el) => el.type === 'userTask' && el.form?.name === 'ji-inspection-form',
    ],
    [
      '服务任务 inspection.closeTarget（完成检查）',
      'service task inspection.closeTarget',
      (el) => el.type === 'serviceTask' && el.activity === 'inspection.closeTarget',
    ],
  ];
  return steps
    .filter(([, , present]) => !elements.some(present))
    .map(([zh, en]) => ({
      elementId: compiled.key,
      rule: 'statutory-step-missing',
      message: `按对象检查流程缺少${zh} / the per-target process must keep its ${en}`,
    }));
}
