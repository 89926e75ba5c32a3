import { createHash } from 'node:crypto';
import type { InspectorFacts, TargetRow } from '../../../src/modules/draw/core';

/** A deterministic 32-byte secret for run i (tests must not flake). */
export function secretFor(i: number): string {
  return createHash('sha256').update(`test-secret-${i}`).digest('hex');
}

export function targets(spec: Record<string, number>): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const [stratum, n] of Object.entries(spec)) {
    for (let i = 0; i < n; i++)
      rows.push({ stratum, code: `${stratum}-${String(i).padStart(4, '0')}` });
  }
  return rows;
}

export function inspector(
  certificateNo: string,
  overrides: Partial<InspectorFacts> = {},
): InspectorFacts {
  return {
    certificateNo,
    name: `检查员${certificateNo}`,
    active: true,
    enforcementQualified: true,
    expertise: ['食品'],
    conflictTargetCodes: [],
    conflictRegions: [],
    capacity: null,
    ...overrides,
  };
}

/** Pearson's statistic Σ (O − E)² / E. */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
}

/** Upper 0.1 % critical values of χ² by degrees of freedom (from standard tables). */
export const CHI2_999: Record<number, number> = { 9: 27.877, 11: 31.264, 19: 43.82, 29: 58.301 };
