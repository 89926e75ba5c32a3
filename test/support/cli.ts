import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `jointcheck` bin (built by `npm test`) with the given environment. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
): CliResult {
  const bin = join(__dirname, '..', '..', 'bin', 'jointcheck.js');
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
