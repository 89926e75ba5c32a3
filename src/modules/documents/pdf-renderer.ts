import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

/** Debian's Chromium (scripts/setup-system.sh installs it with fonts-noto-cjk). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(
      `未找到 Chromium（${path}）：请运行 scripts/setup-system.sh 或设置 CHROMIUM_PATH / Chromium not found`,
    );
  return path;
}

/**
 * HTML → PDF (A4) with headless Chromium: one browser for the whole batch, one page at a time,
 * always closed. The network stays off: documents are self-contained.
 */
export async function htmlToPdf(htmls: string[]): Promise<Buffer[]> {
  if (htmls.length === 0) return [];
  const profile = mkdtempSync(join(tmpdir(), 'jc-pdf-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--user-data-dir=${profile}`,
    ],
  });
  try {
    const page = await browser.newPage();
    const out: Buffer[] = [];
    for (const html of htmls) {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      out.push(Buffer.from(pdf));
    }
    return out;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
