#!/usr/bin/env node
// The token table (docs/tokens.md), generated from the code so nothing is written twice:
// - global tokens: components/internal/tokens.ts, each `name: css\`var(--janua-…, default)\``
//   under its one-line doc comment (what it paints);
// - per-element knobs: every `var(--janua-…, default)` the element styles read that is not a
//   global token, with the `@cssprop` line of the element class that documents it.
// `--check` fails when docs/tokens.md is stale, a knob the code reads is undocumented, or a
// documented default differs from the code's (tests/packages/tokens.test.ts runs it).
//
//   node scripts/tokens.mjs           writes docs/tokens.md
//   node scripts/tokens.mjs --check   exits 1 with the problems
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const componentsDir = join(root, 'components');
const target = join(root, 'docs', 'tokens.md');

/** `var(` calls in `text` with their balanced argument list: [{ name, fallback, start, end }]. */
function varCalls(text) {
  const out = [];
  for (let i = text.indexOf('var('); i !== -1; i = text.indexOf('var(', i + 4)) {
    let depth = 0;
    let end = i + 3;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    const inner = text.slice(i + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
    out.push({ name, fallback: comma === -1 ? null : inner.slice(comma + 1).trim(), start: i, end: end + 1 });
  }
  return out;
}

/** `var(--janua-x, …)` → `var(--janua-x)` at every depth: how the JSDoc writes a default. */
export function shortDefault(value) {
  if (value == null) return '';
  let text = value;
  for (;;) {
    const call = varCalls(text).find((c) => c.name.startsWith('--janua-') && c.fallback !== null);
    if (!call) return text.replace(/\s+/g, ' ').trim();
    text = `${text.slice(0, call.start)}var(${call.name})${text.slice(call.end)}`;
  }
}

/** Global tokens from tokens.ts, in file order: [{ name, key, default, doc }]. */
export function globalTokens() {
  const source = readFileSync(join(componentsDir, 'internal', 'tokens.ts'), 'utf8');
  const tokens = [];
  const re = /\/\*\*\s*(.+?)\s*\*\/\s*\n\s*(?:export const\s+)?(\w+)\s*[:=]\s*css`(var\(--janua-[^`]+\))`/g;
  for (const m of source.matchAll(re)) {
    const [, doc, key, expr] = m;
    // Inside `export const color = { … }` the key is `color.text`; top-level constants stand alone.
    const group = [...source.slice(0, m.index).matchAll(/export const (\w+) = \{|^\};/gm)].at(-1)?.[1];
    // A default may build on a token above it (`calc(0.25 * ${space})`): written out in full.
    const [call] = varCalls(resolveInterpolations(expr, tokens));
    tokens.push({ name: call.name, key: group ? `${group}.${key}` : key, default: call.fallback, doc });
  }
  return tokens;
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Interpolations of tokens.ts (`${color.text}`, `${space}`, `${popover.hover}`) as the CSS they stand for. */
function resolveInterpolations(text, globals) {
  const byKey = new Map(globals.map((t) => [t.key, `var(${t.name}, ${t.default})`]));
  return text.replace(/\$\{((?:\w+\.)?\w+)\}/g, (whole, key) => byKey.get(key) ?? whole);
}

/** `@cssprop [--janua-x=default] - text` lines of each element class: [{ name, default, doc, tag }]. */
function documented() {
  const out = [];
  for (const file of walk(componentsDir)) {
    const source = readFileSync(file, 'utf8');
    const tag = /@tag\s+([\w-]+)/.exec(source)?.[1] ?? /@tagname\s+([\w-]+)/.exec(source)?.[1];
    for (const [, name, def, doc] of source.matchAll(/@cssprop\s+\[?(--janua-[\w-]+)(?:=([^\]]*))?\]?\s*-\s*(.+)/g)) {
      out.push({ name, default: def ?? null, doc: doc.trim(), tag: tag ?? relative(componentsDir, file).split('/')[0] });
    }
  }
  return out;
}

/** Knobs the element styles read: name → { default (first use), files }. */
function knobsInCode(globals) {
  const globalNames = new Set(globals.map((t) => t.name));
  const knobs = new Map();
  for (const file of walk(componentsDir)) {
    if (file.endsWith(join('internal', 'tokens.ts'))) continue;
    const source = resolveInterpolations(readFileSync(file, 'utf8'), globals);
    // Knobs built in a loop (`--janua-avatar-color-${i}`) are read from their JSDoc instead.
    for (const call of varCalls(source)) {
      if (!/^--janua-[\w-]+$/.test(call.name) || globalNames.has(call.name)) continue;
      const seen = knobs.get(call.name) ?? { default: call.fallback, files: new Set() };
      seen.files.add(relative(root, file));
      knobs.set(call.name, seen);
    }
  }
  return knobs;
}

export function collect() {
  const globals = globalTokens();
  const docs = documented();
  const code = knobsInCode(globals);
  const globalNames = new Set(globals.map((t) => t.name));
  const problems = [];
  const knobs = new Map();
  for (const d of docs) {
    if (globalNames.has(d.name)) {
      const g = globals.find((t) => t.name === d.name);
      if (d.default !== null && shortDefault(d.default) !== shortDefault(g.default)) {
        problems.push(`${d.tag}: @cssprop ${d.name} says ${d.default}, tokens.ts says ${shortDefault(g.default)}`);
      }
      continue;
    }
    const k = knobs.get(d.name) ?? { name: d.name, tags: new Set(), doc: d.doc, default: null };
    k.tags.add(d.tag);
    const inCode = code.get(d.name);
    const fromCode = inCode ? shortDefault(inCode.default) : null;
    if (inCode && d.default !== null && shortDefault(d.default) !== fromCode) {
      problems.push(`${d.tag}: @cssprop ${d.name} says ${d.default}, the code says ${fromCode}`);
    }
    k.default = fromCode ?? shortDefault(d.default);
    knobs.set(d.name, k);
  }
  for (const [name, where] of code) {
    if (!knobs.has(name)) problems.push(`${name} is read by ${[...where.files].join(', ')} but no element documents it (@cssprop)`);
  }
  return { globals, knobs: [...knobs.values()].sort((a, b) => a.name.localeCompare(b.name)), problems };
}

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function render({ globals, knobs }) {
  return `# Janua tokens

<!-- GENERATED by \`node scripts/tokens.mjs\` from components/internal/tokens.ts and the elements'
     @cssprop JSDoc: do not edit; tests/packages/tokens.test.ts fails when this file is stale. -->

Every custom property the elements read, with the default they fall back to when no theme sheet
is loaded. Set them on any ancestor (\`:root\`, a wrapper, the element itself); the sheets in
\`themes/\` (\`light\`, \`dark\`, \`auto\`, \`high-contrast\`, \`paper\`, \`terminal\`) redefine the
global ones. What tokens do not reach, \`::part()\` (shadow surfaces) and the \`janua-\` classes
(light-DOM forms) do; both are listed per element in \`custom-elements.json\`.

## Global tokens (${globals.length})

| Token | Default | Paints |
|---|---|---|
${globals.map((t) => `| \`${t.name}\` | \`${cell(t.default)}\` | ${cell(t.doc)} |`).join('\n')}

## Per-element knobs (${knobs.length})

Named \`--janua-<element>-<prop>\`; read once on the host.

| Knob | Element | Default | What |
|---|---|---|---|
${knobs.map((k) => `| \`${k.name}\` | ${[...k.tags].sort().map((t) => `\`<${t}>\``).join(', ')} | \`${cell(k.default)}\` | ${cell(k.doc)} |`).join('\n')}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const data = collect();
  const text = render(data);
  if (process.argv.includes('--check')) {
    const problems = [...data.problems];
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {}
    if (current !== text) problems.push('docs/tokens.md is stale: run `node scripts/tokens.mjs`');
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote docs/tokens.md: ${data.globals.length} global tokens, ${data.knobs.length} knobs`);
    if (data.problems.length) console.error(`problems:\n${data.problems.join('\n')}`);
  }
}
