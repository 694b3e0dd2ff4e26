import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const src = join(import.meta.dirname, '../../packages/core/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

test('the client core never touches script-readable storage (but two non-secret marks, for set-up diagnostics and a link asked for here, and the opt-in SSR cookie)', () => {
  const files = sources(src);
  assert.ok(files.length >= 8);
  for (const file of files) {
    // Comments may name what we avoid; code may not use it.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const diagnostics = file.endsWith('diagnostics.ts');
    const ssrCookie = file.endsWith('ssr-cookie.ts');
    const linkMark = file.endsWith('magic-link-mark.ts');
    for (const banned of ['localStorage', 'sessionStorage', 'indexedDB', 'document.cookie', 'caches.open']) {
      if (diagnostics && banned === 'sessionStorage') continue;
      if (linkMark && banned === 'localStorage') continue;
      assert.ok(!code.includes(banned), `${file} uses ${banned}`);
    }
    // A cookie reached any other way (`const d = document; d.cookie = …`).
    const cookieWrites = [...code.matchAll(/\.cookie\s*=[^=]/g)].length;
    if (!ssrCookie) assert.equal(cookieWrites, 0, `${file} writes a cookie`);
    if (ssrCookie) {
      // One write, of a value that can only be a JWT's characters or empty, and never a read.
      assert.equal(cookieWrites, 1, 'one cookie write');
      assert.equal([...code.matchAll(/\.cookie\b/g)].length, 1, 'no cookie read');
      assert.match(code, /doc\.cookie = `\$\{name\}=\$\{value\}; Path=\$\{path\}; Max-Age=\$\{maxAge\}; SameSite=Lax\$\{secure\}`;/);
      assert.match(code, /const value = token && \/\^\[\\w-\]\+\\\.\[\\w-\]\+\\\.\[\\w-\]\+\$\/\.test\(token\) \? token : '';/);
    }
    if (linkMark) {
      // Only ever the time of the request, under one key: no value from a response can reach storage.
      assert.deepEqual([...code.matchAll(/setItem\((.*?)\);/g)].map((m) => m[1]), ['askedKey(client), String(Date.now())']);
    }
    if (diagnostics) {
      // Only ever the literal '1' under one key: no value from a response can reach storage.
      assert.deepEqual([...code.matchAll(/setItem\((.*?)\);/g)].map((m) => m[1]), ["markerKey(api), '1'"]);
    }
  }
});

test('the client core imports no Lit and no package (its WebAuthn glue only lazily)', () => {
  let webauthn = 0;
  for (const file of sources(src)) {
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
      assert.ok(spec!.startsWith('./') || spec!.startsWith('../'), `${file} imports ${spec}`);
      assert.ok(!spec!.endsWith('/webauthn.ts'), `${file} imports the WebAuthn glue statically`);
    }
    for (const [, spec] of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      // webauthn.ts only by a dynamic import of the passkey ceremony: its own chunk.
      const lazyWebAuthn = spec === '../webauthn.ts' && file.endsWith(join('modules', 'passkey-sign-in.ts'));
      if (lazyWebAuthn) webauthn++;
      assert.ok(spec!.startsWith('./') || lazyWebAuthn, `${file} imports ${spec}`);
    }
  }
  assert.ok(webauthn > 0, 'passkeys load the WebAuthn glue on demand');
});
