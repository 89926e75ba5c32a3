/**
 * Times failed sign-ins for a known and an unknown account name through AuthService.login on a
 * scratch SQLite database: both should cost one bcrypt comparison (the unknown name is compared
 * against a dummy hash), so the medians should be close (before the fix: ~158 ms vs ~5 ms).
 * Not a test (timings do not belong in tests). Run (the compiled tree needs package.json beside it):
 *   npx tsc -p tsconfig.json --outDir /tmp/jc-bench && cp package.json /tmp/jc-bench/ && \
 *   NODE_PATH=$PWD/node_modules node /tmp/jc-bench/scripts/bench-login.js [rounds]
 * Measured on the shared 2-core development machine: known 77.9 / unknown 75.1 ms (20 rounds), and
 * 159.6 / 168.6 ms (10 rounds, under load) — the same cost either way.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppModule } from '../src/app.module';
import { resolveAppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/environment';
import { AuthService } from '../src/modules/auth/auth.service';
import { LoginThrottleService } from '../src/modules/auth/login-throttle.service';
import { runMigrations } from '../src/modules/database/migrate';

const rounds = Number(process.argv[2] ?? 30);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jc-bench-login-'));
  Object.assign(process.env, {
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    DATA_DIR: dir,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    PAYLOAD_CODEC_KEY: '22'.repeat(32),
  });
  await runMigrations(resolveAppConfig(validateEnvironment(process.env)).database);
  const app = await NestFactory.createApplicationContext(AppModule.forRole({ role: 'api' }), {
    logger: ['error'],
  });
  try {
    const auth = app.get(AuthService);
    const throttle = app.get(LoginThrottleService);
    await auth.createDepartment({ code: 'B', name: 'bench' });
    await auth.createUser({
      username: 'known',
      displayName: 'known',
      password: 'a-long-bench-passphrase',
      departmentCode: 'B',
      role: 'dept_officer',
    });
    const times: Record<string, number[]> = { known: [], unknown: [] };
    for (let i = 0; i < rounds; i++) {
      for (const name of ['known', 'unknown']) {
        await throttle.clear(`user:${name}`);
        const start = performance.now();
        await auth.login(name, 'wrong-password-here').catch(() => undefined);
        times[name].push(performance.now() - start);
      }
    }
    for (const [name, xs] of Object.entries(times))
      console.log(
        `${name.padEnd(8)} failed sign-in, median of ${rounds}: ${median(xs).toFixed(1)} ms`,
      );
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
