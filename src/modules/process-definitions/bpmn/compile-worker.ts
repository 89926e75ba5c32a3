/**
 * Entry of the worker thread that compiles one BPMN definition for `compileBpmnIsolated`
 * (isolated.ts): receives `{xml, options}` as workerData, posts the result as JSON text.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compileBpmn, type CompileBpmnOptions } from './index';

interface CompileJob {
  jcBpmnCompile: true;
  xml: string;
  options: CompileBpmnOptions;
}

const job = workerData as CompileJob | undefined;
if (!isMainThread && parentPort && job?.jcBpmnCompile) {
  const port = parentPort;
  compileBpmn(job.xml, job.options).then(
    (result) => port.postMessage({ ok: true, json: JSON.stringify(result) }),
    (err: Error) => port.postMessage({ ok: false, message: String(err?.message ?? err) }),
  );
}
