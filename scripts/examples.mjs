#!/usr/bin/env node
/*
 * The example apps (examples/<name>) as a user's app gets Janua: from the packed tarballs.
 *
 *   node scripts/examples.mjs prepare [react react18 vue svelte astro]   pack, install, build
 *   node scripts/examples.mjs serve <name>                               run the built app
 *
 * `prepare` packs @janua/core, ui, themes, ssr and the wrappers (`npm pack`, after
 * `npm run build:packages`) into <work>/tarballs/, copies each example into <work>/<name>/ and
 * installs the tarballs there (with their own dependencies, Lit and jose, from the npm cache
 * when it has them), then builds the app with its own toolchain (Vite, SvelteKit, Astro), its
 * stock configuration.
 *
 * <work> is outside the repository (in the system's temporary folder, one per checkout; or
 * JANUA_EXAMPLES_DIR), so nothing of the workspace is in reach: an app sees only what its
 * node_modules holds. The frameworks and their tools (the example's other dependencies at the
 * versions the repository pins) are links into the repository's node_modules, so `npm ci` fetches
 * them once and the examples install in seconds without the network; the @janua packages are real
 * installs of the tarballs. `react18` is the React example with React 18.3 installed in it.
 *
 * An install is reused while the tarballs and the example's package.json are unchanged (a hash
 * in <work>/<name>/.janua-install.json).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_URL, APPS } from '../tests/examples/env.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const WORK = resolve(process.env.JANUA_EXAMPLES_DIR ?? join(tmpdir(), `janua-examples-${createHash('sha256').update(root).digest('hex').slice(0, 10)}`));
if (`${WORK}${sep}`.startsWith(`${root}${sep}`)) throw new Error(`examples: ${WORK} is inside the repository; the apps are built outside it`);
const TARBALLS = join(WORK, 'tarballs');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The workspace folders packed for the examples. */
const PACKED = ['packages/core', 'components', 'themes', 'wrappers/ssr', 'wrappers/react', 'wrappers/vue', 'wrappers/svelte', 'wrappers/astro'];

/** Each app: its source folder, the @janua packages it installs, extra installs, its build. */
export const EXAMPLES = {
  react: { source: 'react', janua: ['@janua/core', '@janua/react', '@janua/themes'], build: 'vite' },
  react18: {
    source: 'react',
    janua: ['@janua/core', '@janua/react', '@janua/themes'],
    extra: { react: '18.3.1', 'react-dom': '18.3.1' },
    build: 'vite',
  },
  vue: { source: 'vue', janua: ['@janua/vue', '@janua/themes'], build: 'vite', env: { VITE_JANUA_API: API_URL } },
  svelte: { source: 'svelte', janua: ['@janua/svelte', '@janua/themes'], build: 'vite' },
  astro: { source: 'astro', janua: ['@janua/astro', '@janua/themes'], build: 'astro', env: { JANUA_API: API_URL } },
};

const bin = {
  vite: join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  astro: join(root, 'node_modules', 'astro', 'astro.js'),
};

const cleanEnv = (extra = {}) => {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
  delete env.NODE_OPTIONS;
  return env;
};

/** The error for a command that exited other than 0, with what it printed. */
function failed(command, args, cwd, result) {
  return new Error(`${command} ${args.join(' ')} (in ${cwd}) failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
}

function run(command, args, cwd, env = cleanEnv()) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw failed(command, args, cwd, result);
  return result.stdout;
}

/** Installs and builds still running, stopped when another app's fails (see prepare). */
const running = new Set();

/** `command` in `cwd` without blocking, so two apps can install and build side by side. */
function runAsync(command, args, cwd, env = cleanEnv()) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      running.delete(child);
      fail(error);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      done({ status: code, signal, stdout, stderr });
    });
  });
}

async function runChecked(command, args, cwd, env) {
  const result = await runAsync(command, args, cwd, env);
  if (result.status !== 0) throw failed(command, args, cwd, result);
}

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

/** Packs the packages (already built: `npm run build:packages`) without their prepack rebuild. */
export function pack() {
  for (const dir of PACKED) {
    if (!existsSync(join(root, dir, 'package.json'))) throw new Error(`${dir} is missing`);
    if (dir !== 'themes' && !existsSync(join(root, dir, 'dist'))) throw new Error(`${dir}/dist is missing: run npm run build:packages first`);
    // What each prepack adds besides the build: the licence.
    copyFileSync(join(root, 'LICENSE'), join(root, dir, 'LICENSE'));
  }
  rmSync(TARBALLS, { recursive: true, force: true });
  mkdirSync(TARBALLS, { recursive: true });
  const out = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', TARBALLS, ...PACKED.flatMap((d) => ['-w', d])], root);
  const packs = JSON.parse(out.slice(out.indexOf('[')));
  return Object.fromEntries(packs.map((p) => [p.name, { file: p.filename, integrity: p.integrity }]));
}

/** Replaces .examples/<name>'s sources with examples/<source>'s, keeping its node_modules. */
function copySources(name, source) {
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (entry !== 'node_modules' && entry !== '.janua-install.json') rmSync(join(dir, entry), { recursive: true, force: true });
  }
  cpSync(join(root, 'examples', source), dir, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|dist|build|\.svelte-kit|\.astro)([\\/]|$)/.test(path.slice(join(root, 'examples', source).length)),
  });
  return dir;
}

/**
 * Installs the app's @janua packages from the tarballs (their own dependencies from the npm
 * cache, or the registry for metadata the cache lacks), without the frameworks, which resolve
 * from the repository's node_modules; then puts the app's real package.json back.
 */
async function install(name, example, tarballs) {
  const dir = join(WORK, name);
  const real = JSON.parse(readFileSync(join(root, 'examples', example.source, 'package.json'), 'utf8'));
  if (example.extra) Object.assign(real.dependencies, example.extra);
  // Every @janua package the app or its wrappers need comes from a tarball, never a registry.
  const dependencies = {};
  for (const pkg of januaClosure(example.janua)) {
    if (!tarballs[pkg]) throw new Error(`${pkg} was not packed`);
    dependencies[pkg] = `file:../tarballs/${tarballs[pkg].file}`;
  }
  Object.assign(dependencies, example.extra ?? {});
  const key = createHash('sha256').update(JSON.stringify({ tarballs, dependencies, real })).digest('hex');
  const marker = join(dir, '.janua-install.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).key === key && existsSync(join(dir, 'node_modules'))) return 'reused';
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: real.name, private: true, type: 'module', dependencies }, null, 2)}\n`);
  const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps'];
  let mode = 'offline';
  let result = await runAsync(npm, [...args, '--offline'], dir);
  // Stopped because another app failed (see prepare): no second try.
  if (result.signal) throw new Error(`npm install in ${dir} was stopped (${result.signal})`);
  if (result.status !== 0) {
    mode = 'prefer-offline';
    result = await runAsync(npm, [...args, '--prefer-offline'], dir);
  }
  if (result.status !== 0) throw new Error(`npm install in ${dir} failed:\n${result.stderr}`);
  linkFrameworks(dir, real, example);
  writeFileSync(marker, JSON.stringify({ key, mode }));
  return mode;
}

/**
 * The app's other dependencies (React, Vite, SvelteKit, Astro, …) as links to the repository's
 * installed copies, at the versions the app asks for (a mismatch is an error, not a surprise).
 */
function linkFrameworks(dir, real, example) {
  const wanted = { ...real.dependencies, ...real.devDependencies };
  for (const [name, version] of Object.entries(wanted)) {
    if (name.startsWith('@janua/') || example.extra?.[name]) continue;
    const source = join(root, 'node_modules', name);
    const installed = existsSync(join(source, 'package.json')) ? JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version : null;
    if (installed !== version) throw new Error(`${name}@${version} (examples/${example.source}) is not what the repository installs (${installed ?? 'none'}): pin the same version in package.json`);
    const target = join(dir, 'node_modules', name);
    if (lstatSync(target, { throwIfNoEntry: false })) rmSync(target, { recursive: true, force: true });
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(source, target, 'junction');
  }
}

/** The @janua packages `names` need, theirs included (from the workspace package.json files). */
function januaClosure(names) {
  const manifests = new Map(PACKED.map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    return [pkg.name, pkg];
  }));
  const out = new Set();
  const visit = (name) => {
    if (out.has(name)) return;
    out.add(name);
    for (const dep of Object.keys(manifests.get(name)?.dependencies ?? {})) if (dep.startsWith('@janua/')) visit(dep);
  };
  names.forEach(visit);
  return [...out].sort();
}

function restoreManifest(name, example) {
  const real = JSON.parse(readFileSync(join(root, 'examples', example.source, 'package.json'), 'utf8'));
  if (example.extra) Object.assign(real.dependencies, example.extra);
  writeFileSync(join(WORK, name, 'package.json'), `${JSON.stringify(real, null, 2)}\n`);
}

async function build(name, example) {
  const dir = join(WORK, name);
  const env = cleanEnv(example.env);
  if (example.build === 'astro') await runChecked(process.execPath, [bin.astro, 'build'], dir, env);
  else await runChecked(process.execPath, [bin.vite, 'build', '--logLevel', 'warn'], dir, env);
  // Some apps bake the API's URL in at build time: serve() refuses a build for other ports.
  writeFileSync(join(dir, '.janua-build.json'), JSON.stringify({ api: API_URL }));
}

/**
 * Packs, then installs and builds the apps two at a time (each install and build is mostly one
 * core's work; the two slowest builds, SvelteKit's and Astro's, take about 11 s each).
 */
export async function prepare(names = Object.keys(EXAMPLES)) {
  const started = Date.now();
  for (const name of names) {
    if (!EXAMPLES[name]) throw new Error(`unknown example "${name}" (known: ${Object.keys(EXAMPLES).join(', ')})`);
  }
  const tarballs = pack();
  console.log(`examples: packed ${Object.keys(tarballs).length} packages in ${seconds(started)}`);
  const queue = [...new Set(names)]; // one lane per app folder
  const one = async (name) => {
    const example = EXAMPLES[name];
    let t = Date.now();
    copySources(name, example.source);
    const mode = await install(name, example, tarballs);
    restoreManifest(name, example);
    const installed = seconds(t);
    t = Date.now();
    await build(name, example);
    console.log(`examples: ${name}: installed (${mode}) in ${installed}, built in ${seconds(t)}`);
  };
  const lane = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) await one(name);
  };
  try {
    await Promise.all([lane(), lane()]);
  } catch (error) {
    // The other app's install or build would go on after this process has said it failed.
    queue.length = 0;
    for (const child of running) child.kill('SIGTERM');
    throw error;
  }
  console.log(`examples: ready in ${seconds(started)}`);
}

/** Starts a built app on its port (for playwright.examples.config.ts); resolves when it exits. */
export function serve(name) {
  const example = EXAMPLES[name];
  const app = APPS[name];
  if (!example || !app) throw new Error(`unknown example "${name}"`);
  const dir = join(WORK, name);
  const port = String(app.port);
  let command;
  let env = cleanEnv({ JANUA_API: API_URL });
  if (name === 'svelte') {
    command = [join(dir, 'build', 'index.js')];
    env = cleanEnv({ HOST: '127.0.0.1', PORT: port, ORIGIN: app.url, JANUA_API: API_URL, PUBLIC_JANUA_API: API_URL });
  } else if (name === 'astro') {
    command = [join(dir, 'dist', 'server', 'entry.mjs')];
    env = cleanEnv({ HOST: '127.0.0.1', PORT: port });
  } else {
    command = [bin.vite, 'preview', '--port', port, '--strictPort', '--host', '127.0.0.1'];
  }
  if (!existsSync(command[0])) throw new Error(`${name} is not built: run node scripts/examples.mjs prepare ${name}`);
  const built = JSON.parse(readFileSync(join(dir, '.janua-build.json'), 'utf8'));
  if (built.api !== API_URL) {
    throw new Error(`${name} was built for the API at ${built.api}, not ${API_URL}: prepare it again with this JANUA_E2E_PORT_BASE`);
  }
  const child = spawn(process.execPath, command, { cwd: dir, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...names] = process.argv.slice(2);
  try {
    if (command === 'prepare') await prepare(names.length ? names : undefined);
    else if (command === 'serve' && names.length === 1) serve(names[0]);
    else {
      console.error('usage: node scripts/examples.mjs prepare [name …] | serve <name>');
      process.exit(2);
    }
  } catch (error) {
    console.error(`examples: ${error.message}`);
    process.exit(1);
  }
}

