import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import { DataSource } from 'typeorm';
import { AuthService } from '../../../src/modules/auth/auth.service';
import { startTestApp, TestApp } from '../../support/test-app';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots for a person to look at (gitignored). */
const SHOTS = join(__dirname, '..', '..', '..', 'test-output', 'audit-page');

/**
 * The audit verification page (templates/admin/audit-verify.hbs) in a real Chromium at the office
 * PC's width and a phone's: an intact log says so; a row edited behind the application is named.
 * Until the workspace's cookie sign-in exists the browser sends the audit administrator's bearer
 * token as a header, as a reverse-proxy sign-in would.
 */
describe('audit verification page in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let profile: string;
  let origin: string;
  let token: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not installed at ${CHROMIUM}: run scripts/setup-system.sh`);
    t = await startTestApp({ role: 'api', seedDemo: true });
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await t.app.get(AuthService).createUser(
      {
        username: 'page-auditor',
        displayName: '审计管理员',
        password: 'Ledger-Check-2026!',
        departmentCode: 'LXBGS',
        role: 'audit_admin',
      },
      undefined,
      { allowAdminRole: true }, // as `jointcheck user create` on the host
    );
    token = await t.login('page-auditor', 'Ledger-Check-2026!');
    mkdirSync(SHOTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'jc-chromium-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
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

  /** The page's text at `width`, after a screenshot named `name-<width>.png`. */
  async function view(name: string, width: number): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width, height: 900 });
      await page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
      const res = await page.goto(`${origin}/audit/verify.html`, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      // nothing wider than the screen: usable on a phone without sideways scrolling
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      return await page.evaluate(() => document.body.innerText);
    } finally {
      await page.close();
    }
  }

  it('says the log is intact, then names a row edited behind the application', async () => {
    for (const width of [1280, 390]) expect(await view('intact', width)).toMatch(/完整/);
    const db = t.app.get(DataSource);
    const [{ id }] = (await db.query('SELECT MIN(id) AS id FROM audit_entries')) as {
      id: number;
    }[];
    await db.query("UPDATE audit_entries SET actor = 'nobody' WHERE id = ?", [id]);
    for (const width of [1280, 390]) {
      const text = await view('tampered', width);
      expect(text).toContain(`id ${id}`);
      expect(text).toMatch(/被修改/);
    }
  });
});
