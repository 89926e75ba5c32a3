import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/modules/temporal/dev-server';
import { runCli } from '../../support/cli';
import { until } from '../../support/poll';

const ROOT = join(__dirname, '..', '..', '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a user runs it (the compiled entry point), with its own ports and data dir. */
function start(env: Record<string, string>, args: string[] = []): Started {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function healthy(port: number, ms = 60_000): Promise<Record<string, any>> {
  return until(
    async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      return res.status === 200 && ((await res.json()) as Record<string, any>);
    },
    'the app to answer /health',
    ms,
    250,
  );
}

describe('the application process', () => {
  it('starts on embedded defaults, stops cleanly on SIGINT, and finds its state after a restart', async () => {
    const env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'jc-start-')),
      PORT: String(await freePort()),
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
      TEMPORAL_TASK_QUEUE: '',
      JWT_SECRET: '',
      PAYLOAD_CODEC_KEY: '',
    };
    const first = start(env);
    const body = await healthy(Number(env.PORT));
    expect(body).toMatchObject({
      database: { status: 'up' },
      temporal: { status: 'up' },
      worker: { status: 'up' },
    });
    expect(first.output()).toMatch(new RegExp(`http://localhost:${env.PORT}`));

    const created = runCli(
      ['department', 'create', '--code', 'LXBGS', '--name', '联席办', '--office'],
      env,
    );
    expect(created.status).toBe(0);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = start(env);
    await healthy(Number(env.PORT));
    const res = await fetch(`http://127.0.0.1:${env.PORT}/departments`);
    expect(res.status).toBe(401);
    const again = runCli(
      ['department', 'create', '--code', 'LXBGS', '--name', '联席办', '--office'],
      env,
    );
    expect(again.stderr).toMatch(/已存在/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('a worker that cannot reach Temporal exits non-zero instead of looking healthy', async () => {
    const env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'jc-worker-')),
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATABASE_URL: '',
      TEMPORAL_TASK_QUEUE: '',
      PORT: String(await freePort()),
    };
    const worker = start(env, ['--role', 'worker']);
    expect(await worker.exited).not.toBe(0);
  }, 120_000);

  it('refuses a bad configuration naming the variable', async () => {
    const bad = start({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'jc-bad-')),
      PORT: 'eighty',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
    });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/PORT="eighty": PORT must be an integer port number/);
  });
});
