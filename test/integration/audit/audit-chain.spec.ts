import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runCli } from '../../support/cli';
import { startTestApp, TestApp } from '../../support/test-app';
import { AuthService } from '../../../src/modules/auth/auth.service';
import { SYSTEM_PRINCIPAL } from '../../../src/modules/auth/roles';
import {
  ENTRY_COLUMNS,
  entryHash,
  GENESIS_HASH,
  mapEntryRow,
  merkleTreeHash,
} from '../../../src/modules/audit/audit-chain';
import { AuditChainService, VerifyReport } from '../../../src/modules/audit/audit-chain.service';

/**
 * The tamper-evident audit log on a real app and database (SQLite, or MariaDB with
 * TEST_DATABASE_URL): concurrent audited writes chain intact; a direct UPDATE, DELETE and INSERT
 * are each found and named by `jointcheck audit verify` (exit 1) and GET /audit/verify; a rewrite
 * of the whole chain is caught by the checkpoint recorded before it.
 */
describe('audit chain', () => {
  let t: TestApp;
  let db: DataSource;
  let chain: AuditChainService;
  let adminToken: string;
  let officeToken: string;

  const verifyHttp = async (): Promise<VerifyReport> => {
    const res = await t.http.get('/audit/verify').set('Authorization', `Bearer ${adminToken}`);
    expect(res.status).toBe(200);
    return res.body as VerifyReport;
  };
  const cli = (...args: string[]) => runCli(['audit', ...args]);
  const rowIds = async (): Promise<number[]> =>
    ((await db.query('SELECT id FROM audit_entries ORDER BY seq')) as { id: number }[]).map((r) =>
      Number(r.id),
    );

  beforeAll(async () => {
    t = await startTestApp({ role: 'api' });
    db = t.app.get(DataSource);
    chain = t.app.get(AuditChainService);
    const auth = t.app.get(AuthService);
    await auth.createDepartment({ code: 'OFFICE', name: '联席会议办公室', isOffice: true });
    await auth.createDepartment({ code: 'AUDIT', name: '审计', isOffice: false });
    await auth.createUser(
      {
        username: 'auditor',
        displayName: '审计管理员',
        password: 'Ledger-Check-2026!',
        departmentCode: 'AUDIT',
        role: 'audit_admin',
      },
      undefined,
      { allowAdminRole: true },
    ); // as `jointcheck user create` on the host
    await auth.createUser({
      username: 'office',
      displayName: '办公室',
      password: 'Joint-Meeting-2026!',
      departmentCode: 'OFFICE',
      role: 'office',
    });
    adminToken = await t.login('auditor', 'Ledger-Check-2026!');
    officeToken = await t.login('office', 'Joint-Meeting-2026!');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('chains concurrent audited writes of several processes intact; checkpoint root is the RFC 6962 MTH', async () => {
    const auth = t.app.get(AuthService);
    const mysql = db.options.type === 'mysql';
    // other processes write at the same time (their own connections, their own sealers)
    const others = Array.from({ length: 4 }, (_, i) =>
      cliAsync(['department', 'create', '--code', `P${i}`, '--name', `进程部门${i}`]),
    );
    // and this one: 50 transactions at once on MySQL's pool; on SQLite the application has one
    // connection, where transactions cannot overlap, so they follow each other there
    const create = (i: number) =>
      auth.createDepartment({ code: `D${i}`, name: `部门${i}`, isOffice: false }, SYSTEM_PRINCIPAL);
    if (mysql) await Promise.all(Array.from({ length: 50 }, (_, i) => create(i)));
    else for (let i = 0; i < 50; i++) await create(i);
    for (const r of await Promise.all(others)) {
      // SQLite between processes: TypeORM's deferred transactions may meet "database is locked"
      // when another process wrote first (as before the chain); whatever committed must chain
      if (mysql || !/database is locked/.test(r.stderr))
        expect(r).toEqual({ status: 0, stderr: '' });
    }

    const report = await verifyHttp();
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThanOrEqual(54);
    // one entry per department and user created and per sign-in, none lost
    const [{ n }] = (await db.query(
      'SELECT (SELECT COUNT(*) FROM departments) + (SELECT COUNT(*) FROM users)' +
        " + (SELECT COUNT(*) FROM audit_entries WHERE action = 'auth.login') AS n",
    )) as { n: number }[];
    expect(report.entries).toBe(Number(n));
    expect(report.headSeq).toBe(report.entries);
    // every entry sealed, seq 1..n without gaps
    const seqs = (
      (await db.query('SELECT seq FROM audit_entries ORDER BY seq')) as {
        seq: number;
      }[]
    ).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    const res = await t.http
      .post('/audit/checkpoints')
      .set('Authorization', `Bearer ${adminToken}`);
    expect(res.status).toBe(201);
    const hashes = (
      (await db.query('SELECT entry_hash FROM audit_entries ORDER BY seq')) as {
        entry_hash: string;
      }[]
    ).map((r) => r.entry_hash);
    expect(res.body.treeSize).toBe(hashes.length);
    expect(res.body.rootHash).toBe(merkleTreeHash(hashes));
    expect(res.body.lastEntryHash).toBe(hashes[hashes.length - 1]);

    // incremental: one more entry, one more checkpoint, still the MTH over all
    await t.app.get(AuthService).createDepartment({ code: 'DX', name: '部门X', isOffice: false });
    const second = await chain.checkpoint('test');
    const all = (
      (await db.query('SELECT entry_hash FROM audit_entries ORDER BY seq')) as {
        entry_hash: string;
      }[]
    ).map((r) => r.entry_hash);
    expect(second!.treeSize).toBe(all.length);
    expect(second!.rootHash).toBe(merkleTreeHash(all));

    const cp = await t.http.get('/audit/checkpoints').set('Authorization', `Bearer ${adminToken}`);
    expect(cp.body).toHaveLength(2);
    const ok = cli('verify');
    expect(ok.stdout).toContain('audit log intact');
    expect(ok.status).toBe(0);
    // a printed checkpoint given on the command line is checked too
    const printed = cli('verify', '--checkpoint', `${res.body.treeSize}:${res.body.rootHash}`);
    expect(printed.status).toBe(0);
  });

  it('is for the audit administrator: verify and checkpoints refuse the office', async () => {
    for (const path of ['/audit/verify', '/audit/verify.html', '/audit/checkpoints']) {
      const res = await t.http.get(path).set('Authorization', `Bearer ${officeToken}`);
      expect(res.status).toBe(403);
    }
    const list = await t.http.get('/audit').set('Authorization', `Bearer ${officeToken}`);
    expect(list.status).toBe(200);
    const byAdmin = await t.http.get('/audit').set('Authorization', `Bearer ${adminToken}`);
    expect(byAdmin.status).toBe(200);
  });

  it('names a row edited with UPDATE (CLI exit 1, endpoint, page)', async () => {
    const ids = await rowIds();
    const victim = ids[10];
    const [{ actor }] = (await db.query('SELECT actor FROM audit_entries WHERE id = ?', [
      victim,
    ])) as { actor: string }[];
    await db.query("UPDATE audit_entries SET actor = 'nobody' WHERE id = ?", [victim]);

    const report = await verifyHttp();
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'edited', rowId: victim })]);
    const out = cli('verify');
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`EDITED\\s+row id ${victim}:`));
    expect(out.stdout).toContain('TAMPERING FOUND');

    const page = await t.http
      .get('/audit/verify.html')
      .set('Authorization', `Bearer ${adminToken}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('发现篡改');
    expect(page.text).toContain(`行 id ${victim}`);
    expect(page.text).toContain('被修改');

    await db.query('UPDATE audit_entries SET actor = ? WHERE id = ?', [actor, victim]);
    expect((await verifyHttp()).ok).toBe(true);
    const intactPage = await t.http
      .get('/audit/verify.html')
      .set('Authorization', `Bearer ${adminToken}`);
    expect(intactPage.text).toContain('完整');
  });

  it('names the place of a DELETEd row, in the middle and at the end', async () => {
    const ids = await rowIds();
    const [row] = (await db.query('SELECT * FROM audit_entries WHERE id = ?', [ids[20]])) as Record<
      string,
      unknown
    >[];
    await db.query('DELETE FROM audit_entries WHERE id = ?', [ids[20]]);
    let report = await verifyHttp();
    expect(report.ok).toBe(false);
    // the gap, named by its neighbours; the checkpoints recorded since no longer match either
    expect(report.findings.filter((f) => f.kind !== 'checkpoint')).toEqual([
      expect.objectContaining({ kind: 'deleted', rowId: ids[21], seq: 22 }),
    ]);
    expect(report.findings[0].message).toContain(`行 id ${ids[19]}`);
    expect(report.checkpoints.every((c) => !c.ok)).toBe(true);
    const out = cli('verify');
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`DELETED\\s+row id ${ids[21]}:.*seq 21`));
    await reinsert(row);
    expect((await verifyHttp()).ok).toBe(true);

    const last = ids[ids.length - 1];
    const [tail] = (await db.query('SELECT * FROM audit_entries WHERE id = ?', [last])) as Record<
      string,
      unknown
    >[];
    await db.query('DELETE FROM audit_entries WHERE id = ?', [last]);
    report = await verifyHttp();
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'deleted', seq: ids.length })]),
    );
    await reinsert(tail);
    expect((await verifyHttp()).ok).toBe(true);
  });

  it('catches a rewrite of the whole chain by the checkpoint recorded before it', async () => {
    // the attacker edits entry 3 and recomputes every hash after it, and the head
    const ids = await rowIds();
    await db.query("UPDATE audit_entries SET actor = 'nobody' WHERE id = ?", [ids[2]]);
    let prev = GENESIS_HASH;
    for (const raw of (await db.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entries ORDER BY seq`,
    )) as Record<string, unknown>[]) {
      const e = mapEntryRow(raw);
      const hash = entryHash(e, e.seq!, prev);
      await db.query('UPDATE audit_entries SET prev_hash = ?, entry_hash = ? WHERE id = ?', [
        prev,
        hash,
        e.id,
      ]);
      prev = hash;
    }
    await db.query('UPDATE audit_chain_head SET entry_hash = ? WHERE id = 1', [prev]);

    const report = await verifyHttp();
    expect(report.ok).toBe(false);
    // the chain itself is consistent now, but the MAC of the row and both checkpoints are not
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'edited', rowId: ids[2] }),
        expect.objectContaining({ kind: 'checkpoint' }),
      ]),
    );
    expect(report.checkpoints.every((c) => !c.ok)).toBe(true);
    const out = cli('verify');
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('MISMATCH');
  });

  it('names rows INSERTed behind the application: unsigned, and forged past the head', async () => {
    const ids = await rowIds();
    const insert = (seq: number | null, prev: string | null, hash: string | null) =>
      db.query(
        'INSERT INTO audit_entries (at, actor, actor_department, action, entity_type, entity_id, ' +
          'before_json, after_json, context_json, seq, prev_hash, entry_hash, mac) ' +
          "VALUES (?, 'nobody', 'X', 'user.create', 'user', 'ghost', NULL, NULL, NULL, ?, ?, ?, NULL)",
        [new Date().toISOString().replace('T', ' ').replace('Z', ''), seq, prev, hash],
      );
    await insert(null, null, null); // sealed by the app, but it carries no application MAC
    const sealedGhost = Math.max(...ids) + 1;
    let report = await verifyHttp();
    expect(report.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'inserted', rowId: sealedGhost })]),
    );
    const head = report.headSeq;
    await insert(head + 1, 'f'.repeat(64), 'e'.repeat(64)); // a forged row past the head
    report = await verifyHttp();
    const forged = report.findings.filter((f) => f.kind === 'inserted' && f.seq === head + 1);
    expect(forged.length).toBeGreaterThan(0);
    expect(forged[0].rowId).toBe(sealedGhost + 1);
    const out = cli('verify');
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`INSERTED\\s+row id ${sealedGhost}:`));
    expect(out.stdout).toMatch(new RegExp(`INSERTED\\s+row id ${sealedGhost + 1}:`));
  });

  /** The CLI in a child process, without blocking this one (whose sealer keeps running). */
  function cliAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
    const bin = join(__dirname, '..', '..', '..', 'bin', 'jointcheck.js');
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], { env: process.env });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stderr }));
    });
  }

  /** Puts a deleted row back exactly (same id and columns). */
  async function reinsert(row: Record<string, unknown>) {
    const cols = Object.keys(row);
    await db.query(
      `INSERT INTO audit_entries (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      cols.map((c) => row[c]),
    );
  }
});
