import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { findProjectRoot } from './modules/temporal/temporal-cli';

/**
 * CSP hashes of the inline <script> and <style> blocks of our server-rendered pages
 * (templates/public, templates/admin). Those blocks contain no handlebars expressions, so the
 * rendered block is byte-identical to the template's and its hash is known at start: the pages
 * keep their inline code without 'unsafe-inline'. A block that does contain `{{` is refused here,
 * so a template change cannot silently open the policy.
 */
export function inlineHashes(root = findProjectRoot()): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const dir of ['public', 'admin']) {
    const path = join(root, 'templates', dir);
    let files: string[];
    try {
      files = readdirSync(path).filter((f) => /\.(hbs|html)$/.test(f));
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(join(path, file), 'utf8');
      for (const [, tag, body] of text.matchAll(/<(script|style)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)) {
        if (body.includes('{{'))
          throw new Error(`templates/${dir}/${file}: inline <${tag}> must not contain handlebars`);
        const hash = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
        (tag === 'script' ? scripts : styles).add(hash);
      }
    }
  }
  return { scripts: [...scripts], styles: [...styles] };
}

/**
 * Security headers on every response (helmet): a strict CSP (same origin only, inline code only
 * by hash, no framing), nosniff, no referrer, HSTS only when the public address is https, and
 * no X-Powered-By. Swagger UI (/api/docs) gets a policy that lets its own inline style work.
 */
export function securityHeaders(opts: { https: boolean }): RequestHandler[] {
  const { scripts, styles } = inlineHashes();
  const base = {
    defaultSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    upgradeInsecureRequests: opts.https ? [] : null,
  };
  const pages = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { ...base, scriptSrc: ["'self'", ...scripts], styleSrc: ["'self'", ...styles] },
  });
  const docs = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { ...base, scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"] },
  });
  const rest = helmet({
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    xPoweredBy: true,
  });
  const csp = (req: Request, res: Response, next: NextFunction) =>
    (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : pages)(req, res, next);
  return [rest, csp];
}
