/**
 * The passkeys' WebAuthn code (`packages/core/src/webauthn.ts`) is a lazy chunk of the real
 * build: no first load holds it, neither `janua.js`'s nor any element's, and the pages that
 * can run a ceremony (janua.js, the sign-in card, the passkey manager) reach it through
 * `import()`. Read from the source maps of `dist/`, so a static import that pulled it into a
 * first load fails here, whatever the file names. Needs `npm run build:kit` (npm test builds first).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { root } from './support.ts';

interface Row { files?: string[]; file: string; lazy?: { file: string }[] }
interface SizeModule {
  report(dist: string): {
    kit: { files: { file: string; firstLoad: boolean }[] };
    elements: (Row & { name: string; files: string[]; lazy: { file: string }[] })[];
  };
}

const dist = join(root, 'dist');
const WEBAUTHN = 'packages/core/src/webauthn.ts';

/**
 * Whether a built file holds the WebAuthn module: its source map names it, or (a small entry
 * written without a map) its text holds a string only that module has, which minifiers keep.
 */
function holdsWebAuthn(file: string): boolean {
  const path = join(dist, file);
  if (readFileSync(path, 'utf8').includes('getPublicKeyAlgorithm')) return true;
  if (!existsSync(`${path}.map`)) return false;
  const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[]; sourceRoot?: string };
  const base = resolve(dirname(path), map.sourceRoot ?? '');
  return map.sources.some((s) => relative(root, resolve(base, s)).split('\\').join('/') === WEBAUTHN);
}

test('the WebAuthn code is in no first load, and a lazy chunk of every page that can run a ceremony', async () => {
  assert.ok(existsSync(join(dist, 'janua.js')), 'dist/janua.js: run `npm run build:kit` first');
  const { report } = (await import(join(root, 'scripts/size.mjs'))) as SizeModule;
  const { kit, elements } = report(dist);

  const kitFirst = kit.files.filter((f) => f.firstLoad).map((f) => f.file);
  const kitLazy = kit.files.filter((f) => !f.firstLoad).map((f) => f.file);
  assert.ok(kitFirst.includes('janua.js'));
  for (const file of kitFirst) assert.ok(!holdsWebAuthn(file), `janua.js's first load: ${file} holds ${WEBAUTHN}`);
  assert.ok(kitLazy.some((file) => holdsWebAuthn(file)), 'janua.js reaches the WebAuthn code lazily');

  assert.ok(elements.length >= 20, `every element entry (found ${elements.length})`);
  for (const element of elements) {
    for (const file of element.files) {
      assert.ok(!holdsWebAuthn(file), `<janua-${element.name}>'s first load: ${file} holds ${WEBAUTHN}`);
    }
  }
  for (const name of ['sign-in', 'passkey-manager', 'user-profile']) {
    const element = elements.find((e) => e.name === name);
    assert.ok(element, `dist/elements/${name}.js`);
    assert.ok(element.lazy.some((l) => holdsWebAuthn(l.file)), `<janua-${name}> reaches the WebAuthn code lazily`);
  }
});
