import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createBrowserApp } from '../../packages/server/src/browser.ts';
import { createPbkdf2Hasher, PASSWORD_RULES } from '../../packages/server/src/auth/password.ts';
import { createArgon2Hasher, createNodeHasher, createScryptHasher, meetsOwaspArgon2 } from '../../packages/server/src/node.ts';
import { TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';
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

  it('reads bodies from a Request with no body stream, as Firefox builds them', async () => {
    // Firefox (ESR 153 included) has no `Request.prototype.body` and, like every browser, no
    // Content-Length on a Request it builds; the element tests run this for real in Firefox.
    class StreamlessRequest extends Request {
      override get body(): null {
        return undefined as unknown as null;
      }
    }
    const app = createBrowserApp({ issuer: 'http://localhost:6006', pbkdf2Iterations: 1000 });
    await app.ready;
    const post = (body: string) =>
      app.fetch(new StreamlessRequest('http://localhost:6006/api/v1/auth/signup', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body,
      }));
    const probe = new StreamlessRequest('http://localhost:6006/', { method: 'POST', body: 'x' });
    assert.equal(probe.body, undefined);
    assert.equal(probe.headers.get('content-length'), null);
    const created = await post(JSON.stringify({ email: 'fox@example.com', password: 'correct horse battery 9' }));
    assert.equal(created.status, 201, await created.clone().text());
    const huge = await post(JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(70 * 1024) }));
    assert.equal(huge.status, 413);
    assert.equal((await huge.json()).error.code, 'PAYLOAD_TOO_LARGE');
  });
});

describe('password hashers', () => {
  const argon2 = createArgon2Hasher(TEST_HASH_PARAMS);
  for (const [name, hasher, pattern] of [
    ['argon2id', argon2, /^\$argon2id\$v=19\$m=1024,t=1,p=1\$[\w+/]{22}\$[\w+/]{43}$/],
    ['scrypt', createScryptHasher({ log2N: 10, insecureForTests: true }), /^scrypt\$ln=10,r=8,p=1\$[\w-]+\$[\w-]{43}$/],
    ['pbkdf2', createPbkdf2Hasher(2000), /^pbkdf2-sha256\$i=2000\$[\w-]+\$[\w-]{43}$/],
  ] as const) {
    it(`${name}: self-describing, salted, verifies only the right password, NFKC`, async () => {
      const a = await hasher.hash('Sesame-open-42');
      const b = await hasher.hash('Sesame-open-42');
      assert.match(a, pattern);
      assert.notEqual(a, b, 'a fresh salt each time');
      assert.equal(await hasher.verify('Sesame-open-42', a), true);
      assert.equal(await hasher.verify('Sesame-open-43', a), false);
      assert.equal(await hasher.verify('', a), false);
      const tampered = a.slice(0, -2) + (a.endsWith('AA') ? 'BB' : 'AA');
      assert.equal(await hasher.verify('Sesame-open-42', tampered), false);
      assert.equal(await hasher.verify('Sesame-open-42', 'garbage'), false);
      assert.equal(await hasher.verify('Sesame-open-42', ''), false);
      const composed = await hasher.hash('Caf\u00e9-au-lait-1');
      assert.equal(await hasher.verify('Cafe\u0301-au-lait-1', composed), true, 'composed and decomposed é match');
      const ligature = await hasher.hash('\ufb01ne-Wine-2024!');
      assert.equal(await hasher.verify('fine-Wine-2024!', ligature), true, 'NFKC: the ﬁ ligature is "fi"');
      await assert.rejects(hasher.hash('\ud800-lone-surrogate'), /well-formed/);
      assert.equal(await hasher.verify('\ud800-lone-surrogate', a), false);
    });
  }

  it('refuses parameters read back from a hash that would exhaust memory or time', async () => {
    const scrypt = createScryptHasher({ log2N: 10, insecureForTests: true });
    const good = await scrypt.hash('Sesame-open-42');
    for (const greedy of [good.replace('ln=10', 'ln=30'), good.replace('ln=10,r=8', 'ln=20,r=32')]) {
      assert.equal(await scrypt.verify('Sesame-open-42', greedy), false, greedy.split('$')[1]);
    }
    const hash = await argon2.hash('Sesame-open-42');
    for (const greedy of [hash.replace('m=1024', 'm=4194304'), hash.replace('t=1', 't=1000'), hash.replace('p=1', 'p=64')]) {
      assert.equal(await argon2.verify('Sesame-open-42', greedy), false, greedy.split('$')[3]);
    }
  });

  it('refuses to hash below OWASP\'s floor unless a test says so', () => {
    assert.throws(() => createArgon2Hasher({ memoryCost: 1024, timeCost: 1 }), /below OWASP/);
    assert.throws(() => createArgon2Hasher({ memoryCost: 19456, timeCost: 1 }), /below OWASP/);
    assert.throws(() => createScryptHasher({ log2N: 15 }), /below OWASP/);
    assert.doesNotThrow(() => createArgon2Hasher({ memoryCost: 19456, timeCost: 2 }));
    assert.doesNotThrow(() => createArgon2Hasher({ memoryCost: 47104, timeCost: 1 }));
    assert.equal(meetsOwaspArgon2({ memoryCost: 12288, timeCost: 3 }), true);
    assert.equal(meetsOwaspArgon2({ memoryCost: 9215, timeCost: 4 }), false);
  });

  it('the server default is Argon2id at m = 64 MiB, t = 3, p = 1, and still verifies scrypt and PBKDF2 hashes', async () => {
    const hasher = createNodeHasher();
    const hash = await hasher.hash('Sesame-open-42');
    assert.match(hash, /^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    assert.equal(hasher.needsRehash!(hash), false);
    const old = await createScryptHasher({ log2N: 10, insecureForTests: true }).hash('Sesame-open-42');
    assert.equal(await hasher.verify('Sesame-open-42', old), true);
    assert.equal(await hasher.verify('Sesame-open-43', old), false);
    assert.equal(hasher.needsRehash!(old), true);
    const browser = await createPbkdf2Hasher(1000).hash('Sesame-open-42');
    assert.equal(await hasher.verify('Sesame-open-42', browser), true);
    assert.equal(hasher.needsRehash!(browser), true);
    assert.equal(hasher.needsRehash!(await argon2.hash('x-y-z-w-1')), true, 'weaker Argon2id parameters are replaced too');
  });

  it('the server rules match the shared PASSWORD_RULES', () => {
    assert.deepEqual(PASSWORD_RULES, { minLength: 8, maxLength: 128 });
  });
});
