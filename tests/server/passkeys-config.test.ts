import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CliError, parseCliArgs } from '../../packages/server/src/cli.ts';
import { createArgon2Hasher, startServer } from '../../packages/server/src/node.ts';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { createTestApp, TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';
import { SoftAuthenticator } from './helpers/soft-authenticator.ts';

const dir = mkdtempSync(join(tmpdir(), 'janua-passkeys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('passkey and social sign-in configuration', () => {
  it('reads --rp-id, repeated or comma-separated --origin, and --oauth-config', () => {
    const file = join(dir, 'oauth.json');
    writeFileSync(file, JSON.stringify({ providers: [{ id: 'github', client_id: 'abc', client_secret: 'def' }] }));
    const options = parseCliArgs(['--rp-id', 'example.com', '--origin', 'https://app.example.com,https://www.example.com/', '--origin', 'http://localhost:5173', '--oauth-config', file]);
    assert.notEqual(options, 'help');
    if (options === 'help') return;
    assert.equal(options.rpId, 'example.com');
    assert.deepEqual(options.origins, ['https://app.example.com', 'https://www.example.com', 'http://localhost:5173']);
    assert.deepEqual(options.oauth, { providers: [{ id: 'github', client_id: 'abc', client_secret: 'def' }] });
  });

  it('stops with a one-line reason for bad values', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"providers": [');
    const incomplete = join(dir, 'incomplete.json');
    writeFileSync(incomplete, JSON.stringify([{ id: 'acme', type: 'oidc', client_id: 'x' }]));
    const cases: [string[], RegExp][] = [
      [['--rp-id', 'https://example.com'], /--rp-id must be a domain/],
      [['--origin', 'example.com'], /--origin expects origins/],
      [['--origin', 'https://a.example.com/path'], /--origin expects origins/],
      [['--oauth-config', join(dir, 'missing.json')], /cannot read/],
      [['--oauth-config', broken], /cannot read/],
      [['--oauth-config', incomplete], /needs an issuer/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => parseCliArgs(args), (error: unknown) => error instanceof CliError && message.test((error as Error).message), args.join(' '));
    }
  });

  it('registers and signs in with a passkey over real HTTP on SQLite, with the configured relying party', async () => {
    const server = await startServer({ port: 0, db: join(dir, 'janua.db'), hasher: createArgon2Hasher(TEST_HASH_PARAMS), rpId: 'localhost', origins: ['http://localhost:5173'], rateLimit: false, log: () => undefined });
    try {
      const call = async (method: string, path: string, body?: unknown, token?: string) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      };
      const signup = await call('POST', '/api/v1/auth/signup', { email: 'sqlite@example.test', password: 'Long-enough-pass-1' });
      const token = signup.body.tokens.access_token;
      const options = await call('POST', '/api/v1/passkeys/register/options', {}, token);
      assert.equal(options.body.rp.id, 'localhost');
      const authr = new SoftAuthenticator({ counterStart: 1 });
      const added = await call('POST', '/api/v1/passkeys/register/verify', { credential: await authr.register(options.body, { origin: 'http://localhost:5173' }) }, token);
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const wrongOrigin = await call('POST', '/api/v1/passkeys/register/verify', { credential: await authr.register((await call('POST', '/api/v1/passkeys/register/options', {}, token)).body, { origin: server.url }) }, token);
      assert.equal(wrongOrigin.status, 400, 'the server\'s own origin is not on the configured list');
      const auth = await call('POST', '/api/v1/passkeys/authenticate/options', { email: 'sqlite@example.test' });
      const signedIn = await call('POST', `/api/v1/passkeys/authenticate/verify?challenge=${auth.body.challenge}`, { credential: await authr.authenticate(auth.body, { origin: 'http://localhost:5173' }) });
      assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
      const list = await call('GET', '/api/v1/passkeys/', undefined, token);
      assert.equal(list.body[0].sign_count, 2);
    } finally {
      await server.close();
    }
  });

  it('keeps SSO connections and domains on SQLite, and drops them with their organization', async () => {
    const store = createSqliteStore(':memory:');
    const t = createTestApp({ store });
    const owner = await t.signUp();
    const org = await t.request('POST', '/api/v1/organizations/', { token: owner.tokens!.access_token, body: { name: 'Initech', slug: 'initech' } });
    const sso = ssoService(t.app.ctx);
    sso.configure(org.body.id, { issuer: 'https://idp.initech.test/', client_id: 'c', domains: ['initech.test', 'Initech.test'] });
    assert.deepEqual((await t.request('GET', '/api/v1/sso/discover?email=peter@initech.test')).body, { sso: true, organization_slug: 'initech' });
    assert.equal(sso.connections.get(org.body.id)!.issuer, 'https://idp.initech.test');
    assert.equal((await t.request('DELETE', `/api/v1/organizations/${org.body.id}`, { token: owner.tokens!.access_token })).status, 204);
    assert.equal(sso.connections.count(), 0);
    assert.equal(sso.domains.count(), 0);
    store.close();
  });
});
