/**
 * The demo county's inspectors (执法检查人员): 20 per joint-task department, all on duty and
 * qualified for on-site work (NX 15), with the expertise tags of their department's items. Each
 * gets a login (`insp-scjgj-001`) linked to his directory entry: an inspector may act only on
 * targets his certificate number was matched to, and the certificate number is public (draw
 * proofs) while a login name is not.
 */
import type { InspectorDto } from '../inspectors/dto/inspector.dto';
import { departmentExpertise } from './demo-items';
import { JOINT_DEPARTMENTS } from './pengyang';
import { seededRandom } from './synthetic-targets';

export const INSPECTORS_PER_DEPARTMENT = 20;
const DEMO_INSPECTOR_SEED = 0x2f0425;

const SURNAMES = '王李张刘杨马赵陈海虎冯韩黄周吴徐孙胡朱高何郭罗梁宋郑谢唐禹田'.split('');
const GIVEN = '志军晓红建国玉梅文斌海燕永强学东丽娟春生宏伟慧敏世杰佳怡立新'.split('');
const POSITIONS = ['执法队员', '科员', '一级科员', '四级主任科员', '副所长', '执法大队副大队长'];

/** Certificate number (执法证号) of the k-th (1-based) inspector of a department. */
export function certificateNo(departmentCode: string, k: number): string {
  return `${departmentCode}-${String(k).padStart(3, '0')}`;
}

/** The demo login of the inspector holding a certificate number: `insp-scjgj-001`. */
export function inspectorLogin(certificate: string): string {
  return `insp-${certificate.toLowerCase()}`;
}

/** The 60 inspectors, department by department, in certificate-number order. */
export function demoInspectors(): InspectorDto[] {
  const random = seededRandom(DEMO_INSPECTOR_SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const names = new Set<string>();
  const out: InspectorDto[] = [];
  JOINT_DEPARTMENTS.forEach((departmentCode, d) => {
    const [primary, ...others] = departmentExpertise(departmentCode);
    for (let k = 1; k <= INSPECTORS_PER_DEPARTMENT; k++) {
      let name: string;
      do name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.7 ? pick(GIVEN) : '');
      while (names.has(name));
      names.add(name);
      // Most hold the joint item's tag, a few do not: matching by expertise then has a choice.
      const tags = [...(random() < 0.85 ? [primary] : []), ...others.filter(() => random() < 0.5)];
      out.push({
        name,
        position: pick(POSITIONS),
        departmentCode,
        certificateNo: certificateNo(departmentCode, k),
        phone: `13995${d + 1}${String(k).padStart(5, '0')}`,
        enforcementQualified: true,
        expertiseTags: tags.length > 0 ? tags : [primary],
        thirdPartyExpert: false,
      });
    }
  });
  return out;
}

/**
 * Declared conflicts of interest (利害关系, NX 25): the inspector is recused from the n-th target
 * (0-based, directory order) that the three joint departments all supervise.
 */
export const DEMO_CONFLICTS = [
  { certificateNo: 'SCJGJ-003', nth: 0, reason: '近亲属为该企业法定代表人' },
  { certificateNo: 'YJJ-005', nth: 1, reason: '曾在该单位任职，离职未满两年' },
  { certificateNo: 'NYNCJ-007', nth: 2, reason: '与该主体负责人存在经济往来' },
];
