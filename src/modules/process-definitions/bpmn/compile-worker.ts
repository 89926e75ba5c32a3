/**
 * Entry of the worker thread that compiles BPMN definitions for `compileBpmnIsolated`
 * (isolated.ts): receives `{id, xml, options}` messages, answers `{id, ok, json}` with the result
 * as JSON text, one definition at a time.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { compileBpmn, type CompileBpmnOptions } from './index';

interface CompileRequest {
  id: number;
  xml: string;
  options: CompileBpmnOptions;
}

const port = parentPort;
if (!isMainThread && port && (workerData as { jcBpmnCompile?: boolean })?.jcBpmnCompile) {
  port.on('message', ({ id, xml, options }: CompileRequest) => {
    compileBpmn(xml, options).then(
      (result) => port.postMessage({ id, ok: true, json: JSON.stringify(result) }),
      (err: Error) => port.postMessage({ id, ok: false, message: String(err?.message ?? err) }),
    );
  });
}
