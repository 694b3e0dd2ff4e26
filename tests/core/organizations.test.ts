/**
 * organizations(client) against the real server: the list in the snapshot, the active
 * organization from the session's claims (switch, reload, other tabs), members, invitations and
 * the server's role rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, organizations, type JanuaClient, type Organization } from '../../packages/core/src/index.ts';
import { lastLink } from '../server/helpers/mfa.ts';
import { API, containsSecret, harness, newUser } from './helpers.ts';
import { browser, installLocks, listen, signedUp, since, until } from './env.ts';

let n = 0;
const slug = () => `org-${Date.now().toString(36)}-${++n}`;

/**
 * The harness's fetch with `POST …/switch` answered 404 while `on()` holds: FastAPI's own 404
 * for a route it does not have (a server without the ext switch), or `html` as a proxy's.
 */
function switch404(h: Awaited<ReturnType<typeof harness>>, on: () => boolean = () => true, html = false): typeof fetch {
  return async (input, init) => on() && /\/switch$/.test(new URL(new Request(input, init).url).pathname)
    ? html ? new Response('<html>Not Found</html>', { status: 404, headers: { 'content-type': 'text/html' } })
      : Response.json({ detail: 'Not Found' }, { status: 404 })
    : h.fetch(input, init);
}

async function withOrg(client: JanuaClient, name = 'Acme'): Promise<Organization> {
  return organizations(client).create({ name, slug: slug() });
}

test('create: the list loads into the snapshot; camelCase, caller\'s role; slug rules are field errors', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    const orgs = organizations(client);
    await until(() => orgs.list.getSnapshot().status === 'ready', 'the first list');
    assert.deepEqual(client.getSnapshot().organizations, []);
    assert.equal(client.getSnapshot().activeOrganization, null);

    const from = h.calls.length;
    const org = await orgs.create({ name: 'Acme', slug: 'acme-1', description: 'Rockets' });
    assert.deepEqual(Object.keys(org).sort(), ['createdAt', 'description', 'id', 'logoUrl', 'memberCount', 'name', 'role', 'slug', 'updatedAt']);
    assert.equal(org.role, 'owner');
    assert.equal(org.memberCount, 1);
    assert.deepEqual(h.calls[from]?.body, { name: 'Acme', slug: 'acme-1', description: 'Rockets' });
    await until(() => client.getSnapshot().organizations.length === 1, 'the snapshot to list it');
    assert.deepEqual(client.getSnapshot().organizations[0], org);
    assert.ok(since(h, from).includes('GET /organizations/ 200'), 'the list was refetched after the write');
    assert.equal(h.calls.at(-1)?.path, '/organizations/');
    assert.deepEqual(await orgs.get(org.id), org);

    const taken = await orgs.create({ name: 'Other', slug: 'acme-1' }).catch((e: unknown) => e);
    assert.ok(taken instanceof JanuaError && taken.code === 'SLUG_TAKEN');
    assert.equal(typeof taken.fieldErrors.slug, 'string');
    const bad = await orgs.create({ name: 'Other', slug: 'Not A Slug' }).catch((e: unknown) => e);
    assert.ok(bad instanceof JanuaError && bad.code === 'VALIDATION_ERROR' && typeof bad.fieldErrors.slug === 'string');

    const updated = await orgs.update(org.id, { name: 'Acme Rockets', logoUrl: 'https://example.com/logo.png' });
    assert.equal(updated.name, 'Acme Rockets');
    assert.equal(updated.logoUrl, 'https://example.com/logo.png');
    assert.deepEqual(h.calls.find((c) => c.method === 'PATCH')?.body, { name: 'Acme Rockets', logo_url: 'https://example.com/logo.png' });
    await until(() => client.getSnapshot().organizations[0]?.name === 'Acme Rockets', 'the renamed organization');
  } finally {
    h.destroy();
  }
});

test('switch: the session carries the organization, the snapshot names it, personal goes back; tokens keep working', async () => {
  const h = await harness();
  try {
    let skew = 0;
    const { client } = await signedUp(h, { now: () => Date.now() + skew });
    const orgs = organizations(client);
    const org = await withOrg(client);
    await until(() => client.getSnapshot().organizations.length === 1, 'the list');

    const from = h.calls.length;
    const active = await orgs.switch(org.id);
    assert.equal(since(h, from)[0], `POST /organizations/${org.id}/switch 200`);
    const snap = client.getSnapshot();
    assert.equal(snap.session?.orgId, org.id);
    assert.equal(snap.session?.orgRole, 'owner');
    assert.deepEqual(snap.activeOrganization, org);
    assert.equal(active, snap.activeOrganization);
    const me = await client.request<{ id: string }>('GET', '/auth/me');
    assert.equal(me.id, snap.user?.id);

    // The switch rotated the refresh token; the client holds the new one, so refreshing works
    // and the server keeps the organization on the session.
    skew = snap.session!.expiresAt - Date.now() - 1_000;
    await client.getAccessToken();
    skew = 0;
    assert.ok(h.calls.some((c, i) => i > from && c.path === '/auth/refresh' && c.status === 200));
    assert.equal(client.getSnapshot().status, 'signed-in');
    assert.equal(client.getSnapshot().session?.orgId, org.id);
    assert.equal(client.getSnapshot().activeOrganization?.id, org.id);

    assert.equal(await orgs.switch(null), null);
    assert.equal([...h.calls].reverse().find((c) => c.path.endsWith('/switch'))?.path, '/organizations/personal/switch');
    assert.equal(client.getSnapshot().session?.orgId, null);
    assert.equal(client.getSnapshot().activeOrganization, null);

    const stranger = await signedUp(h);
    const notYours = await organizations(stranger.client).switch(org.id).catch((e: unknown) => e);
    assert.ok(notYours instanceof JanuaError && notYours.status === 404);
    assert.equal(stranger.client.getSnapshot().session?.orgId, null);
    await stranger.client.request('GET', '/auth/me');
    assert.equal(containsSecret(client.getSnapshot(), h.secrets), false);
  } finally {
    h.destroy();
  }
});

test('after a reload the active organization is back (the server keeps it on the session)', async () => {
  const h = await harness();
  const b = browser(h);
  try {
    const { client } = await signedUp(h, { refreshTransport: 'cookie', fetch: b.fetch });
    const org = await withOrg(client);
    await organizations(client).switch(org.id);
    client.destroy();

    const reloaded = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    await reloaded.ready;
    assert.equal(reloaded.getSnapshot().status, 'signed-in');
    assert.equal(reloaded.getSnapshot().session?.orgId, org.id);
    organizations(reloaded);
    await until(() => reloaded.getSnapshot().activeOrganization !== null, 'the active organization');
    assert.equal(reloaded.getSnapshot().activeOrganization?.id, org.id);
    assert.equal(reloaded.getSnapshot().activeOrganization?.role, 'owner');
  } finally {
    h.destroy();
  }
});

test('a switch in one tab: the other tabs of that browser refresh and follow, under the shared lock', async () => {
  const h = await harness();
  const b = browser(h);
  const locks = installLocks();
  try {
    const tabA = h.client({ refreshTransport: 'cookie', fetch: b.fetch, crossTab: true });
    await tabA.ready;
    const { email, password } = await signedUp(h);
    await tabA.signIn({ email, password });
    const org = await withOrg(tabA);
    const tabB = h.client({ refreshTransport: 'cookie', fetch: b.fetch, crossTab: true });
    await tabB.ready;
    assert.equal(tabB.getSnapshot().session?.id, tabA.getSnapshot().session?.id, 'one browser, one session');
    organizations(tabB);
    await until(() => tabB.getSnapshot().organizations.length === 1, "tab B's list");

    locks.granted.length = 0;
    const from = h.calls.length;
    await organizations(tabA).switch(org.id);
    await until(() => tabB.getSnapshot().activeOrganization?.id === org.id, 'tab B to follow');
    assert.equal(tabB.getSnapshot().session?.orgId, org.id);
    assert.deepEqual(since(h, from).filter((c) => c.startsWith('POST')), [
      `POST /organizations/${org.id}/switch 200`, 'POST /auth/refresh 200',
    ]);
    assert.deepEqual(locks.granted, [`janua-refresh:${API}`, `janua-refresh:${API}`], 'the switch and the refresh each held the lock');
    // The rotated cookie was never presented twice: both tabs still work.
    await tabA.request('GET', '/auth/me');
    await tabB.request('GET', '/auth/me');
    assert.equal(h.calls.filter((c, i) => i >= from && c.status >= 400).length, 0);

    await organizations(tabB).switch(null);
    await until(() => tabA.getSnapshot().activeOrganization === null, 'tab A to follow back');
  } finally {
    locks.uninstall();
    h.destroy();
  }
});

test('invitations: invite, validate without signing in, accept; members, roles and the server\'s rules', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const owner = await signedUp(h, { crossTab: true });
    const orgs = organizations(owner.client);
    const org = await withOrg(owner.client);
    const invitee = await signedUp(h);

    const pendingInvites = orgs.invitations(org.id);
    assert.equal(orgs.invitations(org.id), pendingInvites, 'one resource per organization');
    pendingInvites.subscribe(() => undefined);
    await until(() => pendingInvites.getSnapshot().status === 'ready', 'the invitations');
    const invitation = await orgs.invite({ organizationId: org.id, email: invitee.email, role: 'member', message: 'Join us' });
    assert.equal(invitation.status, 'pending');
    assert.equal(invitation.organizationId, org.id);
    assert.deepEqual(h.calls.find((c) => c.path === '/invitations/' && c.method === 'POST')?.body,
      { organization_id: org.id, email: invitee.email, role: 'member', message: 'Join us' });
    await until(() => pendingInvites.getSnapshot().data?.length === 1, 'the refetched invitations');
    await until(() => spy.messages.some((m) => m.type === 'invalidate' && m.resource === 'invitations' && m.key === org.id), 'the tab message');

    const { token } = lastLink(h.app, invitee.email);
    const anonymous = h.client();
    await anonymous.ready;
    const check = await organizations(anonymous).validateInvitation(token);
    assert.equal(check.valid, true);
    assert.equal(check.organizationName, 'Acme');
    assert.equal(check.email, invitee.email);
    assert.equal(check.role, 'member');
    assert.equal(check.status, 'pending');
    assert.deepEqual(await organizations(anonymous).validateInvitation('nope'),
      { valid: false, organizationName: null, email: null, role: null, status: null, expiresAt: null });

    const wrongPerson = await organizations(owner.client).acceptInvitation(token).catch((e: unknown) => e);
    assert.ok(wrongPerson instanceof JanuaError && wrongPerson.status === 403);
    const joined = organizations(invitee.client);
    assert.deepEqual(await joined.acceptInvitation(token), { organizationId: org.id });
    await until(() => invitee.client.getSnapshot().organizations[0]?.role === 'member', "the invitee's list");
    const twice = await joined.acceptInvitation(token).catch((e: unknown) => e);
    assert.ok(twice instanceof JanuaError && twice.code === 'INVALID_TOKEN');

    // Members: anyone reads; a member cannot write (403); a stranger sees nothing (404).
    const members = orgs.members(org.id);
    members.subscribe(() => undefined);
    await until(() => members.getSnapshot().data?.length === 2, 'two members');
    assert.deepEqual(Object.keys(members.getSnapshot().data![0]!).sort(), ['email', 'firstName', 'joinedAt', 'lastName', 'role', 'userId']);
    assert.equal((await joined.members(org.id).load()).length, 2);
    const denied = await joined.update(org.id, { name: 'Mine now' }).catch((e: unknown) => e);
    assert.ok(denied instanceof JanuaError && denied.code === 'FORBIDDEN' && denied.status === 403);
    const deniedInvite = await joined.invite({ organizationId: org.id, email: 'x@example.com', role: 'viewer' }).catch((e: unknown) => e);
    assert.ok(deniedInvite instanceof JanuaError && deniedInvite.status === 403);
    const stranger = await signedUp(h);
    const hidden = await organizations(stranger.client).get(org.id).catch((e: unknown) => e);
    assert.ok(hidden instanceof JanuaError && hidden.code === 'NOT_FOUND' && hidden.status === 404);

    const from = h.calls.length;
    const promoted = await orgs.setRole(org.id, invitee.id, 'admin');
    assert.equal(promoted.role, 'admin');
    await until(() => members.getSnapshot().data?.find((m) => m.userId === invitee.id)?.role === 'admin', 'the refetched members');
    assert.deepEqual(since(h, from).slice(0, 2), [`PATCH /organizations/${org.id}/members/${invitee.id}/role 200`, `GET /organizations/${org.id}/members 200`]);

    // Revoking: only pending invitations.
    const second = await orgs.invite({ organizationId: org.id, email: 'later@example.com', role: 'viewer' });
    await orgs.revokeInvitation(second.id);
    await until(() => pendingInvites.getSnapshot().data?.find((i) => i.id === second.id)?.status === 'revoked', 'the revoked invitation');
    const again = await orgs.revokeInvitation(second.id).catch((e: unknown) => e);
    assert.ok(again instanceof JanuaError && again.code === 'INVITATION_NOT_PENDING');

    // The last owner can neither leave nor be demoted.
    const lastOwner = await orgs.leave(org.id).catch((e: unknown) => e);
    assert.ok(lastOwner instanceof JanuaError && lastOwner.code === 'LAST_OWNER');
    await orgs.removeMember(org.id, invitee.id);
    await until(() => members.getSnapshot().data?.length === 1, 'one member left');
    assert.equal(containsSecret(spy.messages, h.secrets), false);
    assert.equal(JSON.stringify(spy.messages).includes(token), false, 'no invitation token crosses tabs');
  } finally {
    spy.close();
    h.destroy();
  }
});

test('leaving or deleting the active organization returns to personal; a changed role shows at the next refresh', async () => {
  const h = await harness();
  try {
    let skew = 0;
    const owner = await signedUp(h);
    const member = await signedUp(h, { now: () => Date.now() + skew });
    const orgs = organizations(owner.client);
    const [a, b] = [await withOrg(owner.client, 'Alpha'), await withOrg(owner.client, 'Beta')];
    for (const org of [a, b]) {
      await orgs.invite({ organizationId: org.id, email: member.email, role: 'member' });
      await organizations(member.client).acceptInvitation(lastLink(h.app, member.email).token);
    }
    const mine = organizations(member.client);
    await mine.switch(a.id);
    assert.equal(member.client.getSnapshot().activeOrganization?.role, 'member');

    await orgs.setRole(a.id, member.id, 'admin');
    skew = member.client.getSnapshot().session!.expiresAt - Date.now() - 1_000;
    await member.client.getAccessToken();
    skew = 0;
    assert.equal(member.client.getSnapshot().session?.orgRole, 'admin');
    assert.equal(member.client.getSnapshot().activeOrganization?.role, 'admin', 'the token\'s role wins over the older list');

    await mine.leave(a.id);
    assert.equal(member.client.getSnapshot().session?.orgId, null);
    assert.equal(member.client.getSnapshot().activeOrganization, null);
    await until(() => member.client.getSnapshot().organizations.length === 1, 'the list without Alpha');

    await mine.switch(b.id);
    await organizations(owner.client).switch(b.id);
    await orgs.remove(b.id);
    assert.equal(owner.client.getSnapshot().session?.orgId, null, "the owner's session went personal");
    await until(() => owner.client.getSnapshot().organizations.map((o) => o.id).join() === a.id, "the owner's list without Beta");
    // The member's session was moved off by the server; their next token says so.
    skew = member.client.getSnapshot().session!.expiresAt - Date.now() - 1_000;
    await member.client.getAccessToken();
    skew = 0;
    assert.equal(member.client.getSnapshot().session?.orgId, null);
    assert.equal(member.client.getSnapshot().activeOrganization, null);
  } finally {
    h.destroy();
  }
});

test('a refusal (403) or a 404 about an organization reads the list anew, and a token it contradicts is refreshed at once', async () => {
  const h = await harness();
  try {
    const owner = await signedUp(h);
    const admin = await signedUp(h);
    const orgs = organizations(owner.client);
    const org = await withOrg(owner.client, 'Acme');
    await orgs.invite({ organizationId: org.id, email: admin.email, role: 'admin' });
    await organizations(admin.client).acceptInvitation(lastLink(h.app, admin.email).token);
    const theirs = organizations(admin.client);
    await theirs.switch(org.id);
    assert.equal(admin.client.getSnapshot().activeOrganization?.role, 'admin');

    // Demoted on another device: this one still holds a token that says admin.
    await orgs.setRole(org.id, admin.id, 'member');
    assert.equal(admin.client.getSnapshot().session?.orgRole, 'admin');
    const refused = await theirs.update(org.id, { name: 'Mine now' }).catch((e: unknown) => e);
    assert.ok(refused instanceof JanuaError && refused.status === 403);
    await until(() => admin.client.getSnapshot().session?.orgRole === 'member', 'the token refreshed to the new role');
    assert.equal(admin.client.getSnapshot().activeOrganization?.role, 'member');

    // Removed: the next call about it is a 404, and the organization leaves the snapshot.
    await orgs.removeMember(org.id, admin.id);
    const gone = await theirs.invite({ organizationId: org.id, email: 'x@example.com', role: 'member' }).catch((e: unknown) => e);
    assert.ok(gone instanceof JanuaError && (gone.status === 404 || gone.status === 403));
    await until(() => admin.client.getSnapshot().session?.orgId === null, 'the token refreshed off the organization');
    assert.equal(admin.client.getSnapshot().activeOrganization, null);
    assert.deepEqual(admin.client.getSnapshot().organizations, []);
  } finally {
    h.destroy();
  }
});

test('the list reads every page (per_page=100)', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    const token = await client.getAccessToken();
    for (let i = 0; i < 101; i++) {
      const res = await h.app.request('POST', '/api/v1/organizations/', { token: token!, body: { name: `Org ${String(i).padStart(3, '0')}`, slug: slug() } });
      assert.equal(res.status, 201);
    }
    const from = h.calls.length;
    const all = await organizations(client).list.load();
    assert.equal(all.length, 101);
    assert.equal(new Set(all.map((o) => o.id)).size, 101);
    assert.deepEqual(h.calls.slice(from).map((c) => c.path), ['/organizations/', '/organizations/']);
    await until(() => client.getSnapshot().organizations.length === 101, 'the snapshot');
  } finally {
    h.destroy();
  }
});

test('a server that pages by fewer than asked (its per_page cap) still gets every page read', async () => {
  const h = await harness();
  try {
    // The reference server takes per_page up to 100; this one, like a server with a cap of 2, answers by twos.
    const capped: typeof fetch = (input, init) => h.fetch(String(input).replace('per_page=100', 'per_page=2'), init);
    const { client } = await signedUp(h, { fetch: capped });
    const token = await client.getAccessToken();
    for (let i = 0; i < 5; i++) {
      const res = await h.app.request('POST', '/api/v1/organizations/', { token: token!, body: { name: `Org ${i}`, slug: slug() } });
      assert.equal(res.status, 201);
    }
    const all = await organizations(client).list.load();
    assert.equal(new Set(all.map((o) => o.id)).size, 5);
  } finally {
    h.destroy();
  }
});

test('a server without the switch (ext, 404): the active organization is this tab\'s choice from the list, with the list\'s role', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h, { fetch: switch404(h) });
    const orgs = organizations(client);
    const a = await withOrg(client, 'Acme');
    const b = await withOrg(client, 'Beta');
    const active = await orgs.switch(a.id);
    assert.equal(active?.id, a.id);
    assert.equal(client.getSnapshot().activeOrganization?.role, 'owner', 'the list\'s role');
    assert.equal(client.getSnapshot().session?.orgId, null, 'no token carries it');
    assert.equal((await orgs.switch(b.id))?.id, b.id);
    assert.equal(await orgs.switch(null), null);
    assert.equal(client.getSnapshot().activeOrganization, null, 'personal');
    const unknown = await orgs.switch('no-such-org').catch((e: unknown) => e);
    assert.ok(unknown instanceof JanuaError && unknown.status === 404, String(unknown));
    // Another user on this client starts from personal, not from the last one's choice.
    await orgs.switch(a.id);
    await client.signOut();
    const other = newUser();
    await client.signUp(other);
    await until(() => client.getSnapshot().organizations.length === 0, 'the other user\'s (empty) list');
    assert.equal(client.getSnapshot().activeOrganization, null);
  } finally {
    h.destroy();
  }
});

test('a switch that 404s once (a proxy\'s glitch) makes that choice local, and the next switch that works takes the token\'s claims again', async () => {
  const h = await harness();
  try {
    let glitch = true;
    const { client } = await signedUp(h, { fetch: switch404(h, () => glitch, true) });
    const orgs = organizations(client);
    const a = await withOrg(client, 'Acme');
    const b = await withOrg(client, 'Beta');
    assert.equal((await orgs.switch(a.id))?.id, a.id);
    assert.equal(client.getSnapshot().session?.orgId, null);
    glitch = false;
    assert.equal((await orgs.switch(b.id))?.id, b.id);
    assert.equal(client.getSnapshot().session?.orgId, b.id, 'the server switched');
    assert.equal(client.getSnapshot().activeOrganization?.id, b.id);
    await orgs.switch(null);
    assert.equal(client.getSnapshot().session?.orgId, null);
    assert.equal(client.getSnapshot().activeOrganization, null);
  } finally {
    h.destroy();
  }
});

test('once the server has switched (or the session carries an organization), a 404 is only a 404: never a local choice against the token', async () => {
  const h = await harness();
  try {
    let glitch = false;
    const f = switch404(h, () => glitch, true);
    const { client, email, password } = await signedUp(h, { fetch: f });
    const orgs = organizations(client);
    const a = await withOrg(client, 'Acme');
    const b = await withOrg(client, 'Beta');
    await orgs.switch(a.id);
    glitch = true;
    for (const id of [b.id, null]) {
      const refused = await orgs.switch(id).catch((e: unknown) => e);
      assert.ok(refused instanceof JanuaError && refused.status === 404, `${id}: ${String(refused)}`);
      assert.equal(client.getSnapshot().activeOrganization?.id, a.id, 'the page shows what the token carries');
      assert.equal(client.getSnapshot().session?.orgId, a.id);
    }
    // A fresh client whose session carries an organization: the same.
    const reloaded = h.client({ fetch: f });
    await reloaded.signIn({ email, password });
    await organizations(reloaded).switch(a.id).catch(() => undefined);
    glitch = false;
    await organizations(reloaded).switch(a.id);
    glitch = true;
    const refused = await organizations(reloaded).switch(b.id).catch((e: unknown) => e);
    assert.ok(refused instanceof JanuaError && refused.status === 404, String(refused));
  } finally {
    h.destroy();
  }
});

test('signing out ends a local choice: the same user signing in again starts from what the token says', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h, { fetch: switch404(h) });
    const a = await withOrg(client, 'Acme');
    await organizations(client).switch(a.id);
    assert.equal(client.getSnapshot().activeOrganization?.id, a.id);
    await client.signOut();
    await client.signIn({ email, password });
    await until(() => client.getSnapshot().organizations.length === 1, 'the list again');
    assert.equal(client.getSnapshot().activeOrganization, null);
  } finally {
    h.destroy();
  }
});

test('an organization the server does not list is no "missing switch": its 404 is thrown', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    const missing = await organizations(client).switch('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    assert.ok(missing instanceof JanuaError && missing.status >= 400, String(missing));
    assert.equal(client.getSnapshot().activeOrganization, null);
    // The next real switch still asks the server.
    const org = await withOrg(client);
    const from = h.calls.length;
    await organizations(client).switch(org.id);
    assert.ok(since(h, from).some((c) => c.startsWith(`POST /organizations/${org.id}/switch 200`)));
    assert.equal(client.getSnapshot().session?.orgId, org.id);
  } finally {
    h.destroy();
  }
});

test('a write in one tab refetches the list in the other tabs of the user', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h, { crossTab: true });
    const tab2 = h.client({ crossTab: true });
    await tab2.signIn({ email, password });
    organizations(tab2);
    await until(() => organizations(tab2).list.getSnapshot().status === 'ready', "tab 2's list");
    const org = await withOrg(client);
    await until(() => tab2.getSnapshot().organizations.some((o) => o.id === org.id), 'tab 2 to see the new organization');
    await tab2.signOut();
    await until(() => client.getSnapshot().status === 'signed-out', 'sign-out everywhere');
    assert.deepEqual(client.getSnapshot().organizations, []);
    assert.equal(organizations(client).list.getSnapshot().status, 'idle');
  } finally {
    h.destroy();
  }
});

test('another user signing in on this client never shows with the previous user\'s organizations', async () => {
  const h = await harness();
  try {
    const first = await signedUp(h);
    const second = await signedUp(h);
    const client = h.client();
    // Subscribed before the module exists, like an element rendered before any organization UI.
    const seen: { user: string | undefined; orgs: number }[] = [];
    client.subscribe((s) => seen.push({ user: s.user?.id, orgs: s.organizations.length }));
    await client.signIn({ email: first.email, password: first.password });
    await withOrg(client);
    await until(() => client.getSnapshot().organizations.length === 1, "the first user's list");
    await client.signIn({ email: second.email, password: second.password });
    await until(() => organizations(client).list.getSnapshot().status === 'ready', "the second user's list");
    assert.deepEqual(client.getSnapshot().organizations, []);
    assert.ok(seen.every((s) => s.user !== second.id || s.orgs === 0), JSON.stringify(seen));
  } finally {
    h.destroy();
  }
});
