/**
 * `compileBpmnIsolated`: the BPMN pipeline (parse → compile → validate) in a worker thread with a
 * time and memory limit, so a large or pathological definition never blocks the API's event loop
 * (health checks and every other request keep being answered while a deploy is checked).
 *
 * One worker, started on first use and kept (unreferenced, so it never keeps a process alive),
 * checks one definition at a time; one that runs out of time or memory is stopped and the next
 * definition gets a fresh worker. Its entry is compile-worker.js next to this file in the build
 * (dist). From TypeScript sources (ts-jest) the worker first installs a require hook that
 * transpiles .ts files with the `typescript` package (pure JavaScript: native transpilers such as
 * @swc/core crash when a worker that loaded them is stopped), then loads compile-worker.ts.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompileBpmnOptions, CompileBpmnResult } from './index';
import { BPMN_COMPILE_TIME_LIMIT_MS, checkBpmnLimits, LIMIT_RULE } from './limits';

/** Rule of the issue reported when checking ran out of time. */
export const TIME_LIMIT_RULE = 'time-limit';

/** Heap of the compile worker, in MB. */
export const BPMN_WORKER_HEAP_MB = 512;

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const entryRequire = Module.createRequire(workerData.entry);
const ts = entryRequire('typescript');
Module._extensions['.ts'] = function (module, filename) {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      resolveJsonModule: true,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
entryRequire(workerData.entry);
`;

interface Reply {
  id: number;
  ok: boolean;
  json?: string;
  message?: string;
}

let worker: Worker | undefined;
let lastId = 0;
let queue: Promise<unknown> = Promise.resolve();

function compileWorker(): Worker {
  if (worker) return worker;
  const fromSource = extname(__filename) === '.ts';
  const entry = join(__dirname, `compile-worker${fromSource ? '.ts' : '.js'}`);
  const workerData = { jcBpmnCompile: true, entry };
  const resourceLimits = { maxOldGenerationSizeMb: BPMN_WORKER_HEAP_MB };
  const started = fromSource
    ? new Worker(TS_BOOTSTRAP, { eval: true, workerData, resourceLimits })
    : new Worker(entry, { workerData, resourceLimits });
  started.unref();
  started.on('exit', () => {
    if (worker === started) worker = undefined;
  });
  started.on('error', () => undefined); // reported to the job running; the worker then exits
  worker = started;
  return started;
}

function failed(rule: string, message: string): CompileBpmnResult {
  return { errors: [{ rule, message }], warnings: [] };
}

function runOne(
  xml: string,
  options: CompileBpmnOptions,
  timeLimitMs: number,
): Promise<CompileBpmnResult> {
  return new Promise((resolve) => {
    const w = compileWorker();
    const id = ++lastId;
    const done = (result: CompileBpmnResult) => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      w.unref();
      resolve(result);
    };
    const onMessage = (reply: Reply) => {
      if (reply.id !== id) return;
      done(
        reply.ok && reply.json
          ? (JSON.parse(reply.json) as CompileBpmnResult)
          : failed('internal-error', `BPMN 校验失败 / checking failed: ${reply.message}`),
      );
    };
    const onError = (err: Error & { code?: string }) =>
      done(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed(
              LIMIT_RULE,
              `BPMN 校验超出内存上限 ${BPMN_WORKER_HEAP_MB} MB，请精简流程定义 / checking the definition exceeded the memory limit of ${BPMN_WORKER_HEAP_MB} MB`,
            )
          : failed('internal-error', `BPMN 校验失败 / checking failed: ${err.message}`),
      );
    const onExit = (code: number) =>
      done(
        failed('internal-error', `BPMN 校验线程意外退出 / the checking worker exited (${code})`),
      );
    const timer = setTimeout(() => {
      done(
        failed(
          TIME_LIMIT_RULE,
          `BPMN 校验超时：超过 ${timeLimitMs / 1000} 秒的上限，请精简流程定义 / checking the definition exceeded the time limit of ${timeLimitMs / 1000} s`,
        ),
      );
      if (worker === w) worker = undefined;
      void w.terminate();
    }, timeLimitMs);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.ref();
    w.postMessage({ id, xml, options });
  });
}

/**
 * Like `compileBpmn`, off the main thread. Oversized input is refused before it reaches the
 * worker (`limit-exceeded`); checking that takes longer than `timeLimitMs` is stopped
 * (`time-limit`). Definitions are checked one at a time, in order.
 */
export function compileBpmnIsolated(
  xml: string,
  options: CompileBpmnOptions = {},
  timeLimitMs = BPMN_COMPILE_TIME_LIMIT_MS,
): Promise<CompileBpmnResult> {
  const limit = typeof xml === 'string' ? checkBpmnLimits(xml) : null;
  if (limit) return Promise.resolve({ errors: [limit], warnings: [] });
  const job = queue.then(() => runOne(xml, options, timeLimitMs));
  queue = job.catch(() => undefined);
  return job;
}
