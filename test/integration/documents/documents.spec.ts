import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../src/modules/audit/audit.service';
import { SYSTEM_PRINCIPAL } from '../../../src/modules/auth/roles';
import type {
  DocumentDataMap,
  FormPage,
  NoticeData,
} from '../../../src/modules/documents/document-data';
import { DOCUMENT_TEMPLATES } from '../../../src/modules/documents/document-templates';
import { DocumentRecord } from '../../../src/modules/documents/document.entity';
import {
  canonicalManifestJson,
  DocumentsService,
} from '../../../src/modules/documents/documents.service';
import { Inspection } from '../../../src/modules/inspection/entities/inspection.entity';
import { startTestApp, TestApp } from '../../support/test-app';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const TARGET = { code: '91640423MA76XQ2K3B', name: '彭阳县古城镇惠民粮油加工有限公司' };
const TASK = { code: 'JI-2026-0901', name: '2026年度食品生产经营单位部门联合抽查' };

const NOTICE: NoticeData = {
  title: `检查通知书（${TARGET.name}）`,
  code: TASK.code,
  taskName: TASK.name,
  targetName: TARGET.name,
  targetCode: TARGET.code,
  address: '宁夏回族自治区固原市彭阳县古城镇新街12号',
  leaderDepartment: '县市场监管局',
  windowStart: '2026-11-23',
  windowEnd: '2026-12-11',
  method: 'on_site',
  items: [
    {
      department: '县市场监管局',
      name: '食品生产者生产条件检查',
      contents: '生产环境、设备设施、原辅料进货查验',
      materials: '食品生产许可证、进货查验记录',
    },
    {
      department: '县卫生健康局',
      name: '从业人员健康管理检查',
      contents: '从业人员健康证明',
      materials: '从业人员健康证明、培训记录',
    },
  ],
};

function formPage(targetCode: string, targetName: string, refused = false): FormPage {
  return {
    docNo: `${TASK.code} · 县市场监管局`,
    targetCode,
    targetName,
    inspectedOn: '2026-11-25',
    inspectors: ['SC6404230012', 'SC6404230027'],
    items: [
      {
        name: '食品生产者生产条件检查',
        result: refused ? 'refused' : 'problem',
        findings: refused ? '' : '原料库房未离地离墙存放',
        measures: refused ? '' : '责令十日内整改',
        withholdBasis: '',
      },
    ],
    attachments: [{ name: '现场照片.jpg', sha256: 'ab'.repeat(32), size: 204800 }],
    signedBy: refused ? '' : '马建国',
    refusalReason: refused ? '法定代表人外出，现场人员拒绝签字' : '',
    witnessedBy: refused ? ['古城镇市场监管所 李明'] : [],
    submittedBy: 'scjgj-officer',
  };
}

/** Realistic data for every template, typed by document-data.ts. */
const SAMPLES: { [T in keyof DocumentDataMap]: DocumentDataMap[T] } = {
  notice: NOTICE,
  scheme: {
    title: '联合抽查检查方案',
    ...TASK,
    temporary: false,
    temporaryReason: '',
    initiator: '县市场监管局',
    departments: ['县市场监管局', '县卫生健康局'],
    windowStart: '2026-11-23',
    windowEnd: '2026-12-11',
    method: 'on_site',
    surprise: false,
    inspectorsPerTarget: 2,
    note: '进一次门、查多项事',
    items: [
      {
        code: 'SC-01',
        name: '食品生产者生产条件检查',
        departments: ['县市场监管局'],
        contents: '生产环境、设备设施',
        materials: '食品生产许可证',
      },
    ],
  },
  'draw-proof': {
    title: '抽取承诺与抽取证明',
    ...TASK,
    drawId: '0b8f3c1e-5d4a-4f6b-9a77-2c1d0e9f8a61',
    mode: '双随机',
    modeReason: '',
    commitmentHash: 'c0'.repeat(32),
    snapshotHash: 'd1'.repeat(32),
    entropySource: '见证人现场掷骰',
    entropy: '见证人 王五 20261120',
    seed: 'e2'.repeat(32),
    verifyUrl: '/public/draws/0b8f3c1e-5d4a-4f6b-9a77-2c1d0e9f8a61/verify',
    counts: [
      { stratum: 'A', population: 812, count: 8 },
      { stratum: 'D', population: 37, count: 4 },
    ],
  },
  'target-list': {
    title: '检查对象名单',
    ...TASK,
    targets: [
      {
        no: 1,
        name: TARGET.name,
        code: TARGET.code,
        leader: '县市场监管局',
        status: '已检查',
        distribution: [
          { department: '县市场监管局', items: ['食品生产者生产条件检查'] },
          { department: '县卫生健康局', items: ['从业人员健康管理检查'] },
        ],
      },
    ],
  },
  forms: {
    title: '检查记录表（县市场监管局）',
    ...TASK,
    department: '县市场监管局',
    docNo: `${TASK.code} · 县市场监管局`,
    forms: [
      formPage(TARGET.code, TARGET.name),
      formPage('92640423MA77A1B2C3', '彭阳县红河乡老马家清真餐馆', true),
    ],
  },
  results: {
    title: '抽查结果公示记录',
    ...TASK,
    entries: [
      {
        id: 1,
        targetName: TARGET.name,
        targetCode: TARGET.code,
        department: '县市场监管局',
        item: '食品生产者生产条件检查',
        result: 'problem',
        withheld: false,
        withholdBasis: '',
        handling: '责令整改',
        entryType: '公示',
        publishedAt: '2026-12-15T03:00:00.000Z',
      },
    ],
  },
  'follow-ups': {
    title: '后续处置记录',
    ...TASK,
    followUps: [
      {
        targetCode: TARGET.code,
        targetName: TARGET.name,
        department: '县市场监管局',
        item: '食品生产者生产条件检查',
        findings: '原料库房未离地离墙存放',
        kind: 'rectification',
        status: 'closed',
        detail: '整改期限 2026-12-05',
      },
    ],
  },
  report: {
    title: '抽查情况报告',
    ...TASK,
    initiator: '县市场监管局',
    departments: ['县市场监管局', '县卫生健康局'],
    windowStart: '2026-11-23',
    windowEnd: '2026-12-11',
    targetCount: 12,
    items: [{ name: '食品生产者生产条件检查', departments: ['县市场监管局'] }],
    counts: [
      { label: '未发现问题', n: 20 },
      { label: '发现问题', n: 3 },
    ],
    problemTargets: 2,
    notFound: 1,
    followUpCount: 3,
    followUpKinds: [{ kind: 'rectification', n: 3 }],
    advice: '建议提高上述对象下一年度抽查比例和频次。',
    reportDate: '2026-12-20',
  },
  manifest: {
    title: '归档清单',
    ...TASK,
    manifestSha256: 'f3'.repeat(32),
    generatedAt: '2026-12-20T02:00:00.000Z',
    documents: [
      {
        no: 1,
        kind: 'notice',
        subject: TARGET.code,
        title: NOTICE.title,
        htmlSha256: 'a1'.repeat(32),
        pdfSha256: '',
      },
    ],
  },
};

describe('documents (文书): templates, PDF, hashes, manifest', () => {
  let t: TestApp;
  let db: DataSource;
  let docs: DocumentsService;
  let dir: string;
  let inspectionId: string;
  const pdfs = new Map<string, Buffer>();
  const htmls = new Map<string, string>();

  async function insertInspection(code: string): Promise<string> {
    const id = randomUUID();
    await db.getRepository(Inspection).insert({
      id,
      code,
      name: TASK.name,
      year: 2026,
      planId: null,
      planTaskKey: null,
      temporary: false,
      temporaryReason: null,
      initiatingDepartment: 'SCJGJ',
      departments: ['SCJGJ', 'WJJ'],
      confirmedDepartments: ['SCJGJ', 'WJJ'],
      itemCodes: ['SC-01', 'WJ-03'],
      windowStart: '2026-11-23',
      windowEnd: '2026-12-11',
      publishDays: 20,
      status: 'inspecting',
      scheme: null,
      drawId: null,
      workflowId: null,
      createdBy: 'scjgj-officer',
      createdAt: new Date(),
      launchedAt: new Date(),
      archivedAt: null,
    });
    return id;
  }

  function pdfText(pdf: Buffer, name: string): string {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }

  function pdfPages(pdf: Buffer, name: string): number {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jc-docs-'));
    t = await startTestApp({ role: 'api', seedDemo: true });
    db = t.app.get(DataSource);
    docs = t.app.get(DocumentsService);
    inspectionId = await insertInspection(TASK.code);
    for (const name of DOCUMENT_TEMPLATES) htmls.set(name, docs.render(name, SAMPLES[name]));
    const printed = await docs.toPdf([...htmls.values()]);
    [...htmls.keys()].forEach((name, i) => pdfs.set(name, printed[i]));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every template to a standards-mode HTML page and an A4 PDF', () => {
    for (const name of DOCUMENT_TEMPLATES) {
      expect(htmls.get(name)).toMatch(/^<!doctype html>\n<html lang=.zh-CN.>/);
      expect(htmls.get(name)).toContain(`<title>${SAMPLES[name].title}</title>`);
      expect(pdfs.get(name)!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const notice = htmls.get('notice')!;
    expect(notice).toContain('2026年11月23日至2026年12月11日');
    expect(notice).toContain('现场检查');
    expect(notice).toContain('参加检查部门：县市场监管局、县卫生健康局');
    expect(htmls.get('report')).toContain('<td>发现问题</td><td>3</td>');
    expect(htmls.get('forms')).toContain('<td>不配合检查</td>');
    expect(htmls.get('follow-ups')).toContain('责令整改');
  });

  it('prints Chinese as text (CJK fonts embedded), one page per target in a forms document', () => {
    const notice = pdfText(pdfs.get('notice')!, 'notice');
    expect(notice).toContain('检查通知书');
    expect(notice).toContain(TARGET.name);
    expect(pdfText(pdfs.get('report')!, 'report')).toContain('抽查情况报告');
    const forms = pdfText(pdfs.get('forms')!, 'forms');
    expect(forms).toContain('一企一表');
    expect(forms).toContain('拒绝签字');
    expect(pdfPages(pdfs.get('forms')!, 'forms')).toBe(2);
  });

  it('strict templates: a missing field is an error naming it, also inside helpers', () => {
    const { targetName: _n, ...noName } = NOTICE;
    expect(() => docs.render('notice', noName as NoticeData)).toThrow(/notice\.hbs.*"targetName"/);
    const { windowStart: _w, ...noStart } = NOTICE;
    expect(() => docs.render('notice', noStart as NoticeData)).toThrow(/"windowStart"/);
    const page = formPage(TARGET.code, TARGET.name);
    const { signedBy: _s, ...unsigned } = page;
    expect(() => docs.render('forms', { ...SAMPLES.forms, forms: [unsigned as FormPage] })).toThrow(
      /"signedBy"/,
    );
  });

  it('issues once per (task, kind, subject) with hashes of the exact bytes, audited', async () => {
    const html = htmls.get('notice')!;
    const pdf = pdfs.get('notice')!;
    const doc = {
      inspectionId,
      kind: 'notice',
      subject: TARGET.code,
      title: NOTICE.title,
      html,
      pdf,
      status: 'issued' as const,
    };
    const first = await docs.issue(undefined, doc, SYSTEM_PRINCIPAL);
    expect(first.htmlSha256).toBe(sha256(Buffer.from(html, 'utf8')));
    expect(first.pdfSha256).toBe(sha256(pdf));
    const file = join(dir, 'issued.pdf');
    writeFileSync(file, (await docs.get(first.id)).pdf!);
    expect(execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]).toBe(
      first.pdfSha256,
    );

    const again = await docs.issue(
      undefined,
      { ...doc, html: `${html}<!-- retried -->`, pdf: undefined },
      'workflow:retry',
    );
    expect(again.id).toBe(first.id);
    expect(again.htmlSha256).toBe(first.htmlSha256);
    expect(again.html).toBe(html);
    expect(
      await db.getRepository(DocumentRecord).count({ where: { inspectionId, kind: 'notice' } }),
    ).toBe(1);
    const audit = await t.app.get(AuditService).history('document', first.id);
    expect(audit.map((a) => a.action)).toEqual(['document.issue']);
    expect(audit[0].after).toMatchObject({
      kind: 'notice',
      subject: TARGET.code,
      htmlSha256: first.htmlSha256,
      pdfSha256: first.pdfSha256,
    });
  });

  it('rejects a document of an unknown kind, naming the field', async () => {
    await expect(
      docs.issue(
        undefined,
        {
          inspectionId,
          kind: 'memo',
          subject: '',
          title: '备忘',
          html: '<p>x</p>',
          status: 'issued',
        },
        SYSTEM_PRINCIPAL,
      ),
    ).rejects.toThrow(/kind/);
  });

  it('marks issued notices as sent once', async () => {
    expect(await docs.markSent(inspectionId, 'notice', [TARGET.code, 'NO-SUCH'])).toBe(1);
    expect(await docs.markSent(inspectionId, 'notice', [TARGET.code])).toBe(0);
    const [notice] = (await docs.list(inspectionId)).filter((d) => d.kind === 'notice');
    expect(notice.status).toBe('sent');
    expect(notice.sentAt).toBeInstanceOf(Date);
  });

  it('manifest: every document with its hashes, and the hash of the canonical list', async () => {
    for (const kind of ['scheme', 'report', 'forms'] as const)
      await docs.issue(
        undefined,
        {
          inspectionId,
          kind,
          subject: kind === 'forms' ? 'SCJGJ' : '',
          title: SAMPLES[kind].title,
          html: htmls.get(kind)!,
          pdf: pdfs.get(kind),
          status: 'archived',
        },
        SYSTEM_PRINCIPAL,
      );
    const manifest = await docs.manifest(inspectionId);
    expect(manifest.documents.map((d) => `${d.kind}|${d.subject}`)).toEqual([
      'forms|SCJGJ',
      `notice|${TARGET.code}`,
      'report|',
      'scheme|',
    ]);
    expect(manifest.manifestSha256).toBe(sha256(canonicalManifestJson(manifest.documents)));
    const sheet = await docs.issueManifest(inspectionId, SYSTEM_PRINCIPAL);
    expect(sheet.html).toContain(manifest.manifestSha256);
    expect(sheet.pdf!.subarray(0, 4).toString()).toBe('%PDF');
    expect((await docs.manifest(inspectionId)).manifestSha256).toBe(manifest.manifestSha256);
    expect(await docs.verify(inspectionId)).toEqual({ ok: true, checked: 5, mismatches: [] });
  });

  it('verify reports a tampered row, a tampered PDF and a document removed after the manifest', async () => {
    const id = await insertInspection('JI-2026-0902');
    const issue = (kind: 'scheme' | 'report') =>
      docs.issue(
        undefined,
        {
          inspectionId: id,
          kind,
          subject: '',
          title: SAMPLES[kind].title,
          html: htmls.get(kind)!,
          pdf: pdfs.get(kind),
          status: 'archived',
        },
        SYSTEM_PRINCIPAL,
      );
    const scheme = await issue('scheme');
    const report = await issue('report');
    const sheet = await docs.issueManifest(id, SYSTEM_PRINCIPAL);
    expect((await docs.verify(id)).ok).toBe(true);

    const forged = htmls.get('scheme')!.replace('县卫生健康局', '县公安局');
    await db.query('UPDATE documents SET html = ? WHERE id = ?', [forged, scheme.id]);
    const forgedPdf = Buffer.from(pdfs.get('report')!);
    forgedPdf[forgedPdf.length - 10] ^= 1;
    await db.query('UPDATE documents SET pdf = ? WHERE id = ?', [forgedPdf, report.id]);
    const tampered = await docs.verify(id);
    expect(tampered.ok).toBe(false);
    expect(tampered.mismatches).toEqual(
      expect.arrayContaining([
        { id: scheme.id, field: 'html', stored: scheme.htmlSha256, actual: sha256(forged) },
        { id: report.id, field: 'pdf', stored: report.pdfSha256, actual: sha256(forgedPdf) },
      ]),
    );

    await db.query('DELETE FROM documents WHERE id = ?', [report.id]);
    const removed = await docs.verify(id);
    expect(removed.mismatches).toContainEqual(
      expect.objectContaining({ id: sheet.id, field: 'manifest' }),
    );
  });

  it('says how to get Chromium when it is missing', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(dir, 'no-chromium');
    try {
      await expect(docs.toPdf('<p>x</p>')).rejects.toThrow(
        /未找到 Chromium：请运行 scripts\/setup-system.sh 或设置 CHROMIUM_PATH/,
      );
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  describe('HTTP', () => {
    const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    };
    let office: string;
    let wjj: string;
    let gaj: string;
    let notice: DocumentRecord;

    beforeAll(async () => {
      office = `Bearer ${await t.login('office')}`;
      wjj = `Bearer ${await t.login('wjj-officer')}`;
      gaj = `Bearer ${await t.login('gaj-officer')}`;
      [notice] = (await docs.list(inspectionId)).filter((d) => d.kind === 'notice') as [
        DocumentRecord,
      ];
    });

    it('lists documents without bodies for the office and a department of the task', async () => {
      for (const who of [office, wjj]) {
        const res = await t.http
          .get(`/inspections/${inspectionId}/documents`)
          .set('Authorization', who);
        expect(res.status).toBe(200);
        expect(res.body.map((d: { kind: string }) => d.kind)).toContain('notice');
        expect(res.body[0]).not.toHaveProperty('html');
        expect(res.body[0]).not.toHaveProperty('pdf');
      }
    });

    it('serves the exact HTML and PDF bytes with their content types', async () => {
      const html = await t.http
        .get(`/inspections/${inspectionId}/documents/${notice.id}.html`)
        .set('Authorization', wjj)
        .buffer(true)
        .parse(binary);
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(sha256(html.body as Buffer)).toBe(notice.htmlSha256);
      const pdf = await t.http
        .get(`/inspections/${inspectionId}/documents/${notice.id}.pdf`)
        .set('Authorization', wjj)
        .buffer(true)
        .parse(binary);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(sha256(pdf.body as Buffer)).toBe(notice.pdfSha256);
    });

    it('returns the manifest with the verification result', async () => {
      const res = await t.http
        .get(`/inspections/${inspectionId}/manifest`)
        .set('Authorization', office);
      expect(res.status).toBe(200);
      expect(res.body.manifestSha256).toBe((await docs.manifest(inspectionId)).manifestSha256);
      expect(res.body.verify).toEqual({ ok: true, checked: 5, mismatches: [] });
    });

    it('refuses a department not in the task, and 404s unknown ids', async () => {
      for (const path of ['documents', 'manifest', `documents/${notice.id}.pdf`]) {
        const res = await t.http
          .get(`/inspections/${inspectionId}/${path}`)
          .set('Authorization', gaj);
        expect(res.status).toBe(403);
      }
      const other = await insertInspection('JI-2026-0903');
      for (const path of [
        `/inspections/${randomUUID()}/documents`,
        `/inspections/${inspectionId}/documents/${randomUUID()}.html`,
        `/inspections/${other}/documents/${notice.id}.pdf`,
      ]) {
        const res = await t.http.get(path).set('Authorization', office);
        expect(res.status).toBe(404);
      }
    });
  });
});
