#!/usr/bin/env node
// Runs the `*.test.ts` files under the given folders with Node's test runner and tsx.
// Node 20's `--test` does not expand glob patterns (that arrived in Node 21), so a quoted
// "tests/x/**/*.test.ts" finds nothing there; we walk the folders ourselves instead.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const passThrough = args.filter((a) => a.startsWith('--'));
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) {
  console.error('usage: node scripts/run-node-tests.mjs [--node-test-flag …] <folder> [folder …]');
  process.exit(2);
}

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') walk(path, out);
    else if (entry.isFile() && /\.test\.(ts|mts|mjs|js)$/.test(entry.name)) out.push(path);
  }
  return out;
}

const files = dirs
  .flatMap((dir) => walk(dir, []))
  .map((f) => relative(process.cwd(), f))
  .sort();
if (files.length === 0) {
  const missing = dirs.filter((d) => !statSync(d, { throwIfNoEntry: false }));
  console.error(`No test files (*.test.ts) found under ${dirs.join(', ')}${missing.length ? ' (folder missing)' : ''}.`);
  process.exit(1);
}

// `--conditions=source`: workspace packages resolve to their TypeScript sources (their `source`
// export condition), so the suites need no package build.
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', ...passThrough, ...files], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
