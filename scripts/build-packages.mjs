#!/usr/bin/env node
/*
 * Builds the publishable packages into their own dist/: JavaScript plus `.d.ts`, one file per
 * source module, compiled by tsc (packages/core/tsconfig.build.json, components/tsconfig.build.json).
 * Bundling is left to the app's toolchain; the CDN bundle is vite.config.ts's job (root dist/).
 *
 *   node scripts/build-packages.mjs [core] [ui] [server] [ssr] [react] [vue] [svelte] [astro] [testing]
 *                                                           build these (default: all, in order)
 *   node scripts/build-packages.mjs --check                 fail if components/package.json's
 *                                                           exports/sideEffects lag the element folders
 *   node scripts/build-packages.mjs <pkg> --prepack         what `npm pack` runs (each package's
 *                                                           prepack script): build, copy LICENSE
 *
 * @janua/ui's `exports` and `sideEffects` are generated from the element folders
 * (components/<name>/define.ts + components/<name>/<name>.ts) every time it is built, so a new
 * element folder needs no hand edits: commit the package.json the build rewrites.
 *
 * The framework wrappers (wrappers/*) build the same way after scripts/generate-wrappers.mjs has
 * written their bindings from custom-elements.json (`npm run manifest` first): react and vue are
 * compiled by tsc; svelte and astro compile their TypeScript and ship their generated .svelte /
 * .astro components as source, which the app's own toolchain compiles.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(import.meta.url);
const tscBin = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

export const PACKAGE_DIRS = {
  core: 'packages/core',
  ui: 'components',
  themes: 'themes',
  server: 'packages/server',
  ssr: 'wrappers/ssr',
  react: 'wrappers/react',
  vue: 'wrappers/vue',
  svelte: 'wrappers/svelte',
  astro: 'wrappers/astro',
  testing: 'packages/testing',
};

/** Build order; a package comes after what its declarations import. */
export const BUILD_ORDER = ['core', 'ui', 'themes', 'server', 'ssr', 'react', 'vue', 'svelte', 'astro', 'testing'];
/** What the wrappers' declarations import, built first when not built in this run. */
const NEEDS = { ssr: ['core'], react: ['ui', 'ssr'], vue: ['ui', 'ssr'], svelte: ['ui', 'ssr'], astro: ['ui', 'ssr'] };

/** Element folders: every components/<name>/ with a define.ts, sorted. */
export function elementFolders(componentsDir = join(root, 'components')) {
  const names = [];
  for (const dirent of readdirSync(componentsDir, { withFileTypes: true })) {
    if (!dirent.isDirectory() || ['internal', 'dist', 'node_modules'].includes(dirent.name) || dirent.name.startsWith('.')) continue;
    if (!existsSync(join(componentsDir, dirent.name, 'define.ts'))) continue;
    if (!existsSync(join(componentsDir, dirent.name, `${dirent.name}.ts`))) {
      throw new Error(`components/${dirent.name}/define.ts has no side-effect-free class module components/${dirent.name}/${dirent.name}.ts`);
    }
    names.push(dirent.name);
  }
  return names.sort();
}

/** One export target: sources for the workspace (`source`), then the built types and code. */
const target = (path) => ({ source: `./${path}.ts`, types: `./dist/${path}.d.ts`, default: `./dist/${path}.js` });

/**
 * The generated part of components/package.json. `sideEffects` names the built files that
 * register tags, and their sources too: the kit build (vite) reads this very package.json while
 * bundling the sources, and would drop `import './sign-in/define.ts'` from index.ts otherwise.
 */
export function uiPackageFields(names = elementFolders()) {
  const exports = { '.': target('index') };
  for (const name of names) {
    exports[`./${name}`] = target(`${name}/define`);
    exports[`./${name}/class`] = target(`${name}/${name}`);
  }
  exports['./internal/*'] = null;
  exports['./custom-elements.json'] = './custom-elements.json';
  exports['./package.json'] = './package.json';
  const sideEffects = [
    './dist/index.js',
    ...names.map((name) => `./dist/${name}/define.js`),
    './index.ts',
    ...names.map((name) => `./${name}/define.ts`),
  ];
  return { main: './dist/index.js', types: './dist/index.d.ts', exports, sideEffects };
}

const uiPackageJson = () => join(root, 'components', 'package.json');

/** Rewrites the generated fields in place (key order kept); returns true when something changed. */
export function syncUiPackage({ write = true } = {}) {
  const file = uiPackageJson();
  const text = readFileSync(file, 'utf8');
  const pkg = JSON.parse(text);
  Object.assign(pkg, uiPackageFields());
  const next = `${JSON.stringify(pkg, null, 2)}\n`;
  if (next === text) return false;
  if (write) writeFileSync(file, next);
  return true;
}

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${[command, ...args].map((a) => relative(root, a) || a).join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function* walk(dir) {
  for (const dirent of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, dirent.name);
    if (dirent.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/**
 * tsc rewrites `./x.ts` to `./x.js` in the JavaScript it emits but keeps `.ts` in declarations.
 * TypeScript 5 and 7 accept that; older ones and other tools reading .d.ts files do not, and
 * `.js` resolves to the `.d.ts` beside it everywhere.
 */
function rewriteDeclarationSpecifiers(dir) {
  const relativeTs = /(["'])(\.{1,2}\/[^"'\n]*?)\.ts\1/g;
  for (const file of walk(dir)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const next = text.replace(relativeTs, '$1$2.js$1');
    if (next !== text) writeFileSync(file, next);
  }
}

function tsc(project, outDir) {
  const dist = join(root, outDir);
  rmSync(dist, { recursive: true, force: true });
  run(process.execPath, [tscBin, '-p', join(root, project)]);
  rewriteDeclarationSpecifiers(dist);
}

/** Packages built by this run, so that ui does not build core twice. */
const built = new Set();

const builders = {
  core() {
    tsc('packages/core/tsconfig.build.json', 'packages/core/dist');
  },
  ui() {
    // @janua/ui's declarations import @janua/core's built ones: those must be current.
    if (!built.has('core')) {
      builders.core();
      built.add('core');
    }
    if (syncUiPackage()) {
      console.log('build-packages: components/package.json exports/sideEffects updated from the element folders; commit it.');
    }
    tsc('components/tsconfig.build.json', 'components/dist');
  },
  themes() {
    // Plain CSS: nothing to compile.
  },
  ...wrapperBuilders(),
  server() {
    // The library entries of the reference server (index, node, browser, testing) for apps and
    // tests that embed it; the CLI bundle (dist/cli.js) is scripts/build-server.mjs's. The
    // server shares API types with packages/core by relative path, so rootDir is packages/ and
    // the entries land in dist/lib/server/src/.
    tsc('packages/server/tsconfig.build.json', 'packages/server/dist/lib');
  },
};

/**
 * A wrapper: its generated bindings (from custom-elements.json), then tsc; `copy` lists the
 * generated files that ship as source (.svelte, .astro) and are copied into dist/ beside the
 * compiled modules.
 */
function wrapperBuilders() {
  const wrapper = (name, { generate = true, copy = [] } = {}) => async () => {
    for (const dep of NEEDS[name] ?? []) {
      if (!built.has(dep)) {
        await builders[dep]();
        built.add(dep);
      }
    }
    const dir = join(root, PACKAGE_DIRS[name]);
    if (generate) {
      const { generateWrappers } = await import('./generate-wrappers.mjs');
      generateWrappers({ frameworks: [name] });
    }
    tsc(`${PACKAGE_DIRS[name]}/tsconfig.build.json`, `${PACKAGE_DIRS[name]}/dist`);
    for (const ext of copy) {
      for (const file of walk(join(dir, 'src'))) {
        if (!file.endsWith(ext)) continue;
        const target = join(dir, 'dist', relative(join(dir, 'src'), file));
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(file, target);
      }
    }
  };
  return {
    ssr: wrapper('ssr', { generate: false }),
    react: wrapper('react'),
    vue: wrapper('vue'),
    svelte: wrapper('svelte', { copy: ['.svelte', '.svelte.d.ts'] }), // incl. src/Element.svelte
    astro: wrapper('astro', { copy: ['.astro', '/generated/index.js', '/generated/index.d.ts'] }),
    testing: wrapper('testing', { generate: false }),
  };
}

/** What `npm pack` needs beyond the build: the licence text (the repository's, copied in). */
async function prepack(name) {
  copyFileSync(join(root, 'LICENSE'), join(root, PACKAGE_DIRS[name], 'LICENSE'));
  const { ensureBuilt } = await import('./ensure-built.mjs');
  // The manifest ships with @janua/ui (its `customElements` field); the CLI with the server.
  if (name === 'ui') ensureBuilt(['manifest']);
  if (name === 'server') ensureBuilt(['server']);
}

export async function buildPackages(names) {
  for (const name of names) {
    const started = Date.now();
    await builders[name]();
    built.add(name);
    console.log(`build-packages: ${name} (${PACKAGE_DIRS[name]}) built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
}

async function main(argv) {
  const flags = argv.filter((a) => a.startsWith('--'));
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknownFlag = flags.find((f) => !['--check', '--prepack'].includes(f));
  if (unknownFlag) throw new Error(`unknown option ${unknownFlag}`);
  const unknown = names.filter((n) => !(n in PACKAGE_DIRS));
  if (unknown.length) throw new Error(`unknown package(s) ${unknown.join(', ')} (known: ${Object.keys(PACKAGE_DIRS).join(', ')})`);

  if (flags.includes('--check')) {
    if (syncUiPackage({ write: false })) {
      console.error('build-packages: components/package.json exports/sideEffects do not match the element folders; run `npm run build:packages` and commit it.');
      return 1;
    }
    console.log('build-packages: components/package.json matches the element folders');
    return 0;
  }
  await buildPackages(BUILD_ORDER.filter((n) => (names.length ? names.includes(n) : n !== 'themes')));
  if (flags.includes('--prepack')) for (const name of names) await prepack(name);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`build-packages: ${error.message}`);
      process.exit(1);
    },
  );
}

