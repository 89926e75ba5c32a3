import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DrawSources,
  type DrawScope,
  type EligibleTarget,
  type InspectorRecord,
} from '../../../src/modules/draw';
import { drawSecretKey, openSecret } from '../../../src/modules/draw/secret-box';

/**
 * A small county directory for the draw tests: targets of Pengyang county (彭阳县) supervised by
 * the market-regulation bureau (SCJGJ) and some also by the health bureau (WJJ), and both
 * departments' inspectors. The in-test sources filter it the way the registries do (HN 18).
 */
export interface DirectoryTarget extends EligibleTarget {
  supervisingDepartments: string[];
}

const TOWNS = ['白阳镇', '王洼镇', '古城镇', '红河镇', '新集乡'];
const STRATA: [string, number][] = [
  ['A', 10],
  ['B', 15],
  ['C', 10],
  ['D', 5],
];

export function countyTargets(): DirectoryTarget[] {
  const targets: DirectoryTarget[] = [];
  let n = 0;
  for (const [riskClass, size] of STRATA) {
    for (let i = 0; i < size; i++, n++) {
      targets.push({
        code: `9164042${riskClass}MA7${String(n).padStart(6, '0')}X`,
        riskClass,
        regionCode: TOWNS[n % TOWNS.length],
        supervisingDepartments: ['SCJGJ', 'WJJ'],
      });
    }
  }
  // Supervised by SCJGJ alone: never eligible for a joint SCJGJ + WJJ task.
  for (let i = 0; i < 5; i++) {
    targets.push({
      code: `92640425MA8${String(i).padStart(6, '0')}Y`,
      riskClass: 'B',
      regionCode: TOWNS[i],
      supervisingDepartments: ['SCJGJ'],
    });
  }
  return targets;
}

function inspector(
  departmentCode: string,
  certificateNo: string | null,
  name: string,
  facts: Partial<InspectorRecord> = {},
): InspectorRecord {
  return {
    name,
    certificateNo,
    departmentCode,
    enforcementQualified: true,
    expertiseTags: [],
    thirdPartyExpert: false,
    status: 'on_duty',
    ...facts,
  };
}

export const UNQUALIFIED_SCJGJ = '64040005';
export const ON_LEAVE_SCJGJ = '64040004';
export const NO_FOOD_SCJGJ = '64040008';

export function countyInspectors(): InspectorRecord[] {
  const food = { expertiseTags: ['食品'] };
  const scjgj = [
    inspector('SCJGJ', '64040001', '张伟', { expertiseTags: ['食品', '特种设备'] }),
    inspector('SCJGJ', '64040002', '李娜', food),
    inspector('SCJGJ', '64040003', '王强', { expertiseTags: ['食品', '计量'] }),
    inspector('SCJGJ', ON_LEAVE_SCJGJ, '赵敏', { ...food, status: 'on_leave' }),
    inspector('SCJGJ', UNQUALIFIED_SCJGJ, '刘洋', { ...food, enforcementQualified: false }),
    inspector('SCJGJ', '64040006', '陈静', food),
    inspector('SCJGJ', '64040007', '杨帆', food),
    inspector('SCJGJ', NO_FOOD_SCJGJ, '周婷', { expertiseTags: ['计量'] }),
    inspector('SCJGJ', '64040009', '吴专家', { ...food, thirdPartyExpert: true }),
    inspector('SCJGJ', null, '孙协管', food),
  ];
  const names = ['马丽', '黄磊', '何静', '罗军', '高峰', '林芳', '郭涛', '梁雪', '宋佳', '唐亮'];
  const wjj = names.map((name, i) =>
    inspector('WJJ', `64041${String(i + 1).padStart(3, '0')}`, name, {
      expertiseTags: ['公共卫生'],
    }),
  );
  wjj.push(
    inspector('WJJ', '64041099', '韩冰', {
      expertiseTags: ['公共卫生'],
      enforcementQualified: false,
    }),
  );
  return [...scjgj, ...wjj];
}

/** Binds directories backed by the given data (defaults: the county above). */
export function bindCountyDirectories(
  app: INestApplication,
  targets: DirectoryTarget[] = countyTargets(),
  inspectors: InspectorRecord[] = countyInspectors(),
): void {
  app.get(DrawSources).use({
    targets: {
      async *streamEligible(scope: DrawScope) {
        for (const t of targets) {
          if (scope.departmentCodes.every((d) => t.supervisingDepartments.includes(d)))
            yield { code: t.code, riskClass: t.riskClass, regionCode: t.regionCode };
        }
      },
    },
    inspectors: {
      listForDepartment: async (code: string) =>
        inspectors.filter((i) => i.departmentCode === code),
    },
  });
}

/** The test key (PAYLOAD_CODEC_KEY of startTestApp), to open the sealed secret as an attacker with the key could. */
export async function unsealedSecret(
  app: INestApplication,
  drawId: string,
): Promise<{ sealed: string; secret: string }> {
  const [row] = await app
    .get(DataSource)
    .query('SELECT secret_sealed FROM draws WHERE id = ?', [drawId]);
  const sealed = row.secret_sealed as string;
  return {
    sealed,
    secret: openSecret(drawSecretKey(Buffer.from('11'.repeat(32), 'hex')), drawId, sealed),
  };
}

export const COMMIT_BODY = {
  departmentCode: 'SCJGJ',
  participatingDepartments: ['SCJGJ', 'WJJ'],
  rules: [
    { stratum: 'A', ratio: '0.2' },
    { stratum: 'B', count: 3 },
    { stratum: 'C', ratio: '50%' },
    { stratum: 'D', count: 10 },
  ],
  entropySource: { kind: 'witness', description: '县市场监管局抽取现场见证人（县司法局派员）' },
};

export const SCJGJ_MATCH = { m: 2, onSite: true, requiredExpertise: ['食品'] };
