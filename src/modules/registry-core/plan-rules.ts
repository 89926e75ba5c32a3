/**
 * Pure checks of annual-plan tasks (年度抽查工作计划, NX 9, 18, 19; HN 14, 15, 18). They return
 * errors (the task may not be saved) and warnings (shown to the official, who may proceed).
 */
import {
  compareRatio,
  formatDecimal,
  formatPercent,
  isRatioError,
  parseRatio,
  ratio,
  type Ratio,
  type RatioInput,
} from './ratio';
import { RISK_CLASSES, type RiskClass, type TargetType } from './types';

export type ItemCategory = 'key' | 'general';

/** An entry of the inspection item list (随机抽查事项清单). */
export interface InspectionItem {
  id: string;
  name: string;
  /** 重点 key: no upper ratio bound; 一般 general: `maxRatio` is the bound (NX 9). */
  category: ItemCategory;
  maxRatio?: RatioInput | null;
  /** The department responsible for the item (检查主体). */
  departmentCode: string;
  targetTypes?: TargetType[];
}

export interface PlanTask {
  id: string;
  name: string;
  itemIds: string[];
  initiatingDepartment: string;
  /** Empty for a single-department task; 1+ makes it a joint task (部门联合). */
  participatingDepartments: string[];
  scope: {
    targetTypes?: TargetType[];
    regionCodes?: string[];
    /** Only targets supervised by every one of these departments are drawn (HN 18). */
    supervisingDepartments?: string[];
  };
  /** Exactly one of: a uniform ratio, ratios per credit-risk class, or an absolute count. */
  ratio?: RatioInput;
  ratiosByRiskClass?: Partial<Record<RiskClass, RatioInput>>;
  count?: number;
  /** 抽查基数 (HN 14): size of the population, lets a count be checked against ratio bounds. */
  baseCount?: number;
  /** Inclusive ISO dates YYYY-MM-DD. */
  window: { start: string; end: string };
}

export interface PlanContext {
  planYear: number;
}

export interface PlanIssue {
  code: string;
  message: string;
  itemId?: string;
}

export interface PlanCheck {
  errors: PlanIssue[];
  warnings: PlanIssue[];
}

const ONE = ratio(1n, 1n);

export function checkPlanTask(
  task: PlanTask,
  items: readonly InspectionItem[],
  context: PlanContext,
): PlanCheck {
  const result: PlanCheck = { errors: [], warnings: [] };
  const byId = new Map(items.map((item) => [item.id, item]));
  const taskItems: InspectionItem[] = [];
  if (task.itemIds.length === 0)
    result.errors.push({ code: 'no_items', message: `任务“${task.name}”未选择抽查事项` });
  for (const id of task.itemIds) {
    const item = byId.get(id);
    if (item) taskItems.push(item);
    else
      result.errors.push({
        code: 'unknown_item',
        itemId: id,
        message: `抽查事项“${id}”不在抽查事项清单中`,
      });
  }
  const ratios = checkSampling(task, result);
  checkRatioBounds(task, taskItems, ratios, result);
  checkJoint(task, taskItems, result);
  checkTargetTypes(task, taskItems, result);
  checkWindow(task, context, result);
  return result;
}

/** Parsed ratios of the task keyed by label ('all' or a risk class); empty for a count. */
function checkSampling(task: PlanTask, result: PlanCheck): Map<string, Ratio> {
  const ratios = new Map<string, Ratio>();
  const kinds = [
    task.ratio !== undefined,
    task.ratiosByRiskClass !== undefined,
    task.count !== undefined,
  ].filter(Boolean).length;
  if (kinds === 0) {
    result.errors.push({
      code: 'no_sampling',
      message: '须设置抽查比例（统一比例或按信用风险分类的比例）或抽查数量',
    });
  } else if (kinds > 1) {
    result.errors.push({
      code: 'sampling_conflict',
      message: '抽查比例与抽查数量只能二选一，按信用风险分类的比例与统一比例也只能二选一',
    });
    return ratios;
  }
  const add = (label: string, input: RatioInput): void => {
    const parsed = parseRatio(input);
    if (isRatioError(parsed))
      result.errors.push({ code: 'bad_ratio', message: `${label}：${parsed.error}` });
    else if (parsed.num <= 0n || compareRatio(parsed, ONE) > 0) {
      result.errors.push({
        code: 'ratio_range',
        message: `${label}应大于0且不超过100%，实际为${formatPercent(parsed)}`,
      });
    } else ratios.set(label, parsed);
  };
  if (task.ratio !== undefined) add('抽查比例', task.ratio);
  if (task.ratiosByRiskClass !== undefined)
    checkRiskRatios(task.ratiosByRiskClass, add, ratios, result);
  if (task.count !== undefined) checkCount(task, result);
  return ratios;
}

function checkRiskRatios(
  byClass: Partial<Record<RiskClass, RatioInput>>,
  add: (label: string, input: RatioInput) => void,
  ratios: Map<string, Ratio>,
  result: PlanCheck,
): void {
  const present = RISK_CLASSES.filter((riskClass) => byClass[riskClass] !== undefined);
  if (present.length === 0) {
    result.errors.push({ code: 'no_sampling', message: '按信用风险分类设置比例时至少须设置一类' });
    return;
  }
  for (const riskClass of present) add(`${riskClass}类抽查比例`, byClass[riskClass] as RatioInput);
  const absent = RISK_CLASSES.filter((riskClass) => !present.includes(riskClass));
  if (absent.length > 0) {
    result.warnings.push({
      code: 'risk_class_not_sampled',
      message: `未设置${absent.join('、')}类的比例，这些类别的对象不会被抽取`,
    });
  }
  // HN 15: higher risk, higher ratio. A lower ratio for a riskier class is probably a mistake.
  const set = RISK_CLASSES.filter((c) => ratios.has(`${c}类抽查比例`));
  for (let i = 1; i < set.length; i++) {
    const lower = ratios.get(`${set[i - 1]}类抽查比例`) as Ratio;
    const higher = ratios.get(`${set[i]}类抽查比例`) as Ratio;
    if (compareRatio(higher, lower) < 0) {
      result.warnings.push({
        code: 'risk_ratio_order',
        message: `${set[i]}类（风险更高）比例${formatPercent(higher)}低于${set[i - 1]}类比例${formatPercent(lower)}；通常风险越高抽查比例越高`,
      });
    }
  }
}

function checkCount(task: PlanTask, result: PlanCheck): void {
  const count = task.count as number;
  if (!Number.isSafeInteger(count) || count <= 0) {
    result.errors.push({ code: 'bad_count', message: `抽查数量应为正整数，实际为 ${count}` });
  } else if (task.baseCount !== undefined && count > task.baseCount) {
    result.errors.push({
      code: 'count_over_base',
      message: `抽查数量${count}超过抽查基数${task.baseCount}`,
    });
  }
}

function checkRatioBounds(
  task: PlanTask,
  items: InspectionItem[],
  ratios: Map<string, Ratio>,
  result: PlanCheck,
): void {
  for (const item of items.filter((i) => i.category === 'general')) {
    const max =
      item.maxRatio === undefined || item.maxRatio === null ? undefined : parseRatio(item.maxRatio);
    if (max === undefined || isRatioError(max)) {
      result.errors.push({
        code: 'general_item_without_max',
        itemId: item.id,
        message: `一般检查事项“${item.name}”未设置有效的抽查比例上限`,
      });
      continue;
    }
    const checked = new Map(ratios);
    if (
      task.count !== undefined &&
      task.baseCount !== undefined &&
      task.baseCount > 0 &&
      Number.isSafeInteger(task.count)
    ) {
      checked.set(
        `抽查数量${task.count}/基数${task.baseCount}`,
        ratio(BigInt(task.count), BigInt(task.baseCount)),
      );
    } else if (task.count !== undefined) {
      result.warnings.push({
        code: 'count_unchecked',
        itemId: item.id,
        message: `按数量抽查且未填写抽查基数，无法核对一般检查事项“${item.name}”的比例上限${formatPercent(max)}`,
      });
    }
    for (const [label, value] of checked) {
      if (compareRatio(value, max) > 0) {
        result.errors.push({
          code: 'ratio_over_max',
          itemId: item.id,
          message: `${label}${label.startsWith('抽查数量') ? `（${formatPercent(value)}）` : formatPercent(value)}超过一般检查事项“${item.name}”的比例上限${formatPercent(max)}`,
        });
      }
    }
  }
}

function checkJoint(task: PlanTask, items: InspectionItem[], result: PlanCheck): void {
  const participants = task.participatingDepartments;
  if (participants.length === 0) return;
  if (participants.includes(task.initiatingDepartment)) {
    result.errors.push({
      code: 'initiator_is_participant',
      message: `发起部门“${task.initiatingDepartment}”不应同时列为参与部门`,
    });
  }
  if (new Set(participants).size !== participants.length) {
    result.errors.push({ code: 'duplicate_participant', message: '参与部门有重复' });
  }
  // HN 18: joint targets must be common to every department of the task.
  const departments = [task.initiatingDepartment, ...new Set(participants)];
  const required = new Set(task.scope.supervisingDepartments ?? []);
  const missing = departments.filter((d) => !required.has(d));
  if (missing.length > 0) {
    result.errors.push({
      code: 'scope_not_common',
      message: `联合抽查的对象范围须限定为所有参与部门共同监管的对象：对象范围的“监管部门”须包含 ${missing.join('、')}`,
    });
  }
  for (const item of items) {
    if (!departments.includes(item.departmentCode)) {
      result.errors.push({
        code: 'item_department_not_in_task',
        itemId: item.id,
        message: `抽查事项“${item.name}”属于部门“${item.departmentCode}”，该部门不是本任务的发起或参与部门`,
      });
    }
  }
  const itemDepartments = new Set(items.map((item) => item.departmentCode));
  if (items.length > 0 && itemDepartments.size < 2) {
    result.warnings.push({
      code: 'joint_single_department_items',
      message: '联合抽查任务的事项只涉及一个部门（NX 2：应涉及2个以上部门的检查事项）',
    });
  }
  const silent = departments.filter((d) => !itemDepartments.has(d));
  if (items.length > 0 && silent.length > 0) {
    result.warnings.push({
      code: 'department_without_items',
      message: `部门 ${silent.join('、')} 在本任务中没有抽查事项`,
    });
  }
}

function checkTargetTypes(task: PlanTask, items: InspectionItem[], result: PlanCheck): void {
  const scopeTypes = task.scope.targetTypes;
  if (!scopeTypes || scopeTypes.length === 0) return;
  for (const item of items) {
    if (
      item.targetTypes &&
      item.targetTypes.length > 0 &&
      !item.targetTypes.some((t) => scopeTypes.includes(t))
    ) {
      result.errors.push({
        code: 'item_target_type_mismatch',
        itemId: item.id,
        message: `抽查事项“${item.name}”的检查对象类型（${item.targetTypes.join('、')}）不在任务对象范围（${scopeTypes.join('、')}）内`,
      });
    }
  }
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function checkWindow(task: PlanTask, context: PlanContext, result: PlanCheck): void {
  const { start, end } = task.window;
  const bad = [start, end].filter((d) => !isIsoDate(d));
  if (bad.length > 0) {
    result.errors.push({
      code: 'bad_date',
      message: `检查时间“${bad.join('、')}”不是有效日期（格式 YYYY-MM-DD）`,
    });
    return;
  }
  if (start > end)
    result.errors.push({
      code: 'window_reversed',
      message: `检查开始日期${start}晚于结束日期${end}`,
    });
  const year = String(context.planYear);
  if (!start.startsWith(year) || !end.startsWith(year)) {
    result.errors.push({
      code: 'window_outside_year',
      message: `检查时间${start}至${end}须在计划年度${year}年内`,
    });
  }
}

export interface JointCoverage {
  /** Exact share of the joint item list covered by joint tasks. */
  covered: Ratio;
  /** The share as a decimal string, e.g. "0.75". */
  coveredRatio: string;
  coveredPercent: string;
  uncoveredItems: InspectionItem[];
  warning?: string;
}

/** NX 18: the joint plan must cover at least 80% of the joint item list (联合随机抽查事项清单). */
export const JOINT_COVERAGE_MINIMUM = ratio(80n, 100n);

export function jointPlanCoverage(
  planTasks: readonly PlanTask[],
  jointItems: readonly InspectionItem[],
): JointCoverage {
  const planned = new Set(
    planTasks.filter((t) => t.participatingDepartments.length > 0).flatMap((t) => t.itemIds),
  );
  const uncoveredItems = jointItems.filter((item) => !planned.has(item.id));
  const covered =
    jointItems.length === 0
      ? ONE
      : ratio(BigInt(jointItems.length - uncoveredItems.length), BigInt(jointItems.length));
  const coverage: JointCoverage = {
    covered,
    coveredRatio: formatDecimal(covered),
    coveredPercent: formatPercent(covered),
    uncoveredItems,
  };
  if (compareRatio(covered, JOINT_COVERAGE_MINIMUM) < 0) {
    coverage.warning = `联合抽查计划仅覆盖联合随机抽查事项清单的${coverage.coveredPercent}，低于80%的要求（NX 第十八条）；未覆盖：${uncoveredItems.map((i) => i.name).join('、')}`;
  }
  return coverage;
}
