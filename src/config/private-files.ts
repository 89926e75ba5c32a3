import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * Embedded state (the SQLite database, generated secrets, Temporal's dev database) is readable
 * by the service account only: directories 0700, files 0600 — created so, and tightened when an
 * older install left them wider.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates the file empty with mode 0600 if missing (so nothing opens it wider first), else chmods it. */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
