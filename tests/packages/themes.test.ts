/**
 * Every theme in themes/ reaches WCAG AA for every text/background pair it defines, and so does
 * the README's theming example laid over each theme. Colours are read from the sheets themselves
 * (custom properties of the theme's rule), so a new theme or token is checked with no test edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
type Tokens = Record<string, string>;
type RGBA = [number, number, number, number];

/** Text that must be read (4.5:1), and parts a user must see (3:1: borders, focus). */
const PAIRS: { fg: string; bg: string; min: number; what: string }[] = [
  { fg: 'text', bg: 'surface', min: 4.5, what: 'body text on a card' },
  { fg: 'text', bg: 'background', min: 4.5, what: 'body text on the page' },
  { fg: 'muted', bg: 'surface', min: 4.5, what: 'hints and subtitles' },
  { fg: 'muted', bg: 'background', min: 4.5, what: 'hints on the page' },
  { fg: 'primary-contrast', bg: 'primary', min: 4.5, what: 'a primary button label' },
  { fg: 'primary', bg: 'surface', min: 4.5, what: 'links and ghost buttons' },
  { fg: 'danger', bg: 'surface', min: 4.5, what: 'error text' },
  { fg: 'primary-contrast', bg: 'danger', min: 4.5, what: 'a danger button label' },
  { fg: 'success', bg: 'surface', min: 4.5, what: 'success text' },
  { fg: 'border', bg: 'surface', min: 3, what: 'input borders' },
  { fg: 'focus', bg: 'surface', min: 3, what: 'the focus ring on a card' },
  { fg: 'focus', bg: 'background', min: 3, what: 'the focus ring on the page' },
];

function parseColor(value: string): RGBA {
  const v = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(v);
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : Number(rgb[4]);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
  }
  throw new Error(`Write theme colours as hex or rgb() so their contrast can be checked; got "${value}"`);
}

function over(fg: RGBA, bg: RGBA): RGBA {
  const a = fg[3];
  return [0, 1, 2].map((i) => fg[i]! * a + bg[i]! * (1 - a)).concat(1) as RGBA;
}

function luminance([r, g, b]: RGBA): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(fg: string, bg: string, page = '#ffffff'): number {
  const back = over(parseColor(bg), parseColor(page));
  const [a, b] = [luminance(over(parseColor(fg), back)), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** `--janua-color-*` declarations of every rule in a sheet, later rules winning. */
function colorTokens(css: string): Tokens {
  const tokens: Tokens = {};
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [, name, value] of text.matchAll(/--janua-color-([\w-]+)\s*:\s*([^;]+);/g)) tokens[name!] = value!.trim();
  return tokens;
}

function check(label: string, tokens: Tokens): string[] {
  const problems: string[] = [];
  for (const p of PAIRS) {
    if (!tokens[p.fg] || !tokens[p.bg]) {
      problems.push(`${label}: --janua-color-${p.fg} / --janua-color-${p.bg} not defined (${p.what})`);
      continue;
    }
    const ratio = contrast(tokens[p.fg]!, tokens[p.bg]!, tokens['background']);
    if (ratio < p.min) problems.push(`${label}: ${p.what}: --janua-color-${p.fg} on --janua-color-${p.bg} is ${ratio.toFixed(2)}:1 (needs ${p.min}:1)`);
  }
  return problems;
}

const themes = readdirSync(join(root, 'themes')).filter((f) => f.endsWith('.css') && f !== 'tailwind.css');

test('the contrast formula gives the WCAG reference values', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(0), '21');
  assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
  assert.ok(contrast('rgb(0 0 0 / 0.5)', '#ffffff') < 4.5, 'alpha is composited over the background');
});

test('every theme reaches AA for every text/background pair it defines', () => {
  assert.ok(themes.length >= 2, 'themes found');
  const problems = themes.flatMap((file) => check(file, colorTokens(readFileSync(join(root, 'themes', file), 'utf8'))));
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('every theme states which tokens move together', () => {
  for (const file of themes) {
    const css = readFileSync(join(root, 'themes', file), 'utf8');
    assert.match(css, /move together/i, `${file} says which tokens move together`);
  }
});

/** A CSS block's colour tokens: rules whose selector names a dark theme apart from the rest. */
function byScheme(css: string): { base: Tokens; dark: Tokens } {
  const base: Tokens = {};
  const dark: Tokens = {};
  for (const [, selector, body] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    Object.assign(/dark/.test(selector!) ? dark : base, colorTokens(`${body}`));
  }
  return { base, dark };
}

test('the README theming example stays readable laid over every theme', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```css\n([\s\S]*?)```/g)].map((m) => byScheme(m[1]!))
    .filter((e) => Object.keys(e.base).length + Object.keys(e.dark).length > 0);
  assert.ok(examples.length > 0, 'the README sets colour tokens somewhere');
  const problems: string[] = [];
  for (const file of themes) {
    const theme = colorTokens(readFileSync(join(root, 'themes', file), 'utf8'));
    for (const [i, e] of examples.entries()) {
      problems.push(...check(`README example ${i + 1} over ${file}`, { ...theme, ...e.base, ...(file.includes('dark') ? e.dark : {}) }));
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});
