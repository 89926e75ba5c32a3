/**
 * Synthetic target-directory rows (检查对象名录库), shared by `seed-demo` and scripts/gen-targets.ts.
 * Rows are the cell values a directory file carries (TargetValues), so whoever uses them goes
 * through the same row rules as a real import. Every code is a valid, unique USCC (both check
 * characters computed). Generation is deterministic: the same index (and seed) gives the same row.
 */
// Direct imports (not the registry-core index) keep the generator free of the spreadsheet readers.
import { computeOrgCodeCheck, computeUsccCheck } from '../registry-core/identification-code';
import type { TargetValues } from '../registry-core/target-row';
import { PENGYANG_REGION, TOWNSHIPS } from './pengyang';

/** Header of a directory file in the column order of `csvLine` (Chinese, as officials write it). */
export const TARGET_CSV_HEADER =
  '统一社会信用代码,企业名称,主体类型,住所,行政区划代码,经营范围,法定代表人,联系电话,信用风险分类,监管部门,登记状态,投诉次数,违法记录';

const CSV_FIELDS: Array<keyof TargetValues> = [
  'code',
  'name',
  'type',
  'address',
  'regionCode',
  'industryTags',
  'legalRepresentative',
  'phone',
  'riskClass',
  'supervisingDepartments',
  'status',
  'complaintCount',
  'violationCount',
];

function csvCell(value: string | undefined): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (no newline) of a row, in TARGET_CSV_HEADER order. */
export function csvLine(values: TargetValues): string {
  return CSV_FIELDS.map((field) => csvCell(values[field])).join(',');
}

/** A valid USCC: 2-character authority/type prefix, 6-digit region, 8-character body. */
export function syntheticUscc(prefix: string, region: string, body8: string): string {
  const first17 = prefix + region + body8 + computeOrgCodeCheck(body8);
  return first17 + computeUsccCheck(first17);
}

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// The import benchmark's rows (scripts/gen-targets.ts, scripts/bench-import.ts): kept byte for
// byte as measured in the README, so the numbers there stay reproducible.

const BENCH_TYPES: Array<[string, string]> = [
  ['91', '有限责任公司'],
  ['92', '个体工商户'],
  ['93', '农民专业合作社'],
];
const BENCH_REGIONS = ['640104', '640105', '640106', '640121', '640122', '640181'];
const BENCH_CLASSES = ['A', 'B', 'C', 'D', '低风险', '一般风险', ''];
const BENCH_DEPARTMENTS = ['SCJG', 'SWJ', 'YJJ', 'WJW', 'HBJ'];

/** Benchmark row i as cell values; codes are unique per i (body = i, 8 digits). */
export function benchmarkTargetValues(i: number): TargetValues {
  const [prefix, type] = BENCH_TYPES[i % BENCH_TYPES.length];
  const region = BENCH_REGIONS[i % BENCH_REGIONS.length];
  return {
    code: syntheticUscc(prefix, region, String(i).padStart(8, '0')),
    name: `宁夏示例${type}${i}号`,
    type,
    address: `银川市示例路${i}号`,
    regionCode: region,
    industryTags: '食品销售、日用百货',
    legalRepresentative: `张${i}`,
    phone: `1380000${String(i % 10000).padStart(4, '0')}`,
    riskClass: BENCH_CLASSES[i % BENCH_CLASSES.length],
    supervisingDepartments: [BENCH_DEPARTMENTS[i % 5], BENCH_DEPARTMENTS[(i + 2) % 5]].join(';'),
    status: '存续',
    complaintCount: String(i % 4),
    violationCount: String(i % 7 === 0 ? 1 : 0),
  };
}

// ---------------------------------------------------------------------------------------------
// The Pengyang demo county (seed-demo): market entities of the county's typical trades. The
// trade decides the type mix, the supervising departments and the industry tags; the agricultural
// input, food and cooperative trades are what the demo joint task (SCJGJ + YJJ + NYNCJ) inspects.

/** Fixed seed of the demo directory: every run and every machine generates the same county. */
export const DEMO_TARGET_SEED = 0x640425;

type DemoType = 'enterprise' | 'individual_business' | 'farmer_cooperative';

interface Trade {
  weight: number;
  /** Type mix: probability of each type (the rest of 1 is enterprise). */
  individual: number;
  cooperative: number;
  tags: string[];
  /** Departments always supervising this trade; `maybe` each with its probability. */
  departments: string[];
  maybe?: Array<[string, number]>;
  /** Name stems: enterprise, individual business, cooperative. */
  enterprise: string;
  shop: string;
  coop: string;
}

const TRADES: Trade[] = [
  {
    weight: 0.2,
    individual: 0.4,
    cooperative: 0,
    tags: ['农资经营', '农药', '化肥', '种子'],
    departments: ['SCJGJ', 'NYNCJ', 'YJJ'],
    enterprise: '农资有限公司',
    shop: '农资门市部',
    coop: '',
  },
  {
    weight: 0.15,
    individual: 0,
    cooperative: 0.2,
    tags: ['食品生产', '农产品加工'],
    departments: ['SCJGJ', 'NYNCJ', 'YJJ'],
    maybe: [['SWJ', 0.5]],
    enterprise: '食品有限公司',
    shop: '',
    coop: '农产品加工专业合作社',
  },
  {
    weight: 0.16,
    individual: 0,
    cooperative: 1,
    tags: ['种植', '养殖', '农产品'],
    departments: ['SCJGJ', 'NYNCJ'],
    maybe: [['YJJ', 0.6]],
    enterprise: '',
    shop: '',
    coop: '种养殖专业合作社',
  },
  {
    weight: 0.15,
    individual: 0.8,
    cooperative: 0,
    tags: ['餐饮服务'],
    departments: ['SCJGJ', 'WJJ'],
    enterprise: '餐饮管理有限公司',
    shop: '牛羊肉面馆',
    coop: '',
  },
  {
    weight: 0.15,
    individual: 0.7,
    cooperative: 0,
    tags: ['食品销售', '日用百货'],
    departments: ['SCJGJ'],
    maybe: [['SWJ', 0.3]],
    enterprise: '商贸有限公司',
    shop: '便利店',
    coop: '',
  },
  {
    weight: 0.05,
    individual: 0,
    cooperative: 0,
    tags: ['成品油零售', '燃气经营'],
    departments: ['SCJGJ', 'YJJ'],
    enterprise: '能源有限公司',
    shop: '',
    coop: '',
  },
  {
    weight: 0.07,
    individual: 0.2,
    cooperative: 0,
    tags: ['建材加工', '工贸'],
    departments: ['SCJGJ', 'YJJ', 'ZJJ'],
    enterprise: '建材有限公司',
    shop: '建材经营部',
    coop: '',
  },
  {
    weight: 0.03,
    individual: 0.3,
    cooperative: 0,
    tags: ['道路运输'],
    departments: ['SCJGJ', 'JTYSJ'],
    enterprise: '运输有限公司',
    shop: '货运部',
    coop: '',
  },
  {
    weight: 0.04,
    individual: 0.5,
    cooperative: 0,
    tags: ['住宿', '乡村旅游'],
    departments: ['SCJGJ', 'WLJ', 'WJJ'],
    enterprise: '文化旅游有限公司',
    shop: '农家乐',
    coop: '',
  },
];

const TRADE_NAMES = (
  '鑫源 丰泰 六盘 红河 茹河 金鸡 塬上 阳洼 惠农 聚丰 兴盛 福瑞 宏达 乔渠 朝那 长城 姚河 安康 ' +
  '润泽 新农 绿源 禾丰 万家 广源 恒通 永兴 富民 瑞丰 天顺 德昌 荣华 金穗 沃野 嘉禾 春晖 同心'
).split(' ');
const SURNAMES = '王李张刘杨马赵陈海虎冯韩黄周吴徐孙胡朱高林何郭罗梁宋郑谢唐许'.split('');
const GIVEN = '军红梅强芳明玉兰文斌建平秀英海燕志刚春花国庆小龙晓东丽娟永胜宏伟学武'.split('');
const VILLAGES = ['沟', '塬', '湾', '洼', '川', '岔', '庄', '堡'];
const RISK = [
  ['A', 0.35],
  ['B', 0.4],
  ['C', 0.18],
  ['D', 0.07],
] as const;
const TYPE_LABEL: Record<DemoType, [string, string]> = {
  enterprise: ['91', '企业'],
  individual_business: ['92', '个体工商户'],
  farmer_cooperative: ['93', '农民专业合作社'],
};

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}

function weighted<T>(random: () => number, entries: ReadonlyArray<readonly [T, number]>): T {
  let r = random();
  for (const [value, weight] of entries) {
    if (r < weight) return value;
    r -= weight;
  }
  return entries[entries.length - 1][0];
}

function personName(random: () => number): string {
  return pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.6 ? pick(random, GIVEN) : '');
}

function demoType(random: () => number, trade: Trade): DemoType {
  const r = random();
  if (r < trade.cooperative) return 'farmer_cooperative';
  if (r < trade.cooperative + trade.individual) return 'individual_business';
  return 'enterprise';
}

function demoName(
  random: () => number,
  trade: Trade,
  type: DemoType,
  township: string,
  taken: Set<string>,
): string {
  for (let attempt = 0; ; attempt++) {
    const brand = pick(random, TRADE_NAMES);
    let name: string;
    // An individual business (个体工商户) is registered with its operator (经营者) in
    // parentheses — "彭阳县白阳镇王记面馆（王建国）" — which publication masks (王**).
    let operator = '';
    if (type === 'farmer_cooperative')
      name = `彭阳县${township}${brand}${pick(random, VILLAGES)}${trade.coop}`;
    else if (type === 'individual_business') {
      const surname = pick(random, SURNAMES);
      operator = personName(random);
      const owner = pick(random, [`${surname}记`, brand, operator]);
      name = `彭阳县${township}${owner}${trade.shop}`;
    } else name = `彭阳县${brand}${pick(random, TRADE_NAMES)}${trade.enterprise}`;
    // Collisions are rare; after a few draws a branch number keeps names unique.
    if (attempt > 3) name = `${name}第${attempt - 2}分店`;
    if (operator) name = `${name}（${operator}）`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** The `count` targets of the demo county, as directory cells (index 0 first). */
export function pengyangTargetValues(count: number, seed = DEMO_TARGET_SEED): TargetValues[] {
  const random = seededRandom(seed);
  const trades = TRADES.map((t) => [t, t.weight] as const);
  const taken = new Set<string>();
  const rows: TargetValues[] = [];
  for (let i = 0; i < count; i++) {
    const trade = weighted(random, trades);
    const type = demoType(random, trade);
    const township = pick(random, TOWNSHIPS);
    const departments = [
      ...trade.departments,
      ...(trade.maybe ?? []).filter(([, p]) => random() < p).map(([d]) => d),
    ];
    // 7919 is prime to 10^8: a bijection, so bodies (and codes) are unique for i < 10^8.
    const body = String((i * 7919 + 20_260_425) % 100_000_000).padStart(8, '0');
    const [prefix, typeLabel] = TYPE_LABEL[type];
    // Only a few carry contacts: enough to show that public pages never print them.
    const contact = i % 25 === 0;
    const roll = random();
    rows.push({
      code: syntheticUscc(prefix, PENGYANG_REGION, body),
      name: demoName(random, trade, type, township, taken),
      type: typeLabel,
      address: `宁夏回族自治区固原市彭阳县${township}${pick(random, TRADE_NAMES)}村${1 + Math.floor(random() * 120)}号`,
      regionCode: PENGYANG_REGION,
      industryTags: trade.tags.join(';'),
      legalRepresentative: contact ? personName(random) : '',
      phone: contact ? `1399541${String(i).padStart(4, '0').slice(-4)}` : '',
      riskClass: weighted(random, RISK),
      supervisingDepartments: departments.join(';'),
      status: roll < 0.015 ? '吊销' : roll < 0.03 ? '注销' : '存续',
      complaintCount: String(random() < 0.1 ? 1 + Math.floor(random() * 3) : 0),
      violationCount: String(random() < 0.05 ? 1 : 0),
    });
  }
  return rows;
}
