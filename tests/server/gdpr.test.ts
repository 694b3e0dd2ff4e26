import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, totp } from '../../packages/server/src/mfa/totp.ts';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { defineTable } from '../../packages/server/src/store/types.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { createOrg, invite, join, person, type Person } from './organizations-fixture.ts';

const exportOf = (t: TestApp, who: Person) => t.request('GET', '/api/v1/users/me/export', { token: who.token });
const remove = (t: TestApp, who: { token: string }, body?: unknown) => t.request('DELETE', '/api/v1/users/me', { token: who.token, body });
const PASSWORD = 'Correct-horse-battery-9';

/** Every row of every table, to prove that a refused or read-only call wrote nothing. */
function snapshot(t: TestApp): string {
  return JSON.stringify(t.store.registeredTables().map((table) => [table.spec.name, table.find({}, { orderBy: [{ field: 'id' }] })]));
}

describe('GET /users/me/export', () => {
  it('shows what was sent to the address only once the address is verified: an account made with someone else\'s does not read their invitations', async () => {
    const t = createTestApp();
    const admin = await person(t, 'admin');
    const orgId = await createOrg(t, admin, 'secret-project', 'Secret Project');
    await invite(t, admin, orgId, 'victim@corp.example', 'admin');
    // Someone signs up with the invited address, which they cannot verify.
    const squatter = await t.signUp({ email: 'victim@corp.example' });
    const data = (await t.request('GET', '/api/v1/users/me/export', { token: squatter.tokens!.access_token })).body;
    const text = JSON.stringify(data);
    assert.ok(!text.includes(orgId), 'no invitation to the address');
    assert.ok(!/Secret Project|invited you/.test(text), 'no mail sent to the address');
    // Verified, the address is the user's, and so is what was sent to it.
    t.app.ctx.users.update(squatter.user.id, { email_verified: true });
    const verified = JSON.stringify((await t.request('GET', '/api/v1/users/me/export', { token: squatter.tokens!.access_token })).body);
    assert.ok(verified.includes(orgId) && verified.includes('invited you'));
  });

  it('holds the profile, sessions, MFA state, memberships and invitations both ways, and no secret', async () => {
    const t = createTestApp();
    const ada = await person(t, 'ada');
    const bob = await person(t, 'bob');
    const orgId = await createOrg(t, ada, 'ada-labs', 'Ada Labs');
    await invite(t, ada, orgId, 'carol@example.test', 'member');
    const bobOrg = await createOrg(t, bob, 'bob-co', 'Bob Co');
    await invite(t, bob, bobOrg, ada.email, 'viewer');
    t.app.ctx.users.update(ada.id, { email_verified: true });
    const mfa = await t.request('POST', '/api/v1/mfa/enable', { token: ada.token, body: { password: PASSWORD } });
    assert.equal(mfa.status, 200);
    const code = await totp(base32Decode(mfa.body.secret), t.clock.now());
    assert.equal((await t.request('POST', '/api/v1/mfa/verify', { token: ada.token, body: { code } })).status, 200);

    const before = snapshot(t);
    const res = await exportOf(t, ada);
    assert.equal(res.status, 200);
    assert.equal(snapshot(t), before, 'an export writes nothing');
    assert.match(res.headers.get('content-disposition')!, /attachment/);
    const data = res.body;
    assert.equal(data.format, 'janua-export/1');
    assert.equal(data.user.id, ada.id);
    assert.equal(data.user.email, ada.email);
    assert.equal(data.user.mfa_enabled, true);
    assert.equal(data.account.has_password, true);
    assert.equal(data.sessions.length, 1);
    assert.match(data.sessions[0].created_at, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(data.memberships.map((m: { organization_slug: string; role: string }) => [m.organization_slug, m.role]), [['ada-labs', 'owner']]);
    assert.equal(data.records.mfa_settings[0].totp_verified, true);
    assert.equal(data.records.mfa_backup_codes.length, 10);
    const invitations = data.records.organization_invitations as { email: string; organization_id: string }[];
    assert.ok(invitations.some((i) => i.email === 'carol@example.test' && i.organization_id === orgId), 'an invitation the user sent');
    assert.ok(invitations.some((i) => i.email === ada.email && i.organization_id === bobOrg), 'an invitation the user received');
    assert.ok(data.messages.some((m: { subject: string }) => /invited you/.test(m.subject)));
    assert.ok(data.messages.every((m: Record<string, unknown>) => !('link' in m) && !('text' in m)), 'no live links in an export');
    assert.deepEqual(data.redacted_fields.mfa_settings, ['totp_secret']);

    const text = JSON.stringify(data);
    for (const secret of [mfa.body.secret, ...mfa.body.backup_codes, ada.refresh, ada.token]) {
      assert.ok(!text.includes(secret), 'no secret, code or token in the export');
    }
    assert.ok(!text.includes('$argon2id$'), 'no password hash');
    const stored = t.app.ctx.store.registeredTables().flatMap((table) => table.find()).flatMap((row) =>
      Object.entries(row).filter(([k, v]) => /_hash$|secret/.test(k) && typeof v === 'string').map(([, v]) => v as string));
    assert.ok(stored.length > 10 && stored.every((hash) => !text.includes(hash)), 'no stored hash or secret');
    assert.ok(!text.includes(bob.id) || invitations.some((i) => i.organization_id === bobOrg), 'nothing of Bob but the invitation he sent Ada');
    assert.ok(!data.sessions.some((s: { id: string }) => JSON.stringify(t.app.ctx.sessions.sessions.find({ user_id: bob.id })).includes(s.id)));
  });

  it('finds the rows of any feature table that points at the user (OAuth links here), and deletion takes them', async () => {
    const t = createTestApp();
    const ada = await person(t, 'ada');
    const bob = await person(t, 'bob');
    const links = t.store.registeredTables().find((table) => table.spec.name === 'oauth_accounts')!;
    const now = t.clock.now();
    links.insert({ id: 'link-ada', provider: 'github', subject: '1234', user_id: ada.id, email: ada.email, created_at: now, last_used_at: now } as any);
    links.insert({ id: 'link-bob', provider: 'github', subject: '5678', user_id: bob.id, email: bob.email, created_at: now, last_used_at: now } as any);
    const res = await exportOf(t, ada);
    assert.deepEqual(res.body.records.oauth_accounts.map((l: { provider: string; subject: string }) => [l.provider, l.subject]), [['github', '1234']]);
    assert.match(res.body.records.oauth_accounts[0].created_at, /^\d{4}-/, 'times as ISO 8601');
    assert.equal((await remove(t, ada, { password: PASSWORD })).status, 204);
    assert.deepEqual(links.find().map((l) => l.id), ['link-bob']);
  });

  it('answers 401 without a valid token', async () => {
    const t = createTestApp();
    assert.equal((await t.request('GET', '/api/v1/users/me/export')).status, 401);
    assert.equal((await t.request('GET', '/api/v1/users/me/export', { token: 'not.a.jwt' })).body.error.code, 'UNAUTHORIZED');
  });
});

describe('DELETE /users/me', () => {
  it('removes the user, sessions, factors, memberships and an organization only they belonged to, in one go', async () => {
    const t = createTestApp();
    const ada = await person(t, 'ada');
    const other = await t.request('POST', '/api/v1/auth/signin', { body: { email: ada.email, password: PASSWORD } });
    const orgId = await createOrg(t, ada, 'solo-org');
    await t.request('POST', '/api/v1/mfa/enable', { token: ada.token, body: { password: PASSWORD } });
    const bob = await person(t, 'bob');
    const bobOrg = await createOrg(t, bob, 'bobs');
    await join(t, bob, bobOrg, ada, 'admin');

    const res = await remove(t, ada, { password: PASSWORD });
    assert.equal(res.status, 204);
    assert.match(res.headers.get('set-cookie') ?? '', /janua_refresh_token=;.*Max-Age=0/);
    const ctx = t.app.ctx;
    assert.equal(ctx.users.get(ada.id), undefined);
    assert.equal(ctx.sessions.sessions.count({ user_id: ada.id }), 0);
    for (const table of t.store.registeredTables()) {
      if ('user_id' in table.spec.columns) assert.equal((table as any).count({ user_id: ada.id }), 0, `${table.spec.name} keeps nothing of the user`);
    }
    assert.equal((await t.request('GET', `/api/v1/organizations/${orgId}`, { token: bob.token })).status, 404);
    assert.equal(t.store.registeredTables().find((x) => x.spec.name === 'organizations')!.get(orgId), undefined, 'the sole-member organization is gone');
    const members = await t.request('GET', `/api/v1/organizations/${bobOrg}/members`, { token: bob.token });
    assert.deepEqual(members.body.map((m: { user_id: string }) => m.user_id), [bob.id], "Bob's organization stays, without Ada");

    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: ada.token })).status, 401);
    assert.equal((await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: other.body.tokens.refresh_token } })).status, 401);
    const signin = await t.request('POST', '/api/v1/auth/signin', { body: { email: ada.email, password: PASSWORD } });
    assert.equal(signin.body.error.code, 'INVALID_CREDENTIALS');
    assert.equal(t.outbox.list(ada.email).length, 0, 'mail kept for the address is forgotten');
    assert.equal((await t.signUp({ email: ada.email })).user.email, ada.email, 'the address can sign up again');
  });

  it('refuses the last owner of an organization with other members (400 LAST_OWNER, as the organization routes answer), then allows once another owner exists', async () => {
    const t = createTestApp();
    const ada = await person(t, 'ada');
    const bob = await person(t, 'bob');
    const orgId = await createOrg(t, ada, 'shared-org', 'Shared');
    await join(t, ada, orgId, bob, 'member');
    const before = snapshot(t);
    const refused = await remove(t, ada, { password: PASSWORD });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'LAST_OWNER');
    assert.deepEqual(refused.body.error.details.organizations.map((o: { slug: string }) => o.slug), ['shared-org']);
    assert.equal(snapshot(t), before, 'nothing was removed');

    const promote = await t.request('PATCH', `/api/v1/organizations/${orgId}/members/${bob.id}/role`, { token: ada.token, body: { role: 'owner' } });
    assert.equal(promote.status, 200);
    assert.equal((await remove(t, ada, { password: PASSWORD })).status, 204);
    const org = await t.request('GET', `/api/v1/organizations/${orgId}`, { token: bob.token });
    assert.equal(org.status, 200);
    assert.equal(org.body.member_count, 1);
  });

  it('answers bad input with 422, 400 or 401 and removes nothing', async () => {
    const t = createTestApp();
    const ada = await person(t, 'ada');
    const before = snapshot(t);
    const missing = await remove(t, ada, {});
    assert.equal(missing.status, 422);
    assert.equal(missing.body.error.details.validation_errors[0].field, 'password');
    assert.equal((await remove(t, ada, { password: 12345678 })).status, 422);
    assert.equal((await remove(t, ada, { password: 'x'.repeat(1025) })).body.error.details.validation_errors[0].type, 'max_length');
    assert.equal((await remove(t, ada, '{"password":')).body.error.code, 'INVALID_JSON');
    assert.equal((await remove(t, ada, [])).status, 422);
    const wrong = await remove(t, ada, { password: 'Not-the-password-1' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
    assert.equal((await t.request('DELETE', '/api/v1/users/me', { body: { password: PASSWORD } })).status, 401);
    assert.equal((await remove(t, { token: ada.token + 'x' }, { password: PASSWORD })).status, 401);
    assert.equal(snapshot(t).length > 0 && t.app.ctx.users.get(ada.id)?.email, ada.email);
    assert.equal(JSON.parse(snapshot(t)).find((x: [string]) => x[0] === 'users')[1].length, JSON.parse(before).find((x: [string]) => x[0] === 'users')[1].length);
  });

  it('an account without a password confirms by a recent sign-in instead', async () => {
    const t = createTestApp();
    const stale = await person(t, 'stale');
    const fresh = await person(t, 'fresh');
    for (const p of [stale, fresh]) t.app.ctx.users.update(p.id, { password_hash: null });
    t.clock.advance(11 * 60_000);
    const refused = await remove(t, stale);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.details.reason, 'reauthentication_required');
    assert.ok(t.app.ctx.users.get(stale.id));
    const signedIn = await person(t, 'new');
    t.app.ctx.users.update(signedIn.id, { password_hash: null });
    assert.equal((await remove(t, signedIn)).status, 204);
    assert.equal(t.app.ctx.users.get(signedIn.id), undefined);
  });

  it('removes everything on SQLite too, where the cascades are the database’s own, and rows a restricting key would keep', async () => {
    const store = createSqliteStore(':memory:');
    const t = createTestApp({ store });
    // A feature table whose key to users restricts deletion (the default): the deletion must clear it, not fail.
    const notes = store.table(defineTable<{ id: string; author_id: string; text: string }>({
      name: 'test_notes',
      columns: { id: { type: 'text' }, author_id: { type: 'text' }, text: { type: 'text' } },
      foreignKeys: [{ field: 'author_id', table: 'users' }],
    }));
    try {
      const ada = await person(t, 'ada');
      notes.insert({ id: 'n1', author_id: ada.id, text: 'mine' });
      const exported = await exportOf(t, ada);
      assert.deepEqual(exported.body.records.test_notes.map((n: { text: string }) => n.text), ['mine']);
      await createOrg(t, ada, 'sql-org');
      await t.request('POST', '/api/v1/mfa/enable', { token: ada.token, body: { password: PASSWORD } });
      assert.equal((await remove(t, ada, { password: PASSWORD })).status, 204);
      for (const table of store.registeredTables()) {
        if ('user_id' in table.spec.columns) assert.equal((table as any).count({ user_id: ada.id }), 0, table.spec.name);
      }
      assert.equal(t.app.ctx.sessions.refreshTokens.count(), 0, 'refresh tokens went with their sessions');
      assert.equal(notes.count(), 0);
    } finally {
      store.close();
    }
  });
});
