/** Open redirects on every parameter that takes a URL, and organization role escalation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { freshIp } from './helpers.ts';

const FRONTEND = 'http://localhost:5173';
const EVIL = [
  'https://evil.example/',
  '//evil.example/x',
  '/\\evil.example',
  '\\\\evil.example',
  'https:evil.example',
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'http://localhost:5173@evil.example/',
  'https://localhost:5173.evil.example/',
  'http://localhost:5174/',
  ' https://evil.example',
  'https://evil.example\t.localhost:5173',
];

function app(): TestApp {
  return createTestApp({ frontendUrl: FRONTEND, rateLimit: false, oauth: { providers: [{ id: 'google', client_id: 'g', client_secret: 's' }] } });
}

describe('open redirects', () => {
  it('every URL-taking parameter refuses other sites (422 naming the field) and accepts the front end', async () => {
    const t = app();
    const up = await t.signUp();
    const owner = await t.signUp({ email: 'owner@corp.test' });
    const org = await t.request('POST', '/api/v1/organizations/', { token: owner.tokens!.access_token, body: { name: 'Corp', slug: 'corp' } });
    await t.request('PUT', `/api/v1/organizations/${org.body.id}/sso`, { token: owner.tokens!.access_token, body: { issuer: 'https://accounts.google.com', client_id: 'c', domains: ['corp.test'] } });
    const cases: [string, (url: string) => Promise<{ status: number; body: any }>][] = [
      ['redirect_to', (u) => t.request('POST', `/api/v1/auth/oauth/authorize/google?redirect_to=${encodeURIComponent(u)}`)],
      ['redirect_uri', (u) => t.request('POST', `/api/v1/auth/oauth/authorize/google?redirect_uri=${encodeURIComponent(u)}`)],
      ['return_url', (u) => t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'corp', return_url: u }, headers: { accept: 'application/json' } })],
      ['redirect_base', (u) => t.request('POST', '/api/v1/auth/password/forgot', { body: { email: up.user.email, redirect_base: u }, ip: freshIp() })],
      ['redirect_url', (u) => t.request('POST', '/api/v1/auth/magic-link', { body: { email: up.user.email, redirect_url: u }, ip: freshIp() })],
    ];
    const sent = t.outbox.list(up.user.email).length;
    for (const [field, call] of cases) {
      for (const url of EVIL) {
        const res = await call(url);
        assert.equal(res.status, 422, `${field}=${JSON.stringify(url)}: ${res.status}`);
        assert.equal(res.body.error.details.validation_errors[0].field, field);
      }
    }
    assert.equal(t.outbox.list(up.user.email).length, sent, 'no mail carries a refused URL');
    assert.equal((await cases[0]![1](`${FRONTEND}/after`)).status, 200, 'control: the front end is accepted');
    assert.equal((await cases[3]![1](`${FRONTEND}/account`)).status, 200);
  });

  it('the callback sends a browser only where the flow said (the front end on an unknown state)', async () => {
    const t = app();
    const res = await t.request('GET', '/api/v1/auth/oauth/callback/google?state=unknown&code=x&redirect_to=https://evil.example/');
    assert.equal(res.status, 302);
    assert.equal(new URL(res.headers.get('location')!).origin, FRONTEND);
  });
});

describe('organization role escalation', () => {
  async function setup() {
    const t = app();
    const owner = await t.signUp();
    const org = await t.request('POST', '/api/v1/organizations/', { token: owner.tokens!.access_token, body: { name: 'Acme', slug: 'acme-roles' } });
    const add = async (role: string) => {
      const who = await t.signUp();
      t.store.table((await import('../../packages/server/src/orgs/tables.ts')).membershipsTable).insert({ id: `m-${who.user.id}`, organization_id: org.body.id, user_id: who.user.id, role: role as never, created_at: Date.now(), updated_at: Date.now() });
      return who;
    };
    return { t, owner, orgId: org.body.id as string, admin: await add('admin'), member: await add('member'), viewer: await add('viewer') };
  }

  it('members and viewers cannot raise themselves or others, invite, or change the organization', async () => {
    const { t, orgId, owner, admin, member, viewer } = await setup();
    for (const who of [member, viewer]) {
      const token = who.tokens!.access_token;
      for (const role of ['owner', 'admin']) {
        assert.equal((await t.request('PATCH', `/api/v1/organizations/${orgId}/members/${who.user.id}/role`, { token, body: { role } })).status, 403, `self to ${role}`);
      }
      assert.equal((await t.request('POST', '/api/v1/invitations/', { token, body: { organization_id: orgId, email: 'x@example.test', role: 'admin' } })).status, 403);
      assert.equal((await t.request('PATCH', `/api/v1/organizations/${orgId}`, { token, body: { name: 'Pwned' } })).status, 403);
      assert.equal((await t.request('DELETE', `/api/v1/organizations/${orgId}/members/${owner.user.id}`, { token })).status, 403);
    }
    // An admin cannot make anyone an owner, nor touch the owner.
    const token = admin.tokens!.access_token;
    assert.equal((await t.request('PATCH', `/api/v1/organizations/${orgId}/members/${admin.user.id}/role`, { token, body: { role: 'owner' } })).status, 403);
    assert.equal((await t.request('PATCH', `/api/v1/organizations/${orgId}/members/${owner.user.id}/role`, { token, body: { role: 'member' } })).status, 403);
    assert.equal((await t.request('POST', '/api/v1/invitations/', { token, body: { organization_id: orgId, email: 'y@example.test', role: 'owner' } })).status, 403);
    assert.equal((await t.request('DELETE', `/api/v1/organizations/${orgId}`, { token })).status, 403);
    const members = await t.request('GET', `/api/v1/organizations/${orgId}/members`, { token: owner.tokens!.access_token });
    assert.deepEqual(members.body.map((m: { role: string }) => m.role).sort(), ['admin', 'member', 'owner', 'viewer']);
  });

  it('a stranger sees 404 for the organization and everything under it; a token claim grants nothing', async () => {
    const { t, orgId } = await setup();
    const stranger = await t.signUp();
    const token = stranger.tokens!.access_token;
    assert.equal((await t.request('GET', `/api/v1/organizations/${orgId}`, { token })).status, 404);
    assert.equal((await t.request('GET', `/api/v1/organizations/${orgId}/members`, { token })).status, 404);
    assert.equal((await t.request('POST', `/api/v1/organizations/${orgId}/switch`, { token })).status, 404);
    assert.equal((await t.request('PATCH', `/api/v1/organizations/${orgId}/members/${stranger.user.id}/role`, { token, body: { role: 'owner' } })).status, 404);
  });
});
