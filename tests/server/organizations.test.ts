import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, describe, it } from 'node:test';
import { seedDemoOrganizations } from '../../packages/server/src/orgs/seed.ts';
import { organizationService } from '../../packages/server/src/orgs/service.ts';
import { DEMO_LOGIN, seedDemo } from '../../packages/server/src/seed.ts';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { claimsOf, createOrg, invite, join, person, roleFixture, snapshot } from './organizations-fixture.ts';

const ORG_FIELDS = ['created_at', 'description', 'id', 'logo_url', 'member_count', 'name', 'role', 'slug', 'updated_at'];

describe('organizations: create, read, list', () => {
  it('creates an organization whose creator is its owner, with the documented fields', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const res = await t.request('POST', '/api/v1/organizations/', {
      token: ada.token,
      body: { name: '  Analytical Engines ', slug: 'analytical-engines', description: 'Difference, then analytical' },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ORG_FIELDS);
    assert.equal(res.body.name, 'Analytical Engines');
    assert.equal(res.body.slug, 'analytical-engines');
    assert.equal(res.body.role, 'owner');
    assert.equal(res.body.member_count, 1);
    assert.equal(res.body.logo_url, null);
    assert.ok(Date.parse(res.body.created_at));
    const members = await t.request('GET', `/api/v1/organizations/${res.body.id}/members`, { token: ada.token });
    assert.deepEqual(members.body.map((m: { user_id: string; role: string }) => [m.user_id, m.role]), [[ada.id, 'owner']]);
    assert.equal(members.body[0].email, ada.email);
    const one = await t.request('GET', `/api/v1/organizations/${res.body.id}`, { token: ada.token });
    assert.deepEqual(one.body, res.body);
  });

  it('answers with and without the trailing slash', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const made = await t.request('POST', '/api/v1/organizations', { token: ada.token, body: { name: 'No slash', slug: 'no-slash' } });
    assert.equal(made.status, 201);
    for (const path of ['/api/v1/organizations', '/api/v1/organizations/']) {
      const res = await t.request('GET', path, { token: ada.token });
      assert.equal(res.status, 200, path);
      assert.equal(res.body.total, 1);
    }
  });

  it('lists only the caller’s organizations, by name, a page at a time', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const bob = await person(t);
    for (const name of ['Charlie', 'Alpha', 'Bravo']) await createOrg(t, ada, name.toLowerCase(), name);
    await createOrg(t, bob, 'bobs', 'Bob’s');
    const first = await t.request('GET', '/api/v1/organizations/?page=1&per_page=2', { token: ada.token });
    assert.equal(first.status, 200);
    assert.deepEqual({ ...first.body, organizations: first.body.organizations.map((o: { name: string }) => o.name) }, {
      organizations: ['Alpha', 'Bravo'],
      total: 3,
      page: 1,
      per_page: 2,
    });
    const second = await t.request('GET', '/api/v1/organizations/?page=2&per_page=2', { token: ada.token });
    assert.deepEqual(second.body.organizations.map((o: { name: string }) => o.name), ['Charlie']);
    const beyond = await t.request('GET', '/api/v1/organizations/?page=9', { token: ada.token });
    assert.deepEqual([beyond.body.organizations, beyond.body.total, beyond.body.per_page], [[], 3, 20]);
    const empty = await t.request('GET', '/api/v1/organizations/?page=&per_page=', { token: ada.token });
    assert.equal(empty.status, 200, 'empty query values mean the defaults');
    const none = await t.request('GET', '/api/v1/organizations/', { token: (await person(t)).token });
    assert.deepEqual(none.body, { organizations: [], total: 0, page: 1, per_page: 20 });
  });

  it('refuses bad paging with 422 field errors', async () => {
    const t = createTestApp();
    const ada = await person(t);
    for (const [query, field] of [['page=0', 'page'], ['page=abc', 'page'], ['page=1.5', 'page'], ['per_page=0', 'per_page'], ['per_page=101', 'per_page'], ['per_page=-1', 'per_page']]) {
      const res = await t.request('GET', `/api/v1/organizations/?${query}`, { token: ada.token });
      assert.equal(res.status, 422, query);
      assert.equal(res.body.error.details.validation_errors[0].field, field, query);
    }
  });

  it('refuses a taken slug with 400 SLUG_TAKEN and leaves nothing behind', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const bob = await person(t);
    await createOrg(t, ada, 'acme');
    const before = snapshot(t);
    const res = await t.request('POST', '/api/v1/organizations/', { token: bob.token, body: { name: 'Acme 2', slug: 'acme' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'SLUG_TAKEN');
    assert.deepEqual(res.body.error.details.validation_errors.map((e: { field: string }) => e.field), ['slug']);
    assert.equal(snapshot(t), before);
  });

  it('refuses bad input with 422 listing each field, and malformed JSON with 400', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const post = (body: unknown) => t.request('POST', '/api/v1/organizations/', { token: ada.token, body });
    const fields = async (body: unknown) => {
      const res = await post(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.code, 'VALIDATION_ERROR');
      return res.body.error.details.validation_errors.map((e: { field: string; type: string }) => `${e.field}:${e.type}`).sort();
    };
    assert.deepEqual(await fields({}), ['name:required', 'slug:required']);
    assert.deepEqual(await fields({ name: 42, slug: ['a'] }), ['name:type', 'slug:type']);
    assert.deepEqual(await fields({ name: 'x'.repeat(101), slug: 'ok' }), ['name:max_length']);
    for (const slug of ['Acme', '-acme', 'acme-', 'ac_me', 'ac me', 'a'.repeat(64), 'ącme']) {
      assert.deepEqual(await fields({ name: 'Acme', slug }), [`slug:${slug.length > 63 ? 'max_length' : 'format'}`], slug);
    }
    assert.deepEqual(await fields({ name: 'Acme', slug: 'acme', logo_url: 'javascript:alert(1)' }), ['logo_url:format']);
    assert.deepEqual(await fields({ name: 'Acme', slug: 'acme', description: 'd'.repeat(1001) }), ['description:max_length']);
    assert.deepEqual(await fields([1, 2]), ['body:type']);
    const broken = await post('{"name": "Acme", ');
    assert.equal(broken.status, 400);
    assert.equal(broken.body.error.code, 'INVALID_JSON');
    assert.equal((await t.request('GET', '/api/v1/organizations/', { token: ada.token })).body.total, 0);
    // The shortest and longest good slugs are fine.
    for (const slug of ['a', `a${'-'.repeat(61)}z`]) assert.equal((await post({ name: 'ok', slug })).status, 201, slug);
  });

  it('answers 404 JSON for unknown ids, and 401 on every route without a valid token', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const missing = await t.request('GET', '/api/v1/organizations/00000000-0000-4000-8000-000000000000', { token: ada.token });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
    const id = await createOrg(t, ada);
    const routes = [
      ['GET', '/api/v1/organizations/'], ['POST', '/api/v1/organizations'], ['GET', `/api/v1/organizations/${id}`],
      ['PATCH', `/api/v1/organizations/${id}`], ['DELETE', `/api/v1/organizations/${id}`], ['GET', `/api/v1/organizations/${id}/members`],
      ['PATCH', `/api/v1/organizations/${id}/members/${ada.id}/role`], ['DELETE', `/api/v1/organizations/${id}/members/${ada.id}`],
      ['POST', `/api/v1/organizations/${id}/switch`], ['GET', `/api/v1/invitations/?organization_id=${id}`], ['POST', '/api/v1/invitations/'],
      ['DELETE', `/api/v1/invitations/${id}`], ['POST', '/api/v1/invitations/accept'],
    ];
    for (const [method, path] of routes) {
      for (const token of [undefined, 'not-a-jwt', `${ada.token.slice(0, -4)}AAAA`]) {
        const res = await t.request(method!, path!, { token, body: method === 'GET' ? undefined : {} });
        assert.equal(res.status, 401, `${method} ${path} with ${token ? 'a bad' : 'no'} token`);
      }
    }
  });
});

describe('organizations: update and delete', () => {
  it('updates name, slug, description and logo; an empty patch changes nothing', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const id = await createOrg(t, ada, 'before');
    const created = (await t.request('GET', `/api/v1/organizations/${id}`, { token: ada.token })).body;
    t.clock.advance(5_000);
    const res = await t.request('PATCH', `/api/v1/organizations/${id}`, {
      token: ada.token,
      body: { name: 'After', slug: 'after', description: 'now described', logo_url: 'https://cdn.example.com/logo.png' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.name, res.body.slug, res.body.description, res.body.logo_url, res.body.role], ['After', 'after', 'now described', 'https://cdn.example.com/logo.png', 'owner']);
    assert.ok(Date.parse(res.body.updated_at) >= Date.parse(created.updated_at) + 5_000);
    const cleared = await t.request('PATCH', `/api/v1/organizations/${id}`, { token: ada.token, body: { description: null, logo_url: null } });
    assert.deepEqual([cleared.body.description, cleared.body.logo_url], [null, null]);
    const same = await t.request('PATCH', `/api/v1/organizations/${id}`, { token: ada.token, body: {} });
    assert.deepEqual(same.body, cleared.body);
  });

  it('refuses bad patches: empty name, bad or taken slug, wrong types', async () => {
    const t = createTestApp();
    const ada = await person(t);
    const id = await createOrg(t, ada, 'mine');
    await createOrg(t, ada, 'theirs');
    const before = snapshot(t);
    const patch = (body: unknown) => t.request('PATCH', `/api/v1/organizations/${id}`, { token: ada.token, body });
    for (const body of [{ name: '' }, { name: null }, { slug: 'UPPER' }, { description: 7 }, { logo_url: 'ftp://x.example/logo' }]) {
      assert.equal((await patch(body)).status, 422, JSON.stringify(body));
    }
    const taken = await patch({ slug: 'theirs' });
    assert.equal(taken.status, 400);
    assert.equal(taken.body.error.code, 'SLUG_TAKEN');
    assert.equal((await patch('nope')).status, 400);
    assert.equal(snapshot(t), before);
    assert.equal((await patch({ slug: 'mine' })).status, 200, 'keeping its own slug is not a clash');
  });

  it('deleting removes memberships and invitations, and ends the organization in switched sessions', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const switched = await t.request('POST', `/api/v1/organizations/${f.orgId}/switch`, { token: f.people.member.token });
    assert.equal(claimsOf(switched.body.access_token)['org_id'], f.orgId);
    const del = await t.request('DELETE', `/api/v1/organizations/${f.orgId}`, { token: f.people.owner.token });
    assert.equal(del.status, 204);
    assert.equal(del.body, null);
    const orgs = organizationService(t.app.ctx);
    assert.equal(orgs.members.count({ organization_id: f.orgId }), 0);
    assert.equal(orgs.invitations.count({ organization_id: f.orgId }), 0);
    assert.equal(orgs.organizations.get(f.orgId), undefined);
    for (const actor of ['owner', 'member'] as const) {
      assert.equal((await t.request('GET', `/api/v1/organizations/${f.orgId}`, { token: f.people[actor].token })).status, 404);
      assert.equal((await t.request('GET', '/api/v1/organizations/', { token: f.people[actor].token })).body.total, 0);
    }
    const check = await t.request('GET', `/api/v1/invitations/validate/${f.pending.token}`);
    assert.equal(check.body.valid, false);
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: switched.body.refresh_token } });
    assert.equal(refreshed.status, 200);
    assert.equal(claimsOf(refreshed.body.access_token)['org_id'], undefined, 'the deleted organization is no longer claimed');
    assert.equal((await t.request('DELETE', `/api/v1/organizations/${f.orgId}`, { token: f.people.owner.token })).status, 404);
  });
});

describe('organizations on the SQLite store', () => {
  const dir = mkdtempSync(joinPath(tmpdir(), 'janua-orgs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, invites, joins, switches and refreshes with the same answers, and keeps them across a reopen', async () => {
    const path = joinPath(dir, 'orgs.db');
    const t = createTestApp({ store: createSqliteStore(path) });
    const ada = await person(t);
    const bob = await person(t);
    const id = await createOrg(t, ada, 'sqlite-org');
    await join(t, ada, id, bob, 'viewer');
    await invite(t, ada, id, 'later@example.test', 'admin');
    const dup = await t.request('POST', '/api/v1/organizations/', { token: bob.token, body: { name: 'dup', slug: 'sqlite-org' } });
    assert.equal(dup.body.error.code, 'SLUG_TAKEN');
    const switched = await t.request('POST', `/api/v1/organizations/${id}/switch`, { token: bob.token });
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: switched.body.refresh_token } });
    assert.deepEqual([claimsOf(refreshed.body.access_token)['org_id'], claimsOf(refreshed.body.access_token)['org_role']], [id, 'viewer']);
    t.store.close();
    const reopened = createTestApp({ store: createSqliteStore(path) });
    const again = await reopened.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: refreshed.body.refresh_token } });
    assert.equal(claimsOf(again.body.access_token)['org_role'], 'viewer');
    const list = await reopened.request('GET', `/api/v1/invitations/?organization_id=${id}&status=pending`, { token: again.body.access_token });
    assert.equal(list.status, 403, 'a viewer does not list invitations');
    const members = await reopened.request('GET', `/api/v1/organizations/${id}/members`, { token: again.body.access_token });
    assert.deepEqual(members.body.map((m: { role: string }) => m.role).sort(), ['owner', 'viewer']);
    reopened.store.close();
  });
});

describe('demo organizations', () => {
  it('seeds two organizations with the demo accounts in different roles, once', async () => {
    const t = createTestApp();
    assert.deepEqual(seedDemoOrganizations(t.app.ctx).created, [], 'nothing without the demo accounts');
    await seedDemo(t.app.ctx);
    assert.deepEqual(seedDemoOrganizations(t.app.ctx).created, [], 'seedDemo already made them');
    await seedDemo(t.app.ctx);
    const signin = await t.request('POST', '/api/v1/auth/signin', { body: DEMO_LOGIN });
    const list = await t.request('GET', '/api/v1/organizations/', { token: signin.body.tokens.access_token });
    assert.deepEqual(
      list.body.organizations.map((o: { slug: string; role: string; member_count: number }) => [o.slug, o.role, o.member_count]),
      [['analytical-engines', 'member', 2], ['janua-demo', 'owner', 2]],
    );
  });
});
