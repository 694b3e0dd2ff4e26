import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createBrowserApp } from '../../packages/server/src/browser.ts';
import { createPbkdf2Hasher, PASSWORD_RULES } from '../../packages/server/src/auth/password.ts';
import { createScryptHasher } from '../../packages/server/src/node.ts';
import { DEMO_LOGIN } from '../../packages/server/src/seed.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('browser build', () => {
  it('bundles for the browser with no Node built-ins', async () => {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['packages/server/src/browser.ts'],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile!.inputs);
    assert.ok(inputs.some((p) => p.includes('packages/server/src/app.ts')));
    const forbidden = inputs.filter((p) => /better-sqlite3|@hono\/node-server|^node:|sqlite-store|src\/node\.ts|src\/cli\.ts/.test(p));
    assert.deepEqual(forbidden, []);
    assert.doesNotMatch(result.outputFiles[0]!.text, /from\s*["']node:/);
  });

  it('createBrowserApp serves the same API with PBKDF2 and seeds the demo login', async () => {
    const app = createBrowserApp({ issuer: 'http://localhost:6006', seed: true, pbkdf2Iterations: 1000 });
    await app.ready;
    const call = (path: string, init?: RequestInit) => app.fetch(new Request(`http://localhost:6006${path}`, init));
    const signin = await call('/api/v1/auth/signin', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEMO_LOGIN),
    });
    assert.equal(signin.status, 200);
    const { tokens, user } = await signin.json();
    assert.equal(user.email, DEMO_LOGIN.email);
    const me = await call('/api/v1/auth/me', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(me.status, 200);
    const row = app.ctx.users.findOne({ email: DEMO_LOGIN.email })!;
    assert.match(row.password_hash!, /^pbkdf2-sha256\$i=1000\$/);
    assert.equal((await call('/api/v1/dev/outbox')).status, 200, 'dev mode is on');
  });
});

describe('password hashers', () => {
  for (const [name, hasher, pattern] of [
    ['scrypt', createScryptHasher({ log2N: 10 }), /^scrypt\$ln=10,r=8,p=1\$[\w-]+\$[\w-]{43}$/],
    ['pbkdf2', createPbkdf2Hasher(2000), /^pbkdf2-sha256\$i=2000\$[\w-]+\$[\w-]{43}$/],
  ] as const) {
    it(`${name}: self-describing, salted, verifies only the right password`, async () => {
      const a = await hasher.hash('Sesame-open-42');
      const b = await hasher.hash('Sesame-open-42');
      assert.match(a, pattern);
      assert.notEqual(a, b, 'a fresh salt each time');
      assert.equal(await hasher.verify('Sesame-open-42', a), true);
      assert.equal(await hasher.verify('Sesame-open-43', a), false);
      assert.equal(await hasher.verify('', a), false);
      assert.equal(await hasher.verify('Sesame-open-42', a.slice(0, -2) + (a.endsWith('AA') ? 'BB' : 'AA')), false);
      assert.equal(await hasher.verify('Sesame-open-42', 'garbage'), false);
      assert.equal(await hasher.verify('Sesame-open-42', ''), false);
      const composed = await hasher.hash('Caf\u00e9-au-lait-1');
      assert.equal(await hasher.verify('Cafe\u0301-au-lait-1', composed), true, 'NFC: composed and decomposed é match');
    });
  }

  it('scrypt refuses parameters from a hash that would exhaust memory', async () => {
    const hasher = createScryptHasher({ log2N: 10 });
    const good = await hasher.hash('Sesame-open-42');
    const greedy = good.replace('ln=10', 'ln=30');
    assert.equal(await hasher.verify('Sesame-open-42', greedy), false);
  });

  it('scrypt at the production default costs 32 MiB (N=2^15, r=8)', async () => {
    const hash = await createScryptHasher().hash('Sesame-open-42');
    assert.match(hash, /^scrypt\$ln=15,r=8,p=1\$/);
    assert.equal(128 * 2 ** 15 * 8, 32 * 1024 * 1024);
  });

  it('the server rules match the shared PASSWORD_RULES', () => {
    assert.deepEqual(PASSWORD_RULES, { minLength: 8, maxLength: 128 });
  });
});
