#!/usr/bin/env node
/*
 * Run by plain `node` (no loader, no export conditions: what a server-rendering app does) from
 * the folder whose node_modules should resolve the packages. Imports each specifier given on the
 * command line and prints one JSON report on stdout:
 *   { results: [{ specifier, ok, error?, exports? }], newGlobals, domAccess, definedTags, constructed? }
 *
 * `domAccess` lists every read of a browser global (document, window, CSSStyleSheet, …) made by
 * a file that is not a dependency's (node_modules, other than @janua's own packages) while the
 * modules evaluated: importing must touch no DOM. `--construct` also constructs every custom
 * element class that the imports exported (what server rendering does next) and reports which
 * threw, and what they touched while at it.
 */
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const construct = args.includes('--construct');
const specifiers = args.filter((a) => !a.startsWith('--'));

/** Browser globals none of our modules may reach while they evaluate. */
const WATCHED = [
  'document', 'window', 'self', 'navigator', 'location', 'localStorage', 'sessionStorage',
  'CSSStyleSheet', 'HTMLElement', 'Element', 'Node', 'ShadowRoot', 'Document', 'customElements',
  'MutationObserver', 'matchMedia', 'requestAnimationFrame', 'getComputedStyle',
];

const before = new Set(Reflect.ownKeys(globalThis));
/** Watched names that held nothing before: if one holds something afterwards, someone defined it. */
const absent = new Set();
const domAccess = [];
let phase = 'import';

const thisFile = import.meta.url;

/** A file of ours: not under node_modules, or under node_modules/@janua/ (the packed packages). */
function ourFrame(stack) {
  for (const line of String(stack).split('\n').slice(2)) {
    const file = /(file:\/\/[^\s)]+|\/[^\s)]+\.m?js)/.exec(line)?.[1];
    if (!file || file.startsWith('node:')) continue;
    if (file === thisFile || file.startsWith(`${thisFile}:`)) continue;
    if (!file.includes('/node_modules/') || /\/node_modules\/@janua\//.test(file)) return file;
    return null;
  }
  return null;
}

for (const name of WATCHED) {
  const had = Object.getOwnPropertyDescriptor(globalThis, name);
  let value = had ? ('value' in had ? had.value : had.get?.call(globalThis)) : undefined;
  if (value === undefined) absent.add(name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: had?.enumerable ?? false,
    get() {
      const file = ourFrame(new Error().stack);
      if (file) domAccess.push({ name, file: file.replace(/^file:\/\//, '').replace(/:\d+:\d+$/, ''), phase });
      return value;
    },
    set(next) {
      value = next;
    },
  });
}

const results = [];
const exported = [];
for (const specifier of specifiers) {
  try {
    const target = specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(specifier).href : specifier;
    const mod = await import(target);
    results.push({ specifier, ok: true, exports: Object.keys(mod).sort() });
    exported.push(...Object.values(mod));
  } catch (error) {
    results.push({ specifier, ok: false, error: String(error?.stack ?? error).split('\n').slice(0, 4).join('\n') });
  }
}

// Lit's Node build installs its registry shim (@lit-labs/ssr-dom-shim); read it without the
// read counting as ours.
const registry = Object.getOwnPropertyDescriptor(globalThis, 'customElements')?.get?.call({});
const definedTags = [...(registry?.__definitions?.keys?.() ?? [])].filter((tag) => tag.startsWith('janua-')).sort();

let constructed;
if (construct) {
  phase = 'construct';
  constructed = [];
  for (const value of new Set(exported)) {
    if (typeof value !== 'function' || !/^Janua[A-Z]/.test(value.name)) continue;
    // Element classes only (Lit's ReactiveElement in the chain); events and helpers are not built here.
    let proto = value.prototype;
    let isElement = false;
    while (proto) {
      if (proto.constructor?.name === 'ReactiveElement' || Object.prototype.hasOwnProperty.call(proto, 'requestUpdate')) {
        isElement = true;
        break;
      }
      proto = Object.getPrototypeOf(proto);
    }
    if (!isElement) continue;
    try {
      new value();
      constructed.push({ name: value.name, ok: true });
    } catch (error) {
      constructed.push({ name: value.name, ok: false, error: String(error?.message ?? error) });
    }
  }
}

const newGlobals = [
  ...Reflect.ownKeys(globalThis).filter((k) => !before.has(k) && !WATCHED.includes(k)).map(String),
  ...[...absent].filter((name) => Object.getOwnPropertyDescriptor(globalThis, name)?.get?.call({}) !== undefined),
];
process.stdout.write(`${JSON.stringify({ results, newGlobals: newGlobals.sort(), domAccess, definedTags, constructed })}\n`);
