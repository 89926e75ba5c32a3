// Workflow entry point bundled by the Temporal worker: deterministic code only.
export { multiInstanceBatch, processInstance } from './process-instance.workflow';
