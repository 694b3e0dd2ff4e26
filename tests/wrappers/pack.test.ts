/**
 * What the wrappers' tarballs hold: the build (JavaScript, .d.ts, and the .svelte / .astro
 * components their frameworks compile), the licence, no TypeScript sources or tests, and every
 * `exports` target. The example apps (npm test's examples step) install these tarballs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { readJson, root } from '../packages/support.ts';

const WRAPPERS = {
  '@janua/ssr': 'wrappers/ssr',
  '@janua/react': 'wrappers/react',
  '@janua/vue': 'wrappers/vue',
  '@janua/svelte': 'wrappers/svelte',
  '@janua/astro': 'wrappers/astro',
  '@janua/testing': 'packages/testing',
} as const;

let listed: Record<string, string[]>;

before(() => {
  const build = spawnSync(process.execPath, ['scripts/ensure-built.mjs', 'manifest', 'wrappers'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, `${build.stdout}${build.stderr}`);
  // What each prepack adds to its build: the licence.
  for (const dir of Object.values(WRAPPERS)) copyFileSync(join(root, 'LICENSE'), join(root, dir, 'LICENSE'));
  const args = ['pack', '--dry-run', '--json', '--ignore-scripts', ...Object.values(WRAPPERS).flatMap((d) => ['-w', d])];
  const run = spawnSync('npm', args, { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const packs = JSON.parse(run.stdout.slice(run.stdout.indexOf('['))) as { name: string; files: { path: string }[] }[];
  listed = Object.fromEntries(packs.map((p) => [p.name, p.files.map((f) => f.path).sort()]));
});

/** Every file an `exports` map can resolve to (patterns expanded against the file list). */
function targets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports).filter(([key]) => key !== 'source').flatMap(([, value]) => targets(value));
}

for (const [name, dir] of Object.entries(WRAPPERS)) {
  test(`${name}: the build, the licence, the exports' files; no sources or tests`, () => {
    const files = listed[name]!;
    assert.ok(files, `${name} packed`);
    assert.ok(files.includes('LICENSE') && files.includes('package.json') && files.includes('README.md'), `${name}: licence, package.json, README`);
    assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && !['LICENSE', 'package.json', 'README.md'].includes(f)), []);
    assert.deepEqual(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), [], 'no TypeScript sources');
    const pkg = readJson<{ license: string; exports: Record<string, unknown>; peerDependencies?: Record<string, string>; scripts: Record<string, string> }>(join(root, dir, 'package.json'));
    assert.equal(pkg.license, 'AGPL-3.0-only');
    assert.match(pkg.scripts['prepack'] ?? '', /build-packages\.mjs \w+ --prepack/);
    for (const target of targets(pkg.exports)) {
      if (target.includes('*')) {
        const prefix = target.slice(2, target.indexOf('*'));
        assert.ok(files.some((f) => f.startsWith(prefix)), `${name}: ${target}`);
      } else {
        assert.ok(files.includes(target.slice(2)), `${name}: exports name ${target}, which is not in the tarball`);
      }
    }
  });
}

test('frameworks are peers, the kit comes along, and the components ship as their frameworks\' source', () => {
  const peers = (dir: string) => Object.keys(readJson<{ peerDependencies?: object }>(join(root, dir, 'package.json')).peerDependencies ?? {});
  assert.deepEqual(peers('wrappers/react'), ['react']);
  assert.deepEqual(peers('wrappers/vue'), ['vue']);
  assert.deepEqual(peers('wrappers/svelte'), ['svelte']);
  assert.deepEqual(peers('wrappers/astro'), ['astro']);
  for (const dir of ['wrappers/react', 'wrappers/vue', 'wrappers/svelte', 'wrappers/astro']) {
    const deps = Object.keys(readJson<{ dependencies: object }>(join(root, dir, 'package.json')).dependencies);
    assert.ok(deps.includes('@janua/ui') && deps.includes('@janua/core'), dir);
  }
  assert.ok(listed['@janua/svelte']!.includes('dist/generated/SignIn.svelte') && listed['@janua/svelte']!.includes('dist/generated/SignIn.svelte.d.ts'));
  assert.ok(listed['@janua/svelte']!.includes('dist/Element.svelte'));
  assert.ok(listed['@janua/astro']!.includes('dist/generated/SignIn.astro') && listed['@janua/astro']!.includes('dist/generated/index.d.ts'));
  // Astro compiles component packages that declare it (peer) or say so (keywords).
  assert.ok(readJson<{ keywords: string[] }>(join(root, 'wrappers/astro/package.json')).keywords.includes('astro-component'));
});
