/**
 * The demo county's inspection item list (随机抽查事项清单) for the three joint-task departments,
 * and the plans built on it. `expertise` is the inspector tag an item needs: the demo inspectors
 * carry the tags of their department's items, so the inspector matching has something to match.
 */
import type { ItemDto } from '../items/item.dto';
import type { TaskDto } from '../plans/plan.dto';
import { JOINT_DEPARTMENTS } from './pengyang';

export interface DemoItem extends ItemDto {
  expertise: string;
}

const FOOD_LAW = '《中华人民共和国食品安全法》《食品生产经营监督检查管理办法》';
const SAFETY_LAW = '《中华人民共和国安全生产法》';
const ALL_TYPES = ['enterprise', 'individual_business', 'farmer_cooperative'];

/** One item per department: what the joint task inspects (all key items, so ratios are free). */
export const JOINT_TASK_ITEMS = ['LH-001', 'YJ-001', 'NY-001'];

export const DEMO_ITEMS: DemoItem[] = [
  {
    code: 'LH-001',
    name: '农资和食品生产经营主体联合检查',
    content:
      '“进一次门、查多项事”：市场监管查产品质量与食品安全，应急管理查危险化学品经营安全，农业农村查农药经营与农产品质量安全',
    targetTypes: ALL_TYPES,
    category: 'key',
    method: 'on_site',
    departmentCode: 'SCJGJ',
    legalBasis: `${FOOD_LAW}《中华人民共和国产品质量法》`,
    joint: true,
    area: '农资和食品生产经营',
    initiatingDepartment: 'SCJGJ',
    cooperatingDepartments: ['YJJ', 'NYNCJ'],
    expertise: '食品安全',
  },
  {
    code: 'SCJG-001',
    name: '食品生产者监督检查',
    content:
      '生产者资质、生产环境条件、进货查验、生产过程控制、产品检验、贮存及交付控制、不合格品管理和食品召回、标签标识',
    targetTypes: ['enterprise', 'farmer_cooperative'],
    category: 'key',
    method: 'on_site',
    departmentCode: 'SCJGJ',
    legalBasis: FOOD_LAW,
    expertise: '食品安全',
  },
  {
    code: 'SCJG-002',
    name: '食品销售者监督检查',
    content: '经营资质、经营条件、食品标签、进货查验记录、贮存条件、过期变质食品处置',
    targetTypes: ['enterprise', 'individual_business'],
    category: 'general',
    method: 'on_site',
    departmentCode: 'SCJGJ',
    legalBasis: FOOD_LAW,
    maxRatio: '5%',
    expertise: '食品安全',
  },
  {
    code: 'SCJG-003',
    name: '农资产品质量监督抽查（化肥、农膜）',
    content: '产品标识、质量证明文件、现场抽样检验',
    targetTypes: ALL_TYPES,
    category: 'general',
    method: 'on_site',
    departmentCode: 'SCJGJ',
    legalBasis: '《中华人民共和国产品质量法》',
    maxRatio: '10%',
    expertise: '产品质量',
  },
  {
    code: 'SCJG-004',
    name: '特种设备使用单位监督检查',
    content: '使用登记、定期检验、作业人员持证、安全管理制度和应急预案',
    targetTypes: ['enterprise'],
    category: 'key',
    method: 'on_site',
    departmentCode: 'SCJGJ',
    legalBasis: '《中华人民共和国特种设备安全法》',
    expertise: '特种设备',
  },
  {
    code: 'YJ-001',
    name: '危险化学品经营单位安全生产监督检查',
    content: '经营许可证、储存场所和设施、安全管理制度和操作规程、从业人员培训、应急预案',
    targetTypes: ALL_TYPES,
    category: 'key',
    method: 'on_site',
    departmentCode: 'YJJ',
    legalBasis: `${SAFETY_LAW}《危险化学品安全管理条例》`,
    expertise: '危险化学品',
  },
  {
    code: 'YJ-002',
    name: '工贸企业安全生产监督检查',
    content: '安全生产责任制、隐患排查治理、粉尘和有限空间作业、特种作业人员持证',
    targetTypes: ['enterprise', 'farmer_cooperative'],
    category: 'general',
    method: 'on_site',
    departmentCode: 'YJJ',
    legalBasis: SAFETY_LAW,
    maxRatio: '10%',
    expertise: '安全生产',
  },
  {
    code: 'YJ-003',
    name: '生产经营单位应急预案管理检查',
    content: '应急预案编制、评审、备案和演练记录',
    targetTypes: ['enterprise'],
    category: 'general',
    method: 'written',
    departmentCode: 'YJJ',
    legalBasis: '《生产安全事故应急预案管理办法》',
    maxRatio: '5%',
    expertise: '应急管理',
  },
  {
    code: 'NY-001',
    name: '农药经营监督检查',
    content: '农药经营许可证、进货查验和销售台账、限制使用农药定点经营与实名购买、农药标签',
    targetTypes: ALL_TYPES,
    category: 'key',
    method: 'on_site',
    departmentCode: 'NYNCJ',
    legalBasis: '《农药管理条例》',
    expertise: '农药',
  },
  {
    code: 'NY-002',
    name: '农产品质量安全监督检查（生产主体）',
    content: '农业投入品使用记录、生产记录、承诺达标合格证、农药残留快速检测',
    targetTypes: ['farmer_cooperative', 'enterprise'],
    category: 'key',
    method: 'on_site',
    departmentCode: 'NYNCJ',
    legalBasis: '《中华人民共和国农产品质量安全法》',
    expertise: '农产品质量安全',
  },
  {
    code: 'NY-003',
    name: '种子和肥料经营监督检查',
    content: '经营备案、种子标签和使用说明、肥料登记证、经营档案',
    targetTypes: ALL_TYPES,
    category: 'general',
    method: 'on_site',
    departmentCode: 'NYNCJ',
    legalBasis: '《中华人民共和国种子法》《肥料登记管理办法》',
    maxRatio: '5%',
    expertise: '种子肥料',
  },
];

/** The item form ItemsService takes (the demo-only expertise tag left out). */
export function itemDto({ expertise: _expertise, ...dto }: DemoItem): ItemDto {
  return dto as ItemDto;
}

/** Expertise tags of a department's items, its joint-task item's tag first. */
export function departmentExpertise(departmentCode: string): string[] {
  const own = DEMO_ITEMS.filter((i) => i.departmentCode === departmentCode);
  const first = own.find((i) => JOINT_TASK_ITEMS.includes(i.code))?.expertise;
  return [...new Set([...(first ? [first] : []), ...own.map((i) => i.expertise)])];
}

/** Ratios by credit-risk class: more for higher risk (HN 15). */
export const JOINT_TASK_RATIOS = { A: '1%', B: '2%', C: '3%', D: '5%' };

/** The joint task of the year's joint plan, over `window` (inside the plan year). */
export function jointTask(window: { start: string; end: string }): TaskDto {
  return {
    name: '农资和食品生产经营主体部门联合抽查',
    itemCodes: JOINT_TASK_ITEMS,
    scope: { supervisingDepartments: [...JOINT_DEPARTMENTS] },
    ratiosByRiskClass: JOINT_TASK_RATIOS,
    initiatingDepartment: 'SCJGJ',
    participatingDepartments: ['YJJ', 'NYNCJ'],
    windowStart: window.start,
    windowEnd: window.end,
  } as TaskDto;
}

/** Each department's own annual task (本系统抽查计划), on a general item within its bound. */
export const DEPARTMENT_TASKS: Record<string, { name: string; itemCode: string; ratio: string }> = {
  SCJGJ: { name: '食品销售者“双随机”抽查', itemCode: 'SCJG-002', ratio: '3%' },
  YJJ: { name: '工贸企业安全生产“双随机”抽查', itemCode: 'YJ-002', ratio: '5%' },
  NYNCJ: { name: '种子和肥料经营“双随机”抽查', itemCode: 'NY-003', ratio: '3%' },
};

export function departmentTask(
  departmentCode: string,
  window: { start: string; end: string },
): TaskDto {
  const task = DEPARTMENT_TASKS[departmentCode];
  return {
    name: task.name,
    itemCodes: [task.itemCode],
    scope: { supervisingDepartments: [departmentCode] },
    ratio: task.ratio,
    initiatingDepartment: departmentCode,
    participatingDepartments: [],
    windowStart: window.start,
    windowEnd: window.end,
  } as TaskDto;
}
