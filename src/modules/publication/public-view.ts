import type { PublishedResult } from './published-result.entity';

export const RESULT_LABELS: Record<string, string> = {
  no_problem: '未发现问题',
  problem: '发现问题',
  not_found_at_address: '通过登记的住所（经营场所）无法联系',
  refused: '不配合检查',
  other: '其他',
};

export const STATUS_LABELS: Record<PublicEntryStatus, string> = {
  published: '公示',
  corrected: '已更正',
  withdrawn: '已撤回',
};

export type PublicEntryStatus = 'published' | 'corrected' | 'withdrawn';

export interface PublicCorrection {
  id: number;
  correctedAt: Date;
  reason: string;
  /** What the correction replaced. */
  replaced: { id: number; result: string | null; resultLabel: string; handling: string | null };
}

/**
 * The current state of one published item (a publication and the corrections or withdrawal that
 * followed it): the latest correction wins; a withdrawn item shows only that it was withdrawn and
 * why, never the withdrawn content.
 */
export interface PublicEntry {
  /** The latest entry of the chain (the one to correct or withdraw). */
  id: number;
  originalId: number;
  status: PublicEntryStatus;
  statusLabel: string;
  inspectionCode: string;
  inspectionName: string;
  departmentCode: string;
  departmentName: string;
  targetCode: string;
  targetName: string;
  itemCode: string;
  itemName: string;
  inspectedOn: string;
  result: string | null;
  resultLabel: string;
  handling: string | null;
  withheld: boolean;
  withholdBasis: string | null;
  publishedAt: Date;
  /** Reason of the withdrawal, or of the latest correction. */
  reason: string | null;
  changedAt: Date | null;
  corrections: PublicCorrection[];
}

export function resultLabel(result: string | null): string {
  return result ? (RESULT_LABELS[result] ?? result) : '';
}

/** Folds entries (any order, any targets) into their current public state, oldest first. */
export function currentEntries(rows: PublishedResult[]): PublicEntry[] {
  const next = new Map<number, PublishedResult>();
  for (const r of rows) if (r.supersedesId !== null) next.set(Number(r.supersedesId), r);
  return rows
    .filter((r) => r.supersedesId === null)
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((root) => {
      const chain = [root];
      for (let n = next.get(Number(root.id)); n; n = next.get(Number(n.id))) chain.push(n);
      return fold(chain);
    });
}

function fold(chain: PublishedResult[]): PublicEntry {
  const root = chain[0];
  const latest = chain[chain.length - 1];
  const withdrawn = latest.entryType === 'withdrawal';
  const status: PublicEntryStatus = withdrawn
    ? 'withdrawn'
    : latest.entryType === 'correction'
      ? 'corrected'
      : 'published';
  const shown = withdrawn || root.withheld ? null : latest;
  return {
    id: Number(latest.id),
    originalId: Number(root.id),
    status,
    statusLabel: STATUS_LABELS[status],
    inspectionCode: root.inspectionCode,
    inspectionName: root.inspectionName,
    departmentCode: root.departmentCode,
    departmentName: root.departmentName,
    targetCode: root.targetCode,
    targetName: root.targetName,
    itemCode: root.itemCode,
    itemName: root.itemName,
    inspectedOn: root.inspectedOn,
    result: shown?.result ?? null,
    resultLabel: resultLabel(shown?.result ?? null),
    handling: shown?.handling ?? null,
    withheld: root.withheld,
    withholdBasis: root.withholdBasis,
    publishedAt: root.publishedAt,
    reason: latest === root ? null : latest.reason,
    changedAt: latest === root ? null : latest.publishedAt,
    corrections: withdrawn || root.withheld ? [] : corrections(chain),
  };
}

function corrections(chain: PublishedResult[]): PublicCorrection[] {
  return chain.slice(1).map((entry, k) => {
    const before = chain[k];
    return {
      id: Number(entry.id),
      correctedAt: entry.publishedAt,
      reason: entry.reason ?? '',
      replaced: {
        id: Number(before.id),
        result: before.result,
        resultLabel: resultLabel(before.result),
        handling: before.handling,
      },
    };
  });
}

/** Counts of the current entries per result ('withheld', 'withdrawn' for those). */
export function countByResult(entries: PublicEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) {
    const key = e.status === 'withdrawn' ? 'withdrawn' : e.withheld ? 'withheld' : (e.result ?? '');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
