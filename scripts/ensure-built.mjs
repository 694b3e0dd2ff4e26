#!/usr/bin/env node
// Builds the server bundle and/or the kit only when an output is missing or older than its
// sources, so `npm start` and the e2e web servers start in a second on a warm tree.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const TARGETS = {
  server: {
    script: 'build:server',
    output: 'packages/server/dist/cli.js',
    sources: ['packages/server/src', 'packages/server/bin', 'packages/core/src', 'scripts/build-server.mjs', 'package-lock.json'],
  },
  kit: {
    script: 'build:kit',
    output: 'dist/janua.js',
    sources: ['components', 'packages/core/src', 'vite.config.ts', 'package-lock.json'],
  },
  manifest: {
    script: 'manifest',
    output: 'custom-elements.json',
    sources: ['components', 'custom-elements-manifest.config.mjs'],
  },
  wrappers: {
    script: 'build:wrappers',
    // Written last by scripts/build-packages.mjs (ssr, react, vue, svelte, astro, testing).
    output: 'packages/testing/dist/index.js',
    sources: [
      'wrappers/ssr/src', 'wrappers/react/src', 'wrappers/vue/src', 'wrappers/svelte/src', 'wrappers/astro/src',
      'packages/testing/src', 'scripts/wrappers', 'scripts/generate-wrappers.mjs', 'scripts/build-packages.mjs',
      'custom-elements.json', 'packages/core/src', 'components', 'package-lock.json',
    ],
  },
  packages: {
    script: 'build:packages',
    // Written last by scripts/build-packages.mjs (core, ui, server in that order).
    output: 'packages/server/dist/lib/server/src/index.js',
    sources: [
      'packages/core/src', 'packages/core/tsconfig.build.json', 'packages/core/package.json',
      'components', 'packages/server/src', 'packages/server/tsconfig.build.json',
      'tsconfig.json', 'scripts/build-packages.mjs', 'package-lock.json',
    ],
  },
};

/**
 * Files the builds write into source folders: not sources. `npm run manifest` copies its output
 * into components/ for @janua/ui (and the package's prepack a LICENSE), which made the kit look stale
 * after every manifest build, so the next test step built it again.
 */
const GENERATED = new Set(['components/custom-elements.json', 'components/LICENSE'].map((p) => join(repoRoot, p)));

function newestMtime(path) {
  if (GENERATED.has(path)) return 0;
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  // Files only: a folder's own time changes whenever a build removes and recreates its dist/.
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

export function isStale(name) {
  const target = TARGETS[name];
  const output = statSync(join(repoRoot, target.output), { throwIfNoEntry: false });
  if (!output) return true;
  const newestSource = Math.max(...target.sources.map((s) => newestMtime(join(repoRoot, s))));
  return newestSource > output.mtimeMs;
}

/** Builds each stale target in order; throws with the failing script's name. */
export function ensureBuilt(names, { log = console.log } = {}) {
  for (const name of names) {
    const target = TARGETS[name];
    if (!target) throw new Error(`unknown build target "${name}" (known: ${Object.keys(TARGETS).join(', ')})`);
    if (!isStale(name)) {
      log(`build: ${target.output} is up to date`);
      continue;
    }
    log(`build: npm run ${target.script}`);
    const result = spawnSync('npm', ['run', '--silent', target.script], { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`npm run ${target.script} failed (exit ${result.status ?? result.signal})`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const names = process.argv.slice(2);
  try {
    ensureBuilt(names.length ? names : ['server', 'kit']);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
