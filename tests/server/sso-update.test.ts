import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { createMemoryStore } from '../../packages/server/src/store/memory.ts';
import type { Store } from '../../packages/server/src/store/types.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';

/** An owner changes an existing connection: turns it off, rotates the secret, moves it to another IdP. */
for (const [name, makeStore] of [['memory', createMemoryStore], ['SQLite', () => createSqliteStore(':memory:')]] as [string, () => Store][]) {
  describe(`updating an SSO connection (${name} store)`, () => {
    it('answers 200 to a second PUT and keeps what it says', async () => {
      const t = createTestApp({ store: makeStore(), rateLimit: false });
      const owner = await t.signUp();
      const token = owner.tokens!.access_token;
      const org = await t.request('POST', '/api/v1/organizations/', { token, body: { name: 'Acme', slug: 'acme' } });
      const path = `/api/v1/organizations/${org.body.id}/sso`;
      const body = { issuer: 'https://idp.acme.example', client_id: 'janua', client_secret: 'first-secret', domains: ['acme.example'] };
      const first = await t.request('PUT', path, { token, body });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const stored = () => ssoService(t.app.ctx).connections.get(org.body.id)!;

      const off = await t.request('PUT', path, { token, body: { ...body, client_secret: undefined, enabled: false } });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.enabled, false);
      assert.equal(off.body.has_client_secret, true, 'leaving the secret out keeps it');
      assert.equal(off.body.created_at, first.body.created_at);
      assert.deepEqual((await t.request('GET', '/api/v1/sso/discover?email=a@acme.example')).body, { sso: false });
      assert.equal((await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'acme' } })).status, 404);

      const rotated = await t.request('PUT', path, { token, body: { ...body, issuer: 'https://login.acme.example/', client_id: 'janua-2', client_secret: 'second-secret', domains: ['acme.example', 'acme.test'] } });
      assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
      assert.equal(rotated.body.enabled, true);
      assert.equal(rotated.body.issuer, 'https://login.acme.example');
      assert.equal(rotated.body.client_id, 'janua-2');
      assert.deepEqual(rotated.body.domains, ['acme.example', 'acme.test']);
      assert.equal(stored().client_secret, 'second-secret');
      assert.equal(stored().id, org.body.id);
      assert.deepEqual((await t.request('GET', path, { token })).body, rotated.body);
      assert.deepEqual((await t.request('GET', '/api/v1/sso/discover?email=b@acme.test')).body, { sso: true, organization_slug: 'acme' });
    });
  });
}
