/**
 * Times a real draw over N eligible targets (default 1,000,000) through DrawService on
 * MySQL/MariaDB: commit (stream, snapshot, gzip store), draw (load, hash check, keys, store drawn
 * rows), one department's second draw, and the proof. Creates and drops a scratch database.
 * Not a test. Run:
 *   npx tsc -p tsconfig.json --outDir /tmp/jc-bench && \
 *   node /tmp/jc-bench/scripts/bench-draw-db.js [targets] [mysql://root@127.0.0.1:3306/]
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { AppModule } from '../src/app.module';
import { resolveAppConfig } from '../src/config/app-config';
import { validateEnvironment } from '../src/config/environment';
import { SYSTEM_PRINCIPAL } from '../src/modules/auth/roles';
import { runMigrations } from '../src/modules/database/migrate';
import { DrawService, DrawSources } from '../src/modules/draw';
import type { CommitDrawDto, MatchInspectorsDto } from '../src/modules/draw/dto/draw.dto';

const total = Number(process.argv[2] ?? 1_000_000);
const server = process.argv[3] ?? 'mysql://root@127.0.0.1:3306/';
const strata = ['A', 'B', 'C', 'D'];

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label.padEnd(44)} ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

async function main(): Promise<void> {
  const name = `jc_bench_draw_${Date.now().toString(36)}`;
  const admin = await createConnection(server);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'jc-bench-')),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    PAYLOAD_CODEC_KEY: '22'.repeat(32),
  });
  try {
    await runMigrations(resolveAppConfig(validateEnvironment(process.env)).database);
    const app = await NestFactory.createApplicationContext(AppModule.forRole({ role: 'api' }), {
      logger: ['error'],
    });
    try {
      const office = { ...SYSTEM_PRINCIPAL, username: 'bench' };
      app.get(DrawSources).use({
        targets: {
          async *streamEligible() {
            for (let i = 0; i < total; i++)
              yield {
                code: `9164${String(i).padStart(12, '0')}X${i % 10}`,
                riskClass: strata[i % 4],
                regionCode: `6404${String(i % 50).padStart(2, '0')}`,
              };
          },
        },
        inspectors: {
          listForDepartment: async (departmentCode: string) =>
            Array.from({ length: 200 }, (_, i) => ({
              name: `检查员${i}`,
              certificateNo: `6404${String(i).padStart(6, '0')}`,
              departmentCode,
              enforcementQualified: true,
              expertiseTags: [],
              thirdPartyExpert: false,
              status: 'on_duty',
            })),
        },
      });
      const draws = app.get(DrawService);
      console.log(`targets: ${total.toLocaleString('en')} on ${server}`);
      const dto = {
        taskRef: `BENCH-${name}`,
        departmentCode: 'SCJGJ',
        participatingDepartments: ['SCJGJ'],
        rules: [
          { stratum: 'A', ratio: '0.01' },
          { stratum: 'B', ratio: '0.02' },
          { stratum: 'C', ratio: '0.05' },
          { stratum: 'D', ratio: '0.1' },
        ],
        entropySource: { kind: 'witness', description: 'benchmark' },
      } as CommitDrawDto;
      const commit = await time('commit (stream, snapshot, seal, store)', () =>
        draws.commit(dto, office),
      );
      const proof = await time('draw (load, check hash, keys, store drawn)', () =>
        draws.draw(commit.drawId, 'benchmark entropy 2025', office),
      );
      console.log(`drawn: ${proof.drawn.length.toLocaleString('en')}`);
      const match = { m: 2, onSite: true, requiredExpertise: [] } as MatchInspectorsDto;
      await time('second draw (200 inspectors, store)', () =>
        draws.matchInspectors(commit.drawId, 'SCJGJ', match, office),
      );
      await time('proof (snapshot by url)', () => draws.proof(commit.drawId, 'url'));
      await time('snapshot text (gunzip)', () => draws.snapshotText(commit.drawId));
    } finally {
      await app.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
