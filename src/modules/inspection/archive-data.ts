import type { DocumentTemplate } from '../documents/document-templates';
import type { DrawProof } from '../draw/core';
import type { PublishedResult } from '../publication/published-result.entity';
import type { FollowUp, Inspection, InspectionForm, InspectionTarget } from './entities';

/** Department and item names by code, for documents people read. */
export interface Names {
  department: Map<string, string>;
  item: Map<string, string>;
}

export interface ArchivePart {
  template: DocumentTemplate;
  kind: string;
  subject: string;
  title: string;
  data: { title: string } & Record<string, unknown>;
}

/**
 * Pages per archived volume (册): a PDF with embedded CJK glyphs is ~0.2 MB a page, and a stored
 * document must stay well under MySQL's max_allowed_packet (16 MB by default).
 */
export const PAGES_PER_VOLUME = 25;

/** Splits a long list into volumes of PAGES_PER_VOLUME. */
export function volumes<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += PAGES_PER_VOLUME)
    out.push(items.slice(at, at + PAGES_PER_VOLUME));
  return out;
}

const RESULT_LABELS: Record<string, string> = {
  no_problem: '未发现问题',
  problem: '发现问题',
  not_found_at_address: '通过登记的住所（经营场所）无法联系',
  refused: '不配合检查',
  other: '其他',
};

const dept = (names: Names, code: string) => names.department.get(code) ?? code;
const item = (names: Names, code: string) => names.item.get(code) ?? code;

/** 检查通知书 for one target: its items by department, the window, what to prepare. */
export function noticeData(inspection: Inspection, target: InspectionTarget, names: Names) {
  const scheme = inspection.scheme!;
  const items = Object.entries(target.distribution).flatMap(([d, codes]) =>
    codes.map((code) => {
      const entry = scheme.items.find((i) => i.itemCode === code);
      return {
        department: dept(names, d),
        name: item(names, code),
        contents: entry?.contents ?? '',
        materials: entry?.materials ?? '',
      };
    }),
  );
  return {
    title: `检查通知书（${target.targetName}）`,
    code: inspection.code,
    taskName: inspection.name,
    targetName: target.targetName,
    targetCode: target.targetCode,
    address: target.address ?? '',
    leaderDepartment: dept(names, target.leaderDepartment),
    windowStart: scheme.windowStart,
    windowEnd: scheme.windowEnd,
    method: scheme.method,
    items,
  };
}

export interface ArchiveInput {
  inspection: Inspection;
  names: Names;
  targets: InspectionTarget[];
  forms: InspectionForm[];
  followUps: FollowUp[];
  results: PublishedResult[];
  proof: DrawProof | null;
  publicBaseUrl: string;
}

/** Every document the archive holds besides the notices (NX 29; the report per PY). */
export function archiveParts(input: ArchiveInput): ArchivePart[] {
  const { inspection } = input;
  const part = (
    template: DocumentTemplate,
    title: string,
    data: Record<string, unknown>,
    subject = '',
  ): ArchivePart => ({
    template,
    kind: template,
    subject,
    title,
    data: { title, code: inspection.code, name: inspection.name, ...data },
  });
  const departments = inspection.confirmedDepartments ?? inspection.departments;
  return [
    part('scheme', '联合抽查检查方案', schemeData(input)),
    part('draw-proof', '抽取承诺与抽取证明', proofData(input)),
    part('target-list', '检查对象名单', targetListData(input)),
    ...departments.flatMap((d) =>
      volumes(input.forms.filter((f) => f.departmentCode === d)).map((forms, k) =>
        part(
          'forms',
          `检查记录表（${dept(input.names, d)}，第${k + 1}册）`,
          formsData({ ...input, forms }, d),
          `${d}:${k + 1}`,
        ),
      ),
    ),
    part('results', '抽查结果公示记录', resultsData(input)),
    part('follow-ups', '后续处置记录', followUpData(input)),
    part('report', '抽查情况报告', reportData(input)),
  ];
}

function schemeData({ inspection, names }: ArchiveInput) {
  const scheme = inspection.scheme!;
  return {
    temporary: inspection.temporary,
    temporaryReason: inspection.temporaryReason ?? '',
    initiator: dept(names, inspection.initiatingDepartment),
    departments: (inspection.confirmedDepartments ?? inspection.departments).map((d) =>
      dept(names, d),
    ),
    windowStart: scheme.windowStart,
    windowEnd: scheme.windowEnd,
    method: scheme.method,
    surprise: scheme.surprise,
    inspectorsPerTarget: scheme.inspectorsPerTarget,
    note: scheme.note ?? '',
    items: scheme.items.map((i) => ({
      code: i.itemCode,
      name: item(names, i.itemCode),
      departments: (i.departments ?? [i.departmentCode]).map((d) => dept(names, d)),
      contents: i.contents,
      materials: i.materials ?? '',
    })),
  };
}

function proofData({ inspection, proof, publicBaseUrl }: ArchiveInput) {
  return {
    drawId: inspection.drawId ?? '',
    mode: proof?.mode ?? '',
    modeReason: proof?.modeReason ?? '',
    commitmentHash: proof?.commitmentHash ?? '',
    snapshotHash: proof?.commitment.snapshotHash ?? '',
    entropySource: proof?.commitment.entropySource.description ?? '',
    entropy: proof?.entropy ?? '',
    seed: proof?.seed ?? '',
    verifyUrl: `${publicBaseUrl}/public/draws/${inspection.drawId ?? ''}/verify`,
    counts: (proof?.commitment.counts ?? []).map((c) => ({
      stratum: c.stratum,
      population: c.population,
      count: c.count,
    })),
  };
}

function targetListData({ targets, names }: ArchiveInput) {
  return {
    targets: targets.map((t, i) => ({
      no: i + 1,
      name: t.targetName,
      code: t.targetCode,
      leader: dept(names, t.leaderDepartment),
      status: t.status === 'inspected' ? '已检查' : '未完成',
      distribution: Object.entries(t.distribution).map(([d, codes]) => ({
        department: dept(names, d),
        items: codes.map((c) => item(names, c)),
      })),
    })),
  };
}

function formsData({ inspection, names, forms, targets }: ArchiveInput, d: string) {
  const targetName = new Map(targets.map((t) => [t.targetCode, t.targetName]));
  return {
    department: dept(names, d),
    docNo: `${inspection.code} · ${dept(names, d)}`,
    forms: forms
      .filter((f) => f.departmentCode === d)
      .map((f) => ({
        docNo: `${inspection.code} · ${dept(names, d)}`,
        targetCode: f.targetCode,
        targetName: targetName.get(f.targetCode) ?? f.targetCode,
        inspectedOn: f.inspectedOn,
        inspectors: f.inspectorsPresent,
        items: f.items.map((i) => ({
          name: item(names, i.itemCode),
          result: i.result,
          findings: i.findings ?? '',
          measures: i.measures ?? '',
          withholdBasis: i.withhold?.basis ?? '',
        })),
        attachments: f.attachments,
        signedBy: f.signature.signedBy ?? '',
        refusalReason: f.signature.refusal?.reason ?? '',
        witnessedBy: f.signature.refusal?.witnessedBy ?? [],
        submittedBy: f.submittedBy,
      })),
  };
}

function resultsData({ results }: ArchiveInput) {
  const types: Record<string, string> = {
    publication: '公示',
    correction: '更正',
    withdrawal: '撤回',
  };
  return {
    entries: results.map((r) => ({
      id: r.id,
      targetName: r.targetName,
      targetCode: r.targetCode,
      department: r.departmentName,
      item: r.itemName,
      result: r.result ?? '',
      withheld: r.withheld,
      withholdBasis: r.withholdBasis ?? '',
      handling: r.handling ?? '',
      entryType: types[r.entryType] ?? r.entryType,
      publishedAt: r.publishedAt,
    })),
  };
}

function followUpData({ followUps, targets, names }: ArchiveInput) {
  const targetName = new Map(targets.map((t) => [t.targetCode, t.targetName]));
  return {
    followUps: followUps.map((f) => ({
      targetCode: f.targetCode,
      targetName: targetName.get(f.targetCode) ?? f.targetCode,
      department: dept(names, f.departmentCode),
      item: item(names, f.itemCode),
      findings: f.findings ?? '',
      kind: f.kind ?? '',
      status: f.status,
      detail: followUpDetail(f),
    })),
  };
}

function followUpDetail(f: FollowUp): string {
  const parts: string[] = [];
  if (f.rectificationDeadline) parts.push(`整改期限 ${f.rectificationDeadline}`);
  if (f.handedOverTo) parts.push(`移送 ${f.handedOverTo}`);
  if (f.decisionNo) parts.push(`处罚决定 ${f.decisionNo}（${f.decisionDate ?? ''}）`);
  if (f.penaltyContent) parts.push(`处罚信息：${f.penaltyContent}`);
  if (f.note) parts.push(f.note);
  return parts.join('；');
}

function reportData(input: ArchiveInput) {
  const { inspection, names, forms, followUps, targets } = input;
  const scheme = inspection.scheme!;
  const counts = new Map<string, number>();
  const problemTargets = new Set<string>();
  const notFound = new Set<string>();
  for (const f of forms)
    for (const i of f.items) {
      counts.set(i.result, (counts.get(i.result) ?? 0) + 1);
      if (i.result === 'problem') problemTargets.add(f.targetCode);
      if (i.result === 'not_found_at_address') notFound.add(f.targetCode);
    }
  const kinds = new Map<string, number>();
  for (const f of followUps) kinds.set(f.kind ?? 'none', (kinds.get(f.kind ?? 'none') ?? 0) + 1);
  return {
    initiator: dept(names, inspection.initiatingDepartment),
    departments: (inspection.confirmedDepartments ?? inspection.departments).map((d) =>
      dept(names, d),
    ),
    windowStart: scheme.windowStart,
    windowEnd: scheme.windowEnd,
    targetCount: targets.length,
    items: schemeData(input).items,
    counts: [...counts].map(([result, n]) => ({ label: RESULT_LABELS[result] ?? result, n })),
    problemTargets: problemTargets.size,
    notFound: notFound.size,
    followUpCount: followUps.length,
    followUpKinds: [...kinds].map(([kind, n]) => ({ kind, n })),
    advice:
      problemTargets.size + notFound.size === 0
        ? '本次抽查未发现问题，建议按信用风险分类继续实施差异化监管。'
        : `对发现问题的${problemTargets.size}户已依法处置并跟踪整改；对无法联系的${notFound.size}户依法列入经营异常名录或移送处理；建议提高上述对象下一年度抽查比例和频次。`,
    reportDate: new Date(),
  };
}
