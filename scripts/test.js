#!/usr/bin/env node
// `npm test`: install the Debian packages the tests need (a real Chromium for the browser test),
// make the Temporal CLI available (integration tests start a real dev server from it), build (the
// CLI tests run the compiled `jointcheck` bin), then run the jest projects: unit, integration and
// e2e by default; the `load` tier (the 1,000-target benchmark) only when asked for by name
// (`npm run test:load` = `node scripts/test.js --selectProjects load`).
const { execFileSync, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
execFileSync('sh', [join(root, 'scripts', 'setup-system.sh')], { stdio: 'inherit' });
execFileSync('bash', [join(root, 'scripts', 'temporal-cli.sh')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const args = process.argv.slice(2);
const choosesProjects = args.some((a) => /^--(select|ignore)Projects(=|$)/.test(a));
if (!choosesProjects) args.push('--ignoreProjects', 'load');
const result = spawnSync(process.execPath, [jest, ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
