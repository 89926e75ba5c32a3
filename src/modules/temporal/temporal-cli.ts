import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of a working Temporal CLI, via scripts/temporal-cli.sh (may build it once). */
export function resolveTemporalCli(projectRoot = findProjectRoot()): string {
  const script = join(projectRoot, 'scripts', 'temporal-cli.sh');
  return execFileSync('bash', [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** The folder holding package.json, whether running from src/ (ts) or dist/src/ (js). */
export function findProjectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'jointcheck') return dir;
    } catch {
      // not here; go up
    }
    dir = join(dir, '..');
  }
  throw new Error('cannot find the jointcheck project root (package.json) above ' + __dirname);
}
