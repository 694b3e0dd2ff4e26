import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { elementTags, ensurePackagesBuilt, importInNode, importScript, LIT_GLOBALS, moduleEntries, readJson, root } from './support.ts';

/*
 * The packages as an app outside this repository gets them: `npm pack` of @janua/core, @janua/ui
 * and @janua/themes, installed together into a fresh folder under the system temp dir (their
 * third-party dependencies from the npm cache, or the registry when the cache lacks their
 * metadata), then imported there in plain Node and type-checked with stock compiler settings.
 */

const PACKED = { core: 'packages/core', ui: 'components', themes: 'themes' } as const;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

let work: string;
let app: string;
let packs: PackResult[];
let installMode = '';

function sh(command: string, args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  delete env['NODE_OPTIONS'];
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
}

const packOf = (name: string) => packs.find((p) => p.name === name)!;
const filesOf = (name: string) => packOf(name).files.map((f) => f.path).sort();

before(() => {
  ensurePackagesBuilt();
  work = mkdtempSync(join(tmpdir(), 'janua-pack-'));
  const tarballs = join(work, 'tarballs');
  // Each package's prepack builds it and copies the repository's LICENSE in.
  const args = ['pack', '--json', '--pack-destination', tarballs, ...Object.values(PACKED).flatMap((dir) => ['-w', dir])];
  mkdirSync(tarballs);
  const pack = sh(npm, args, root);
  assert.equal(pack.status, 0, `npm ${args.join(' ')}\n${pack.stderr}`);
  // The prepack scripts print to stdout too; npm's JSON is the last thing there.
  const json = [...pack.stdout.matchAll(/^\[\s*\{/gm)].pop();
  assert.ok(json, `no JSON from npm pack:\n${pack.stdout}`);
  packs = JSON.parse(pack.stdout.slice(json.index)) as PackResult[];

  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'janua-pack-check', private: true, type: 'module' }, null, 2)}\n`);
  const install = (mode: string) => sh(npm, ['install', mode, '--no-audit', '--no-fund', ...packs.map((p) => join(tarballs, p.filename))], app);
  // Offline first (every dependency from the npm cache); the cache of a lockfile install holds
  // tarballs but not always the metadata a range needs, so fall back to the registry for that.
  let result = install('--offline');
  installMode = 'offline';
  if (result.status !== 0) {
    result = install('--prefer-offline');
    installMode = 'prefer-offline';
  }
  assert.equal(result.status, 0, `npm install of the tarballs failed:\n${result.stderr}`);
  copyFileSync(importScript, join(app, 'import-in-node.mjs'));
});

after(() => {
  if (work && !process.env['JANUA_KEEP_PACK']) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('each tarball ships its build, its licence, its README and no TypeScript sources', () => {
    assert.deepEqual(packs.map((p) => p.name).sort(), ['@janua/core', '@janua/themes', '@janua/ui']);
    for (const p of packs) {
      const files = filesOf(p.name);
      assert.ok(files.includes('LICENSE'), `${p.name} ships LICENSE`);
      assert.ok(files.includes('package.json'));
      assert.ok(files.includes('README.md'), `${p.name} ships README.md`);
      const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
      assert.deepEqual(sources, [], `${p.name} ships TypeScript sources`);
      assert.deepEqual(files.filter((f) => /(^|\/)(tests?|node_modules|tsconfig[^/]*\.json)(\/|$)/.test(f)), [], `${p.name} ships test or build files`);
    }
    const core = filesOf('@janua/core');
    assert.ok(core.includes('dist/index.js') && core.includes('dist/index.d.ts'));
    const ui = filesOf('@janua/ui');
    assert.ok(ui.includes('custom-elements.json') && ui.includes('dist/index.js') && ui.includes('dist/index.d.ts'));
    for (const name of elementTags().keys()) {
      for (const file of [`dist/${name}/define.js`, `dist/${name}/define.d.ts`, `dist/${name}/${name}.js`, `dist/${name}/${name}.d.ts`]) {
        assert.ok(ui.includes(file), `@janua/ui ships ${file}`);
      }
    }
    assert.deepEqual(filesOf('@janua/themes').filter((f) => f.endsWith('.css')).length > 0, true);
  });

  test('the tarballs install together outside the repository, @janua/ui using the packed @janua/core', () => {
    const lock = readJson<{ packages: Record<string, { version?: string; resolved?: string; license?: string }> }>(join(app, 'package-lock.json'));
    const core = lock.packages['node_modules/@janua/core'];
    assert.ok(core, '@janua/core installed');
    assert.match(core.resolved ?? '', /\.tgz$/, '@janua/core comes from the packed tarball, not a registry');
    assert.equal(lock.packages['node_modules/@janua/ui/node_modules/@janua/core'], undefined, 'one @janua/core');
    for (const name of ['@janua/core', '@janua/ui', '@janua/themes']) {
      assert.equal(lock.packages[`node_modules/${name}`]?.license, 'AGPL-3.0-only', `${name} licence`);
    }
    assert.ok(installMode, `installed (${installMode})`);
  });

  test('every entry imports in plain Node from node_modules, defining nothing but Lit\'s shim', () => {
    const specifiers = (['core', 'ui'] as const).flatMap((key) => {
      const pkg = readJson<{ name: string; exports: Record<string, unknown> }>(join(app, 'node_modules', PACKED[key] === 'components' ? '@janua/ui' : '@janua/core', 'package.json'));
      return moduleEntries(pkg.name, pkg.exports);
    });
    assert.ok(specifiers.includes('@janua/ui/sign-in') && specifiers.includes('@janua/ui/sign-in/class'));
    const report = importInNode(specifiers, { cwd: app, script: join(app, 'import-in-node.mjs') });
    assert.deepEqual(report.results.filter((r) => !r.ok), []);
    assert.deepEqual(report.newGlobals.filter((g) => !LIT_GLOBALS.includes(g)), []);
    assert.deepEqual(report.definedTags, [...elementTags().values()].sort());
    const touched = report.domAccess.filter((a) => !(a.name === 'customElements' && a.file.endsWith('/internal/define.js')));
    assert.deepEqual(touched, []);
    // Lit resolved to its Node build (the `node` export condition): its files live under node/.
    const lit = createRequire(join(app, 'package.json')).resolve('@lit/reactive-element');
    assert.match(lit, /[\\/]node[\\/]/);
  });

  test('internals stay closed; the manifest and the token sheets resolve', () => {
    const script = [
      "const out = {};",
      "for (const s of ['@janua/ui/internal/define.js', '@janua/ui/dist/index.js', '@janua/core/src/index.ts']) {",
      "  try { import.meta.resolve(s); out[s] = 'resolved'; } catch (e) { out[s] = e.code; } }",
      "for (const s of ['@janua/ui/custom-elements.json', '@janua/themes/light.css', '@janua/themes/dark.css', '@janua/ui/package.json']) out[s] = import.meta.resolve(s);",
      'console.log(JSON.stringify(out));',
    ].join('\n');
    const run = sh(process.execPath, ['--input-type=module', '-e', script], app);
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as Record<string, string>;
    assert.equal(out['@janua/ui/internal/define.js'], 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    assert.equal(out['@janua/ui/dist/index.js'], 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    assert.equal(out['@janua/core/src/index.ts'], 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    for (const s of ['@janua/ui/custom-elements.json', '@janua/themes/light.css', '@janua/themes/dark.css']) {
      assert.match(out[s]!, /^file:/, s);
      assert.ok(readFileSync(new URL(out[s]!)).length > 0, `${s} is there`);
    }
    const manifest = JSON.parse(readFileSync(new URL(out['@janua/ui/custom-elements.json']!), 'utf8')) as { modules: { path: string }[] };
    const shipped = new Set(filesOf('@janua/ui'));
    const missing = manifest.modules.map((m) => m.path).filter((p) => !shipped.has(p));
    assert.deepEqual(missing, [], 'manifest modules that are not in the tarball');
  });

  for (const resolution of ['nodenext', 'bundler'] as const) {
    test(`the types check in an app (moduleResolution ${resolution}, no skipLibCheck for our .d.ts)`, () => {
      const dir = join(app, `ts-${resolution}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.ts'), CONSUMER);
      const module = resolution === 'nodenext' ? { module: 'nodenext', moduleResolution: 'nodenext' } : { module: 'esnext', moduleResolution: 'bundler' };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { ...module, target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], strict: true, noEmit: true, types: [], skipLibCheck: false },
        files: ['main.ts'],
      }));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
      const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
      const run = sh(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], dir);
      // Only what our .d.ts files and the app say counts; a dependency's own typings are theirs.
      const ours = `${run.stdout}${run.stderr}`.split('\n').filter((l) => /error TS/.test(l) && !/node_modules\/(?!@janua\/)/.test(l));
      assert.deepEqual(ours, [], `${run.stdout}${run.stderr}`);
    });
  }
});

/** What an app writes: the package's types, its element map and its typed events. */
const CONSUMER = `import { JanuaClient, JanuaError, type SignInResult } from '@janua/core';
import { JanuaSignIn, JanuaSignedInEvent, type NavigateReason } from '@janua/ui';
import { JanuaSignIn as SignInClass } from '@janua/ui/sign-in/class';
import '@janua/ui/sign-up';

const client: JanuaClient = JanuaClient.for('https://auth.example.com', { restore: false });
export async function go(): Promise<string> {
  try {
    const result: SignInResult = await client.signIn({ email: 'a@example.com', password: 'x' });
    return result.status;
  } catch (error) {
    return error instanceof JanuaError ? error.code : 'unknown';
  }
}
const el: HTMLElementTagNameMap['janua-sign-in'] = document.createElement('janua-sign-in');
const same: typeof SignInClass = JanuaSignIn;
el.redirectUrl = '/home';
JanuaSignIn.setStrings('en', { 'signIn.title': 'Log in' });
document.addEventListener('janua-signed-in', (event) => {
  const id: string = event.detail.userId;
  const typed: JanuaSignedInEvent = event;
  void id; void typed;
});
document.addEventListener('janua-navigate', (event) => {
  const reason: NavigateReason = event.detail.reason;
  if (reason === 'signed-in') event.preventDefault();
});
const up: HTMLElementTagNameMap['janua-sign-up'] | null = document.querySelector('janua-sign-up');
void same; void up;
`;
