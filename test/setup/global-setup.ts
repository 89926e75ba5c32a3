import { startDevServer, freePort } from '../../src/modules/temporal/dev-server';
import { findProjectRoot, resolveTemporalCli } from '../../src/modules/temporal/temporal-cli';

/**
 * One real Temporal dev server (in memory) for the integration suites. Each test file gets its
 * own task queue and database, so files stay independent.
 */
export default async function globalSetup(): Promise<void> {
  const cli = resolveTemporalCli(findProjectRoot());
  const server = await startDevServer({ cli, port: await freePort() });
  (globalThis as { __TEMPORAL_DEV_SERVER__?: unknown }).__TEMPORAL_DEV_SERVER__ = server;
  process.env.JC_TEST_TEMPORAL_ADDRESS = server.address;
}
