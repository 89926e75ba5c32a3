#!/usr/bin/env node
// `npm test`: install the Debian packages the tests need (a real Chromium for the browser test),
// make the Temporal CLI available (integration tests start a real dev server from it), build (the
// CLI tests run the compiled `jointcheck` bin), then run every jest suite.
const { execFileSync, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
execFileSync('sh', [join(root, 'scripts', 'setup-system.sh')], { stdio: 'inherit' });
execFileSync('bash', [join(root, 'scripts', 'temporal-cli.sh')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
