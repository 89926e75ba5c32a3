/**
 * Writes N synthetic, valid target-directory rows (CSV, UTF-8 with BOM, Chinese headers) for the
 * import benchmark. Codes are unique valid USCCs (both check characters computed).
 *
 * Usage (after `npx tsc -p tsconfig.json --outDir dist`): node dist/scripts/gen-targets.js <rows> <out.csv>
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import {
  computeOrgCodeCheck,
  computeUsccCheck,
} from '../src/modules/registry-core/identification-code';

const TYPES: Array<[string, string]> = [
  ['91', '有限责任公司'],
  ['92', '个体工商户'],
  ['93', '农民专业合作社'],
];
const REGIONS = ['640104', '640105', '640106', '640121', '640122', '640181'];
const CLASSES = ['A', 'B', 'C', 'D', '低风险', '一般风险', ''];
const DEPARTMENTS = ['SCJG', 'SWJ', 'YJJ', 'WJW', 'HBJ'];

/** Deterministic row i → 8-character organisation code body (digits only, unique per i). */
function body(i: number): string {
  return String(i).padStart(8, '0');
}

export function syntheticRow(i: number): string {
  const [prefix, type] = TYPES[i % TYPES.length];
  const region = REGIONS[i % REGIONS.length];
  const first17 = prefix + region + body(i) + computeOrgCodeCheck(body(i));
  const code = first17 + computeUsccCheck(first17);
  const departments = [DEPARTMENTS[i % 5], DEPARTMENTS[(i + 2) % 5]].join(';');
  return [
    code,
    `宁夏示例${type}${i}号`,
    type,
    `银川市示例路${i}号`,
    region,
    '食品销售、日用百货',
    `张${i}`,
    `1380000${String(i % 10000).padStart(4, '0')}`,
    CLASSES[i % CLASSES.length],
    departments,
    '存续',
    String(i % 4),
    String(i % 7 === 0 ? 1 : 0),
  ].join(',');
}

const HEADER =
  '统一社会信用代码,企业名称,主体类型,住所,行政区划代码,经营范围,法定代表人,联系电话,信用风险分类,监管部门,登记状态,投诉次数,违法记录';

async function main(): Promise<void> {
  const [countArg, path] = process.argv.slice(2);
  const count = Number(countArg);
  if (!Number.isSafeInteger(count) || count < 0 || count > 99_999_999 || !path) {
    console.error('usage: gen-targets <rows (0–99999999)> <out.csv>');
    process.exitCode = 2;
    return;
  }
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write('\uFEFF' + HEADER + '\n');
  for (let i = 0; i < count; i++) {
    if (!out.write(syntheticRow(i) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  console.log(`wrote ${count} rows to ${path}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
