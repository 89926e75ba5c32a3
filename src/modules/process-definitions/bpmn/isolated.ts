/**
 * `compileBpmnIsolated`: the BPMN pipeline (parse → compile → validate) in a worker thread with a
 * time and memory limit, so a large or pathological definition never blocks the API's event loop
 * (health checks and every other request keep being answered while a deploy is checked).
 *
 * The worker's entry is compile-worker.js next to this file in the build (dist). When running
 * from TypeScript sources (ts-jest), the worker first installs a require hook that transpiles
 * .ts files with @swc/core (a dependency of @temporalio/worker), then loads compile-worker.ts.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompileBpmnOptions, CompileBpmnResult } from './index';
import { BPMN_COMPILE_TIME_LIMIT_MS, checkBpmnLimits, LIMIT_RULE } from './limits';

/** Rule of the issue reported when the worker ran out of time. */
export const TIME_LIMIT_RULE = 'time-limit';

/** Heap of one compile worker, in MB. */
const WORKER_HEAP_MB = 512;
/** Compile workers running at once; further deploys wait their turn. */
const MAX_CONCURRENT = 2;

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const entryRequire = Module.createRequire(workerData.entry);
const swc = entryRequire('@swc/core');
Module._extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
entryRequire(workerData.entry);
`;

let running = 0;
const waiting: Array<() => void> = [];

async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function failed(rule: string, message: string): CompileBpmnResult {
  return { errors: [{ rule, message }], warnings: [] };
}

function spawn(xml: string, options: CompileBpmnOptions): Worker {
  const fromSource = extname(__filename) === '.ts';
  const entry = join(__dirname, `compile-worker${fromSource ? '.ts' : '.js'}`);
  const workerData = { jcBpmnCompile: true, xml, options, entry };
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  return fromSource
    ? new Worker(TS_BOOTSTRAP, { eval: true, workerData, resourceLimits })
    : new Worker(entry, { workerData, resourceLimits });
}

/**
 * Like `compileBpmn`, off the main thread. Oversized input is refused before a worker starts
 * (`limit-exceeded`); a worker that takes longer than `timeLimitMs` is stopped (`time-limit`).
 */
export function compileBpmnIsolated(
  xml: string,
  options: CompileBpmnOptions = {},
  timeLimitMs = BPMN_COMPILE_TIME_LIMIT_MS,
): Promise<CompileBpmnResult> {
  const limit = typeof xml === 'string' ? checkBpmnLimits(xml) : null;
  if (limit) return Promise.resolve({ errors: [limit], warnings: [] });
  return exclusive(
    () =>
      new Promise<CompileBpmnResult>((resolve) => {
        const worker = spawn(xml, options);
        let settled = false;
        const settle = (result: CompileBpmnResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          void worker.terminate();
          resolve(result);
        };
        const timer = setTimeout(
          () =>
            settle(
              failed(
                TIME_LIMIT_RULE,
                `BPMN 校验超时：超过 ${timeLimitMs / 1000} 秒的上限，请精简流程定义 / checking the definition exceeded the time limit of ${timeLimitMs / 1000} s`,
              ),
            ),
          timeLimitMs,
        );
        worker.on('message', (msg: { ok: boolean; json?: string; message?: string }) => {
          if (msg.ok && msg.json) settle(JSON.parse(msg.json) as CompileBpmnResult);
          else settle(failed('internal-error', `BPMN 校验失败 / checking failed: ${msg.message}`));
        });
        worker.on('error', (err: Error & { code?: string }) =>
          settle(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? failed(
                  LIMIT_RULE,
                  `BPMN 校验超出内存上限 ${WORKER_HEAP_MB} MB，请精简流程定义 / checking the definition exceeded the memory limit of ${WORKER_HEAP_MB} MB`,
                )
              : failed('internal-error', `BPMN 校验失败 / checking failed: ${err.message}`),
          ),
        );
        worker.on('exit', (code) =>
          settle(
            failed(
              'internal-error',
              `BPMN 校验进程意外退出 / the checking worker exited (${code})`,
            ),
          ),
        );
      }),
  );
}
