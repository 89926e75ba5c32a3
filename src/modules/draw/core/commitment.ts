import { randomBytes } from 'node:crypto';
import { hexToBytes, sha256Hex } from './bytes';
import { canonicalJson } from './canonical-json';
import { computeCounts, type CountRule, type StratumCount } from './counts';
import { DrawInputError } from './errors';
import { buildSnapshot, type TargetRow, type TargetSnapshot } from './snapshot';

export const DRAW_SCHEME = 'jointcheck-draw/1';

/** Where the public entropy E will come from, named before it exists. */
export interface EntropySource {
  /** witness: typed at the draw by the witness present (见证人); beacon: a public randomness beacon round. */
  kind: 'witness' | 'beacon';
  description: string;
  beaconUrl?: string;
  round?: string;
}

/** What is published before any randomness exists (抽取承诺). */
export interface Commitment {
  scheme: typeof DRAW_SCHEME;
  snapshotHash: string;
  targetCount: number;
  counts: StratumCount[];
  secretHash: string;
  entropySource: EntropySource;
}

export interface CommitResult {
  snapshot: TargetSnapshot;
  commitment: Commitment;
  commitmentHash: string;
  /** Keep secret until the reveal; store it where only the draw service can read it. */
  secretHex: string;
}

/** 32 bytes from the operating system's CSPRNG, as hex. */
export function generateSecret(): string {
  return randomBytes(32).toString('hex');
}

export function commitmentHash(commitment: Commitment): string {
  return sha256Hex(canonicalJson(commitment));
}

function checkEntropySource(source: EntropySource): EntropySource {
  if (!source || (source.kind !== 'witness' && source.kind !== 'beacon')) {
    throw new DrawInputError(
      '熵来源类型须为 witness 或 beacon / entropySource.kind must be "witness" or "beacon"',
      'entropySource',
    );
  }
  if (typeof source.description !== 'string' || source.description.trim() === '') {
    throw new DrawInputError(
      '须说明熵来源 / entropySource.description must name the witness or beacon',
      'entropySource',
    );
  }
  if (source.kind === 'beacon' && !source.round) {
    throw new DrawInputError(
      '随机信标须指定轮次 / a beacon source must name its round at commit time',
      'entropySource',
    );
  }
  return {
    kind: source.kind,
    description: source.description,
    beaconUrl: source.beaconUrl,
    round: source.round,
  };
}

/**
 * Step 1: freeze the snapshot, fix the counts, and commit to a fresh secret S. `secretHex` is for
 * tests and replays only; production passes none and S comes from the CSPRNG.
 */
export function commitDraw(input: {
  targets: readonly TargetRow[];
  rules: Readonly<Record<string, CountRule>>;
  entropySource: EntropySource;
  secretHex?: string;
}): CommitResult {
  const snapshot = buildSnapshot(input.targets);
  const secretHex = (input.secretHex ?? generateSecret()).toLowerCase();
  const secret = hexToBytes(secretHex, 32, 'secret');
  const commitment: Commitment = {
    scheme: DRAW_SCHEME,
    snapshotHash: snapshot.hash,
    targetCount: snapshot.rows.length,
    counts: computeCounts(snapshot.rows, input.rules),
    secretHash: sha256Hex(secret),
    entropySource: checkEntropySource(input.entropySource),
  };
  return { snapshot, commitment, commitmentHash: commitmentHash(commitment), secretHex };
}
