import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../temporal/temporal-cli';

let cached: string | undefined;

/** templates/public/draw-verify.html, read once (it is static: the proof comes by ?proof=). */
export function verifyPageHtml(): string {
  cached ??= readFileSync(
    join(findProjectRoot(), 'templates', 'public', 'draw-verify.html'),
    'utf8',
  );
  return cached;
}
