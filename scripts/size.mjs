#!/usr/bin/env node
/*
 * Size of the kit against the budgets in size-budgets.json: gzip (level 9) and brotli
 * (quality 11) of what browsers download. docs/size.md explains the method; in short:
 *
 *  - Each file is a request of its own, so each is compressed alone and the sizes are summed.
 *  - Whole kit: dist/janua.js and every chunk it can load, following static and dynamic
 *    imports recursively. Locale catalogs (chunks named `locale-<tag>-<hash>.js`, see
 *    vite.config.ts) are listed one line per locale; the whole-kit figure counts all code,
 *    English (built into the code) and the largest single other locale, because a user never
 *    downloads two locales.
 *  - First load of an entry: the entry and the chunks it imports statically (what runs before
 *    the element can render); chunks it can load later through import() are listed apart.
 *  - Dependencies: the bytes of the whole kit attributed to the npm package they come from,
 *    through the build's source maps; gzip per package is that package's bytes compressed alone.
 *
 *  - Framework wrappers (scripts/size-wrappers.mjs): what each adds over the elements it wraps,
 *    an app bundle with the wrapper minus the same app written against the elements directly;
 *    the budget ("wrappers" in size-budgets.json) holds each wrapper's figure for the components
 *    of a sign-in page and an account chip; with the auth state API and with every element are
 *    reported beside it.
 *
 *   node scripts/size.mjs          table on stdout
 *   node scripts/size.mjs --json   the same numbers as JSON
 *   --dist <dir>                   measure another build (default: dist/)
 *   --budgets <file>               other budgets (default: size-budgets.json)
 *
 * Exits 1 when an enforced budget is exceeded (2 on a usage or build error). A budget with
 * "enforce": false is reported as OVER and passes; above the kit's aim it warns.
 * 1 KB = 1024 bytes. Reads the build only; writes nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const KB = 1024;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class UsageError extends Error {}

function parseArgs(argv) {
  const args = { json: false, dist: join(root, 'dist'), budgets: join(root, 'size-budgets.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--dist' && argv[i + 1]) args.dist = resolve(argv[++i]);
    else if (arg === '--budgets' && argv[i + 1]) args.budgets = resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new UsageError(`unknown option "${arg}"`);
  }
  return args;
}

export function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const sum = (sizes) => sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// Minified ES output: `import{a as b}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`, and
// `import("./x.js")` / import(`./x.js`). Only relative specifiers: the build bundles everything else.
const QUOTE = '["\'`]';
const STATIC_IMPORT = new RegExp(`(?:^|[;\\s}])(?:import|export)\\s*(?:[\\w$*{}\\s,]+?\\s*from\\s*)?${QUOTE}(\\.{1,2}/[^"'\`]+)${QUOTE}`, 'g');
const DYNAMIC_IMPORT = new RegExp(`\\bimport\\(\\s*${QUOTE}(\\.{1,2}/[^"'\`]+)${QUOTE}\\s*\\)`, 'g');
/** vite.config.ts names a chunk that holds only locale catalogs `locale-<tag>-<hash>.js`. */
const LOCALE_CHUNK = /^locale-([a-z0-9]+(?:-[a-z0-9]+)*)-[\w-]+\.js$/i;

export const localeOf = (file) => LOCALE_CHUNK.exec(basename(file))?.[1]?.toLowerCase() ?? null;

/** The import graph from `entry`: every file reachable, with its static and dynamic imports. */
export function importGraph(entry) {
  const nodes = new Map();
  const visit = (file) => {
    if (nodes.has(file)) return;
    if (!existsSync(file)) throw new BuildError(`${relative(process.cwd(), file)} is imported but missing from the build`);
    const code = readFileSync(file, 'utf8');
    const node = {
      static: [...new Set([...code.matchAll(STATIC_IMPORT)].map((m) => resolve(dirname(file), m[1])))],
      dynamic: [...new Set([...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolve(dirname(file), m[1])))],
    };
    nodes.set(file, node);
    for (const next of [...node.static, ...node.dynamic]) visit(next);
  };
  visit(entry);
  return nodes;
}

class BuildError extends Error {}

/** Files fetched before `entry` runs: it and its static imports, recursively. */
function staticClosure(graph, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file).static) visit(next);
  };
  visit(entry);
  return seen;
}

const sizeCache = new Map();
function sizeOf(file) {
  let size = sizeCache.get(file);
  if (!size) sizeCache.set(file, (size = compressed(readFileSync(file))));
  return size;
}

const rel = (dist, file) => relative(dist, file).split(sep).join('/');
const fileRow = (dist, file) => ({ file: rel(dist, file), ...sizeOf(file) });

/** What a page that loads `entry` downloads first, and what it may load later (lazy, listed apart). */
function firstLoad(dist, name, entry) {
  const graph = importGraph(entry);
  const first = staticClosure(graph, entry);
  const lazy = [...graph.keys()].filter((f) => !first.has(f));
  return {
    name,
    file: rel(dist, entry),
    files: [...first].map((f) => rel(dist, f)),
    ...sum([...first].map(sizeOf)),
    lazy: lazy.map((f) => ({ ...fileRow(dist, f), locale: localeOf(f) })),
  };
}

/* ---- source maps → bytes per npm package ------------------------------------------------ */

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes `mappings` into, per generated line, [column, sourceIndex | -1] pairs. */
export function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.get(char);
        if (digit === undefined) throw new BuildError(`bad source map character "${char}"`);
        value += (digit & 31) * 2 ** shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value % 2 ? -(value - 1) / 2 : value / 2);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length >= 4) {
        source += values[1];
        segments.push([column, source]);
      } else {
        segments.push([column, -1]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

const LIT_FAMILY = new Set(['lit', 'lit-html', 'lit-element', '@lit/reactive-element']);
/** Reported even when absent, so a new dependency's arrival shows. */
const WATCHED = ['lit', '@lit/context', '@floating-ui/dom', '@simplewebauthn/browser', '@janua/core', '@janua/ui'];

/** The package a source file belongs to: an npm package, one of ours, or the bundler's own code. */
export function packageOf(source) {
  const path = source.split(sep).join('/');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [first, second] = path.slice(nm + '/node_modules/'.length).split('/');
    const name = first.startsWith('@') ? `${first}/${second}` : first;
    return LIT_FAMILY.has(name) ? 'lit' : name;
  }
  const inRepo = relative(root, path).split(sep).join('/');
  if (inRepo.startsWith('packages/core/')) return '@janua/core';
  if (inRepo.startsWith('packages/server/')) return '@janua/server';
  if (inRepo.startsWith('components/')) return '@janua/ui';
  return '(bundler runtime)';
}

/** Bytes of each file attributed to packages through its source map; unmapped bytes are glue. */
function attribute(files) {
  const pieces = new Map();
  const add = (name, text) => {
    if (!text) return;
    let list = pieces.get(name);
    if (!list) pieces.set(name, (list = []));
    list.push(text);
  };
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const mapFile = `${file}.map`;
    if (!existsSync(mapFile)) {
      add('(no source map)', code);
      continue;
    }
    const map = JSON.parse(readFileSync(mapFile, 'utf8'));
    const base = resolve(dirname(mapFile), map.sourceRoot ?? '');
    const owners = map.sources.map((s) => (s ? packageOf(resolve(base, s)) : '(bundler runtime)'));
    const lines = code.split('\n');
    const mappings = decodeMappings(map.mappings);
    // A segment owns the text up to the next one, across line ends: the lines of a multi-line
    // template literal (Lit's css`` and html``) carry no segments of their own.
    let owner = '(unmapped glue)';
    lines.forEach((line, i) => {
      const segments = mappings[i] ?? [];
      add(owner, line.slice(0, segments[0]?.[0] ?? line.length));
      segments.forEach(([column, source], j) => {
        owner = source >= 0 ? owners[source] : '(unmapped glue)';
        add(owner, line.slice(column, segments[j + 1]?.[0] ?? line.length));
      });
      if (i < lines.length - 1) add(owner, '\n');
    });
  }
  const total = [...pieces.values()].flat().reduce((n, t) => n + Buffer.byteLength(t), 0);
  const rows = [...pieces].map(([name, texts]) => {
    const size = compressed(Buffer.from(texts.join('')));
    return { name, raw: size.raw, gzipAlone: size.gzip, brotliAlone: size.brotli, share: total ? size.raw / total : 0 };
  });
  for (const name of WATCHED) {
    if (!pieces.has(name)) rows.push({ name, raw: 0, gzipAlone: 0, brotliAlone: 0, share: 0, absent: true });
  }
  return rows.sort((a, b) => b.raw - a.raw || a.name.localeCompare(b.name));
}

/* ---- budgets and the report ------------------------------------------------------------- */

export function readBudgets(file) {
  if (!existsSync(file)) throw new UsageError(`${relative(process.cwd(), file)} not found`);
  const budgets = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof budgets.kit?.gzip !== 'number') throw new UsageError(`${relative(process.cwd(), file)}: kit.gzip (KB) is required`);
  return budgets;
}

function verdict(bytes, budget) {
  if (!budget) return null;
  const limit = budget.gzip * KB;
  const aim = typeof budget.aim === 'number' ? budget.aim * KB : null;
  const enforce = budget.enforce !== false;
  // A budget not met yet may carry a ceiling: today's size plus a little, enforced, so the kit
  // cannot grow further while it is worked down to the budget.
  const ceiling = typeof budget.ceiling === 'number' ? budget.ceiling * KB : null;
  const status = ceiling !== null && bytes > ceiling ? 'over-ceiling' : bytes > limit ? 'over' : aim !== null && bytes > aim ? 'over-aim' : 'ok';
  return { limit, aim, ceiling, enforce, status, fails: status === 'over-ceiling' || (status === 'over' && enforce) };
}

/** Every .js under `dir` (recursively), for the check that the import scan found every chunk. */
function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : []);
}

export function report(dist, budgets = readBudgets(join(root, 'size-budgets.json'))) {
  const entry = join(dist, 'janua.js');
  if (!existsSync(entry)) {
    throw new UsageError(`${relative(process.cwd(), entry) || entry} not found: run \`npm run build:kit\` first.`);
  }

  // The whole kit: everything janua.js can load.
  const graph = importGraph(entry);
  const reachable = [...graph.keys()];
  const first = staticClosure(graph, entry);
  const localeFiles = reachable.filter((f) => localeOf(f));
  const code = reachable.filter((f) => !localeOf(f));
  const locales = localeFiles
    .map((f) => ({ locale: localeOf(f), ...fileRow(dist, f) }))
    .sort((a, b) => a.locale.localeCompare(b.locale));
  const largestLocale = locales.reduce((max, l) => (!max || l.gzip > max.gzip ? l : max), null);
  const counted = [...code, ...(largestLocale ? [join(dist, largestLocale.file)] : [])];
  const kit = {
    name: 'whole kit',
    entry: rel(dist, entry),
    rule: 'all code reachable from janua.js (static and dynamic imports) + English (built in) + the largest single other locale',
    ...sum(counted.map(sizeOf)),
    files: code.map((f) => ({ ...fileRow(dist, f), firstLoad: first.has(f) })),
    largestLocale: largestLocale?.locale ?? null,
    locales,
    firstLoad: { files: [...first].map((f) => rel(dist, f)), ...sum([...first].map(sizeOf)) },
  };
  kit.budget = verdict(kit.gzip, budgets.kit);

  // Each element entry's first load.
  const elementsDir = join(dist, 'elements');
  const elementEntries = existsSync(elementsDir)
    ? readdirSync(elementsDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(elementsDir, f))
    : [];
  const elements = elementEntries.map((file) => {
    const name = basename(file, '.js');
    const row = firstLoad(dist, name, file);
    row.budget = verdict(row.gzip, budgets.elements?.[name]);
    return row;
  });
  for (const name of Object.keys(budgets.elements ?? {})) {
    if (!elements.some((e) => e.name === name)) throw new BuildError(`size-budgets.json names element "${name}", but dist/elements/${name}.js is not in the build`);
  }

  // A chunk the scan did not reach means an import form it does not know: numbers would lie.
  const seen = new Set([...reachable, ...elementEntries.flatMap((f) => [...importGraph(f).keys()])]);
  const missed = [...jsFiles(join(dist, 'chunks')), ...jsFiles(join(elementsDir, 'chunks'))].filter((f) => !seen.has(f));
  if (missed.length) throw new BuildError(`chunks no entry imports (the import scan missed a form?): ${missed.map((f) => rel(dist, f)).join(', ')}`);

  const dependencies = attribute(counted);
  const failures = [kit, ...elements].filter((r) => r.budget?.fails).map((r) => r.name);
  const overNotEnforced = [kit, ...elements].filter((r) => r.budget?.status === 'over' && !r.budget.enforce).map((r) => r.name);
  const status = failures.length ? 'over-budget' : kit.budget?.status === 'over-aim' ? 'over-aim' : 'ok';
  return { unit: 'bytes', budgets, status, failures, overNotEnforced, kit, elements, dependencies };
}

/* ---- output ----------------------------------------------------------------------------- */

const kb = (n) => `${(n / KB).toFixed(2)} KB`;
const pct = (x) => `${(x * 100).toFixed(1)}%`;

function budgetText(b) {
  if (!b) return '';
  const limit = `${kb(b.limit)} gzip${b.aim !== null ? `, aim ${kb(b.aim)}` : ''}`;
  const ceiling = b.ceiling !== null ? `; ceiling ${kb(b.ceiling)} enforced` : '';
  if (b.status === 'over-ceiling') return `OVER the ${kb(b.ceiling)} ceiling (budget ${limit})`;
  if (b.status === 'over') return `OVER ${limit}${b.enforce ? '' : ` (not met${ceiling || ', not enforced'})`}`;
  if (b.status === 'over-aim') return `ok (${limit}; above the aim)`;
  return `ok (${limit})`;
}

/** `align`: one letter per column, `l` or `r`. */
function table(head, rows, align) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (align[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function format(result) {
  const { kit } = result;
  const out = [];
  out.push(`Whole kit: ${kit.entry} and every chunk it can load (each file compressed alone, summed)`);
  const fileRows = kit.files.map((f) => [f.file, f.firstLoad ? 'first load' : 'lazy', kb(f.raw), kb(f.gzip), kb(f.brotli), '']);
  const localeRows = kit.locales.map((l) => [l.file, `locale ${l.locale}${l.locale === kit.largestLocale ? ' (largest)' : ''}`, kb(l.raw), kb(l.gzip), kb(l.brotli), '']);
  const totals = [
    ['= first load', 'janua.js + static chunks', kb(kit.firstLoad.raw), kb(kit.firstLoad.gzip), kb(kit.firstLoad.brotli), ''],
    ['= WHOLE KIT', `code + en${kit.largestLocale ? ` + ${kit.largestLocale}` : ''}`, kb(kit.raw), kb(kit.gzip), kb(kit.brotli), budgetText(kit.budget)],
  ];
  out.push(...table(['file', 'loaded', 'minified', 'gzip -9', 'brotli 11', 'budget'], [...fileRows, ...localeRows, ...totals], 'llrrrl'));
  out.push(`  whole kit = ${kit.rule}`);

  out.push('', 'First load per element (entry + the chunks it imports statically; lazy chunks apart):');
  out.push(
    ...table(
      ['element', 'files', 'minified', 'gzip -9', 'brotli 11', 'lazy (gzip)', 'budget'],
      result.elements.map((e) => [
        e.name,
        e.files.length,
        kb(e.raw),
        kb(e.gzip),
        kb(e.brotli),
        e.lazy.length ? e.lazy.map((l) => `${l.locale ? `locale ${l.locale}` : basename(l.file, '.js')} ${kb(l.gzip)}`).join(', ') : '-',
        budgetText(e.budget),
      ]),
      'lrrrrll',
    ),
  );

  out.push('', 'What each package costs in the whole kit (source maps; gzip of its bytes alone, so the column does not add up to the total):');
  out.push(
    ...table(
      ['package', 'minified', 'share', 'gzip alone', 'brotli alone'],
      result.dependencies.map((d) => d.absent ? [d.name, '-', '', '', 'not in the build'] : [d.name, kb(d.raw), pct(d.share), kb(d.gzipAlone), kb(d.brotliAlone)]),
      'lrrrr',
    ),
  );
  out.push('  lit = lit + lit-html + lit-element + @lit/reactive-element');
  return out.join('\n');
}

/** Each wrapper's figures against the "wrappers" budget (applied to the `elements` figure). */
export async function wrappersReport(budget) {
  const { wrapperSizes } = await import('./size-wrappers.mjs');
  const rows = await wrapperSizes(root);
  for (const row of rows) row.budget = row.figure === 'elements' ? verdict(row.added, { ...budget, ...budget.frameworks?.[row.framework] }) : null;
  return rows;
}

export function formatWrappers(rows) {
  const out = ['', 'What each framework wrapper adds over the elements it wraps (gzip of an app bundle with the wrapper minus the same app on the elements directly; framework excluded):'];
  const what = {
    elements: 'components for a sign-in page + account chip',
    app: '+ the auth state API (provider/plugin/stores, useAuth)',
    every: 'a component for every element + the auth state API',
  };
  out.push(
    ...table(
      ['wrapper', 'what', 'elements', 'without', 'with', 'added', 'budget'],
      rows.map((r) => [r.framework, what[r.figure] ?? r.figure, r.elements, kb(r.baseline), kb(r.wrapped), `${r.added} B`, budgetText(r.budget)]),
      'llrrrrl',
    ),
  );
  return out.join('\n');
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log('usage: node scripts/size.mjs [--json] [--dist <dir>] [--budgets <file>]');
      return 0;
    }
    const result = report(args.dist, readBudgets(args.budgets));
    if (result.budgets.wrappers) {
      result.wrappers = await wrappersReport(result.budgets.wrappers);
      for (const row of result.wrappers.filter((r) => r.budget?.fails)) {
        result.failures.push(`${row.framework} wrapper`);
        result.status = 'over-budget';
      }
    }
    console.log(args.json ? JSON.stringify(result, null, 2) : format(result) + (result.wrappers ? formatWrappers(result.wrappers) : ''));
    for (const row of (result.wrappers ?? []).filter((r) => r.budget?.fails)) {
      const limit = row.budget.status === 'over-ceiling' ? `ceiling of ${kb(row.budget.ceiling)}` : `${kb(row.budget.limit)} budget`;
      console.error(`size: FAIL the ${row.framework} wrapper adds ${row.added} B gzip over the elements it wraps, above its ${limit}`);
    }
    for (const row of (result.wrappers ?? []).filter((r) => r.budget?.status === 'over' && !r.budget.fails)) {
      console.error(`size: BUDGET NOT MET the ${row.framework} wrapper adds ${row.added} B gzip, above its ${kb(row.budget.limit)} budget (held at its ceiling)`);
    }
    for (const r of [result.kit, ...result.elements]) {
      if (r.budget?.status === 'over' && !r.budget.enforce) {
        const what = r === result.kit ? 'the whole kit is' : `${r.name} first load is`;
        console.error(`size: BUDGET NOT MET ${what} ${kb(r.gzip)} gzip, above its ${kb(r.budget.limit)} budget${r.budget.ceiling !== null ? ` (held at its ${kb(r.budget.ceiling)} ceiling)` : ' (not enforced)'}`);
      }
    }
    if (result.failures.length) {
      for (const r of [result.kit, ...result.elements].filter((x) => x.budget?.fails)) {
        const limit = r.budget.status === 'over-ceiling' ? `ceiling of ${kb(r.budget.ceiling)}` : `${kb(r.budget.limit)} budget`;
        console.error(`size: FAIL ${r.name} is ${kb(r.gzip)} gzip, above its ${limit}`);
      }
      return 1;
    }
    if (result.kit.budget?.status === 'over-aim') {
      console.error(`size: warning: the whole kit is ${kb(result.kit.gzip)} gzip, above the ${kb(result.kit.budget.aim)} aim`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof BuildError) {
      console.error(`size: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => {
    process.exitCode = code;
  });
}
