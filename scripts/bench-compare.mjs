#!/usr/bin/env node
/*
 * `npm run bench:compare`: the same sign-in page built for Janua and for its peers with one
 * bundler and one set of settings, and what each page downloads.
 *
 * Each contender is a small entry module (below) that does what that kit's quick start does for a
 * sign-in screen. esbuild bundles each entry on its own: ESM, code splitting on, minified, target
 * es2022, browser platform, NODE_ENV=production, no legal comments, no source maps. Every output
 * file is compressed on its own (gzip -9, brotli 11) and the sizes are summed, as scripts/size.mjs
 * does for the kit: "first load" is the entry and the chunks it imports statically, "total" adds
 * what it can load later through import(), of the lazy locale catalogs only the largest (a page
 * shows one language; the same rule as `npm run size`).
 *
 * Janua is bundled from the workspace sources (the `source` export condition; the same code the
 * published packages are built from). The peers are devDependencies pinned to exact versions in
 * package.json and used only here:
 *   - @teamhanko/hanko-elements: register() defines <hanko-auth> and the rest of its kit; there
 *     is no smaller entry, so its sign-in page is its whole kit.
 *   - @supabase/auth-ui-react with @supabase/supabase-js and React (the versions auth-ui-react
 *     depends on): <Auth> rendered into a root, the way its README starts.
 *
 *   node scripts/bench-compare.mjs [--json] [--write docs/performance.md] [--keep <dir>]
 *
 * Nothing is written into the repository unless --write names a file (it replaces only this
 * script's section of it). --keep leaves the bundles in <dir> to inspect.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { compressed } from './size.mjs';
import { kb, machineLine, markdownTable, textTable, writeSection } from './bench/common.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API = 'http://127.0.0.1:8787';

/** What each page's script does. `markup` is what the page body holds; it is not bundled. */
export const CONTENDERS = [
  {
    id: 'janua-sign-in',
    name: 'Janua: sign-in page',
    what: "`import '@janua/ui/sign-in'` (defines `<janua-sign-in>` and what it renders)",
    markup: `<janua-sign-in api="${API}"></janua-sign-in>`,
    code: `import '@janua/ui/sign-in';`,
    janua: true,
  },
  {
    id: 'janua-kit',
    name: 'Janua: whole kit',
    what: "`import '@janua/ui'` (every element, every lazy part)",
    markup: `<janua-sign-in api="${API}"></janua-sign-in>`,
    code: `import '@janua/ui';`,
    janua: true,
  },
  {
    id: 'hanko',
    name: 'Hanko elements: sign-in page',
    what: "`register(api)` from `@teamhanko/hanko-elements` (defines `<hanko-auth>` and the rest of its kit)",
    markup: '<hanko-auth></hanko-auth>',
    code: `import { register } from '@teamhanko/hanko-elements';\nregister(${JSON.stringify(API)});`,
    package: '@teamhanko/hanko-elements',
  },
  {
    id: 'supabase',
    name: 'Supabase Auth UI (React): sign-in page',
    what: '`<Auth supabaseClient appearance={{ theme: ThemeSupa }}>` in a React root, with `@supabase/supabase-js`',
    markup: '<div id="root"></div>',
    code: [
      "import { createElement } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { createClient } from '@supabase/supabase-js';",
      "import { Auth } from '@supabase/auth-ui-react';",
      "import { ThemeSupa } from '@supabase/auth-ui-shared';",
      `const supabase = createClient(${JSON.stringify(API)}, 'public-anon-key');`,
      "createRoot(document.getElementById('root')).render(createElement(Auth, { supabaseClient: supabase, appearance: { theme: ThemeSupa } }));",
    ].join('\n'),
    package: '@supabase/auth-ui-react',
  },
];

/** The settings every contender is built with; only the entry differs. */
export function esbuildOptions(contender, outdir) {
  return {
    entryPoints: { [contender.id]: `bench-entry:${contender.id}` },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    // Janua's workspace packages resolve to their TypeScript sources; no peer exports `source`.
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    write: true,
    outdir,
    absWorkingDir: root,
    logLevel: 'silent',
    plugins: [{
      name: 'bench-entry',
      setup(b) {
        b.onResolve({ filter: /^bench-entry:/ }, (args) => ({ path: args.path.slice('bench-entry:'.length), namespace: 'bench-entry' }));
        b.onLoad({ filter: /.*/, namespace: 'bench-entry' }, () => ({ contents: contender.code, loader: 'js', resolveDir: root }));
      },
    }],
  };
}

/** A lazy locale catalog of ours: the entry point esbuild made of `…/i18n/<tag>.ts`. */
const LOCALE_INPUT = /(?:^|\/)packages\/core\/src\/i18n\/([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.ts$/;

const sumSizes = (list) => list.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** npm package of an esbuild input path (`node_modules/x/…`), or one of ours. */
function packageOfInput(input) {
  const path = input.split('\\').join('/');
  const at = path.lastIndexOf('node_modules/');
  if (at >= 0) {
    const [a, b] = path.slice(at + 'node_modules/'.length).split('/');
    return a.startsWith('@') ? `${a}/${b}` : a;
  }
  if (path.startsWith('packages/core/')) return '@janua/core';
  if (path.startsWith('components/')) return '@janua/ui';
  if (path.startsWith('bench-entry:')) return '(page entry)';
  return path.split('/')[0];
}

export async function measure(contender, outdir) {
  const result = await build(esbuildOptions(contender, outdir));
  const outputs = result.metafile.outputs;
  const files = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  // Not the first output with an entryPoint: esbuild makes every import() target an entry point
  // of its own (a locale catalog, a lazy part), so the page's entry is the one built from ours.
  const entry = files.find((f) => outputs[f].entryPoint === `bench-entry:${contender.id}`);
  if (!entry) throw new Error(`bench:compare: no output for the entry of ${contender.id}`);
  const sizes = new Map(files.map((f) => [f, compressed(readFileSync(join(root, f)))]));
  const first = new Set();
  const visit = (f) => {
    if (first.has(f)) return;
    first.add(f);
    for (const imp of outputs[f].imports) if (imp.kind === 'import-statement' && sizes.has(imp.path)) visit(imp.path);
  };
  visit(entry);
  // A page shows one language: of the lazy locale catalogs (esbuild makes each `import()` of
  // `i18n/<tag>.ts` an entry point of its own) only the largest counts, as in scripts/size.mjs.
  const localeOf = (f) => LOCALE_INPUT.exec(outputs[f].entryPoint ?? '')?.[1] ?? null;
  const locales = files.filter((f) => !first.has(f) && localeOf(f));
  const largest = locales.reduce((max, f) => (!max || sizes.get(f).gzip > sizes.get(max).gzip ? f : max), null);
  const counted = files.filter((f) => !locales.includes(f) || f === largest);
  const packages = new Map();
  for (const f of counted) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[f].inputs)) {
      const name = packageOfInput(input);
      packages.set(name, (packages.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    id: contender.id,
    name: contender.name,
    what: contender.what,
    version: contender.package ? JSON.parse(readFileSync(join(root, 'node_modules', contender.package, 'package.json'), 'utf8')).version : null,
    firstLoad: { files: first.size, ...sumSizes([...first].map((f) => sizes.get(f))) },
    total: { files: counted.length, ...sumSizes(counted.map((f) => sizes.get(f))) },
    everyFile: { files: files.length, ...sumSizes([...sizes.values()]) },
    locales: { count: locales.length, largest: largest && localeOf(largest) },
    packages: [...packages].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes })),
  };
}

function verdict(byId) {
  const janua = byId.get('janua-sign-in');
  const kit = byId.get('janua-kit');
  const lines = [];
  for (const peer of [...byId.values()].filter((r) => !r.id.startsWith('janua'))) {
    lines.push(`${peer.name} ${peer.version ? `(${peer.version}) ` : ''}first load ${kb(peer.firstLoad.gzip)} gzip: ` +
      `${(peer.firstLoad.gzip / janua.firstLoad.gzip).toFixed(2)}× Janua's sign-in page (${kb(janua.firstLoad.gzip)}), ` +
      `${(peer.firstLoad.gzip / kit.total.gzip).toFixed(2)}× Janua's whole kit (${kb(kit.total.gzip)}); ` +
      `Janua's sign-in page is ${(janua.firstLoad.gzip / peer.firstLoad.gzip).toFixed(2)} of it.`);
  }
  const hanko = byId.get('hanko');
  if (hanko) {
    const holds = kit.total.gzip < hanko.firstLoad.gzip;
    lines.push(`Promise "the whole auth UI in less than one peer's sign-in screen": ${holds ? 'holds' : 'DOES NOT HOLD'} ` +
      `(Janua's whole kit ${kb(kit.total.gzip)} gzip ${holds ? '<' : '≥'} Hanko's sign-in page ${kb(hanko.firstLoad.gzip)}).`);
  }
  return lines;
}

function rows(results) {
  return results.map((r) => [
    r.name + (r.version ? ` ${r.version}` : ''),
    r.firstLoad.files,
    kb(r.firstLoad.raw),
    kb(r.firstLoad.gzip),
    kb(r.firstLoad.brotli),
    r.total.files,
    kb(r.total.gzip),
    kb(r.total.brotli),
  ]);
}
const HEAD = ['page', 'files', 'minified', 'gzip -9', 'brotli 11', 'files in total', 'total gzip', 'total brotli'];
const ALIGN = 'lrrrrrrr';

function topPackages(r, n = 5) {
  const total = r.packages.reduce((a, p) => a + p.bytes, 0);
  return r.packages.slice(0, n).map((p) => `${p.name} ${((100 * p.bytes) / total).toFixed(0)}%`).join(', ');
}

const localeNote = (r) => (r.locales.count ? ` (total: of its ${r.locales.count} lazy locales only ${r.locales.largest}, the largest)` : '');

async function main() {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, write: { type: 'string' }, keep: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: node scripts/bench-compare.mjs [--json] [--write docs/performance.md] [--keep <dir>]');
    return 0;
  }
  const out = values.keep ? resolve(values.keep) : mkdtempSync(join(os.tmpdir(), 'janua-bench-compare-'));
  const results = [];
  try {
    for (const contender of CONTENDERS) {
      try {
        results.push(await measure(contender, join(out, contender.id)));
      } catch (error) {
        if (contender.janua) throw error;
        // A peer that no longer installs or builds is reported, not fatal.
        console.error(`bench-compare: ${contender.name} did not build: ${error.message.split('\n')[0]}`);
      }
    }
  } finally {
    if (!values.keep) rmSync(out, { recursive: true, force: true });
  }
  const byId = new Map(results.map((r) => [r.id, r]));
  const machine = machineLine(`, esbuild ${(await import('esbuild')).version}`);
  if (values.json) {
    console.log(JSON.stringify({ unit: 'bytes', results, verdict: verdict(byId), machine }, null, 2));
  } else {
    console.log('The same sign-in page, bundled by esbuild with the same settings (ESM, splitting, minified, es2022);');
    console.log('first load = entry + static imports; total = every file the page can load, of the lazy locales only the largest. Each file compressed alone.\n');
    console.log(textTable(HEAD, rows(results), ALIGN));
    console.log('\nLargest packages in each page (share of minified bytes):');
    for (const r of results) console.log(`  ${r.name}: ${topPackages(r)}${localeNote(r)}`);
    console.log('');
    for (const line of verdict(byId)) console.log(line);
  }
  if (values.write) {
    const target = resolve(process.cwd(), values.write);
    const body = [
      '## Size against the peers (`npm run bench:compare`)',
      '',
      `Run on ${new Date().toISOString().slice(0, 10)}. ${results.length} pages, each bundled by esbuild with the same settings (ESM, code splitting, minified, es2022, NODE_ENV=production, no legal comments); every output file compressed on its own (gzip -9, brotli 11) and summed. "First load" is the entry and what it imports statically, "total" every file the page can load, of the lazy locale catalogs only the largest (a page shows one language).`,
      '',
      markdownTable(HEAD, rows(results), ALIGN),
      '',
      ...results.map((r) => `- ${r.name}: ${r.what}. Largest packages: ${topPackages(r)}.${localeNote(r)}`),
      '',
      ...verdict(byId).map((l) => `**${l.split(':')[0]}**:${l.split(':').slice(1).join(':')}`),
      '',
      `Machine: ${machine}.`,
    ].join('\n');
    writeSection(target, 'bench:compare', body);
    console.log(`\nwrote ${relative(process.cwd(), target) || target}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => {
    console.error(`bench-compare: ${error.stack ?? error}`);
    process.exitCode = 1;
  });
}
