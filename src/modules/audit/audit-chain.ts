/**
 * The tamper-evident audit chain, pure functions only (no database): the canonical serialization
 * of an entry, its hash chained to the previous entry, the RFC 6962 Merkle tree hash over the
 * entry hashes (checkpoints) and the application MAC proving an entry was written by jointcheck.
 * docs/security-audit.md describes the same format so anyone can re-verify a copy of the table.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** prev_hash of the first entry (seq 1). */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit row as stored (the columns the hash and MAC cover), read with raw SQL. */
export interface StoredEntry {
  id: number;
  seq: number | null;
  /** ISO 8601 UTC with milliseconds, e.g. 2026-12-06T03:04:05.123Z. */
  at: string;
  actor: string;
  actorDepartment: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** The stored JSON text of the columns before_json / after_json / context_json, or null. */
  beforeJson: string | null;
  afterJson: string | null;
  contextJson: string | null;
  prevHash: string | null;
  entryHash: string | null;
  mac: string | null;
}

/** What an entry says, in the order both the chain hash and the MAC serialise it. */
function contentOf(e: MacFields): unknown[] {
  return [
    e.at,
    e.actor,
    e.actorDepartment,
    e.action,
    e.entityType,
    e.entityId,
    e.beforeJson,
    e.afterJson,
    e.contextJson,
  ];
}

/**
 * The exact bytes hashed for an entry: UTF-8 of JSON.stringify of this array (no whitespace;
 * strings escaped as JSON does; null for SQL NULL):
 * ["jointcheck-audit/1", seq, id, at, actor, actor_department, action, entity_type, entity_id,
 *  before_json, after_json, context_json, prev_hash]
 */
export function canonicalEntry(e: StoredEntry, seq: number, prevHash: string): string {
  return JSON.stringify(['jointcheck-audit/1', seq, e.id, ...contentOf(e), prevHash]);
}

/** entry_hash = lowercase hex SHA-256 of canonicalEntry. */
export function entryHash(e: StoredEntry, seq: number, prevHash: string): string {
  return createHash('sha256')
    .update(canonicalEntry(e, seq, prevHash), 'utf8')
    .digest('hex');
}

/** Normalizes a datetime as a driver returns it (Date on MySQL, 'YYYY-MM-DD HH:MM:SS.SSS' on SQLite). */
export function isoAt(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  let s = String(value).trim().replace(' ', 'T');
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(s.slice(19))) s += 'Z';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`audit: unreadable datetime ${String(value)}`);
  return d.toISOString();
}

// ---------------------------------------------------------------------------------------------
// RFC 6962 §2.1 Merkle tree hash over the entry hashes (leaf data = the 32 bytes of entry_hash)

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(entryHashHex: string): Buffer {
  return sha256(LEAF, Buffer.from(entryHashHex, 'hex'));
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE, left, right);
}

/**
 * A compact Merkle range: the roots of the perfect subtrees covering the leaves pushed so far
 * (sizes are the binary digits of the count, largest first). Its root equals RFC 6962 MTH(D[n]):
 * MTH splits at the largest power of two below n, which is exactly the first perfect subtree,
 * so folding the subtree roots from the right gives the same value.
 */
export class MerkleFrontier {
  private readonly stack: { size: number; hash: Buffer }[] = [];
  size = 0;

  static from(json: { size: number; hashes: string[] }): MerkleFrontier {
    const f = new MerkleFrontier();
    let rest = json.size;
    const sizes: number[] = [];
    for (let bit = 2 ** 52; bit >= 1; bit /= 2) {
      if (rest >= bit) {
        sizes.push(bit);
        rest -= bit;
      }
    }
    if (sizes.length !== json.hashes.length) throw new Error('audit: malformed Merkle frontier');
    sizes.forEach((size, i) => f.stack.push({ size, hash: Buffer.from(json.hashes[i], 'hex') }));
    f.size = json.size;
    return f;
  }

  push(entryHashHex: string): void {
    let node = { size: 1, hash: leafHash(entryHashHex) };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size++;
  }

  /** MTH of the leaves so far (SHA-256 of the empty string for none), lowercase hex. */
  root(): string {
    if (this.stack.length === 0) return createHash('sha256').digest('hex');
    let acc = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i].hash, acc);
    return acc.toString('hex');
  }

  toJSON(): { size: number; hashes: string[] } {
    return { size: this.size, hashes: this.stack.map((s) => s.hash.toString('hex')) };
  }
}

/** Reference MTH straight from RFC 6962 §2.1 (recursive), for tests and outsiders' scripts. */
export function merkleTreeHash(entryHashes: string[]): string {
  const mth = (lo: number, hi: number): Buffer => {
    const n = hi - lo;
    if (n === 1) return leafHash(entryHashes[lo]);
    let k = 1;
    while (k * 2 < n) k *= 2;
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return entryHashes.length === 0
    ? createHash('sha256').digest('hex')
    : mth(0, entryHashes.length).toString('hex');
}

// ---------------------------------------------------------------------------------------------
// Application MAC: proves a row was written by jointcheck (a database-only writer cannot make
// one) and that its content did not change between its insert and its sealing into the chain.

export interface MacKey {
  id: string;
  key: Buffer;
}

/** Derives the audit MAC key from the payload codec key (never the codec key itself). */
export function deriveMacKey(payloadCodecKey: Buffer): MacKey {
  const key = createHmac('sha256', payloadCodecKey).update('jointcheck audit mac v1').digest();
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

type MacFields = Omit<StoredEntry, 'id' | 'seq' | 'prevHash' | 'entryHash' | 'mac'>;

function macHex(key: MacKey, nonce: string, e: MacFields): string {
  return createHmac('sha256', key.key)
    .update(JSON.stringify(['jointcheck-audit-mac/1', nonce, ...contentOf(e)]), 'utf8')
    .digest('hex');
}

/** mac column: `<key id>.<nonce>.<hmac>`. */
export function entryMac(key: MacKey, e: MacFields): string {
  const nonce = randomBytes(8).toString('hex');
  return `${key.id}.${nonce}.${macHex(key, nonce, e)}`;
}

export type MacCheck = 'ok' | 'missing' | 'invalid' | 'other-key';

export function checkMac(key: MacKey, e: StoredEntry): { result: MacCheck; nonce?: string } {
  if (!e.mac) return { result: 'missing' };
  const [id, nonce, mac] = e.mac.split('.');
  if (!nonce || !mac || !/^[0-9a-f]{64}$/.test(mac)) return { result: 'invalid' };
  if (id !== key.id) return { result: 'other-key', nonce };
  const expected = Buffer.from(macHex(key, nonce, e), 'hex');
  return { result: timingSafeEqual(expected, Buffer.from(mac, 'hex')) ? 'ok' : 'invalid', nonce };
}

// ---------------------------------------------------------------------------------------------
// Raw rows (the chain is read and sealed with plain SQL, identical on SQLite and MySQL)

export const ENTRY_COLUMNS =
  'id, seq, at, actor, actor_department, action, entity_type, entity_id, before_json, ' +
  'after_json, context_json, prev_hash, entry_hash, mac';

export function mapEntryRow(r: Record<string, unknown>): StoredEntry {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    seq: num(r.seq),
    at: isoAt(r.at),
    actor: String(r.actor),
    actorDepartment: str(r.actor_department),
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: String(r.entity_id),
    beforeJson: str(r.before_json),
    afterJson: str(r.after_json),
    contextJson: str(r.context_json),
    prevHash: str(r.prev_hash),
    entryHash: str(r.entry_hash),
    mac: str(r.mac),
  };
}
