import { computeCounts, type CountRule } from './counts';
import { DrawInputError } from './errors';
import { buildSnapshot, type TargetRow } from './snapshot';
import { deriveSeed, drawTargets, type DrawnTarget } from './target-draw';

/**
 * Reads `STRATUM,CODE` lines: an optional header `stratum,code` (any case), blank lines skipped,
 * a UTF-8 BOM and CR line endings tolerated, spaces around fields trimmed. Quoting is not
 * supported because neither field may contain ',' anyway.
 */
export function parseTargetCsv(csvText: string): TargetRow[] {
  const rows: TargetRow[] = [];
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(',').map((field) => field.trim());
    if (
      index === 0 &&
      fields.length === 2 &&
      fields[0].toLowerCase() === 'stratum' &&
      fields[1].toLowerCase() === 'code'
    ) {
      return;
    }
    if (fields.length !== 2 || fields[0] === '' || fields[1] === '') {
      throw new DrawInputError(
        `第 ${index + 1} 行格式错误 / line ${index + 1}: expected STRATUM,CODE (two non-empty fields), got "${raw}"`,
        'csv',
      );
    }
    rows.push({ stratum: fields[0], code: fields[1] });
  });
  return rows;
}

/**
 * Parses the CLI syntax `--counts A=3,B=5` into absolute counts per stratum. Each part must be
 * STRATUM=N with N a non-negative integer; a stratum may appear once.
 */
export function parseCountsArg(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  if (typeof text !== 'string' || text.trim() === '') {
    throw new DrawInputError('--counts 不能为空 / --counts must look like A=3,B=5', 'counts');
  }
  for (const part of text.split(',')) {
    const match = /^\s*([^=\s]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) {
      throw new DrawInputError(
        `--counts 中的 "${part}" 无效 / "${part}" is not STRATUM=N (N a whole number ≥ 0); example: A=3,B=5`,
        'counts',
      );
    }
    const [, stratum, digits] = match;
    if (Object.prototype.hasOwnProperty.call(counts, stratum)) {
      throw new DrawInputError(
        `--counts 中风险分类 ${stratum} 重复 / stratum ${stratum} given twice`,
        'counts',
      );
    }
    const count = Number(digits);
    if (!Number.isSafeInteger(count)) {
      throw new DrawInputError(
        `--counts 中 ${stratum} 的数量过大 / count for ${stratum} is too large`,
        'counts',
      );
    }
    counts[stratum] = count;
  }
  return counts;
}

export interface SimulationResult {
  seed: string;
  snapshotHash: string;
  /** Strata in byte order, each in rank order. */
  drawn: DrawnTarget[];
  /** One `STRATUM,CODE` per drawn target, in the same order, for a CLI to print. */
  lines: string[];
}

/** Runs steps 1–3 with a given secret, so anyone can replay a revealed draw from a CSV file. */
export function simulateDraw(input: {
  csvText: string;
  counts: Record<string, number>;
  secretHex: string;
  entropy: string;
}): SimulationResult {
  const snapshot = buildSnapshot(parseTargetCsv(input.csvText));
  const rules: Record<string, CountRule> = {};
  for (const [stratum, count] of Object.entries(input.counts)) rules[stratum] = { count };
  const counts = computeCounts(snapshot.rows, rules);
  const seed = deriveSeed(input.secretHex, input.entropy);
  const drawn = drawTargets(snapshot.rows, counts, seed);
  return {
    seed,
    snapshotHash: snapshot.hash,
    drawn,
    lines: drawn.map((t) => `${t.stratum},${t.code}`),
  };
}
