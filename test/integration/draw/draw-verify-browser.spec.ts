import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../../support/test-app';
import { bindCountyDirectories, COMMIT_BODY, SCJGJ_MATCH } from './draw-fixtures';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The public verifier page (templates/public/draw-verify.html) in a real browser: it fetches the
 * proof from the app, recomputes it with WebCrypto and says whether it holds.
 */
describe('draw verifier page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let profile: string;
  let drawId: string;
  let origin: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: run scripts/setup-system.sh (installs chromium and fonts-noto-cjk)`,
      );
    }
    t = await startTestApp({ role: 'api', seedDemo: true });
    bindCountyDirectories(t.app);
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const officer = { Authorization: `Bearer ${await t.login('scjgj-officer')}` };
    const wjj = { Authorization: `Bearer ${await t.login('wjj-officer')}` };
    const commit = await t.http
      .post('/draws')
      .set(officer)
      .send({ ...COMMIT_BODY, taskRef: 'PY-BROWSER-1' });
    drawId = commit.body.drawId;
    await t.http
      .post(`/draws/${drawId}/draw`)
      .set(officer)
      .send({ entropy: '见证人 王五 20250603' });
    await t.http.post(`/draws/${drawId}/inspectors/SCJGJ`).set(officer).send(SCJGJ_MATCH);
    await t.http
      .post(`/draws/${drawId}/inspectors/WJJ`)
      .set(wjj)
      .send({ m: 2, onSite: true, capacity: 4, requiredExpertise: ['公共卫生'] });
    profile = mkdtempSync(join(tmpdir(), 'jc-chromium-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.close();
  });

  async function verdict(): Promise<string> {
    const page = await browser.newPage();
    await page.setCacheEnabled(false);
    try {
      const url = `${origin}/public/draws/${drawId}/verify?proof=/public/draws/${drawId}`;
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.headers()['content-type']).toMatch(/text\/html/);
      await page.waitForFunction(
        () =>
          /验证通过|验证未通过|无法验证/.test(document.getElementById('result')?.textContent ?? ''),
        { timeout: 30_000 },
      );
      return await page.$eval('#result', (el) => el.textContent ?? '');
    } finally {
      await page.close();
    }
  }

  it('shows 验证通过 for the published proof', async () => {
    const text = await verdict();
    expect(text).toContain('验证通过');
    expect(text).not.toContain('验证未通过');
  }, 60_000);

  it('shows the mismatch when the stored draw was tampered with', async () => {
    const db = t.app.get(DataSource);
    await db.query('UPDATE draws SET entropy = ? WHERE id = ?', ['见证人 王五 20250604', drawId]);
    const text = await verdict();
    expect(text).toContain('验证未通过');
    expect(text).toMatch(/seed/);
  }, 60_000);
});
