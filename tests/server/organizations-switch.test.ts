import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { claimsOf, createOrg, join, person, roleFixture, snapshot } from './organizations-fixture.ts';

async function verifyWithJwks(t: TestApp, jwt: string) {
  const jwks = await t.request('GET', '/.well-known/jwks.json');
  assert.equal(jwks.status, 200);
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks.body), {
    issuer: t.issuer,
    audience: t.issuer,
    currentDate: new Date(t.clock.now()),
  });
  return { payload, protectedHeader };
}

const refresh = (t: TestApp, token: string) => t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: token } });

describe('organization switch', () => {
  it('issues tokens whose access token carries org_id and org_role, verifiable through the JWKS', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const viewer = f.people.viewer;
    const res = await t.request('POST', `/api/v1/organizations/${f.orgId}/switch`, { token: viewer.token });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.equal(res.body.token_type, 'bearer');
    assert.notEqual(res.body.refresh_token, viewer.refresh);
    assert.match(res.headers.get('set-cookie') ?? '', new RegExp(`^janua_refresh_token=${res.body.refresh_token};.*HttpOnly`));
    const { payload, protectedHeader } = await verifyWithJwks(t, res.body.access_token);
    assert.equal(protectedHeader.alg, 'ES256');
    assert.deepEqual([payload['org_id'], payload['org_role'], payload.sub, payload['sid']], [f.orgId, 'viewer', viewer.id, claimsOf(viewer.token)['sid']]);
    // The new access token works, and the role on the server still decides: a viewer still cannot write.
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.access_token });
    assert.equal(me.status, 200);
    const write = await t.request('PATCH', `/api/v1/organizations/${f.orgId}`, { token: res.body.access_token, body: { name: 'x' } });
    assert.equal(write.status, 403);
  });

  it('refresh keeps the active organization and re-reads the role each time', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const member = f.people.member;
    const switched = await t.request('POST', `/api/v1/organizations/${f.orgId}/switch`, { token: member.token });
    const first = await refresh(t, switched.body.refresh_token);
    assert.equal(first.status, 200);
    assert.deepEqual([claimsOf(first.body.access_token)['org_id'], claimsOf(first.body.access_token)['org_role']], [f.orgId, 'member']);
    await t.request('PATCH', `/api/v1/organizations/${f.orgId}/members/${member.id}/role`, { token: f.people.owner.token, body: { role: 'admin' } });
    const promoted = await refresh(t, first.body.refresh_token);
    const { payload } = await verifyWithJwks(t, promoted.body.access_token);
    assert.equal(payload['org_role'], 'admin', 'the new role appears at the next refresh');
    await t.request('DELETE', `/api/v1/organizations/${f.orgId}/members/${member.id}`, { token: f.people.owner.token });
    const removed = await refresh(t, promoted.body.refresh_token);
    assert.equal(removed.status, 200, 'the session itself lives on');
    const claims = claimsOf(removed.body.access_token);
    assert.equal(claims['org_id'], undefined, 'a removed member loses the claim');
    assert.equal(claims['org_role'], undefined);
    // Rejoining later does not silently bring the old switch back: the session went personal.
    await join(t, f.people.owner, f.orgId, { ...member, token: removed.body.access_token }, 'viewer');
    assert.equal(claimsOf((await refresh(t, removed.body.refresh_token)).body.access_token)['org_id'], undefined);
  });

  it('switches between organizations, and back to personal with "personal"', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const one = await createOrg(t, ada, 'one');
    const two = await createOrg(t, ada, 'two');
    let tokens = (await t.request('POST', `/api/v1/organizations/${one}/switch`, { token: ada.token })).body;
    assert.equal(claimsOf(tokens.access_token)['org_id'], one);
    tokens = (await t.request('POST', `/api/v1/organizations/${two}/switch`, { token: tokens.access_token })).body;
    assert.deepEqual([claimsOf(tokens.access_token)['org_id'], claimsOf(tokens.access_token)['org_role']], [two, 'owner']);
    const personal = await t.request('POST', '/api/v1/organizations/personal/switch', { token: tokens.access_token });
    assert.equal(personal.status, 200);
    const { payload } = await verifyWithJwks(t, personal.body.access_token);
    assert.equal(payload['org_id'], undefined);
    assert.equal(payload['org_role'], undefined);
    assert.equal(claimsOf((await refresh(t, personal.body.refresh_token)).body.access_token)['org_id'], undefined, 'personal sticks across refresh');
  });

  it('a new sign-in starts personal; another session’s switch does not leak into it', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const org = await createOrg(t, ada);
    await t.request('POST', `/api/v1/organizations/${org}/switch`, { token: ada.token });
    const other = await t.request('POST', '/api/v1/auth/signin', { body: { email: ada.email, password: 'Correct-horse-battery-9' } });
    assert.equal(claimsOf(other.body.tokens.access_token)['org_id'], undefined);
    assert.equal(claimsOf((await refresh(t, other.body.tokens.refresh_token)).body.access_token)['org_id'], undefined);
  });

  it('the refresh token from before the switch is spent: presenting it again ends the session', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const org = await createOrg(t, ada);
    const switched = await t.request('POST', `/api/v1/organizations/${org}/switch`, { token: ada.token });
    const stale = await refresh(t, ada.refresh);
    assert.equal(stale.status, 401);
    assert.equal(stale.body.error.code, 'INVALID_TOKEN');
    // Reuse of a rotated token is theft: the whole session, switched tokens included, is revoked.
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: switched.body.access_token })).status, 401);
    assert.equal((await refresh(t, switched.body.refresh_token)).status, 401);
  });

  it('a non-member, an unknown id or a revoked session cannot switch, and nothing changes', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const before = snapshot(t);
    for (const id of [f.orgId, '00000000-0000-4000-8000-000000000000', 'PERSONAL']) {
      const res = await t.request('POST', `/api/v1/organizations/${id}/switch`, { token: f.people.outsider.token });
      assert.equal(res.status, 404, id);
      assert.equal(res.body.error.code, 'NOT_FOUND');
    }
    assert.equal(snapshot(t), before, 'not even the refresh token was rotated');
    assert.equal((await refresh(t, f.people.outsider.refresh)).status, 200);
    await t.request('POST', '/api/v1/auth/signout', { token: f.people.member.token });
    const ended = await t.request('POST', `/api/v1/organizations/${f.orgId}/switch`, { token: f.people.member.token });
    assert.equal(ended.status, 401);
  });
});
