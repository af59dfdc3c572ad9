#!/usr/bin/env node
// Runs node's test runner through tsx over the test files. Node 20's `--test` does not expand
// quoted globs, so the files are listed here. `unit` = tests beside the code in src/,
// `integration` = test/; no argument runs both.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

const which = process.argv[2];
const files = [
  ...(which === 'integration' ? [] : find('src')),
  ...(which === 'unit' ? [] : find('test')),
];
const extra = process.argv.slice(3);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...extra, ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
