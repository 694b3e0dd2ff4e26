#!/usr/bin/env node
// Runs the `*.test.ts` files under the given folders (or the files given) with Node's test runner and tsx.
// Node 20's `--test` does not expand glob patterns (that arrived in Node 21), so a quoted
// "tests/x/**/*.test.ts" finds nothing there; we walk the folders ourselves instead.
//
// The files share a few processes instead of one process each: `--test-concurrency=N` (default
// 1) runs N processes side by side, and each runs its share of the files one after another.
// Starting a process that loads tsx and the server's sources cost about 1.5 s of CPU, more than
// most files' tests; a process per file made the server suite 81 s, N shared processes 32 s.
// Each file is imported inside a `describe` named by its path, so its tests report under it and
// its top-level hooks (`before`, `afterEach`, …) stay its own. What one file leaves behind in
// its process (a global it set and kept) the next file in that process sees: a file that needs a
// process of its own is run alone with `--process-per-file`. That is also how `--test-only` and
// `--test-name-pattern` run (a `describe` named by its path would be skipped under the one and
// matched whole by the other), and a `--test-timeout` there bounds each file, not a share of them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const perFile = args.includes('--process-per-file') || args.some((a) => a === '--test-only' || a.startsWith('--test-name-pattern') || a.startsWith('--test-timeout'));
const passThrough = args.filter((a) => a.startsWith('--') && a !== '--process-per-file');
const dirs = args.filter((a) => !a.startsWith('--'));
if (dirs.length === 0) {
  console.error('usage: node scripts/run-node-tests.mjs [--process-per-file] [--node-test-flag …] <folder or file> […]');
  process.exit(2);
}

function walk(dir, out) {
  // A test file named on the command line runs as it is.
  if (statSync(dir, { throwIfNoEntry: false })?.isFile()) {
    out.push(dir);
    return out;
  }
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
  console.error(`No test files (*.test.ts) found under ${dirs.join(', ')}${missing.length ? ' (not found)' : ''}.`);
  process.exit(1);
}

/**
 * Shares `files` out over `count` modules in a temporary folder, the largest file first into the
 * lightest share (file size stands in for run time), each share in name order.
 */
function shareOut(count) {
  const folder = mkdtempSync(join(tmpdir(), 'janua-node-tests-'));
  const shares = Array.from({ length: Math.min(count, files.length) }, () => ({ weight: 0, files: [] }));
  const bySize = files.map((file) => ({ file, size: statSync(file).size })).sort((a, b) => b.size - a.size || a.file.localeCompare(b.file));
  for (const { file, size } of bySize) {
    const lightest = shares.reduce((a, b) => (b.weight < a.weight ? b : a));
    lightest.weight += size;
    lightest.files.push(file);
  }
  const modules = shares.map((share, i) => {
    const lines = share.files.sort().map((file) => {
      const url = pathToFileURL(resolve(file)).href;
      // A file that fails to load counts as a failed test, as it did in a process of its own.
      return `describe(${JSON.stringify(file.split('\\').join('/'))}, async () => { try { await import(${JSON.stringify(url)}); } catch (error) { test('loads', () => { throw error; }); } });`;
    });
    const module = join(folder, `share-${i + 1}.test.mjs`);
    writeFileSync(module, `import { describe, test } from 'node:test';\n${lines.join('\n')}\n`);
    return module;
  });
  return { folder, modules };
}

const concurrency = Number(passThrough.find((a) => a.startsWith('--test-concurrency='))?.split('=')[1] ?? 1);
const shared = perFile ? null : shareOut(Math.max(1, concurrency || 1));

// `--conditions=source`: workspace packages resolve to their TypeScript sources (their `source`
// export condition), so the suites need no package build.
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', ...passThrough, ...(shared ? shared.modules : files)], { stdio: 'inherit' });
const cleanUp = () => shared && rmSync(shared.folder, { recursive: true, force: true });
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`run-node-tests: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
