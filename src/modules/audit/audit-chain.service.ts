import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import {
  checkMac,
  deriveMacKey,
  ENTRY_COLUMNS,
  entryHash,
  GENESIS_HASH,
  MacKey,
  mapEntryRow,
  MerkleFrontier,
  StoredEntry,
} from './audit-chain';
import { AuditCheckpoint } from './audit-entry.entity';
import { ChainBusyError, ChainStore, openChainStore, Program, Row } from './chain-store';

export type FindingKind = 'edited' | 'deleted' | 'inserted' | 'checkpoint' | 'pending';

export interface AuditFinding {
  kind: FindingKind;
  /** The audit_entries.id the finding is about (for a deletion: the row after the gap). */
  rowId: number | null;
  seq: number | null;
  /** What is wrong, in Chinese (shown on the page and by the CLI). */
  message: string;
}

export interface CheckpointResult {
  id: number | null;
  treeSize: number;
  rootHash: string;
  createdAt: string | null;
  recomputedRoot: string | null;
  ok: boolean;
}

export interface VerifyReport {
  ok: boolean;
  verifiedAt: string;
  entries: number;
  headSeq: number;
  headHash: string;
  /** Entries made before the chain existed (sealed by the migration, no MAC). */
  legacyThrough: number;
  /** Entries whose MAC was made with another key (PAYLOAD_CODEC_KEY changed): not checkable. */
  macUnchecked: number;
  findings: AuditFinding[];
  checkpoints: CheckpointResult[];
}

export interface PrintedCheckpoint {
  treeSize: number;
  rootHash: string;
}

const BATCH = 2000;
const SEAL_DELAY_MS = 200;
const SWEEP_MS = 5_000;
const CHECKPOINT_MS = 60 * 60 * 1000;

/**
 * Seals audit entries into the hash chain and verifies it.
 *
 * Entries are written by AuditService.record inside the caller's transaction with seq and hashes
 * NULL (and an application MAC); sealing happens right after, in id order of what has committed,
 * in a short transaction of its own that first takes the write lock on the one-row chain head.
 * Business transactions never wait for the chain (no lock on a shared row while they run, so no
 * deadlock with the long transactions of a draw or an inspection); only sealers queue on the head.
 * Tamper evidence of an entry starts at sealing (a fraction of a second later); before that its
 * MAC protects it from database-only edits. Verification and checkpoints seal first.
 */
@Injectable()
export class AuditChainService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditChain');
  readonly macKey: MacKey;
  private sealing: Promise<number> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private hourly: NodeJS.Timeout | undefined;
  private closed = false;
  private opened: ChainStore | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.macKey = deriveMacKey(config.payloadCodecKey);
  }

  private get store(): ChainStore {
    this.opened ??= openChainStore(this.db);
    return this.opened;
  }

  onApplicationBootstrap(): void {
    this.schedule();
    // entries whose transaction committed after their seal ran: a cheap read, a seal if any
    this.sweep = setInterval(() => {
      this.store
        .query('SELECT id FROM audit_entries WHERE seq IS NULL LIMIT 1')
        .then((rows) => rows.length > 0 && this.schedule())
        .catch(() => undefined);
    }, SWEEP_MS).unref();
    this.hourly = setInterval(() => {
      this.checkpoint('system', { onlyIfNew: true }).catch((err: Error) =>
        this.logger.error(`hourly checkpoint failed: ${err.message}`),
      );
    }, CHECKPOINT_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.sweep);
    clearInterval(this.hourly);
    await this.sealing?.catch(() => 0);
    if (this.db.isInitialized) await this.seal().catch(() => 0);
    this.opened?.close();
    this.opened = undefined;
  }

  /** Asks for a seal soon (called after every record; entries committed by then get sealed). */
  schedule(delay = SEAL_DELAY_MS): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.seal().catch((err: Error) => {
        // SQLite's writer was busy (a business transaction): try again shortly
        if (err instanceof ChainBusyError) this.schedule(SEAL_DELAY_MS * 2);
        else this.logger.warn(`sealing postponed: ${err.message}`);
      });
    }, delay).unref();
  }

  /** Seals every committed unsealed entry; returns how many. One seal at a time per process. */
  async seal(): Promise<number> {
    if (this.sealing) {
      // the running loop goes round once more and sees what committed before this call
      this.again = true;
      return this.sealing;
    }
    const run = async () => {
      let total = 0;
      do {
        this.again = false;
        total += await this.sealOnce();
      } while (this.again);
      return total;
    };
    this.sealing = run().finally(() => (this.sealing = undefined));
    return this.sealing;
  }

  private async sealOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.retryBusy(() => this.store.transaction(() => sealProgram()));
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** SQLite refuses at once while a business transaction writes; wait a little, up to ~10 s. */
  private async retryBusy<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (!(err instanceof ChainBusyError) || attempt >= 100) throw err;
        await new Promise((r) => setTimeout(r, 20 + attempt * 2));
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // checkpoints

  /**
   * Records a checkpoint of the whole chain as it is now (after sealing): tree size, RFC 6962
   * Merkle root over the entry hashes, last entry hash. With onlyIfNew, nothing happens when the
   * last checkpoint already covers the head. Incremental: starts from the last checkpoint's
   * compact range (verify recomputes everything from the rows).
   */
  async checkpoint(
    createdBy: string,
    opts: { onlyIfNew?: boolean } = {},
  ): Promise<AuditCheckpoint | null> {
    await this.seal();
    const id = await this.retryBusy(() =>
      this.store.transaction(() => checkpointProgram(createdBy, opts)),
    );
    return id === null ? null : this.db.getRepository(AuditCheckpoint).findOneByOrFail({ id });
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    return this.db.getRepository(AuditCheckpoint).find({ order: { id: 'ASC' } });
  }

  // -------------------------------------------------------------------------------------------
  // verification

  /**
   * Checks the whole log: every entry's hash and link, seq continuity up to the head, the MAC of
   * every entry written since the chain exists, and every recorded checkpoint (plus any printed
   * ones given) against the Merkle root recomputed from the rows. Seals pending entries first.
   */
  async verify(opts: { printed?: PrintedCheckpoint[] } = {}): Promise<VerifyReport> {
    await this.seal();
    const store = this.store;
    const readHead = async () => {
      const [h] = await store.query(
        'SELECT seq, entry_hash, legacy_through FROM audit_chain_head WHERE id = 1',
      );
      return {
        seq: Number(h.seq),
        hash: String(h.entry_hash),
        legacyThrough: Number(h.legacy_through),
      };
    };
    const start = await readHead();
    const legacyThrough = start.legacyThrough;
    const recorded = await this.checkpoints();
    const wanted = [
      ...recorded.map((c) => ({
        id: c.id as number | null,
        treeSize: c.treeSize,
        rootHash: c.rootHash,
        lastEntryHash: c.lastEntryHash as string | null,
        createdAt: c.createdAt.toISOString() as string | null,
      })),
      ...(opts.printed ?? []).map((p) => ({
        id: null,
        treeSize: p.treeSize,
        rootHash: p.rootHash.toLowerCase(),
        lastEntryHash: null,
        createdAt: null,
      })),
    ];
    const roots = new Map<number, string>();
    const sizes = new Set(wanted.map((w) => w.treeSize));
    if (sizes.has(0)) roots.set(0, new MerkleFrontier().root());
    const hashAtSeq = new Map<number, string>();

    const findings: AuditFinding[] = [];
    const frontier = new MerkleFrontier();
    const nonces = new Map<string, number>();
    let expected = 1;
    let prevHash = GENESIS_HASH;
    let prevRow: StoredEntry | undefined;
    let entries = 0;
    let macUnchecked = 0;
    const visit = (e: StoredEntry) => {
      entries++;
      const seq = e.seq!;
      let gap = false;
      if (seq > expected) {
        gap = true;
        findings.push({
          kind: 'deleted',
          rowId: e.id,
          seq,
          message:
            `缺少 seq ${expected}${seq - 1 > expected ? `–${seq - 1}` : ''}（共 ${seq - expected} 条，已被删除）：` +
            `位于${prevRow ? `行 id ${prevRow.id}（seq ${prevRow.seq}）与` : '链首与'}行 id ${e.id}（seq ${seq}）之间`,
        });
      }
      const recomputed = entryHash(e, seq, e.prevHash ?? '');
      const edited = recomputed !== e.entryHash;
      if (edited) {
        findings.push({
          kind: 'edited',
          rowId: e.id,
          seq,
          message: `行 id ${e.id}（seq ${seq}）的内容与其哈希不符：该行在封存后被修改`,
        });
      }
      if (!gap && e.prevHash !== prevHash) {
        findings.push({
          kind: 'inserted',
          rowId: e.id,
          seq,
          message: `行 id ${e.id}（seq ${seq}）的 prev_hash 与前一条（${prevRow ? `行 id ${prevRow.id}` : '链首'}）的哈希不符：插入或替换的行`,
        });
      }
      if (seq > legacyThrough) {
        const mac = checkMac(this.macKey, e);
        if (mac.result === 'missing') {
          findings.push({
            kind: 'inserted',
            rowId: e.id,
            seq,
            message: `行 id ${e.id}（seq ${seq}）没有应用签名（MAC）：不是由本系统写入的插入行`,
          });
        } else if (mac.result === 'invalid' && !edited) {
          findings.push({
            kind: 'edited',
            rowId: e.id,
            seq,
            message: `行 id ${e.id}（seq ${seq}）的内容与写入时的应用签名（MAC）不符：该行被修改`,
          });
        } else if (mac.result === 'other-key') {
          macUnchecked++;
        }
        if (mac.nonce) {
          const first = nonces.get(mac.nonce);
          if (first !== undefined) {
            findings.push({
              kind: 'inserted',
              rowId: e.id,
              seq,
              message: `行 id ${e.id}（seq ${seq}）复制了行 id ${first} 的应用签名：重放插入的行`,
            });
          } else nonces.set(mac.nonce, e.id);
        }
      }
      frontier.push(e.entryHash ?? GENESIS_HASH);
      if (sizes.has(frontier.size)) {
        roots.set(frontier.size, frontier.root());
        hashAtSeq.set(frontier.size, e.entryHash ?? '');
      }
      prevHash = e.entryHash ?? '';
      prevRow = e;
      expected = seq + 1;
    };
    // walk every sealed row in seq order; entries sealed meanwhile are walked too, until the
    // head read after the walk is reached (or no row is left: then the tail was deleted)
    let lastSeq = 0;
    let head = start;
    for (;;) {
      const rows = await store.query(
        `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE seq > ? ORDER BY seq LIMIT ${BATCH}`,
        [lastSeq],
      );
      for (const r of rows) visit(mapEntryRow(r));
      if (rows.length > 0) {
        lastSeq = Number(rows[rows.length - 1].seq);
        await new Promise((r) => setImmediate(r));
        continue;
      }
      head = await readHead();
      if (lastSeq >= head.seq) break;
      const more = await store.query('SELECT 1 AS x FROM audit_entries WHERE seq > ? LIMIT 1', [
        lastSeq,
      ]);
      if (more.length === 0) break;
    }
    const headSeq = head.seq;
    if (lastSeq < headSeq) {
      findings.push({
        kind: 'deleted',
        rowId: null,
        seq: lastSeq + 1,
        message: `链尾缺少 seq ${lastSeq + 1}${headSeq > lastSeq + 1 ? `–${headSeq}` : ''}（链头为 seq ${headSeq}）：最后的条目已被删除`,
      });
    } else if (headSeq > 0) {
      const [atHead] = await store.query('SELECT id, entry_hash FROM audit_entries WHERE seq = ?', [
        headSeq,
      ]);
      if (atHead && String(atHead.entry_hash) !== head.hash) {
        findings.push({
          kind: 'edited',
          rowId: Number(atHead.id),
          seq: headSeq,
          message: `链头记录的哈希与 seq ${headSeq} 的条目（行 id ${String(atHead.id)}）不符：链尾被改写`,
        });
      }
    }
    // rows past the head: one finding each (their broken hash and link say nothing more)
    const beyond = new Set<number>();
    for (const r of await store.query(
      'SELECT id, seq FROM audit_entries WHERE seq > ? ORDER BY seq',
      [headSeq],
    )) {
      beyond.add(Number(r.id));
      findings.push({
        kind: 'inserted',
        rowId: Number(r.id),
        seq: Number(r.seq),
        message: `行 id ${String(r.id)}（seq ${String(r.seq)}）位于链头（seq ${headSeq}）之后：不是由本系统封存的插入行`,
      });
    }
    for (let i = findings.length - 1; i >= 0; i--) {
      const f = findings[i];
      if (f.rowId !== null && beyond.has(f.rowId) && !f.message.includes('位于链头'))
        findings.splice(i, 1);
    }
    const pending = await store.query(
      'SELECT id FROM audit_entries WHERE seq IS NULL ORDER BY id LIMIT 100',
    );
    for (const p of pending) {
      findings.push({
        kind: 'pending',
        rowId: Number(p.id),
        seq: null,
        message: `行 id ${String(p.id)} 尚未封存（其事务仍未提交，或封存失败）`,
      });
    }

    const checkpoints: CheckpointResult[] = wanted.map((w) => {
      const recomputedRoot = roots.get(w.treeSize) ?? null;
      const ok =
        recomputedRoot === w.rootHash &&
        (w.lastEntryHash === null ||
          w.treeSize === 0 ||
          hashAtSeq.get(w.treeSize) === w.lastEntryHash);
      if (!ok) {
        findings.push({
          kind: 'checkpoint',
          rowId: null,
          seq: w.treeSize,
          message:
            `${w.id !== null ? `检查点 #${w.id}` : '打印的检查点'}（条目数 ${w.treeSize}，根 ${w.rootHash.slice(0, 16)}…）` +
            (recomputedRoot === null
              ? '：现有日志不足该条目数，检查点之前的条目已被删除'
              : `与现有条目重算的根 ${recomputedRoot.slice(0, 16)}… 不符：检查点之前的日志被改写`),
        });
      }
      return {
        id: w.id,
        treeSize: w.treeSize,
        rootHash: w.rootHash,
        createdAt: w.createdAt,
        recomputedRoot,
        ok,
      };
    });

    return {
      ok: findings.every((f) => f.kind === 'pending'),
      verifiedAt: new Date().toISOString(),
      entries,
      headSeq,
      headHash: head.hash,
      legacyThrough,
      macUnchecked,
      findings,
      checkpoints,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// the two writing transactions, as programs (chain-store.ts runs them on either dialect)

function* lockHead(): Program<{ seq: number; hash: string }> {
  // a write on the head first: the lock serializes sealers in every process, on both dialects
  yield { sql: 'UPDATE audit_chain_head SET seq = seq WHERE id = 1' };
  const [head] = yield { sql: 'SELECT seq, entry_hash FROM audit_chain_head WHERE id = 1' };
  if (!head) throw new Error('audit_chain_head is missing (run the migrations)');
  return { seq: Number(head.seq), hash: String(head.entry_hash) };
}

/** Seals up to BATCH committed unsealed entries in id order; returns how many. */
function* sealProgram(): Program<number> {
  const head = yield* lockHead();
  const rows: Row[] = yield {
    sql: `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE seq IS NULL ORDER BY id LIMIT ${BATCH}`,
  };
  if (rows.length === 0) return 0;
  const [{ maxSeq }] = yield { sql: 'SELECT MAX(seq) AS maxSeq FROM audit_entries' };
  // never reuse a seq someone wrote past the head (verify names such rows as inserted)
  let seq = Math.max(head.seq, Number(maxSeq ?? 0));
  let prev = head.hash;
  for (const e of rows.map(mapEntryRow)) {
    seq++;
    const hash = entryHash(e, seq, prev);
    yield {
      sql: 'UPDATE audit_entries SET seq = ?, prev_hash = ?, entry_hash = ? WHERE id = ? AND seq IS NULL',
      params: [seq, prev, hash, e.id],
    };
    prev = hash;
  }
  yield {
    sql: 'UPDATE audit_chain_head SET seq = ?, entry_hash = ? WHERE id = 1',
    params: [seq, prev],
  };
  return rows.length;
}

/**
 * Records a checkpoint of the chain up to the head; returns its id, or null when onlyIfNew and
 * the latest checkpoint already covers the head. Starts from the latest checkpoint's compact
 * Merkle range, so an hourly checkpoint reads only the entries since the previous one.
 */
function* checkpointProgram(
  createdBy: string,
  opts: { onlyIfNew?: boolean },
): Program<number | null> {
  const head = yield* lockHead();
  const [last] = yield {
    sql:
      'SELECT id, tree_size, last_entry_hash, frontier_json FROM audit_checkpoints ' +
      'WHERE tree_size <= ? ORDER BY tree_size DESC, id DESC LIMIT 1',
    params: [head.seq],
  };
  if (opts.onlyIfNew && last && Number(last.tree_size) === head.seq) return null;
  const frontier = last
    ? MerkleFrontier.from(
        JSON.parse(String(last.frontier_json)) as { size: number; hashes: string[] },
      )
    : new MerkleFrontier();
  let lastHash = last ? String(last.last_entry_hash) : GENESIS_HASH;
  for (;;) {
    const rows: Row[] = yield {
      sql: `SELECT seq, entry_hash FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${BATCH}`,
      params: [frontier.size, head.seq],
    };
    for (const r of rows) {
      lastHash = String(r.entry_hash);
      frontier.push(lastHash);
    }
    if (rows.length < BATCH) break;
  }
  yield {
    sql:
      'INSERT INTO audit_checkpoints (tree_size, root_hash, last_entry_hash, frontier_json, created_at, created_by) ' +
      'VALUES (?, ?, ?, ?, ?, ?)',
    params: [
      frontier.size,
      frontier.root(),
      lastHash,
      JSON.stringify(frontier.toJSON()),
      sqlDatetime(new Date()),
      createdBy,
    ],
  };
  const [{ id }] = yield {
    sql: 'SELECT MAX(id) AS id FROM audit_checkpoints',
  };
  return Number(id);
}

/** 'YYYY-MM-DD HH:MM:SS.SSS' UTC: how TypeORM stores datetime(3) on both dialects. */
function sqlDatetime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
