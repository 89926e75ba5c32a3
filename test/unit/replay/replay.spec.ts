import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Histories recorded from the interpreter suite (RECORD_HISTORIES=1) replay against today's
 * workflow code: a change that breaks determinism for running instances fails here. Changes to
 * workflow code must be guarded with patched() so these keep replaying.
 */
describe('replay of recorded histories', () => {
  const dir = join(__dirname, '../../replay/histories');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it('replays every history deterministically', async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // installed already in this process
    }
    const bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../../src/workflows'),
      logger: new DefaultLogger('ERROR'),
    });
    const histories = files.map((f) => ({
      workflowId: f.replace(/\.json$/, '').split('@')[1],
      history: JSON.parse(readFileSync(join(dir, f), 'utf8')),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
