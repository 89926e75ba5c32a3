#!/usr/bin/env node
// `npm start`: run the compiled application (built by `npm ci` via prepare, or `npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'src', 'main.js');
if (!existsSync(entry)) {
  console.error('jointcheck is not built yet: run `npm run build` (or `npm ci`) first');
  process.exit(1);
}
require(entry);
