import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  importInspectors,
  importTargets,
  readRows,
  RegistryFileError,
  TARGET_SCHEMA,
  type DetectedEncoding,
  type RawRow,
} from '../../../src/modules/registry-core';
import { buildUscc } from './uscc-arbitrary';

const FIXTURES = join(__dirname, '../../fixtures/registry');
let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'registry-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function fileWith(name: string, content: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const HEADER = '统一社会信用代码,企业名称,主体类型\n';
const ROW = '91350100M000100Y43,福州示例贸易有限公司,企业\n';

async function expectFileError(
  source: string | Readable,
  code: string,
  message?: RegExp,
): Promise<void> {
  const error = await collect(readRows(source, { schema: TARGET_SCHEMA })).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryFileError);
  expect((error as RegistryFileError).code).toBe(code);
  if (message) expect((error as RegistryFileError).message).toMatch(message);
}

describe('readRows: CSV encodings', () => {
  it.each<[string, Buffer, DetectedEncoding]>([
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(HEADER + ROW)]),
      'utf-8',
    ],
    ['UTF-8 without BOM', Buffer.from(HEADER + ROW), 'utf-8'],
    ['GBK', iconv.encode(HEADER + ROW, 'gbk'), 'gb18030'],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(HEADER + ROW, 'utf-16le')]),
      'utf-16le',
    ],
  ])('reads %s', async (label, bytes, encoding) => {
    const path = await fileWith(`${label}.csv`, bytes);
    let detected: DetectedEncoding | undefined;
    const rows = await collect(
      readRows(path, { schema: TARGET_SCHEMA, onEncoding: (e) => (detected = e) }),
    );
    expect(detected).toBe(encoding);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: { code: '91350100M000100Y43', name: '福州示例贸易有限公司', type: '企业' },
        issues: [],
      },
    ]);
  });

  it('detects GBK even when the first Chinese text comes after a long ASCII prefix, across chunk boundaries', async () => {
    const asciiRows = Array.from(
      { length: 3000 },
      (_, i) => `JC-A${i},Shop ${i},enterprise\n`,
    ).join('');
    const bytes = iconv.encode(
      HEADER.replace('统一社会信用代码,企业名称,主体类型', 'code,name,type') + asciiRows + ROW,
      'gbk',
    );
    const chunks = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, i) =>
      bytes.subarray(i * 997, (i + 1) * 997),
    );
    const rows = await collect(readRows(Readable.from(chunks), { schema: TARGET_SCHEMA }));
    expect(rows).toHaveLength(3001);
    expect(rows[3000].values.name).toBe('福州示例贸易有限公司');
  });

  it('detects tab-separated files', async () => {
    const path = await fileWith('tabs.csv', HEADER.replace(/,/g, '\t') + ROW.replace(/,/g, '\t'));
    const rows = await collect(readRows(path, { schema: TARGET_SCHEMA }));
    expect(rows[0].values.name).toBe('福州示例贸易有限公司');
  });

  it('reads the UTF-8 fixture keyed by header text without a schema', async () => {
    const rows = await collect(readRows(join(FIXTURES, 'targets-sample.csv')));
    expect(rows).toHaveLength(2);
    expect(rows[0].values['企业名称']).toBe('福州示例贸易有限公司');
    expect(rows[1].rowNumber).toBe(3);
  });
});

describe('readRows: malformed files give clear errors', () => {
  it('rejects a 0-byte file', async () => {
    await expectFileError(await fileWith('empty.csv', ''), 'empty_file', /0字节/);
  });

  it('rejects a binary file', async () => {
    const garbage = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256));
    await expectFileError(
      await fileWith('garbage.csv', garbage),
      'unrecognised_format',
      /既不是 CSV 也不是 xlsx/,
    );
  });

  it('rejects a legacy .xls file', async () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    await expectFileError(await fileWith('old.xls', xls), 'legacy_xls', /另存为 \.xlsx/);
  });

  it('rejects a file said to be xlsx that is not', async () => {
    const error = await collect(
      readRows(await fileWith('fake.xlsx', HEADER + ROW), { format: 'xlsx' }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unrecognised_format' });
  });

  it('rejects a corrupt zip', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
    await expectFileError(await fileWith('broken.xlsx', zip), 'malformed_xlsx');
  });

  it('names a missing required column and the accepted spellings', async () => {
    const path = await fileWith('nocode.csv', '企业名称,主体类型\n福州示例,企业\n');
    const error = (await collect(readRows(path, { schema: TARGET_SCHEMA })).catch(
      (e: unknown) => e,
    )) as RegistryFileError;
    expect(error.code).toBe('missing_columns');
    expect(error.missingFields).toEqual(['code']);
    expect(error.message).toContain('缺少必需的列“统一社会信用代码”');
    expect(error.message).toContain('标识编码');
  });

  it('rejects a file with only blank lines', async () => {
    await expectFileError(await fileWith('blank.csv', '\n , \n'), 'no_header');
  });

  it('reports an unclosed quote near its line instead of crashing', async () => {
    await expectFileError(
      await fileWith('quote.csv', HEADER + ROW + '"91350100M000100Y43,unterminated\n' + ROW),
      'malformed_csv',
      /引号/,
    );
  });
});

describe('readRows: row-level problems travel with the row', () => {
  it('turns a huge cell into a row issue and keeps reading', async () => {
    const huge = '名'.repeat(5000);
    const path = await fileWith('huge.csv', HEADER + `91350100M000100Y43,${huge},企业\n` + ROW);
    const rows = await collect(readRows(path, { schema: TARGET_SCHEMA }));
    expect(rows).toHaveLength(2);
    expect(rows[0].issues).toEqual([
      expect.objectContaining({
        rowNumber: 2,
        column: 'name',
        reason: expect.stringContaining('5000个字符'),
      }),
    ]);
    expect(rows[1].issues).toEqual([]);
  });

  it('reports extra cells beyond the header and rows shorter than it (truncated)', async () => {
    const path = await fileWith(
      'ragged.csv',
      HEADER + '91350100M000100Y43,甲,企业,多余\n914403001922038216\n',
    );
    const rows = await collect(readRows(path, { schema: TARGET_SCHEMA }));
    expect(rows[0].issues).toEqual([expect.objectContaining({ column: '第4列', value: '多余' })]);
    expect(rows[1]).toMatchObject({ rowNumber: 3, values: { code: '914403001922038216' } });
    expect(rows[1].issues).toEqual([
      expect.objectContaining({
        rowNumber: 3,
        reason: expect.stringMatching(/只有1列，表头有3列/),
      }),
    ]);
  });

  it('rejects huge cells and ragged rows through the target import with the header text', async () => {
    const path = await fileWith(
      'import.csv',
      HEADER + `91350100M000100Y43,${'x'.repeat(4001)},企业\n`,
    );
    const [result] = await collect(importTargets(path));
    expect(result).toMatchObject({ ok: false, errors: [{ rowNumber: 2, column: '企业名称' }] });
    if (!result.ok) expect(result.errors).toHaveLength(1); // not also "名称必填"
  });
});

describe('readRows: xlsx', () => {
  it('stream-reads the first worksheet, converting numbers, rich text and formulas to text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名录');
    sheet.addRow(['统一社会信用代码', '企业名称', '行政区划代码', '投诉次数', '备注']);
    sheet.addRow([
      '91350100M000100Y43',
      { richText: [{ text: '福州' }, { text: '示例' }] },
      350100,
      { formula: '1+1', result: 2 },
      new Date('2024-03-01'),
    ]);
    sheet.addRow([]);
    sheet.addRow(['914403001922038216', '深圳示例', '440300', 0, null]);
    workbook.addWorksheet('说明').addRow(['这是说明页']);
    const path = join(dir, 'targets.xlsx');
    await workbook.xlsx.writeFile(path);

    const rows = await collect(readRows(path));
    expect(rows.map((r) => [r.rowNumber, r.values])).toEqual([
      [
        2,
        {
          统一社会信用代码: '91350100M000100Y43',
          企业名称: '福州示例',
          行政区划代码: '350100',
          投诉次数: '2',
          备注: '2024-03-01',
        },
      ],
      [
        4,
        {
          统一社会信用代码: '914403001922038216',
          企业名称: '深圳示例',
          行政区划代码: '440300',
          投诉次数: '0',
        },
      ],
    ]);
    const imported = await collect(importTargets(path));
    expect(imported.map((r) => r.ok)).toEqual([true, true]);
  });
});

describe('import of the inspector fixture', () => {
  it('accepts a qualified inspector and a third-party expert', async () => {
    const results = await collect(importInspectors(join(FIXTURES, 'inspectors-sample.csv')));
    expect(results).toEqual([
      expect.objectContaining({
        ok: true,
        value: expect.objectContaining({
          name: '张伟',
          enforcementQualified: true,
          expertiseTags: ['食品安全', '特种设备'],
        }),
      }),
      expect.objectContaining({
        ok: true,
        value: expect.objectContaining({
          name: '李娜',
          enforcementQualified: false,
          thirdPartyExpert: true,
        }),
      }),
    ]);
  });
});

describe('readRows: large files', () => {
  it('streams 100,000 rows without holding them in memory', async () => {
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    out.write('\uFEFF统一社会信用代码,企业名称,主体类型,住所,经营范围\n');
    const filler = '食品销售、餐饮服务、日用百货、五金交电、'.repeat(6);
    for (let i = 0; i < 100_000; i++) {
      const body = String(10_000_000 + i).slice(0, 8);
      if (
        !out.write(
          `${buildUscc('91', '640100', body)},宁夏示例商贸有限公司${i},企业,银川市兴庆区示例路${i}号,${filler}\n`,
        )
      ) {
        await once(out, 'drain');
      }
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));

    // A real collection before each sample, so the figure is live data, not uncollected garbage.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let last: RawRow | undefined;
    for await (const row of readRows(path, { schema: TARGET_SCHEMA })) {
      count++;
      last = row;
      if (count % 10_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(count).toBe(100_000);
    expect(last?.rowNumber).toBe(100_001);
    // The decoded file is ~30 MB of text; holding the rows would exceed this bound several times.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('readRows: UTF-16, truncated rows and files without data (issue 11)', () => {
  const text = HEADER + ROW + '914403001922038216,深圳示例有限公司,企业\n';
  const oneByteChunks = (buf: Buffer) => Readable.from(Array.from(buf, (b) => Buffer.from([b])));

  it.each<[string, Buffer, DetectedEncoding]>([
    ['UTF-16LE without BOM', iconv.encode(text, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE without BOM', iconv.encode(text, 'utf-16be'), 'utf-16be'],
    [
      'UTF-16LE with BOM, tab separated (Excel "Unicode text")',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(text.replace(/,/g, '\t'), 'utf-16le'),
      ]),
      'utf-16le',
    ],
  ])('decodes %s', async (_label, bytes, encoding) => {
    let detected: DetectedEncoding | undefined;
    const rows = await collect(
      readRows(await fileWith('utf16.csv', bytes), {
        schema: TARGET_SCHEMA,
        onEncoding: (e) => (detected = e),
      }),
    );
    expect(detected).toBe(encoding);
    expect(rows.map((r) => r.values.name)).toEqual(['福州示例贸易有限公司', '深圳示例有限公司']);
    expect(rows.every((r) => r.issues.length === 0)).toBe(true);
  });

  it('finds a BOM even when the stream delivers one byte at a time', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const rows = await collect(readRows(oneByteChunks(bytes), { schema: TARGET_SCHEMA }));
    expect(rows).toHaveLength(2);
  });

  it('refuses a file with a header and no data rows (nothing would be imported)', async () => {
    await expectFileError(await fileWith('header-only.csv', HEADER), 'no_rows', /没有数据行/);
  });

  it('rejects a truncated row through the import, with its row number', async () => {
    const path = await fileWith('cut.csv', HEADER + ROW + '914403001922038216,深圳示例有\n');
    const results = await collect(importTargets(path));
    expect(results[0].ok).toBe(true);
    expect(results[1].ok).toBe(false);
    expect(JSON.stringify(results[1])).toMatch(/"rowNumber":3.*行不完整/);
  });
});
