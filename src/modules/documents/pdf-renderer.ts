import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

/**
 * Flags for a quiet, offline headless Chromium: no GPU, no background fetches or updates, no
 * sandbox (containers run as root), /tmp instead of a small /dev/shm.
 */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's Chromium (scripts/setup-system.sh installs it with fonts-noto-cjk). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(
      `未找到 Chromium：请运行 scripts/setup-system.sh 或设置 CHROMIUM_PATH（当前：${path}） / Chromium not found`,
    );
  return path;
}

/**
 * HTML → PDF (A4) with headless Chromium: one browser for the whole batch, one page reused for
 * every document, always closed. Documents are self-contained, so any network request a
 * document would make is refused: what is printed is exactly the stored HTML.
 */
export async function htmlToPdf(htmls: string[]): Promise<Buffer[]> {
  if (htmls.length === 0) return [];
  const executablePath = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'jc-pdf-'));
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--user-data-dir=${profile}`],
    });
    try {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) =>
        /^(data|about):/.test(request.url()) ? request.continue() : request.abort(),
      );
      const out: Buffer[] = [];
      for (const html of htmls) {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
        });
        out.push(Buffer.from(pdf));
      }
      return out;
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
