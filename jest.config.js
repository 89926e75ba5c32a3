/**
 * Test tiers, one jest project each:
 * - `unit`: pure code, no server.
 * - `integration`: a real Temporal dev server (started once in global setup) and a fresh database
 *   per file. Everything under test/integration/ lands here except the E2E files listed below.
 * - `e2e`: files under test/integration/ that also drive something outside the process — a real
 *   Chromium, the compiled `jointcheck` app as a child process (SIGINT, restart), a real SMTP
 *   listener. Same Temporal server and database per file as `integration`.
 * - `load`: the 1,000-target lifecycle (allowed 25 minutes); a benchmark, run by `npm run test:load`.
 *
 * `npm test` (scripts/test.js) runs unit, integration and e2e, and leaves `load` out.
 * Projects that share the global setup file share one Temporal dev server (jest runs each
 * global setup module once per run).
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] };

/** The E2E tier: moved out of `integration` by name, so new files in test/integration stay there. */
const E2E = [
  'test/integration/draw/draw-verify-browser.spec.ts', // Chromium
  'test/integration/audit/audit-page-browser.spec.ts', // Chromium
  'test/integration/foundation/process.spec.ts', // `npm start` as a child process, SIGINT
  'test/integration/deadlines/escalation-mail.spec.ts', // SMTP
  'test/integration/notifications/digest.spec.ts', // SMTP
  'test/integration/notifications/notifications.spec.ts', // SMTP
];

const temporalAndDatabase = {
  testEnvironment: 'node',
  transform,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
};

const escapeRegExp = (path) => path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      ...temporalAndDatabase,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        ...E2E.map((path) => `<rootDir>/${escapeRegExp(path)}$`),
      ],
    },
    {
      ...temporalAndDatabase,
      displayName: 'e2e',
      testMatch: E2E.map((path) => `<rootDir>/${path}`),
    },
    {
      ...temporalAndDatabase,
      displayName: 'load',
      testMatch: ['<rootDir>/test/load/**/*.spec.ts'],
    },
  ],
};
