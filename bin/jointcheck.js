#!/usr/bin/env node
// The jointcheck CLI; compiled by `npm run build` (run automatically by `npm ci` via prepare).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('jointcheck is not built yet: run `npm run build` (or `npm ci`) first');
  process.exit(1);
}
require(entry);
