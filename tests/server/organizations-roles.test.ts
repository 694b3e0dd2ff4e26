import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { ACTORS, createOrg, invite, join, person, roleFixture, snapshot, type Actor, type RoleFixture } from './organizations-fixture.ts';

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

interface Case {
  name: string;
  call: (f: RoleFixture) => Call;
  /** Expected status for owner, admin, member, viewer, outsider (non-member). */
  expect: [number, number, number, number, number];
}

const org = (f: RoleFixture) => `/api/v1/organizations/${f.orgId}`;

/**
 * Every organization endpoint for every role. A refused call (403 / 404 / 400) must leave every
 * stored row as it was, so the next role of the row may reuse the organization; a write that
 * went through is followed by a fresh one.
 */
const CASES: Case[] = [
  { name: 'GET organization', call: (f) => ({ method: 'GET', path: org(f) }), expect: [200, 200, 200, 200, 404] },
  { name: 'PATCH organization', call: (f) => ({ method: 'PATCH', path: org(f), body: { name: 'Renamed' } }), expect: [200, 200, 403, 403, 404] },
  { name: 'DELETE organization', call: (f) => ({ method: 'DELETE', path: org(f) }), expect: [204, 403, 403, 403, 404] },
  { name: 'GET members', call: (f) => ({ method: 'GET', path: `${org(f)}/members` }), expect: [200, 200, 200, 200, 404] },
  {
    name: 'PATCH a member to viewer',
    call: (f) => ({ method: 'PATCH', path: `${org(f)}/members/${f.people.member.id}/role`, body: { role: 'viewer' } }),
    expect: [200, 200, 403, 403, 404],
  },
  {
    name: 'PATCH a member to owner',
    call: (f) => ({ method: 'PATCH', path: `${org(f)}/members/${f.people.member.id}/role`, body: { role: 'owner' } }),
    expect: [200, 403, 403, 403, 404],
  },
  {
    name: 'PATCH the only owner to admin',
    call: (f) => ({ method: 'PATCH', path: `${org(f)}/members/${f.people.owner.id}/role`, body: { role: 'admin' } }),
    expect: [400, 403, 403, 403, 404],
  },
  {
    name: 'DELETE the member (their own leave)',
    call: (f) => ({ method: 'DELETE', path: `${org(f)}/members/${f.people.member.id}` }),
    expect: [204, 204, 204, 403, 404],
  },
  {
    name: 'DELETE the viewer (their own leave)',
    call: (f) => ({ method: 'DELETE', path: `${org(f)}/members/${f.people.viewer.id}` }),
    expect: [204, 204, 403, 204, 404],
  },
  {
    name: 'DELETE the only owner',
    call: (f) => ({ method: 'DELETE', path: `${org(f)}/members/${f.people.owner.id}` }),
    expect: [400, 403, 403, 403, 404],
  },
  {
    name: 'POST invitation as member',
    call: (f) => ({ method: 'POST', path: '/api/v1/invitations/', body: { organization_id: f.orgId, email: 'new@example.test', role: 'member' } }),
    expect: [201, 201, 403, 403, 404],
  },
  {
    name: 'POST invitation as owner',
    call: (f) => ({ method: 'POST', path: '/api/v1/invitations/', body: { organization_id: f.orgId, email: 'new@example.test', role: 'owner' } }),
    expect: [201, 403, 403, 403, 404],
  },
  { name: 'GET invitations', call: (f) => ({ method: 'GET', path: `/api/v1/invitations/?organization_id=${f.orgId}` }), expect: [200, 200, 403, 403, 404] },
  { name: 'DELETE invitation', call: (f) => ({ method: 'DELETE', path: `/api/v1/invitations/${f.pending.id}` }), expect: [204, 204, 403, 403, 404] },
  { name: 'POST switch', call: (f) => ({ method: 'POST', path: `${org(f)}/switch` }), expect: [200, 200, 200, 200, 404] },
];

describe('organization roles: every endpoint × every role', () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      let t = createTestApp();
      let f = await roleFixture(t);
      for (const [i, actor] of ACTORS.entries()) {
        const before = snapshot(t);
        const { method, path, body } = testCase.call(f);
        const res = await t.request(method, path, { token: f.people[actor].token, body });
        const want = testCase.expect[i]!;
        assert.equal(res.status, want, `${actor}: ${JSON.stringify(res.body)}`);
        if (want >= 400) {
          const code = { 400: 'LAST_OWNER', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[want as 400 | 403 | 404];
          assert.equal(res.body.error.code, code, actor);
          assert.equal(snapshot(t), before, `${actor}: a refused call changed nothing`);
        }
        if (want === 404) assert.doesNotMatch(JSON.stringify(res.body), new RegExp(f.orgId), 'a 404 does not echo the organization');
        // Refusals and reads leave the organization as it was; after a write that went through, start afresh.
        if (want < 400 && method !== 'GET') {
          t = createTestApp();
          f = await roleFixture(t);
        }
      }
    });
  }

  it('every read answers each member with their own role, and never the outsider', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    for (const actor of ACTORS) {
      const list = await t.request('GET', '/api/v1/organizations/', { token: f.people[actor].token });
      const mine = list.body.organizations.filter((o: { id: string }) => o.id === f.orgId);
      if (actor === 'outsider') {
        assert.equal(mine.length, 0);
        continue;
      }
      assert.equal(mine[0].role, actor);
      assert.equal(mine[0].member_count, 4);
      const one = await t.request('GET', `/api/v1/organizations/${f.orgId}`, { token: f.people[actor].token });
      assert.equal(one.body.role, actor);
    }
  });
});

describe('owners and the last-owner rule', () => {
  const roleOf = async (t: TestApp, f: RoleFixture, who: Actor, by: Actor = 'owner') => {
    const res = await t.request('GET', `/api/v1/organizations/${f.orgId}/members`, { token: f.people[by].token });
    return res.body.find((m: { user_id: string }) => m.user_id === f.people[who].id)?.role as string | undefined;
  };

  it('an owner hands ownership over, then may step down and leave', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const token = f.people.owner.token;
    const base = `/api/v1/organizations/${f.orgId}/members`;
    assert.equal((await t.request('PATCH', `${base}/${f.people.admin.id}/role`, { token, body: { role: 'owner' } })).status, 200);
    const down = await t.request('PATCH', `${base}/${f.people.owner.id}/role`, { token, body: { role: 'member' } });
    assert.equal(down.status, 200);
    assert.deepEqual(Object.keys(down.body).sort(), ['email', 'first_name', 'joined_at', 'last_name', 'role', 'user_id']);
    assert.equal(down.body.role, 'member');
    // Now a member: no longer allowed to manage.
    assert.equal((await t.request('PATCH', `${base}/${f.people.viewer.id}/role`, { token, body: { role: 'member' } })).status, 403);
    assert.equal((await t.request('DELETE', `${base}/${f.people.owner.id}`, { token })).status, 204);
    assert.equal((await t.request('GET', `/api/v1/organizations/${f.orgId}`, { token })).status, 404, 'gone after leaving');
    assert.equal(await roleOf(t, f, 'admin', 'admin'), 'owner');
  });

  it('with two owners one may leave, and the second then cannot', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const base = `/api/v1/organizations/${f.orgId}/members`;
    await t.request('PATCH', `${base}/${f.people.admin.id}/role`, { token: f.people.owner.token, body: { role: 'owner' } });
    assert.equal((await t.request('DELETE', `${base}/${f.people.owner.id}`, { token: f.people.owner.token })).status, 204);
    const last = await t.request('DELETE', `${base}/${f.people.admin.id}`, { token: f.people.admin.token });
    assert.equal(last.status, 400);
    assert.equal(last.body.error.code, 'LAST_OWNER');
    const demote = await t.request('PATCH', `${base}/${f.people.admin.id}/role`, { token: f.people.admin.token, body: { role: 'viewer' } });
    assert.equal(demote.body.error.code, 'LAST_OWNER');
  });

  it('an admin cannot demote or remove an owner, but manages admins, members and viewers', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const token = f.people.admin.token;
    const base = `/api/v1/organizations/${f.orgId}/members`;
    assert.equal((await t.request('PATCH', `${base}/${f.people.viewer.id}/role`, { token, body: { role: 'admin' } })).status, 200);
    assert.equal(await roleOf(t, f, 'viewer'), 'admin');
    assert.equal((await t.request('PATCH', `${base}/${f.people.viewer.id}/role`, { token, body: { role: 'member' } })).status, 200);
    assert.equal((await t.request('DELETE', `${base}/${f.people.owner.id}`, { token })).status, 403);
    assert.equal(await roleOf(t, f, 'owner'), 'owner');
  });

  it('a removed member loses access at once, whatever their access token says', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    await t.request('DELETE', `/api/v1/organizations/${f.orgId}/members/${f.people.admin.id}`, { token: f.people.owner.token });
    for (const [method, path] of [['GET', ''], ['GET', '/members'], ['PATCH', ''], ['POST', '/switch']] as const) {
      const res = await t.request(method, `/api/v1/organizations/${f.orgId}${path}`, { token: f.people.admin.token, body: method === 'PATCH' ? { name: 'x' } : undefined });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
  });
});

describe('isolation between organizations', () => {
  it('a user of organization A can neither read nor change B through any id', async () => {
    const t = createTestApp();
    const a = await roleFixture(t);
    const bOwner = await person(t, 'bowner');
    const bMember = await person(t, 'bmember');
    const b = await createOrg(t, bOwner);
    await join(t, bOwner, b, bMember, 'member');
    const bInvite = await invite(t, bOwner, b, 'b-invitee@example.test', 'member');
    const before = snapshot(t);
    const token = a.people.owner.token;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/organizations/${b}`],
      ['PATCH', `/api/v1/organizations/${b}`, { name: 'pwned' }],
      ['DELETE', `/api/v1/organizations/${b}`],
      ['GET', `/api/v1/organizations/${b}/members`],
      ['PATCH', `/api/v1/organizations/${b}/members/${bMember.id}/role`, { role: 'viewer' }],
      ['DELETE', `/api/v1/organizations/${b}/members/${bMember.id}`],
      ['POST', `/api/v1/organizations/${b}/switch`],
      ['GET', `/api/v1/invitations/?organization_id=${b}`],
      ['POST', '/api/v1/invitations/', { organization_id: b, email: 'spy@example.test', role: 'admin' }],
      ['DELETE', `/api/v1/invitations/${bInvite.id}`],
      // A's own organization id with B's people: B's member is not A's member.
      ['PATCH', `/api/v1/organizations/${a.orgId}/members/${bMember.id}/role`, { role: 'viewer' }],
      ['DELETE', `/api/v1/organizations/${a.orgId}/members/${bOwner.id}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.request(method, path, { token, body });
      assert.equal(res.status, 404, `${method} ${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'NOT_FOUND');
      assert.ok(!JSON.stringify(res.body).includes('pwned') && !JSON.stringify(res.body).includes(bMember.email));
    }
    assert.equal(snapshot(t), before, 'nothing in B (or anywhere) changed');
    // B's invitation token in A's owner's hands: the address does not match, so it is refused.
    const steal = await t.request('POST', '/api/v1/invitations/accept', { token, body: { token: bInvite.token } });
    assert.equal(steal.status, 403);
    assert.equal(snapshot(t), before);
  });

  it('a manager of A who is only a viewer of B cannot manage B', async () => {
    const t = createTestApp();
    const a = await roleFixture(t);
    const bOwner = await person(t, 'bowner');
    const b = await createOrg(t, bOwner);
    await join(t, bOwner, b, a.people.owner, 'viewer');
    const res = await t.request('POST', '/api/v1/invitations/', {
      token: a.people.owner.token,
      body: { organization_id: b, email: 'x@example.test', role: 'member' },
    });
    assert.equal(res.status, 403);
    const list = await t.request('GET', '/api/v1/organizations/', { token: a.people.owner.token });
    assert.deepEqual(
      list.body.organizations.map((o: { id: string; role: string }) => [o.id, o.role]).sort(),
      [[a.orgId, 'owner'], [b, 'viewer']].sort(),
    );
  });
});

describe('member routes: bad input', () => {
  it('a role change needs a known role as a string, in JSON, for a known member', async () => {
    const t = createTestApp();
    const f = await roleFixture(t);
    const before = snapshot(t);
    const path = `/api/v1/organizations/${f.orgId}/members/${f.people.member.id}/role`;
    const patch = (body: unknown) => t.request('PATCH', path, { token: f.people.owner.token, body });
    for (const [body, type] of [[{}, 'required'], [{ role: null }, 'required'], [{ role: 3 }, 'type'], [{ role: 'superuser' }, 'enum'], [{ role: 'Owner' }, 'enum'], [{ role: 'x'.repeat(17) }, 'max_length']] as const) {
      const res = await patch(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(res.body.error.details.validation_errors.map((e: { field: string; type: string }) => [e.field, e.type]), [['role', type]]);
    }
    assert.equal((await patch('{"role":')).body.error.code, 'INVALID_JSON');
    for (const who of [f.people.outsider.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.request('PATCH', `/api/v1/organizations/${f.orgId}/members/${who}/role`, { token: f.people.owner.token, body: { role: 'viewer' } });
      assert.deepEqual([res.status, res.body.error.code], [404, 'NOT_FOUND']);
      const del = await t.request('DELETE', `/api/v1/organizations/${f.orgId}/members/${who}`, { token: f.people.owner.token });
      assert.deepEqual([del.status, del.body.error.code], [404, 'NOT_FOUND']);
    }
    assert.equal(snapshot(t), before);
  });
});
