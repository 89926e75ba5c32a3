import {
  DuplicateTracker,
  parseBoolean,
  parseInspectorRow,
  parseRelabelRow,
  parseRiskClass,
  parseTargetRow,
  parseTargetType,
  mapHeaders,
  TARGET_SCHEMA,
} from '../../../src/modules/registry-core';
import { buildUscc } from './uscc-arbitrary';

describe('value parsers', () => {
  it.each([
    ['企业', 'enterprise'],
    ['农民专业合作社', 'farmer_cooperative'],
    ['个体工商户', 'individual_business'],
    ['社会团体', 'social_organisation'],
    ['民办非企业单位', 'social_organisation'],
    ['个人独资企业', 'enterprise'],
    ['有限责任公司（自然人独资）', 'enterprise'],
    ['产品', 'product'],
    ['Farmer Cooperative', 'farmer_cooperative'],
  ])('target type %s → %s', (raw, type) => {
    expect(parseTargetType(raw)).toEqual({ ok: true, value: type });
  });

  it('rejects an unknown type listing the accepted ones', () => {
    expect(parseTargetType('外星公民')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('农民专业合作社'),
    });
  });

  it.each([
    ['A', 'A'],
    ['ｂ类', 'B'],
    ['低风险', 'A'],
    ['一般风险', 'B'],
    ['较高风险', 'C'],
    ['高风险', 'D'],
    ['', null],
  ])('risk class %s → %s', (raw, riskClass) => {
    expect(parseRiskClass(raw)).toEqual({ ok: true, value: riskClass });
  });

  it('rejects a bad risk class', () => {
    expect(parseRiskClass('E')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('A/B/C/D'),
    });
  });

  it.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['0', false],
  ])('boolean %s → %s', (raw, value) => {
    expect(parseBoolean(raw, false)).toEqual({ ok: true, value });
  });
});

describe('mapHeaders', () => {
  it('prefers the higher-priority alias and matches headers with notes, stars and full-width text', () => {
    const mapping = mapHeaders(
      ['标识编码', '*企业名称', '统一社会信用代码', '联系电话（手机）', 'ADDRESS'],
      TARGET_SCHEMA,
    );
    expect(mapping.headerByField).toMatchObject({
      code: '统一社会信用代码',
      name: '*企业名称',
      phone: '联系电话（手机）',
      address: 'ADDRESS',
    });
    expect(mapping.missing).toEqual([]);
  });
});

describe('parseTargetRow', () => {
  const base = { code: '91350100M000100Y43', name: '福州示例贸易有限公司' };

  it('builds a target, inferring type and region from the USCC', () => {
    const result = parseTargetRow(
      {
        ...base,
        supervisingDepartments: 'SCJG；SWJ、YJJ',
        riskClass: '高风险',
        complaintCount: '3',
      },
      2,
    );
    expect(result).toEqual({
      ok: true,
      rowNumber: 2,
      value: {
        code: '91350100M000100Y43',
        codeKind: 'uscc',
        name: '福州示例贸易有限公司',
        type: 'enterprise',
        address: null,
        regionCode: '350100',
        industryTags: [],
        legalRepresentative: null,
        phone: null,
        riskClass: 'D',
        supervisingDepartments: ['SCJG', 'SWJ', 'YJJ'],
        status: 'active',
        complaintCount: 3,
        violationCount: 0,
      },
    });
  });

  it('infers individual businesses and cooperatives from the USCC', () => {
    const individual = parseTargetRow(
      { code: buildUscc('92', '640100', '12345678'), name: '老王烧烤' },
      2,
    );
    const coop = parseTargetRow(
      { code: buildUscc('93', '640100', '12345678'), name: '某合作社' },
      3,
    );
    expect(individual).toMatchObject({ ok: true, value: { type: 'individual_business' } });
    expect(coop).toMatchObject({ ok: true, value: { type: 'farmer_cooperative' } });
  });

  it('collects every problem of a row, naming the column as written', () => {
    const result = parseTargetRow(
      { code: '91350100M000100Y44', name: '', riskClass: 'Z', phone: 'abc', regionCode: '35' },
      7,
      { headers: { code: '信用代码' } },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.rowNumber, e.column])).toEqual([
      [7, '信用代码'],
      [7, '名称'],
      [7, '行政区划代码'],
      [7, '联系电话'],
      [7, '信用风险分类'],
    ]);
    expect(result.errors[0]).toMatchObject({
      value: '91350100M000100Y44',
      reason: expect.stringContaining('应为“3”'),
    });
  });

  it('requires a type when it cannot be inferred', () => {
    expect(parseTargetRow({ code: 'JC-P-1', name: '某产品' }, 2)).toMatchObject({
      ok: false,
      errors: [{ column: '主体类型' }],
    });
    expect(parseTargetRow({ code: 'JC-P-1', name: '某产品', type: '产品' }, 2)).toMatchObject({
      ok: true,
      value: { type: 'product', regionCode: null },
    });
  });

  it('rejects the second occurrence of a code naming the first row', () => {
    const duplicates = new DuplicateTracker();
    expect(parseTargetRow(base, 2, { duplicates }).ok).toBe(true);
    expect(
      parseTargetRow({ ...base, code: 'm000100y-4', type: '企业' }, 3, { duplicates }).ok,
    ).toBe(true); // org code differs
    const again = parseTargetRow({ ...base, code: ' 91350100m000100y43' }, 9, { duplicates });
    expect(again).toMatchObject({
      ok: false,
      errors: [{ rowNumber: 9, reason: '标识编码与第2行重复' }],
    });
    expect(duplicates.size).toBe(2);
  });
});

describe('parseInspectorRow', () => {
  it('defaults qualification to having a certificate number', () => {
    expect(
      parseInspectorRow({ name: '张伟', departmentCode: 'SCJG', certificateNo: '6401 0012' }, 2),
    ).toMatchObject({
      ok: true,
      value: {
        enforcementQualified: true,
        certificateNo: '64010012',
        status: 'on_duty',
        thirdPartyExpert: false,
      },
    });
    expect(
      parseInspectorRow({ name: '王芳', departmentCode: 'SCJG', status: '调离' }, 3),
    ).toMatchObject({
      ok: true,
      value: { enforcementQualified: false, certificateNo: null, status: 'transferred' },
    });
  });

  it('rejects a qualified inspector without certificate and a qualified expert', () => {
    expect(
      parseInspectorRow({ name: '张伟', departmentCode: 'SCJG', enforcementQualified: '是' }, 2),
    ).toMatchObject({
      ok: false,
      errors: [{ column: '执法证号', reason: '具有执法资格的人员必须填写执法证号' }],
    });
    expect(
      parseInspectorRow(
        {
          name: '李娜',
          departmentCode: 'SCJG',
          certificateNo: 'X1',
          enforcementQualified: '是',
          thirdPartyExpert: '是',
        },
        3,
      ),
    ).toMatchObject({ ok: false, errors: [{ column: '第三方专家' }] });
  });

  it('rejects missing name/department, bad booleans and duplicate certificates', () => {
    const duplicates = new DuplicateTracker();
    parseInspectorRow({ name: '甲', departmentCode: 'A', certificateNo: 'C-1' }, 2, { duplicates });
    const result = parseInspectorRow(
      { name: '', departmentCode: '', certificateNo: 'c-1', thirdPartyExpert: '也许' },
      4,
      { duplicates },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.reason)).toEqual([
        '姓名必填',
        '部门/单位必填',
        expect.stringContaining('是/否'),
        '执法证号与第2行重复',
      ]);
    }
  });
});

describe('parseRelabelRow', () => {
  it('accepts a code and class, rejects a missing class', () => {
    expect(parseRelabelRow({ code: '91350100M000100Y43', riskClass: '较高风险' }, 2)).toEqual({
      ok: true,
      rowNumber: 2,
      value: { code: '91350100M000100Y43', riskClass: 'C' },
    });
    expect(parseRelabelRow({ code: '91350100M000100Y43', riskClass: '' }, 3)).toMatchObject({
      ok: false,
      errors: [{ column: '信用风险分类' }],
    });
  });
});

describe('scripts/gen-targets', () => {
  it('generates rows that import without rejects', async () => {
    const { syntheticRow } = await import('../../../scripts/gen-targets');
    const { Readable } = await import('node:stream');
    const { importTargets } = await import('../../../src/modules/registry-core');
    const header =
      '统一社会信用代码,企业名称,主体类型,住所,行政区划代码,经营范围,法定代表人,联系电话,信用风险分类,监管部门,登记状态,投诉次数,违法记录\n';
    const lines = [header, ...Array.from({ length: 500 }, (_, i) => syntheticRow(i * 7919) + '\n')];
    const results = [];
    for await (const result of importTargets(Readable.from([Buffer.from(lines.join(''))])))
      results.push(result);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(500);
  });
});
