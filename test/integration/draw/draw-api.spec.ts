import { DataSource } from 'typeorm';
import {
  departmentSeed,
  matchInspectors,
  rankCandidates,
  sha256Hex,
  simulateDraw,
  verifyProof,
  type DepartmentProof,
  type DrawProof,
} from '../../../src/modules/draw/core';
import { DrawSources } from '../../../src/modules/draw';
import { InspectorsService } from '../../../src/modules/inspectors/inspectors.service';
import { TargetsService } from '../../../src/modules/targets/targets.service';
import { startTestApp, TestApp } from '../../support/test-app';
import {
  bindCountyDirectories,
  COMMIT_BODY,
  NO_FOOD_SCJGJ,
  ON_LEAVE_SCJGJ,
  SCJGJ_MATCH,
  UNQUALIFIED_SCJGJ,
  unsealedSecret,
} from './draw-fixtures';

const ENTROPY = '2025-06-03 见证人李四 482913';

describe('the draw over HTTP (commit, draw, second draw, replacements, proof)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let drawId: string;
  let commitmentHash: string;
  let secret: string;
  /** Every response body before the reveal, to search for the secret. */
  const beforeReveal: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', seedDemo: true });
    // Production binds the registries; these tests bind the county directory below instead.
    expect(t.app.get(DrawSources).targets()).toBe(t.app.get(TargetsService));
    expect(t.app.get(DrawSources).inspectors()).toBe(t.app.get(InspectorsService));
    bindCountyDirectories(t.app);
    for (const user of [
      'office',
      'scjgj-officer',
      'scjgj-admin',
      'wjj-officer',
      'wjj-admin',
      'nyncj-officer',
    ])
      tokens[user] = await t.login(user);
  });
  afterAll(() => t.close());

  const publicProof = async (id = drawId, query = '') => {
    const res = await t.http.get(`/public/draws/${id}${query}`);
    expect(res.status).toBe(200);
    return res.body as DrawProof;
  };

  it('commits: freezes the eligible targets (HN 18) and counts, publishes only the commitment', async () => {
    const denied = await t.http
      .post('/draws')
      .set(as('wjj-officer'))
      .send({ ...COMMIT_BODY, taskRef: 'PY-2025-JOINT-07' });
    expect(denied.status).toBe(403);

    const res = await t.http
      .post('/draws')
      .set(as('scjgj-officer'))
      .send({ ...COMMIT_BODY, taskRef: 'PY-2025-JOINT-07' });
    expect(res.status).toBe(201);
    beforeReveal.push(JSON.stringify(res.body));
    drawId = res.body.drawId;
    commitmentHash = res.body.commitmentHash;
    expect(res.body.status).toBe('committed');
    // 40 jointly supervised targets; the 5 supervised by SCJGJ alone are not eligible.
    expect(res.body.commitment.targetCount).toBe(40);
    expect(
      res.body.commitment.counts.map((c: { stratum: string; count: number }) => [
        c.stratum,
        c.count,
      ]),
    ).toEqual([
      ['A', 2],
      ['B', 3],
      ['C', 5],
      ['D', 5],
    ]);
    expect(res.body.commitment.counts[3].shortfall).toBe(5);

    const pub = await t.http.get(`/public/draws/${drawId}`);
    beforeReveal.push(JSON.stringify(pub.body));
    expect(pub.body).toEqual({
      drawId,
      taskRef: 'PY-2025-JOINT-07',
      status: 'committed',
      commitment: res.body.commitment,
      commitmentHash,
    });
    const own = await t.http.get(`/draws/${drawId}`).set(as('wjj-officer'));
    expect(own.status).toBe(200);
    beforeReveal.push(JSON.stringify(own.body));
    expect((await t.http.get(`/draws/${drawId}`).set(as('nyncj-officer'))).status).toBe(403);
  });

  it('refuses duplicate codes from the directory, and bad rules, naming what is wrong', async () => {
    const target = {
      code: '91640425MA7DUP0001',
      riskClass: 'A',
      regionCode: null,
      supervisingDepartments: ['SCJGJ', 'WJJ'],
    };
    bindCountyDirectories(t.app, [target, { ...target, riskClass: 'B' }]);
    try {
      const dup = await t.http
        .post('/draws')
        .set(as('scjgj-officer'))
        .send({ ...COMMIT_BODY, taskRef: 'PY-DUP' });
      expect(dup.status).toBe(400);
      expect(dup.body.message).toMatch(/重复.*91640425MA7DUP0001/);
    } finally {
      bindCountyDirectories(t.app);
    }
    const badRule = await t.http
      .post('/draws')
      .set(as('scjgj-officer'))
      .send({ ...COMMIT_BODY, taskRef: 'PY-BAD', rules: [{ stratum: 'A', ratio: '7 percent' }] });
    expect(badRule.status).toBe(400);
    expect(badRule.body.message).toMatch(/7 percent/);
  });

  it('keeps S sealed before the reveal: not in the database row, API responses or audit', async () => {
    ({ secret } = await unsealedSecret(t.app, drawId));
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const db = t.app.get(DataSource);
    const rows = JSON.stringify(await db.query('SELECT * FROM draws'));
    const audit = JSON.stringify(await db.query('SELECT * FROM audit_entries'));
    const apiAudit = await t.http.get('/audit').set(as('office'));
    beforeReveal.push(JSON.stringify(apiAudit.body));
    for (const text of [rows, audit, ...beforeReveal]) {
      expect(text).not.toContain(secret);
      expect(text.toUpperCase()).not.toContain(secret.toUpperCase());
    }
    expect(audit).toContain('draw.commit');
  });

  it('draws: only the initiator, E must carry something; then S is revealed and the proof verifies', async () => {
    expect(
      (await t.http.post(`/draws/${drawId}/draw`).set(as('wjj-officer')).send({ entropy: ENTROPY }))
        .status,
    ).toBe(403);
    const blank = await t.http
      .post(`/draws/${drawId}/draw`)
      .set(as('scjgj-officer'))
      .send({ entropy: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.field).toBe('entropy');

    const res = await t.http
      .post(`/draws/${drawId}/draw`)
      .set(as('scjgj-officer'))
      .send({ entropy: ENTROPY });
    expect(res.status).toBe(201);
    const proof = await publicProof();
    expect(proof.secret).toBe(secret);
    expect(sha256Hex(Buffer.from(secret, 'hex'))).toBe(proof.commitment.secretHash);
    expect(proof.entropy).toBe(ENTROPY);
    expect(proof.drawn).toHaveLength(15);
    expect(verifyProof(proof, { expectedCommitmentHash: commitmentHash })).toEqual({ ok: true });

    // Anyone can replay steps 1–3 from the published snapshot text with the revealed S and E.
    const snapshot = await t.http.get(`/public/draws/${drawId}/snapshot`);
    expect(snapshot.headers['content-type']).toMatch(/text\/plain/);
    expect(sha256Hex(snapshot.text)).toBe(proof.commitment.snapshotHash);
    const replay = simulateDraw({
      csvText: snapshot.text,
      counts: { A: 2, B: 3, C: 5, D: 5 },
      secretHex: secret,
      entropy: ENTROPY,
    });
    expect(replay.drawn).toEqual(proof.drawn);
  });

  it('the locked target list cannot change through the API', async () => {
    const again = await t.http
      .post(`/draws/${drawId}/draw`)
      .set(as('scjgj-officer'))
      .send({ entropy: 'another try' });
    expect(again.status).toBe(409);
    const recommit = await t.http
      .post('/draws')
      .set(as('scjgj-officer'))
      .send({ ...COMMIT_BODY, taskRef: 'PY-2025-JOINT-07' });
    expect(recommit.status).toBe(409);
    for (const method of ['put', 'patch', 'delete'] as const) {
      const res = await t.http[method](`/draws/${drawId}`).set(as('office')).send({});
      expect(res.status).toBe(404);
    }
    const proof = await publicProof();
    expect(proof.entropy).toBe(ENTROPY);
    expect(verifyProof(proof)).toEqual({ ok: true });
  });

  it('second draw: m ≥ 2 on site, qualification, expertise and capacity are enforced; a shortfall is 409 with reasons', async () => {
    const one = await t.http
      .post(`/draws/${drawId}/inspectors/SCJGJ`)
      .set(as('scjgj-officer'))
      .send({ ...SCJGJ_MATCH, m: 1 });
    expect(one.status).toBe(400);
    expect(one.body.message).toMatch(/不少于 2/);

    expect(
      (
        await t.http
          .post(`/draws/${drawId}/inspectors/SCJGJ`)
          .set(as('wjj-officer'))
          .send(SCJGJ_MATCH)
      ).status,
    ).toBe(403);

    // 5 eligible inspectors × capacity 3 = 15 places for 15 targets × 2: a shortfall, refused.
    const short = await t.http
      .post(`/draws/${drawId}/inspectors/SCJGJ`)
      .set(as('scjgj-officer'))
      .send({ ...SCJGJ_MATCH, capacity: 3 });
    expect(short.status).toBe(409);
    expect(short.body.shortfalls.length).toBeGreaterThan(0);
    const reasons = new Set(
      short.body.shortfalls.flatMap((s: { excluded: { reason: string }[] }) =>
        s.excluded.map((e) => e.reason),
      ),
    );
    expect(reasons).toContain('capacity');
    expect((await t.http.get(`/draws/${drawId}`).set(as('office'))).body.departments).toEqual([]);

    const ok = await t.http
      .post(`/draws/${drawId}/inspectors/SCJGJ`)
      .set(as('scjgj-officer'))
      .send(SCJGJ_MATCH);
    expect(ok.status).toBe(201);
    const dept = ok.body as DepartmentProof;
    expect(dept.assignments).toHaveLength(15);
    const assigned = dept.assignments.flatMap((a) => a.inspectors.map((i) => i.certificateNo));
    for (const a of dept.assignments) expect(a.inspectors).toHaveLength(2);
    for (const barred of [UNQUALIFIED_SCJGJ, ON_LEAVE_SCJGJ, NO_FOOD_SCJGJ, '64040009'])
      expect(assigned).not.toContain(barred);
    // The unqualified inspector is in the published facts, so the exclusion is visible.
    expect(dept.inspectors.map((i) => i.certificateNo)).toContain(UNQUALIFIED_SCJGJ);

    const twice = await t.http
      .post(`/draws/${drawId}/inspectors/SCJGJ`)
      .set(as('scjgj-admin'))
      .send(SCJGJ_MATCH);
    expect(twice.status).toBe(409);
  });

  it('second draw: a declared recusal (回避) bars the inspector the ranking would have picked; capacity holds', async () => {
    const proof = await publicProof();
    const first = [...proof.drawn].sort((a, b) => a.order - b.order)[0];
    const seedD = departmentSeed(proof.seed, 'WJJ');
    const wjjIds = Array.from({ length: 10 }, (_, i) => `64041${String(i + 1).padStart(3, '0')}`);
    const ranked = rankCandidates(
      seedD,
      first.code,
      wjjIds.map((certificateNo) => ({
        certificateNo,
        name: '',
        active: true,
        enforcementQualified: true,
        expertise: ['公共卫生'],
        conflictTargetCodes: [],
        conflictRegions: [],
        capacity: 4,
      })),
    );
    const favourite = ranked[0].inspector.certificateNo;

    const res = await t.http
      .post(`/draws/${drawId}/inspectors/WJJ`)
      .set(as('wjj-officer'))
      .send({
        m: 2,
        onSite: true,
        capacity: 4,
        requiredExpertise: ['公共卫生'],
        recusals: [{ certificateNo: favourite, targetCodes: [first.code] }],
      });
    expect(res.status).toBe(201);
    const dept = res.body as DepartmentProof;
    const onFirst = dept.assignments.find((a) => a.targetCode === first.code)!;
    expect(onFirst.inspectors.map((i) => i.certificateNo)).not.toContain(favourite);
    // Without the recusal the same seed would have put them there.
    const without = matchInspectors(proof.seed, {
      ...dept,
      inspectors: dept.inspectors.map((i) => ({ ...i, conflictTargetCodes: [] })),
    });
    expect(
      without.assignments
        .find((a) => a.targetCode === first.code)!
        .inspectors.map((i) => i.certificateNo),
    ).toContain(favourite);
    const load = new Map<string, number>();
    for (const a of dept.assignments)
      for (const i of a.inspectors) load.set(i.certificateNo, (load.get(i.certificateNo) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(4);
    expect(load.has('64041099')).toBe(false);

    const after = await t.http.get(`/draws/${drawId}`).set(as('wjj-officer'));
    expect(after.body.status).toBe('locked');
    expect(verifyProof(await publicProof(), { expectedCommitmentHash: commitmentHash })).toEqual({
      ok: true,
    });
  });

  it('replacement: requested, not applied until the department head approves; only that head may', async () => {
    const before = await publicProof();
    const scjgj = before.departments.find((d) => d.departmentCode === 'SCJGJ')!;
    const target = scjgj.assignments[0].targetCode;
    const leaving = scjgj.assignments[0].inspectors[0].certificateNo;

    const badReason = await t.http
      .post(`/draws/${drawId}/replacements`)
      .set(as('scjgj-officer'))
      .send({
        departmentCode: 'SCJGJ',
        targetCode: target,
        outCertificateNo: leaving,
        reason: 'vacation',
      });
    expect(badReason.status).toBe(400);
    expect(badReason.body.message).toMatch(/reason/);

    const notAssigned = await t.http
      .post(`/draws/${drawId}/replacements`)
      .set(as('scjgj-officer'))
      .send({
        departmentCode: 'SCJGJ',
        targetCode: target,
        outCertificateNo: NO_FOOD_SCJGJ,
        reason: 'health',
      });
    expect(notAssigned.status).toBe(400);

    const req = await t.http.post(`/draws/${drawId}/replacements`).set(as('scjgj-officer')).send({
      departmentCode: 'SCJGJ',
      targetCode: target,
      outCertificateNo: leaving,
      reason: 'health',
    });
    expect(req.status).toBe(201);
    expect(req.body.status).toBe('requested');
    const rid = req.body.id;

    // Without approval nothing changes.
    const pending = await publicProof();
    expect(pending.departments.find((d) => d.departmentCode === 'SCJGJ')!.replacements).toEqual([]);
    const current = await t.http.get(`/draws/${drawId}`).set(as('scjgj-officer'));
    const slot = current.body.departments
      .find((d: { departmentCode: string }) => d.departmentCode === 'SCJGJ')
      .assignments.find((a: { targetCode: string }) => a.targetCode === target);
    expect(slot.inspectors.map((i: { certificateNo: string }) => i.certificateNo)).toContain(
      leaving,
    );

    for (const user of ['scjgj-officer', 'wjj-admin', 'office']) {
      const denied = await t.http
        .post(`/draws/${drawId}/replacements/${rid}/approve`)
        .set(as(user));
      expect(denied.status).toBe(403);
    }
    const approved = await t.http
      .post(`/draws/${drawId}/replacements/${rid}/approve`)
      .set(as('scjgj-admin'));
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', seq: 1, approvedBy: 'scjgj-admin' });
    const incoming = approved.body.inCertificateNo as string;
    expect(incoming).not.toBe(leaving);

    const proof = await publicProof();
    const record = proof.departments.find((d) => d.departmentCode === 'SCJGJ')!.replacements;
    expect(record).toEqual([
      expect.objectContaining({
        targetCode: target,
        outCertificateNo: leaving,
        reason: 'health',
        inCertificateNo: incoming,
      }),
    ]);
    expect(verifyProof(proof, { expectedCommitmentHash: commitmentHash })).toEqual({ ok: true });
    const now = await t.http.get(`/draws/${drawId}`).set(as('scjgj-officer'));
    const newSlot = now.body.departments
      .find((d: { departmentCode: string }) => d.departmentCode === 'SCJGJ')
      .assignments.find((a: { targetCode: string }) => a.targetCode === target);
    expect(newSlot.inspectors.map((i: { certificateNo: string }) => i.certificateNo)).toEqual(
      expect.arrayContaining([incoming]),
    );
    expect(newSlot.inspectors.map((i: { certificateNo: string }) => i.certificateNo)).not.toContain(
      leaving,
    );
    expect(
      (await t.http.post(`/draws/${drawId}/replacements/${rid}/approve`).set(as('scjgj-admin')))
        .status,
    ).toBe(409);
  });

  it('exceptions after the reveal are approved addenda, published beside the proof, never edits', async () => {
    const proof = await publicProof();
    const target = proof.drawn[0].code;
    const add = await t.http.post(`/draws/${drawId}/exceptions`).set(as('wjj-officer')).send({
      departmentCode: 'WJJ',
      kind: 'target-closed',
      targetCode: target,
      description: '该企业已注销，无法实施检查',
    });
    expect(add.status).toBe(201);
    expect((await t.http.get(`/public/draws/${drawId}/addenda`)).body).toEqual([]);
    expect(
      (
        await t.http
          .post(`/draws/${drawId}/exceptions/${add.body.id}/approve`)
          .set(as('wjj-officer'))
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`/draws/${drawId}/exceptions/${add.body.id}/approve`)
          .set(as('scjgj-admin'))
      ).status,
    ).toBe(403);
    const ok = await t.http
      .post(`/draws/${drawId}/exceptions/${add.body.id}/approve`)
      .set(as('wjj-admin'));
    expect(ok.status).toBe(201);
    const addenda = (await t.http.get(`/public/draws/${drawId}/addenda`)).body;
    expect(addenda).toEqual([
      expect.objectContaining({ targetCode: target, approvedBy: 'wjj-admin' }),
    ]);
    const after = await publicProof();
    expect(after.drawn).toEqual(proof.drawn);
    expect(verifyProof(after)).toEqual({ ok: true });
  });

  it('every state change is audited, and the proof can link its snapshot instead of inlining it', async () => {
    const db = t.app.get(DataSource);
    const actions = (
      await db.query(
        "SELECT action FROM audit_entries WHERE entity_type = 'draw' AND entity_id = ? ORDER BY id",
        [drawId],
      )
    ).map((r: { action: string }) => r.action);
    expect(actions).toEqual([
      'draw.commit',
      'draw.draw',
      'draw.inspectors.shortfall',
      'draw.inspectors.match',
      'draw.inspectors.match',
      'draw.replacement.request',
      'draw.replacement.approve',
      'draw.exception.add',
      'draw.exception.approve',
    ]);
    const linked = await publicProof(drawId, '?snapshot=url');
    expect(linked.snapshot).toEqual({
      hash: linked.commitment.snapshotHash,
      url: `/public/draws/${drawId}/snapshot`,
    });
    const text = (await t.http.get(`/public/draws/${drawId}/snapshot`)).text;
    expect(verifyProof(linked, { snapshotText: text })).toEqual({ ok: true });
    expect(verifyProof(linked, { snapshotText: text.replace('A,', 'B,') }).ok).toBe(false);
  });

  it('tampering with the stored draw makes the served proof fail verification', async () => {
    const proof = await publicProof();
    const edited = JSON.parse(JSON.stringify(proof)) as DrawProof;
    const notDrawn = (await t.http.get(`/public/draws/${drawId}/snapshot`)).text
      .split('\n')
      .find((l) => l.startsWith('A,') && !proof.drawn.some((d) => `${d.stratum},${d.code}` === l))!
      .slice(2);
    edited.drawn[0].code = notDrawn;
    const swapped = verifyProof(edited);
    expect(swapped.ok).toBe(false);
    expect(!swapped.ok && swapped.mismatch).toMatch(/^drawn\[0\]\.code/);

    const db = t.app.get(DataSource);
    await db.query('UPDATE draw_targets SET code = ? WHERE draw_id = ? AND code = ?', [
      notDrawn,
      drawId,
      proof.drawn[0].code,
    ]);
    const served = verifyProof(await publicProof());
    expect(served.ok).toBe(false);
    expect(!served.ok && served.mismatch).toMatch(/drawn\[0\]\.code/);
    await db.query('UPDATE draws SET entropy = ? WHERE id = ?', ['改过的随机数', drawId]);
    const reseeded = verifyProof(await publicProof());
    expect(!reseeded.ok && reseeded.mismatch).toMatch(/^seed/);
  });
});
