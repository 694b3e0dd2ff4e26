import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const src = join(import.meta.dirname, '../../packages/core/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

test('the client core never touches script-readable storage (but one non-secret flag for set-up diagnostics)', () => {
  const files = sources(src);
  assert.ok(files.length >= 8);
  for (const file of files) {
    // Comments may name what we avoid; code may not use it.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const diagnostics = file.endsWith('diagnostics.ts');
    for (const banned of ['localStorage', 'sessionStorage', 'indexedDB', 'document.cookie', 'caches.open']) {
      if (diagnostics && banned === 'sessionStorage') continue;
      assert.ok(!code.includes(banned), `${file} uses ${banned}`);
    }
    if (diagnostics) {
      // Only ever the literal '1' under one key: no value from a response can reach storage.
      assert.deepEqual([...code.matchAll(/setItem\((.*?)\);/g)].map((m) => m[1]), ["markerKey(api), '1'"]);
    }
  }
});

test('the client core imports no Lit and no package but jose’s decodeJwt (and WebAuthn, lazily)', () => {
  let webauthn = 0;
  for (const file of sources(src)) {
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
      assert.ok(spec!.startsWith('./') || spec!.startsWith('../') || spec === 'jose/jwt/decode', `${file} imports ${spec}`);
    }
    for (const [, spec] of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      // @simplewebauthn/browser only by a dynamic import of the passkeys module: its own chunk.
      const lazyWebAuthn = spec === '@simplewebauthn/browser' && file.endsWith(join('modules', 'passkeys.ts'));
      if (lazyWebAuthn) webauthn++;
      assert.ok(spec!.startsWith('./') || lazyWebAuthn, `${file} imports ${spec}`);
    }
  }
  assert.ok(webauthn > 0, 'passkeys load @simplewebauthn/browser on demand');
});
