import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn } from '../../../src/modules/process-definitions/bpmn';
import { findProjectRoot, resolveTemporalCli } from '../../../src/modules/temporal/temporal-cli';
import type {
  Actor,
  EngineActivities,
  CalendarActivities,
  EscalationInput,
  InstanceState,
  LoadedDefinition,
  ProcessInstanceInput,
  TaskRecordInput,
} from '../../../src/workflows/interpreter/contract';
import { stateQuery } from '../../../src/workflows/interpreter/contract';
import { until } from '../../support/poll';

export const TEST_ACTIVITIES = ['echo', 'add', 'fail'];

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
let runtimeInstalled = false;

/** The interpreter bundle, built once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../../src/workflows'),
    logger: new DefaultLogger('WARN'),
  });
  return bundle;
}

export const actor = (
  departmentCode: string,
  role = 'dept_officer',
  username = `${departmentCode}-user`,
): Actor => ({
  username,
  departmentCode,
  role,
  isOffice: false,
});
export const OFFICE: Actor = {
  username: 'office',
  departmentCode: 'LXBGS',
  role: 'office',
  isOffice: true,
};

/**
 * Runs the interpreter on the suite's real Temporal dev server with in-memory engine activities
 * (the integration suites under engine-api run the real ones against a database). Records what
 * the workflow asked the engine to do, so tests assert on behaviour.
 */
export class InterpreterHarness {
  readonly taskQueue = `interp-${randomBytes(4).toString('hex')}`;
  readonly definitions = new Map<string, LoadedDefinition>();
  readonly tasks: TaskRecordInput[] = [];
  readonly taskUpdates: Parameters<EngineActivities['updateTask']>[0][] = [];
  readonly escalations: EscalationInput[] = [];
  readonly incidents: Parameters<EngineActivities['recordIncident']>[0][] = [];
  readonly reminders: Parameters<EngineActivities['remindTask']>[0][] = [];
  readonly moves: Parameters<EngineActivities['recordDeadlineMoved']>[0][] = [];
  readonly instances: Parameters<EngineActivities['recordInstance']>[0][] = [];
  /** The `fail` activity fails while this is true. */
  failing = true;
  /** What resolveInstant returns: the calendar stand-in of these tests (ms from now). */
  instantOffsetMs = 2000;
  client!: Client;
  private connection!: Connection;
  private worker?: Worker;
  private running?: Promise<void>;
  private nativeConnection?: NativeConnection;

  async start(): Promise<this> {
    if (!runtimeInstalled) {
      runtimeInstalled = true;
      try {
        Runtime.install({ logger: new DefaultLogger('ERROR') });
      } catch {
        // installed already
      }
    }
    const address = process.env.JC_TEST_TEMPORAL_ADDRESS!;
    this.connection = await Connection.connect({ address });
    this.client = new Client({ connection: this.connection });
    await this.startWorker();
    return this;
  }

  activities(): EngineActivities &
    CalendarActivities &
    Record<string, (...args: any[]) => Promise<unknown>> {
    return {
      loadDefinition: async (ref) => {
        const found = ref.definitionId
          ? this.definitions.get(ref.definitionId)
          : [...this.definitions.values()].filter((d) => d.key === ref.key).pop();
        if (!found) throw new Error(`no definition ${JSON.stringify(ref)}`);
        return found;
      },
      resolveInstant: async (spec, from) => ({
        fireAt: new Date(Date.parse(from) + this.instantOffsetMs).toISOString(),
        provisional: spec.kind === 'workingDays',
        calendarVersion: 'test',
      }),
      reminderInstants: async (dueAt, days) =>
        days.map((n) => new Date(Date.parse(dueAt) - (n + 1) * 400).toISOString()),
      recordInstance: async (e) => void this.instances.push(e),
      createTask: async (t) => void this.tasks.push(t),
      updateTask: async (u) => void this.taskUpdates.push(u),
      remindTask: async (r) => void this.reminders.push(r),
      raiseEscalation: async (e) => {
        this.escalations.push(e);
        return `esc-${this.escalations.length}`;
      },
      recordIncident: async (i) => void this.incidents.push(i),
      recordDeadlineMoved: async (m) => void this.moves.push(m),
      echo: async (input: Record<string, unknown>) => input.value ?? input,
      add: async (input: Record<string, unknown>) => Number(input.a) + Number(input.b),
      fail: async () => {
        if (this.failing) throw new Error('deliberate failure');
        return 'recovered';
      },
    };
  }

  async startWorker(): Promise<void> {
    this.nativeConnection = await NativeConnection.connect({
      address: process.env.JC_TEST_TEMPORAL_ADDRESS!,
    });
    this.worker = await Worker.create({
      connection: this.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: this.activities(),
    });
    this.running = this.worker.run();
  }

  async stopWorker(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.nativeConnection?.close();
    this.worker = undefined;
  }

  async deploy(fixture: string): Promise<string> {
    const xml = readFileSync(join(__dirname, '../../fixtures/bpmn', `${fixture}.bpmn`), 'utf8');
    const result = await compileBpmn(xml, { knownActivities: TEST_ACTIVITIES });
    if (!result.definition) throw new Error(`${fixture}: ${JSON.stringify(result.errors)}`);
    const definitionId = `${fixture}-${this.definitions.size + 1}`;
    this.definitions.set(definitionId, {
      definitionId,
      key: result.definition.key,
      version: 1,
      definition: result.definition,
    });
    return definitionId;
  }

  async run(definitionId: string, variables: Record<string, unknown> = {}, businessKey?: string) {
    const input: ProcessInstanceInput = {
      definitionId,
      variables,
      businessKey,
      startedBy: actor('SCJGJ', 'dept_admin'),
    };
    return this.client.workflow.start('processInstance', {
      taskQueue: this.taskQueue,
      workflowId: `pi-${randomBytes(6).toString('hex')}`,
      args: [input],
    });
  }

  state(handle: WorkflowHandle): Promise<InstanceState> {
    return handle.query(stateQuery);
  }

  /** The shared polling helper (test/support/poll.ts). */
  readonly until = until;

  /** Saves the history of a finished workflow for the replay suite (RECORD_HISTORIES=1). */
  async recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
    if (!process.env.RECORD_HISTORIES) return;
    await handle.result();
    // The CLI writes the canonical JSON form that historyFromJSON reads back.
    const json = execFileSync(resolveTemporalCli(findProjectRoot()), [
      'workflow',
      'show',
      '--workflow-id',
      handle.workflowId,
      '--address',
      process.env.JC_TEST_TEMPORAL_ADDRESS!,
      '--output',
      'json',
    ]);
    const dir = join(__dirname, '../../replay/histories');
    mkdirSync(dir, { recursive: true });
    // The file name keeps the workflow id: task ids (and so update arguments) contain it.
    writeFileSync(join(dir, `${name}@${handle.workflowId}.json`), json);
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.connection.close();
  }
}
