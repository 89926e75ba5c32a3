import fc from 'fast-check';
import {
  checkPlanTask,
  compareRatio,
  formatPercent,
  jointPlanCoverage,
  parseRatio,
  ratio,
  type InspectionItem,
  type PlanTask,
  type Ratio,
} from '../../../src/modules/registry-core';

const items: InspectionItem[] = [
  {
    id: 'food',
    name: '食品经营许可',
    category: 'general',
    maxRatio: '5%',
    departmentCode: 'SCJG',
    targetTypes: ['enterprise'],
  },
  {
    id: 'tax',
    name: '发票管理',
    category: 'general',
    maxRatio: { basisPoints: 300 },
    departmentCode: 'SWJ',
  },
  { id: 'boiler', name: '特种设备安全', category: 'key', departmentCode: 'SCJG' },
  {
    id: 'drug',
    name: '药品经营',
    category: 'key',
    departmentCode: 'YJJ',
    targetTypes: ['individual_business'],
  },
];

const jointTask = (overrides: Partial<PlanTask> = {}): PlanTask => ({
  id: 't1',
  name: '食品与税务联合抽查',
  itemIds: ['food', 'tax'],
  initiatingDepartment: 'SCJG',
  participatingDepartments: ['SWJ'],
  scope: { targetTypes: ['enterprise'], supervisingDepartments: ['SCJG', 'SWJ'] },
  ratio: '0.03',
  window: { start: '2025-04-01', end: '2025-10-31' },
  ...overrides,
});
const context = { planYear: 2025 };
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('exact ratios', () => {
  it('parses decimals, percentages, per-mille and basis points to the same value', () => {
    for (const input of ['0.05', '5%', '5.0％', '50‰', { basisPoints: 500 }]) {
      expect(compareRatio(parseRatio(input) as Ratio, ratio(1n, 20n))).toBe(0);
    }
    expect(parseRatio('五成')).toMatchObject({ error: expect.stringContaining('格式不正确') });
  });

  it('does not drift: a sum of tenths compares exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        const tenth = parseRatio('0.1') as Ratio;
        const sum = ratio(tenth.num * BigInt(n), tenth.den);
        expect(
          compareRatio(
            sum,
            parseRatio(`${n / 10 >= 1 ? Math.floor(n / 10) : 0}.${n % 10}`) as Ratio,
          ),
        ).toBe(0);
      }),
    );
    expect(formatPercent(ratio(1n, 3n))).toBe('≈33.3333%');
    expect(formatPercent(parseRatio('0.055') as Ratio)).toBe('5.5%');
  });
});

describe('checkPlanTask', () => {
  it('accepts a valid joint task', () => {
    expect(checkPlanTask(jointTask(), items, context)).toEqual({ errors: [], warnings: [] });
  });

  it('bounds general items by their maximum ratio exactly, and key items not at all', () => {
    const atLimit = checkPlanTask(
      jointTask({ itemIds: ['food'], participatingDepartments: [], ratio: '5%' }),
      items,
      context,
    );
    expect(atLimit.errors).toEqual([]);
    const over = checkPlanTask(jointTask({ ratio: '0.0301' }), items, context);
    expect(over.errors).toEqual([
      expect.objectContaining({
        code: 'ratio_over_max',
        itemId: 'tax',
        message: expect.stringContaining('上限3%'),
      }),
    ]);
    const key = checkPlanTask(
      jointTask({ itemIds: ['boiler'], participatingDepartments: [], ratio: '100%' }),
      items,
      context,
    );
    expect(key.errors).toEqual([]);
    expect(codes(checkPlanTask(jointTask({ ratio: '1.5' }), items, context).errors)).toEqual([
      'ratio_range',
    ]);
  });

  it('checks every risk-class ratio and warns about missing classes and inverted order', () => {
    const result = checkPlanTask(
      jointTask({ ratio: undefined, ratiosByRiskClass: { A: '2%', B: '1%', D: '4%' } }),
      items,
      context,
    );
    expect(codes(result.errors)).toEqual(['ratio_over_max']); // D 4% > tax 3%
    expect(codes(result.warnings)).toEqual(['risk_class_not_sampled', 'risk_ratio_order']);
  });

  it('requires exactly one of ratio, risk-class ratios and count', () => {
    expect(codes(checkPlanTask(jointTask({ count: 10 }), items, context).errors)).toEqual([
      'sampling_conflict',
    ]);
    expect(codes(checkPlanTask(jointTask({ ratio: undefined }), items, context).errors)).toEqual([
      'no_sampling',
    ]);
  });

  it('checks a count against the base when given, warns when not', () => {
    expect(
      codes(
        checkPlanTask(jointTask({ ratio: undefined, count: 31, baseCount: 1000 }), items, context)
          .errors,
      ),
    ).toEqual(['ratio_over_max']);
    expect(
      checkPlanTask(jointTask({ ratio: undefined, count: 30, baseCount: 1000 }), items, context)
        .errors,
    ).toEqual([]);
    expect(
      codes(checkPlanTask(jointTask({ ratio: undefined, count: 30 }), items, context).warnings),
    ).toEqual(['count_unchecked', 'count_unchecked']);
    expect(
      codes(checkPlanTask(jointTask({ ratio: undefined, count: 0 }), items, context).errors),
    ).toEqual(['bad_count']);
  });

  it('requires a joint scope supervised by every department of the task', () => {
    const result = checkPlanTask(
      jointTask({ scope: { supervisingDepartments: ['SCJG'] } }),
      items,
      context,
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'scope_not_common',
        message: expect.stringContaining('SWJ'),
      }),
    ]);
  });

  it('rejects items of departments outside the task and mismatched target types', () => {
    const result = checkPlanTask(jointTask({ itemIds: ['food', 'tax', 'drug'] }), items, context);
    expect(codes(result.errors)).toEqual([
      'item_department_not_in_task',
      'item_target_type_mismatch',
    ]);
    expect(
      codes(checkPlanTask(jointTask({ itemIds: ['food', 'nope'] }), items, context).errors),
    ).toContain('unknown_item');
  });

  it('keeps the time window inside the plan year', () => {
    expect(
      codes(
        checkPlanTask(
          jointTask({ window: { start: '2025-11-01', end: '2026-01-15' } }),
          items,
          context,
        ).errors,
      ),
    ).toEqual(['window_outside_year']);
    expect(
      codes(
        checkPlanTask(
          jointTask({ window: { start: '2025-06-01', end: '2025-05-01' } }),
          items,
          context,
        ).errors,
      ),
    ).toEqual(['window_reversed']);
    expect(
      codes(
        checkPlanTask(
          jointTask({ window: { start: '2025-02-30', end: '2025-05-01' } }),
          items,
          context,
        ).errors,
      ),
    ).toEqual(['bad_date']);
  });
});

describe('jointPlanCoverage (NX 18: at least 80%)', () => {
  const jointItems: InspectionItem[] = Array.from({ length: 5 }, (_, i) => ({
    id: `j${i}`,
    name: `联合事项${i}`,
    category: 'key',
    departmentCode: 'SCJG',
  }));

  it('is satisfied at exactly 80%', () => {
    const coverage = jointPlanCoverage(
      [jointTask({ itemIds: ['j0', 'j1', 'j2', 'j3'] })],
      jointItems,
    );
    expect(coverage).toMatchObject({
      coveredRatio: '0.8',
      coveredPercent: '80%',
      uncoveredItems: [jointItems[4]],
    });
    expect(coverage.warning).toBeUndefined();
  });

  it('warns below 80% naming the uncovered items, ignoring single-department tasks', () => {
    const coverage = jointPlanCoverage(
      [
        jointTask({ itemIds: ['j0', 'j1', 'j2'] }),
        jointTask({ itemIds: ['j3'], participatingDepartments: [] }),
      ],
      jointItems,
    );
    expect(coverage.coveredRatio).toBe('0.6');
    expect(coverage.warning).toMatch(/60%.*联合事项3、联合事项4/);
  });
});
