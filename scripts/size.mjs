#!/usr/bin/env node
/*
 * Size budget of the kit: gzip (level 9) and brotli (quality 11) of dist/janua.js and of each
 * element entry together with the chunks it imports statically (what a page that loads that one
 * entry downloads before the element can run).
 *
 *   node scripts/size.mjs          table on stdout
 *   node scripts/size.mjs --json   the same numbers as JSON
 *   --dist <dir>                   measure another build (default: dist/)
 *
 * Exits 1 when dist/janua.js is above the 50 KB gzip budget, warns above the 40 KB aim.
 * 1 KB = 1024 bytes. Reads the build only; writes nothing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const KB = 1024;
export const BUDGET_GZIP = 50 * KB;
export const AIM_GZIP = 40 * KB;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = { json: false, dist: join(root, 'dist') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--dist' && argv[i + 1]) args.dist = resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new UsageError(`unknown option "${arg}"`);
  }
  return args;
}

class UsageError extends Error {}

function compressed(bytes) {
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

// Minified ES output: `import{a as b}from"./x.js"`, `import"./x.js"`, `export{…}from"./x.js"`.
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** The files a browser fetches for `entry` before it runs: the entry and its static imports. */
function staticClosure(entry) {
  const seen = new Set();
  const lazy = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${relative(process.cwd(), file)} is imported but missing from the build`);
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) visit(resolve(dirname(file), match[1]));
    for (const match of code.matchAll(DYNAMIC_IMPORT)) lazy.add(resolve(dirname(file), match[1]));
  };
  visit(entry);
  for (const file of seen) lazy.delete(file);
  return { files: [...seen], lazy: [...lazy] };
}

/** Each file is its own request, so each is compressed on its own and the sizes are summed. */
function measure(name, entry) {
  const { files, lazy } = staticClosure(entry);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const size = compressed(readFileSync(file));
    total.raw += size.raw;
    total.gzip += size.gzip;
    total.brotli += size.brotli;
  }
  return {
    name,
    file: relative(process.cwd(), entry),
    files: files.map((f) => relative(process.cwd(), f)),
    lazy: lazy.map((f) => relative(process.cwd(), f)),
    ...total,
  };
}

export function report(dist) {
  const allInOne = join(dist, 'janua.js');
  if (!existsSync(allInOne)) {
    throw new UsageError(`${relative(process.cwd(), allInOne) || allInOne} not found: run \`npm run build:kit\` first.`);
  }
  const kit = measure('janua.js (all-in-one)', allInOne);
  const elementsDir = join(dist, 'elements');
  const elements = existsSync(elementsDir)
    ? readdirSync(elementsDir)
        .filter((f) => f.endsWith('.js'))
        .sort()
        .map((f) => measure(f.replace(/\.js$/, ''), join(elementsDir, f)))
    : [];
  const status = kit.gzip > BUDGET_GZIP ? 'over-budget' : kit.gzip > AIM_GZIP ? 'over-aim' : 'ok';
  return { budget: { gzip: BUDGET_GZIP, aim: AIM_GZIP, unit: 'bytes' }, status, kit, elements };
}

const kb = (n) => `${(n / KB).toFixed(2)} KB`;

function table(result) {
  const rows = [result.kit, ...result.elements].map((r) => [
    r.name,
    String(r.files.length),
    kb(r.raw),
    kb(r.gzip),
    kb(r.brotli),
  ]);
  const head = ['entry', 'files', 'minified', 'gzip -9', 'brotli 11'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  out.push(line(rows[0]), '');
  out.push('per element (entry + the shared chunks it imports):');
  for (const row of rows.slice(1)) out.push(line(row));
  out.push('', `budget: ${kb(BUDGET_GZIP)} gzip for dist/janua.js, aim ${kb(AIM_GZIP)}`);
  return out.join('\n');
}

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log('usage: node scripts/size.mjs [--json] [--dist <dir>]');
      return 0;
    }
    const result = report(args.dist);
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else console.log(table(result));
    if (result.status === 'over-budget') {
      console.error(`size: FAIL dist/janua.js is ${kb(result.kit.gzip)} gzip, above the ${kb(BUDGET_GZIP)} budget`);
      return 1;
    }
    if (result.status === 'over-aim') {
      console.error(`size: warning dist/janua.js is ${kb(result.kit.gzip)} gzip, above the ${kb(AIM_GZIP)} aim`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && /missing from the build/.test(error.message))) {
      console.error(`size: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
