/** Helpers of the registry integration tests: valid codes and small import files. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { computeOrgCodeCheck, computeUsccCheck } from '../../../src/modules/registry-core';

/** A valid USCC (both check characters computed) for enterprise number `n` in region 640522. */
export function uscc(n: number, region = '640522'): string {
  const body = String(n).padStart(8, '0');
  const first17 = `91${region}${body}${computeOrgCodeCheck(body)}`;
  return first17 + computeUsccCheck(first17);
}

export const TARGET_HEADER =
  '统一社会信用代码,企业名称,住所,行业,法定代表人,联系电话,信用风险分类,监管部门';

export function targetLine(n: number, riskClass = 'B', departments = 'SCJGJ;WJJ'): string {
  return [
    uscc(n),
    `彭阳示例商贸有限公司${n}`,
    `彭阳县示例路${n}号`,
    '食品销售',
    `王${n}`,
    '0954-1234567',
    riskClass,
    departments,
  ].join(',');
}

export function writeCsv(
  dir: string,
  name: string,
  lines: string[],
  encoding: 'utf8' | 'gbk' = 'utf8',
): string {
  const path = join(dir, name);
  const text = lines.join('\r\n') + '\r\n';
  writeFileSync(path, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
  return path;
}
