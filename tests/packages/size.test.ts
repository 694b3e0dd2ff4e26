import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root } from './support.ts';

/*
 * scripts/size.mjs on a small hand-made build, so its rules are pinned down: imports followed
 * recursively (static and dynamic, every quoting the minifier uses), one locale counted in the
 * whole kit, first loads apart from lazy chunks, budgets enforced or only reported.
 */

interface Size { raw: number; gzip: number; brotli: number }
interface SizeModule {
  compressed(bytes: Buffer): Size;
  decodeMappings(mappings: string): [number, number][][];
  report(dist: string, budgets: unknown): {
    status: string;
    failures: string[];
    overNotEnforced: string[];
    kit: Size & { largestLocale: string | null; locales: { locale: string; file: string }[]; files: { file: string; firstLoad: boolean }[]; firstLoad: Size & { files: string[] }; budget: { status: string } };
    elements: (Size & { name: string; files: string[]; lazy: { file: string; locale: string | null }[] })[];
    dependencies: { name: string; raw: number; absent?: boolean }[];
  };
}

const size = (await import(join(root, 'scripts/size.mjs'))) as SizeModule;
const dist = mkdtempSync(join(tmpdir(), 'janua-size-'));
after(() => rmSync(dist, { recursive: true, force: true }));

const files: Record<string, string> = {
  'janua.js': 'import{a as b}from"./chunks/shared-1.js";const f=()=>import(`./chunks/locale-fr-Ab1.js`),g=()=>import("./chunks/locale-de-Cd2.js"),h=()=>import(\'./chunks/passkeys-Ef3.js\');export{b};',
  'chunks/shared-1.js': `export const a=${JSON.stringify('shared '.repeat(40))};`,
  'chunks/passkeys-Ef3.js': `import{a}from"./shared-1.js";export*from"./webauthn-9.js";export const p=${JSON.stringify('passkeys '.repeat(30))};`,
  'chunks/webauthn-9.js': `export const w=${JSON.stringify('webauthn-only-lazy '.repeat(20))};`,
  'chunks/locale-fr-Ab1.js': `export default ${JSON.stringify(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, `texte français numéro ${i * 7919}`])))};`,
  'chunks/locale-de-Cd2.js': 'export default {"k1":"Hallo"};',
  'elements/sign-in.js': 'import"./chunks/base-1.js";const l=()=>import("./chunks/locale-fr-Gh4.js");',
  'elements/chunks/base-1.js': `export const s=${JSON.stringify('sign-in '.repeat(50))};`,
  'elements/chunks/locale-fr-Gh4.js': 'export default {"k":"x"};',
};
for (const [file, text] of Object.entries(files)) {
  mkdirSync(join(dist, file, '..'), { recursive: true });
  writeFileSync(join(dist, file), text);
}
const sized = (file: string) => size.compressed(Buffer.from(files[file]!));
const total = (names: string[]) => names.map(sized).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }));
const budgets = (kit: number, signIn: number, enforce: boolean) => ({ kit: { gzip: kit, aim: kit, enforce: true }, elements: { 'sign-in': { gzip: signIn, enforce } } });

test('the whole kit: every chunk janua.js can reach, English in the code, and only the largest locale', () => {
  const r = size.report(dist, budgets(50, 20, true));
  assert.deepEqual(r.kit.locales.map((l) => l.locale), ['de', 'fr']);
  assert.equal(r.kit.largestLocale, 'fr');
  const code = ['janua.js', 'chunks/shared-1.js', 'chunks/passkeys-Ef3.js', 'chunks/webauthn-9.js'];
  assert.deepEqual(r.kit.files.map((f) => f.file).sort(), code.sort());
  const counted = total([...code, 'chunks/locale-fr-Ab1.js']);
  assert.equal(r.kit.raw, counted.raw);
  assert.equal(r.kit.gzip, counted.gzip, 'each file compressed alone and summed');
  assert.equal(r.kit.brotli, counted.brotli);
  assert.deepEqual(r.kit.firstLoad.files.sort(), ['chunks/shared-1.js', 'janua.js']);
  assert.equal(r.kit.firstLoad.gzip, total(['janua.js', 'chunks/shared-1.js']).gzip);
  assert.equal(r.status, 'ok');
});

test('an element\'s first load holds its static chunks; what it loads through import() is listed apart', () => {
  const r = size.report(dist, budgets(50, 20, true));
  const signIn = r.elements.find((e) => e.name === 'sign-in')!;
  assert.deepEqual(signIn.files.sort(), ['elements/chunks/base-1.js', 'elements/sign-in.js']);
  assert.equal(signIn.gzip, total(['elements/sign-in.js', 'elements/chunks/base-1.js']).gzip);
  assert.deepEqual(signIn.lazy.map((l) => [l.file, l.locale]), [['elements/chunks/locale-fr-Gh4.js', 'fr']]);
});

test('budgets: an enforced one fails, one with enforce: false is reported and passes', () => {
  const tight = size.report(dist, budgets(0.1, 0.1, false));
  assert.deepEqual(tight.failures, ['whole kit']);
  assert.deepEqual(tight.overNotEnforced, ['sign-in']);
  assert.equal(tight.status, 'over-budget');
  const enforced = size.report(dist, budgets(50, 0.1, true));
  assert.deepEqual(enforced.failures, ['sign-in']);
});

test('a budget not met yet holds at its ceiling: under it the run passes and says so, above it the run fails', () => {
  const kitGzip = size.report(dist, budgets(50, 20, true)).kit.gzip;
  const kb = (bytes: number) => bytes / 1024;
  const held = size.report(dist, { kit: { gzip: 0.01, enforce: false, ceiling: kb(kitGzip) + 0.01 } });
  assert.deepEqual(held.failures, []);
  assert.equal(held.kit.budget.status, 'over');
  assert.deepEqual(held.overNotEnforced, ['whole kit']);
  const grown = size.report(dist, { kit: { gzip: 0.01, enforce: false, ceiling: kb(kitGzip) - 0.01 } });
  assert.deepEqual(grown.failures, ['whole kit']);
  assert.equal(grown.kit.budget.status, 'over-ceiling');
  assert.equal(grown.status, 'over-budget');
});

test('a chunk that no entry imports stops the report instead of being left out', () => {
  writeFileSync(join(dist, 'chunks/orphan-1.js'), 'export const o=1;');
  try {
    assert.throws(() => size.report(dist, budgets(50, 20, true)), /chunks no entry imports.*orphan-1\.js/);
  } finally {
    rmSync(join(dist, 'chunks/orphan-1.js'));
  }
});

test('source maps attribute bytes to packages, across the lines of a multi-line template', () => {
  assert.deepEqual(size.decodeMappings('AAAA,GCAA;;ACAA'), [[[0, 0], [3, 1]], [], [[0, 2]]]);
  const code = 'abcdef\nghi\nxyz';
  writeFileSync(join(dist, 'chunks/shared-1.js'), code);
  writeFileSync(join(dist, 'chunks/shared-1.js.map'), JSON.stringify({
    version: 3,
    sources: [join(root, 'node_modules/lit-html/lit-html.js'), join(root, 'packages/core/src/client.ts'), join(root, 'components/sign-in/sign-in.ts')],
    mappings: 'AAAA,GCAA;;ACAA',
  }));
  try {
    const deps = new Map(size.report(dist, budgets(50, 20, true)).dependencies.map((d) => [d.name, d]));
    assert.equal(deps.get('lit')?.raw, 3, 'abc');
    assert.equal(deps.get('@janua/core')?.raw, 'def\nghi\n'.length, 'a line without segments belongs to the segment before it');
    assert.equal(deps.get('@janua/ui')?.raw, 3, 'xyz');
    assert.equal(deps.get('@simplewebauthn/browser')?.absent, true, 'watched packages are listed even when absent');
  } finally {
    writeFileSync(join(dist, 'chunks/shared-1.js'), files['chunks/shared-1.js']!);
    rmSync(join(dist, 'chunks/shared-1.js.map'));
  }
});
