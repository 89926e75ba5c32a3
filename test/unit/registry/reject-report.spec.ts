import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeRejectReport, type RowError } from '../../../src/modules/registry-core';

describe('writeRejectReport', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'reject-'))));
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('writes UTF-8 with BOM, quotes commas and newlines, and defuses formulas', async () => {
    const errors: RowError[] = [
      {
        rowNumber: 2,
        column: '统一社会信用代码',
        value: '91350100M000100Y44',
        reason: '校验位错误：第18位应为“3”',
      },
      { rowNumber: 5, column: '名称', value: '甲,乙\n"丙"', reason: '名称必填' },
      { rowNumber: 6, column: '联系电话', value: '=HYPERLINK("http://x")', reason: '格式不正确' },
    ];
    const path = join(dir, 'rejects.csv');
    expect(await writeRejectReport(path, errors)).toBe(3);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8')) as string[][];
    expect(rows).toEqual([
      ['行号 Row', '列 Column', '值 Value', '原因 Reason'],
      ['2', '统一社会信用代码', '91350100M000100Y44', '校验位错误：第18位应为“3”'],
      ['5', '名称', '甲,乙\n"丙"', '名称必填'],
      ['6', '联系电话', `'=HYPERLINK("http://x")`, '格式不正确'],
    ]);
  });

  it('accepts an async stream of errors', async () => {
    async function* many(): AsyncGenerator<RowError> {
      for (let i = 0; i < 20_000; i++)
        yield { rowNumber: i + 2, column: '名称', value: '', reason: '名称必填' };
    }
    const path = join(dir, 'many.csv');
    expect(await writeRejectReport(path, many())).toBe(20_000);
    expect((await readFile(path, 'utf8')).split('\r\n')).toHaveLength(20_002);
  });

  it('fails clearly when the path cannot be written', async () => {
    await expect(writeRejectReport(join(dir, 'missing-dir', 'x.csv'), [])).rejects.toThrow(
      /ENOENT/,
    );
  });
});
