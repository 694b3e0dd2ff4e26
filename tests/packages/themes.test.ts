/**
 * Every theme in themes/ reaches WCAG AA for every text/background pair it defines, and so does
 * the README's theming example laid over each theme. Colours are read from the sheets themselves
 * (custom properties of the theme's rule), so a new theme or token is checked with no test edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname, '../..');
type Tokens = Record<string, string>;
type RGBA = [number, number, number, number];

/**
 * Text that must be read (4.5:1; 7:1 in a high-contrast theme), and parts a user must see (3:1:
 * borders, focus). `bg` lists layers from the top down, each a token with its fallbacks as the
 * elements' code has them (`popover-background` falls back to `color-surface`): the top layer may
 * be translucent and is laid over the next.
 */
type Pair = { fg: string; bg: string[][]; min: number; what: string; text: boolean };
const T = (fg: string, bg: (string | string[])[], what: string): Pair => ({ fg, bg: bg.map((b) => [b].flat()), min: 4.5, what, text: true });
const U = (fg: string, bg: (string | string[])[], what: string): Pair => ({ fg, bg: bg.map((b) => [b].flat()), min: 3, what, text: false });
const POPOVER = ['popover-background', 'color-surface'];
const PAIRS: Pair[] = [
  T('color-text', ['color-surface'], 'body text on a card'),
  T('color-text', ['color-background'], 'body text on the page'),
  T('color-text', ['color-input-background'], 'typed text in an input'),
  T('color-text', ['color-surface-muted'], 'backup codes on their muted fill'),
  T('color-text', [POPOVER], 'menu rows'),
  T('color-text', ['popover-hover', POPOVER], 'the menu row under the pointer'),
  T('color-text', ['popover-hover', 'color-surface'], 'a secondary button under the pointer'),
  T('color-primary', ['popover-hover', 'color-surface'], 'a ghost button under the pointer'),
  T('color-muted', ['color-surface'], 'hints and subtitles'),
  T('color-muted', ['color-background'], 'hints on the page'),
  T('color-muted', ['color-surface-muted'], 'hints on a muted fill'),
  T('color-muted', [POPOVER], 'roles and e-mail in a menu'),
  T('color-primary-contrast', ['color-primary'], 'a primary button label'),
  T('color-primary-contrast', [['color-primary-hover', 'color-primary']], 'a primary button label under the pointer'),
  T('color-primary', ['color-surface'], 'links and ghost buttons'),
  T('color-danger', ['color-surface'], 'error text'),
  T('color-primary-contrast', ['color-danger'], 'a danger button label'),
  T('color-primary-contrast', [['color-danger-hover', 'color-danger']], 'a danger button label under the pointer'),
  T('color-success', ['color-surface'], 'success text'),
  U('color-border', ['color-surface'], 'secondary-button borders and the password meter\'s outline on a card'),
  U('color-border', [['color-input-background', 'color-surface']], 'input borders'),
  U('color-focus', ['color-surface'], 'the focus ring on a card'),
  U('color-focus', ['color-background'], 'the focus ring on the page'),
  U('color-focus', [POPOVER], 'the focus ring in a menu'),
  U('color-danger', ['color-surface-muted'], 'a weak password\'s meter fill on its track'),
  U('color-text', ['color-surface-muted'], 'a fair password\'s meter fill on its track'),
  U('color-success', ['color-surface-muted'], 'a good password\'s meter fill on its track'),
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

/** `--janua-*` declarations of some CSS, later ones winning, keyed without the prefix. */
function tokensOf(css: string): Tokens {
  const tokens: Tokens = {};
  for (const [, name, value] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/--janua-([\w-]+)\s*:\s*([^;]+);/g)) tokens[name!] = value!.trim();
  return tokens;
}

/** A sheet's token sets: one per colour scheme it answers (`prefers-color-scheme: dark` blocks). */
function modes(css: string): { scheme: 'light' | 'dark' | 'only'; tokens: Tokens }[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const dark: string[] = [];
  const base = text.replace(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g, (_, inner: string) => {
    dark.push(inner);
    return '';
  });
  const baseTokens = tokensOf(base);
  if (!dark.length) return [{ scheme: 'only', tokens: baseTokens }];
  return [{ scheme: 'light', tokens: baseTokens }, { scheme: 'dark', tokens: { ...baseTokens, ...tokensOf(dark.join('\n')) } }];
}

function pick(tokens: Tokens, names: string[]): string | undefined {
  return names.map((n) => tokens[n]).find((v) => v !== undefined);
}

function check(label: string, tokens: Tokens, strict = false): string[] {
  const problems: string[] = [];
  for (const p of PAIRS) {
    const fg = tokens[p.fg];
    const layers = p.bg.map((names) => pick(tokens, names));
    if (!fg || layers.some((l) => !l)) {
      problems.push(`${label}: --janua-${p.fg} / ${p.bg.map((b) => `--janua-${b[0]}`).join(' over ')} not defined (${p.what})`);
      continue;
    }
    // Lay the layers bottom-up over the page, then measure the text against the result.
    let back = parseColor(tokens['color-background'] ?? '#ffffff');
    for (const layer of [...layers].reverse()) back = over(parseColor(layer!), back);
    const hex = `rgb(${back.slice(0, 3).join(' ')})`;
    const ratio = contrast(fg, hex);
    const min = strict ? 7 : p.min;
    if (ratio < min) problems.push(`${label}: ${p.what}: --janua-${p.fg} on ${p.bg.map((b) => b[0]).join(' over ')} is ${ratio.toFixed(2)}:1 (needs ${min}:1)`);
  }
  return problems;
}

/** Every colour token the elements read (components/internal/tokens.ts), each a surface a theme must set. */
const colorTokens = [...readFileSync(join(root, 'components/internal/tokens.ts'), 'utf8').matchAll(/var\(--janua-(color-[\w-]+),/g)]
  .map((m) => m[1]!)
  .filter((name, i, all) => all.indexOf(name) === i);

const themes = readdirSync(join(root, 'themes')).filter((f) => f.endsWith('.css') && !f.startsWith('tailwind'));

test('the contrast formula gives the WCAG reference values', () => {
  assert.equal(contrast('#000000', '#ffffff').toFixed(0), '21');
  assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
  assert.ok(contrast('rgb(0 0 0 / 0.5)', '#ffffff') < 4.5, 'alpha is composited over the background');
});

test('every theme reaches AA (high contrast: AAA) for every text/background pair it defines, in each colour scheme', () => {
  assert.ok(themes.length >= 6, `light, dark, auto, high contrast and two presets found (${themes.join(', ')})`);
  const problems = themes.flatMap((file) => modes(readFileSync(join(root, 'themes', file), 'utf8'))
    .flatMap((m) => check(m.scheme === 'only' ? file : `${file} (${m.scheme})`, m.tokens, file.startsWith('high-contrast'))));
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('every theme sets every colour token the elements read', () => {
  assert.ok(colorTokens.length >= 15, `colour tokens found in tokens.ts: ${colorTokens.join(', ')}`);
  const problems = themes.flatMap((file) => modes(readFileSync(join(root, 'themes', file), 'utf8'))
    .flatMap((m) => colorTokens.filter((t) => !(t in m.tokens)).map((t) => `${file} (${m.scheme}) lacks --janua-${t}`)));
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('a theme answers to its class and data-janua-theme attribute, and is the page default only at zero specificity', () => {
  for (const file of themes) {
    const name = file.replace(/\.css$/, '');
    const css = readFileSync(join(root, 'themes', file), 'utf8');
    assert.match(css, new RegExp(`\\[data-janua-theme='${name}'\\]`), `${file}: [data-janua-theme='${name}']`);
    assert.match(css, new RegExp(`\\.janua-theme-${name}\\b`), `${file}: .janua-theme-${name}`);
    assert.doesNotMatch(css.replace(/:where\(:root\)/g, ''), /:root/, `${file}: the page default is :where(:root), so an attribute always wins over it`);
  }
});

test('themes/auto.css is generated from light.css and dark.css and up to date', () => {
  const run = spawnSync(process.execPath, [join(root, 'scripts/themes.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [light, dark] = modes(readFileSync(join(root, 'themes/auto.css'), 'utf8'));
  assert.deepEqual(light!.tokens, tokensOf(readFileSync(join(root, 'themes/light.css'), 'utf8')));
  assert.deepEqual(dark!.tokens, tokensOf(readFileSync(join(root, 'themes/dark.css'), 'utf8')));
});

test('every theme states which tokens move together', () => {
  for (const file of themes) {
    const css = readFileSync(join(root, 'themes', file), 'utf8');
    assert.match(css, /move together/i, `${file} says which tokens move together`);
  }
});

/** A CSS block's tokens: rules whose selector names a dark theme apart from the rest. */
function byScheme(css: string): { base: Tokens; dark: Tokens } {
  const base: Tokens = {};
  const dark: Tokens = {};
  for (const [, selector, body] of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    Object.assign(/dark/.test(selector!) ? dark : base, tokensOf(`${body}`));
  }
  return { base, dark };
}

test('the README theming example stays readable laid over light, dark and auto', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```css\n([\s\S]*?)```/g)].map((m) => byScheme(m[1]!))
    .filter((e) => Object.keys(e.base).some((k) => k.startsWith('color-')) || Object.keys(e.dark).some((k) => k.startsWith('color-')));
  assert.ok(examples.length > 0, 'the README sets colour tokens somewhere');
  const problems: string[] = [];
  for (const file of ['light.css', 'dark.css', 'auto.css']) {
    for (const m of modes(readFileSync(join(root, 'themes', file), 'utf8'))) {
      const isDark = m.scheme === 'dark' || file === 'dark.css';
      for (const [i, e] of examples.entries()) {
        problems.push(...check(`README example ${i + 1} over ${file} (${m.scheme})`, { ...m.tokens, ...e.base, ...(isDark ? e.dark : {}) }));
      }
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('every theme sets color-scheme to match its surface, so the browser\'s own controls follow (auto: in each scheme)', () => {
  const problems: string[] = [];
  for (const file of themes) {
    const text = readFileSync(join(root, 'themes', file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of modes(text)) {
      const block = m.scheme === 'dark' ? /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{([\s\S]*)\}\s*$/.exec(text)?.[1] ?? '' : text.replace(/@media[\s\S]*$/, '');
      const scheme = /color-scheme\s*:\s*(\w+)\s*;/.exec(block)?.[1];
      const dark = luminance(parseColor(m.tokens['color-surface']!)) < 0.2;
      if (scheme !== (dark ? 'dark' : 'light')) problems.push(`${file} (${m.scheme}): color-scheme ${scheme ?? 'unset'}, surface ${m.tokens['color-surface']}`);
    }
  }
  assert.deepEqual(problems, []);
});
