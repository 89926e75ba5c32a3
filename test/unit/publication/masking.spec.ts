import {
  looksLikePersonalName,
  maskPersonalName,
  publishedTargetName,
} from '../../../src/modules/publication/masking';
import { countByResult, currentEntries } from '../../../src/modules/publication/public-view';
import type { PublishedResult } from '../../../src/modules/publication/published-result.entity';

describe('publishedTargetName (PIPL masking)', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧阳**'],
    ['司马光', '司马*'],
    ['王小明', '王**'],
    ['阿依古丽·买买提', '阿***·***'],
    ['彭阳县张三便利店（张三）', '彭阳县张三便利店（张*）'],
    ['彭阳县欧阳杂货铺(欧阳娜娜)', '彭阳县欧阳杂货铺(欧阳**)'],
    ['老王烧烤', '老***'],
  ])('masks the operator of the individual business %s → %s', (name, masked) => {
    expect(publishedTargetName(name, 'individual_business')).toBe(masked);
  });

  it.each([
    '彭阳县红河镇便利店',
    '张记面馆',
    '彭阳县第9便利店（张9）',
    '李家超市',
    '彭阳县小刘农资门市（白阳分店）',
  ])('keeps the individual business %s: no personal name in it', (name) => {
    expect(publishedTargetName(name, 'individual_business')).toBe(name);
  });

  it.each(['enterprise', 'farmer_cooperative', 'social_organisation'])(
    'never masks a %s: it is published by its registered name',
    (type) => {
      expect(publishedTargetName('张三', type)).toBe('张三');
      expect(publishedTargetName('彭阳县张三食品有限公司（张三）', type)).toBe(
        '彭阳县张三食品有限公司（张三）',
      );
    },
  );

  it('treats a compound surname as a surname only when a given name follows', () => {
    expect(maskPersonalName('欧阳')).toBe('欧*');
    expect(maskPersonalName('上官婉儿')).toBe('上官**');
  });

  it('tells personal names from business names', () => {
    expect(looksLikePersonalName('张三')).toBe(true);
    expect(looksLikePersonalName('张三丰')).toBe(true);
    expect(looksLikePersonalName('张三便利店')).toBe(false);
    expect(looksLikePersonalName('农资店')).toBe(false);
    expect(looksLikePersonalName('张')).toBe(false);
    expect(looksLikePersonalName('Zhang San')).toBe(false);
  });
});

describe('currentEntries (public view of corrections and withdrawals)', () => {
  const at = (d: string) => new Date(`${d}T08:00:00Z`);
  const base = {
    inspectionId: 'i',
    inspectionCode: 'JI-2026-0001',
    inspectionName: '任务',
    departmentCode: 'SCJGJ',
    departmentName: '市场监督管理局',
    targetCode: 'T1',
    targetName: '甲公司',
    itemName: '事项',
    inspectedOn: '2026-05-01',
    withheld: false,
    withholdBasis: null,
    publishedBy: 'officer',
  };
  const entry = (over: Partial<PublishedResult>): PublishedResult =>
    ({
      ...base,
      itemCode: 'A',
      result: 'no_problem',
      handling: null,
      entryType: 'publication',
      supersedesId: null,
      reason: null,
      publishedAt: at('2026-05-10'),
      ...over,
    }) as PublishedResult;

  const rows = [
    entry({ id: 1, itemCode: 'A' }),
    entry({ id: 2, itemCode: 'B', result: 'problem', handling: '责令整改' }),
    entry({
      id: 3,
      itemCode: 'C',
      withheld: true,
      withholdBasis: '《保守国家秘密法》',
      result: null,
    }),
    entry({
      id: 4,
      itemCode: 'A',
      entryType: 'correction',
      supersedesId: 1,
      result: 'problem',
      handling: '责令改正',
      reason: '录入错误',
      publishedAt: at('2026-05-12'),
    }),
    entry({
      id: 5,
      itemCode: 'B',
      entryType: 'withdrawal',
      supersedesId: 2,
      result: null,
      reason: '对象错误',
      publishedAt: at('2026-05-13'),
    }),
    entry({
      id: 6,
      itemCode: 'A',
      entryType: 'correction',
      supersedesId: 4,
      result: 'other',
      handling: null,
      reason: '再次更正',
      publishedAt: at('2026-05-14'),
    }),
  ];

  it('shows the latest correction with what each correction replaced', () => {
    const [a] = currentEntries(rows);
    expect(a).toMatchObject({ id: 6, originalId: 1, status: 'corrected', result: 'other' });
    expect(a.reason).toBe('再次更正');
    expect(a.corrections.map((c) => [c.id, c.replaced.id, c.replaced.result])).toEqual([
      [4, 1, 'no_problem'],
      [6, 4, 'problem'],
    ]);
  });

  it('shows a withdrawn entry as withdrawn with its reason and without its content', () => {
    const b = currentEntries(rows)[1];
    expect(b).toMatchObject({ id: 5, status: 'withdrawn', reason: '对象错误', result: null });
    expect(b.handling).toBeNull();
    expect(b.corrections).toEqual([]);
  });

  it('keeps a withheld entry without result, with its basis', () => {
    const c = currentEntries(rows)[2];
    expect(c).toMatchObject({ status: 'published', withheld: true, result: null });
    expect(c.withholdBasis).toBe('《保守国家秘密法》');
  });

  it('counts current entries per result', () => {
    expect(countByResult(currentEntries(rows))).toEqual({ other: 1, withdrawn: 1, withheld: 1 });
  });
});
