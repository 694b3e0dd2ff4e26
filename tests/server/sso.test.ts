import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { uuid } from '../../packages/server/src/util.ts';
import { verifyEmail } from './helpers/mfa.ts';
import { bindingCookie, browseToCallback, startIdp, type TestIdp } from './helpers/oidc-idp.ts';

const FRONTEND = 'http://localhost:5173';
const ISSUER = 'http://127.0.0.1:8787';
const CALLBACK = `${ISSUER}/api/v1/auth/oauth/callback/sso`;

let idp: TestIdp;

before(async () => {
  idp = await startIdp(
    [{ client_id: 'acme-corp', client_secret: 'corp-secret-0123456789', redirect_uris: [CALLBACK] }],
    {
      bob: { email: 'bob@acme.test', given_name: 'Bob' },
      carol: { email: 'carol@acme.test', email_verified: true },
      dan: { email: 'dan@acme.test' },
      eve: { email: 'eve@elsewhere.test', email_verified: true },
    },
  );
});
after(() => idp.close());

async function setup() {
  const t = createTestApp({ issuer: ISSUER, frontendUrl: FRONTEND, rateLimit: false });
  const owner = await t.signUp({ email: 'owner@acme.test' });
  const token = owner.tokens!.access_token;
  const org = await t.request('POST', '/api/v1/organizations/', { token, body: { name: 'Acme Corp', slug: 'acme' } });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const put = await t.request('PUT', `/api/v1/organizations/${org.body.id}/sso`, {
    token,
    body: { issuer: idp.issuer, client_id: 'acme-corp', client_secret: 'corp-secret-0123456789', domains: ['ACME.test'] },
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return { t, token, orgId: org.body.id as string, owner, put };
}

async function ssoSignIn(t: TestApp, login: string, returnUrl = '/dashboard') {
  const init = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'acme', return_url: returnUrl }, headers: { accept: 'application/json' } });
  assert.equal(init.status, 200, JSON.stringify(init.body));
  const back = await browseToCallback(init.body.authorization_url, login, CALLBACK);
  const res = await t.request('GET', back.pathname + back.search, { headers: { cookie: bindingCookie(init.headers) } });
  assert.equal(res.status, 302);
  return { res, location: new URL(res.headers.get('location')!) };
}

async function member(t: TestApp, orgId: string, email: string) {
  const user = t.app.ctx.users.findOne({ email });
  return user ? ssoService(t.app.ctx).members.findOne({ organization_id: orgId, user_id: user.id }) : undefined;
}

describe('enterprise SSO against a real OIDC provider', () => {
  it('is configured by an owner, and the secret never comes back', async () => {
    const { t, token, orgId, put } = await setup();
    assert.equal(put.body.issuer, idp.issuer);
    assert.deepEqual(put.body.domains, ['acme.test']);
    assert.equal(put.body.has_client_secret, true);
    assert.equal(put.body.redirect_uri, CALLBACK);
    assert.ok(!JSON.stringify(put.body).includes('corp-secret'));
    const got = await t.request('GET', `/api/v1/organizations/${orgId}/sso`, { token });
    assert.deepEqual(got.body, put.body);
  });

  it('discovers the organization from an email domain', async () => {
    const { t } = await setup();
    assert.deepEqual((await t.request('GET', '/api/v1/sso/discover?email=Someone@Acme.test')).body, { sso: true, organization_slug: 'acme' });
    assert.deepEqual((await t.request('GET', '/api/v1/sso/discover?email=someone@gmail.test')).body, { sso: false });
    const missing = await t.request('GET', '/api/v1/sso/discover');
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.details.validation_errors[0].field, 'email');
    assert.equal((await t.request('GET', '/api/v1/sso/discover?email=not-an-email')).status, 422);
  });

  it('signs a new employee up and in, adds them as a member, and finds them again next time', async () => {
    const { t, orgId } = await setup();
    const first = await ssoSignIn(t, 'bob');
    assert.equal(first.location.href, `${FRONTEND}/dashboard`);
    assert.match(first.res.headers.get('set-cookie')!, /janua_refresh_token=/);
    const bob = t.app.ctx.users.findOne({ email: 'bob@acme.test' })!;
    assert.equal(bob.first_name, 'Bob');
    assert.equal((await member(t, orgId, 'bob@acme.test'))?.role, 'member');
    const again = await ssoSignIn(t, 'bob');
    assert.equal(again.location.searchParams.get('error'), null);
    assert.equal(t.app.ctx.users.count({ email: 'bob@acme.test' }), 1);
    const cookie = /janua_refresh_token=([\w-]+)/.exec(again.res.headers.get('set-cookie')!)![1];
    const tokens = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: cookie } });
    const orgs = await t.request('GET', '/api/v1/organizations/', { token: tokens.body.access_token });
    assert.deepEqual(orgs.body.organizations.map((o: { slug: string; role: string }) => [o.slug, o.role]), [['acme', 'member']]);
  });

  it('links an existing member, but never takes over an account that is not a member', async () => {
    const { t, orgId } = await setup();
    const carol = await t.signUp({ email: 'carol@acme.test' });
    const refused = await ssoSignIn(t, 'carol');
    assert.equal(refused.location.searchParams.get('error'), 'account_exists');
    assert.doesNotMatch(refused.res.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/);
    assert.equal(await member(t, orgId, 'carol@acme.test'), undefined);
    ssoService(t.app.ctx).members.insert({ id: uuid(), organization_id: orgId, user_id: carol.user.id, role: 'admin', created_at: Date.now(), updated_at: Date.now() });
    const unverified = await ssoSignIn(t, 'carol');
    assert.equal(unverified.location.searchParams.get('error'), 'account_unverified', 'an organization IdP cannot vouch for an unconfirmed account');
    await verifyEmail(t, carol);
    const linked = await ssoSignIn(t, 'carol');
    assert.equal(linked.location.searchParams.get('error'), null);
    assert.equal((await member(t, orgId, 'carol@acme.test'))?.role, 'admin', 'an existing role is kept');
  });

  it('refuses an email outside the organization\'s domains', async () => {
    const { t } = await setup();
    const res = await ssoSignIn(t, 'eve');
    assert.equal(res.location.searchParams.get('error'), 'email_domain_not_allowed');
    assert.equal(t.app.ctx.users.findOne({ email: 'eve@elsewhere.test' }), undefined);
  });

  it('answers initiate with a 302 to the IdP unless JSON is asked for', async () => {
    const { t } = await setup();
    const res = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'acme' } });
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get('location')!);
    assert.equal(to.origin, idp.issuer);
    assert.equal(to.searchParams.get('client_id'), 'acme-corp');
    assert.equal(to.searchParams.get('redirect_uri'), CALLBACK);
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
  });

  it('refuses bad initiate bodies, unknown organizations and off-site return URLs', async () => {
    const { t } = await setup();
    const missing = await t.request('POST', '/api/v1/sso/initiate', { body: {} });
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.details.validation_errors[0].field, 'organization_slug');
    assert.equal((await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 5 } })).status, 422);
    assert.equal((await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'x'.repeat(64) } })).status, 422);
    assert.equal((await t.request('POST', '/api/v1/sso/initiate', { body: '{' })).status, 400);
    const unknown = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'nope' } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');
    const evil = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'acme', return_url: 'https://evil.example/' } });
    assert.equal(evil.status, 422);
    assert.equal(evil.body.error.details.validation_errors[0].field, 'return_url');
  });

  it('lets only owners manage the connection, and hides other organizations', async () => {
    const { t, token, orgId } = await setup();
    const stranger = await t.signUp();
    const path = `/api/v1/organizations/${orgId}/sso`;
    const body = { issuer: idp.issuer, client_id: 'x', domains: ['x.test'] };
    assert.equal((await t.request('PUT', path, { body })).status, 401);
    assert.equal((await t.request('PUT', path, { token: stranger.tokens!.access_token, body })).status, 404);
    assert.equal((await t.request('GET', path, { token: stranger.tokens!.access_token })).status, 404);
    ssoService(t.app.ctx).members.insert({ id: uuid(), organization_id: orgId, user_id: stranger.user.id, role: 'member', created_at: Date.now(), updated_at: Date.now() });
    const asMember = await t.request('PUT', path, { token: stranger.tokens!.access_token, body });
    assert.equal(asMember.status, 403);
    assert.equal((await t.request('DELETE', path, { token: stranger.tokens!.access_token })).status, 403);
    assert.equal((await t.request('PUT', '/api/v1/organizations/unknown-id/sso', { token, body })).status, 404);

    const bad = await t.request('PUT', path, { token, body: { issuer: 'not a url', client_id: 7, domains: ['no domain'] } });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.error.details.validation_errors.map((e: { field: string }) => e.field).sort(), ['client_id', 'domains', 'issuer']);
    assert.equal((await t.request('PUT', path, { token, body: { issuer: idp.issuer, client_id: 'x' } })).status, 422);

    const other = await t.signUp();
    const otherOrg = await t.request('POST', '/api/v1/organizations/', { token: other.tokens!.access_token, body: { name: 'Other', slug: 'other' } });
    const taken = await t.request('PUT', `/api/v1/organizations/${otherOrg.body.id}/sso`, { token: other.tokens!.access_token, body: { issuer: idp.issuer, client_id: 'x', domains: ['acme.test'] } });
    assert.equal(taken.status, 422);
    assert.equal(taken.body.error.details.validation_errors[0].type, 'taken');

    assert.equal((await t.request('DELETE', path, { token })).status, 204);
    assert.deepEqual((await t.request('GET', '/api/v1/sso/discover?email=a@acme.test')).body, { sso: false });
    assert.equal((await t.request('DELETE', path, { token })).status, 404);
    assert.equal((await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'acme' } })).status, 404);
  });
});
