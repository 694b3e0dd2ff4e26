import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { organizationService } from '../../packages/server/src/orgs/service.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { createOrg, invitationToken, invite, person, snapshot, type Person } from './organizations-fixture.ts';

const DAY = 24 * 3600 * 1000;
const INVITATION_FIELDS = ['accepted_at', 'created_at', 'email', 'expires_at', 'id', 'invited_by', 'message', 'organization_id', 'organization_name', 'role', 'status'];

async function setup(overrides = {}) {
  const t = createTestApp(overrides);
  const owner = await person(t, 'owner');
  const orgId = await createOrg(t, owner, 'acme', 'Acme <Corp>');
  return { t, owner, orgId };
}

const accept = (t: TestApp, who: Person, token: unknown) => t.request('POST', '/api/v1/invitations/accept', { token: who.token, body: { token } });

describe('invitations: create and the email', () => {
  it('creates a pending invitation and emails a single link to the front end; only a hash is stored', async () => {
    const { t, owner, orgId } = await setup({ frontendUrl: 'https://app.example.com/' });
    const res = await t.request('POST', '/api/v1/invitations/', {
      token: owner.token,
      body: { organization_id: orgId, email: 'Grace@Example.test', role: 'admin', message: 'Join us <script>x</script>' },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), INVITATION_FIELDS);
    assert.deepEqual([res.body.status, res.body.role, res.body.organization_name, res.body.invited_by, res.body.accepted_at], ['pending', 'admin', 'Acme <Corp>', owner.id, null]);
    assert.equal(Date.parse(res.body.expires_at) - Date.parse(res.body.created_at), 7 * DAY, 'default expiry is 7 days');
    assert.ok(!('token' in res.body) && !JSON.stringify(res.body).includes('token_hash'));
    const mails = t.outbox.list('grace@example.test');
    assert.equal(mails.length, 1);
    const [mail] = mails;
    assert.match(mail!.link!, /^https:\/\/app\.example\.com\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/);
    assert.match(mail!.subject, /Acme <Corp>/);
    assert.ok(mail!.text.includes(mail!.link!) && mail!.text.includes('Join us <script>x</script>'));
    assert.ok(mail!.html.includes('Join us &#60;script&#62;x&#60;/script&#62;') && !mail!.html.includes('<script>'), 'message is escaped in HTML');
    const token = invitationToken(t, 'grace@example.test');
    const row = organizationService(t.app.ctx).invitations.get(res.body.id)!;
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('base64url'));
    assert.ok(!JSON.stringify(row).includes(token));
  });

  it('honours expires_in and refuses one outside 5 minutes to 30 days', async () => {
    const { t, owner, orgId } = await setup();
    const post = (expires_in: unknown) =>
      t.request('POST', '/api/v1/invitations/', { token: owner.token, body: { organization_id: orgId, email: 'x@example.test', role: 'member', expires_in } });
    const ok = await post(3600);
    assert.equal(ok.status, 201);
    assert.equal(Date.parse(ok.body.expires_at) - Date.parse(ok.body.created_at), 3600_000);
    for (const bad of [299, 30 * 24 * 3600 + 1, 3600.5, '3600', true, -5]) {
      const res = await post(bad);
      assert.equal(res.status, 422, String(bad));
      assert.equal(res.body.error.details.validation_errors[0].field, 'expires_in');
    }
  });

  it('refuses bad input with 422 field errors, malformed JSON with 400, unknown organizations with 404', async () => {
    const { t, owner, orgId } = await setup();
    const before = snapshot(t);
    const post = (body: unknown) => t.request('POST', '/api/v1/invitations/', { token: owner.token, body });
    const fields = async (body: unknown) => {
      const res = await post(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      return res.body.error.details.validation_errors.map((e: { field: string; type: string }) => `${e.field}:${e.type}`).sort();
    };
    assert.deepEqual(await fields({}), ['email:required', 'organization_id:required', 'role:required']);
    assert.deepEqual(await fields({ organization_id: orgId, email: 'not-an-email', role: 'king' }), ['email:format', 'role:enum']);
    assert.deepEqual(await fields({ organization_id: 5, email: ['a@b.c'], role: 1 }), ['email:type', 'organization_id:type', 'role:type']);
    assert.deepEqual(await fields({ organization_id: orgId, email: 'a@example.test', role: 'member', message: 'm'.repeat(1001) }), ['message:max_length']);
    assert.equal((await post('{"organization_id":')).body.error.code, 'INVALID_JSON');
    const unknown = await post({ organization_id: '00000000-0000-4000-8000-000000000000', email: 'a@example.test', role: 'member' });
    assert.equal(unknown.status, 404);
    assert.equal(snapshot(t), before);
    assert.equal(t.outbox.list('a@example.test').length, 0, 'no email for a refused invitation');
  });

  it('refuses to invite someone who is already a member', async () => {
    const { t, owner, orgId } = await setup();
    const res = await t.request('POST', '/api/v1/invitations/', { token: owner.token, body: { organization_id: orgId, email: owner.email.toUpperCase(), role: 'admin' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'ALREADY_MEMBER');
  });

  it('inviting the same address again replaces the pending invitation: the old link stops working', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const first = await invite(t, owner, orgId, grace.email, 'viewer');
    const second = await invite(t, owner, orgId, grace.email.toUpperCase(), 'admin');
    assert.notEqual(first.token, second.token);
    const old = await t.request('GET', `/api/v1/invitations/validate/${first.token}`);
    assert.deepEqual([old.body.valid, old.body.status], [false, 'revoked']);
    assert.equal((await accept(t, grace, first.token)).body.error.code, 'INVALID_TOKEN');
    assert.equal((await accept(t, grace, second.token)).status, 200);
    const org = await t.request('GET', `/api/v1/organizations/${orgId}`, { token: grace.token });
    assert.equal(org.body.role, 'admin');
  });
});

describe('invitations: validate and accept', () => {
  it('validate needs no sign-in, tells valid from spent, and changes nothing', async () => {
    const { t, owner, orgId } = await setup();
    const { token } = await invite(t, owner, orgId, 'grace@example.test', 'member');
    const before = snapshot(t);
    const res = await t.request('GET', `/api/v1/invitations/validate/${token}`);
    assert.equal(res.status, 200);
    assert.deepEqual(
      { ...res.body, expires_at: typeof res.body.expires_at },
      { valid: true, organization_name: 'Acme <Corp>', email: 'grace@example.test', role: 'member', status: 'pending', expires_at: 'string' },
    );
    assert.equal(snapshot(t), before);
    for (const bad of ['unknown-token', 'x'.repeat(600), encodeURIComponent('../../etc')]) {
      const unknown = await t.request('GET', `/api/v1/invitations/validate/${bad}`);
      assert.equal(unknown.status, 200);
      assert.deepEqual(unknown.body, { valid: false, organization_name: null, email: null, role: null, status: null, expires_at: null });
    }
  });

  it('accepting joins the organization with the invited role, once; the email matches in any case', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const { token } = await invite(t, owner, orgId, grace.email.toUpperCase(), 'admin');
    const res = await accept(t, grace, token);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { success: true, organization_id: orgId, message: 'You joined Acme <Corp>' });
    const org = await t.request('GET', `/api/v1/organizations/${orgId}`, { token: grace.token });
    assert.deepEqual([org.body.role, org.body.member_count], ['admin', 2]);
    const before = snapshot(t);
    const again = await accept(t, grace, token);
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'INVALID_TOKEN');
    assert.equal(snapshot(t), before);
    const check = await t.request('GET', `/api/v1/invitations/validate/${token}`);
    assert.deepEqual([check.body.valid, check.body.status], [false, 'accepted']);
    const list = await t.request('GET', `/api/v1/invitations/?organization_id=${orgId}&status=accepted`, { token: owner.token });
    assert.equal(list.body.length, 1);
    assert.ok(list.body[0].accepted_at);
  });

  it('refuses a signed-in user whose email is not the invited one, and the invitation stays usable', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const mallory = await person(t, 'mallory');
    const { token } = await invite(t, owner, orgId, grace.email, 'admin');
    const before = snapshot(t);
    const res = await accept(t, mallory, token);
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'FORBIDDEN');
    assert.equal(snapshot(t), before);
    assert.equal((await t.request('GET', `/api/v1/organizations/${orgId}`, { token: mallory.token })).status, 404);
    assert.equal((await accept(t, grace, token)).status, 200);
  });

  it('case is folded as the accounts fold it (ASCII only): another account whose address differs in É/é is refused', async () => {
    const { t, owner, orgId } = await setup();
    const local = `émile.${Date.now()}`;
    const { token } = await invite(t, owner, orgId, `${local}@example.test`, 'admin');
    // A second account (signUp fails on anything but 201): the users table folds ASCII case only.
    const other = await t.signUp({ email: `${local.toUpperCase()}@example.test` });
    const before = snapshot(t);
    const res = await t.request('POST', '/api/v1/invitations/accept', { token: other.tokens!.access_token, body: { token } });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'FORBIDDEN');
    assert.equal(snapshot(t), before);
    const invited = await t.signUp({ email: `${local}@EXAMPLE.TEST` });
    assert.equal((await t.request('POST', '/api/v1/invitations/accept', { token: invited.tokens!.access_token, body: { token } })).status, 200);
  });

  it('an invitation expires by the clock (default 7 days); validate and accept both see it', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const { token } = await invite(t, owner, orgId, grace.email, 'member');
    t.clock.advance(7 * DAY - 60_000);
    assert.equal((await t.request('GET', `/api/v1/invitations/validate/${token}`)).body.valid, true, 'still valid a minute before');
    t.clock.advance(61_000);
    const check = await t.request('GET', `/api/v1/invitations/validate/${token}`);
    assert.deepEqual([check.body.valid, check.body.status, check.body.organization_name], [false, 'expired', 'Acme <Corp>']);
    // The user's access token expired too: sign in again.
    const signin = await t.request('POST', '/api/v1/auth/signin', { body: { email: grace.email, password: 'Correct-horse-battery-9' } });
    const res = await accept(t, { ...grace, token: signin.body.tokens.access_token }, token);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_TOKEN');
    assert.match(res.body.error.message, /expired/);
    const list = await t.request('GET', `/api/v1/invitations/?organization_id=${orgId}&status=expired`, { token: (await t.request('POST', '/api/v1/auth/signin', { body: { email: owner.email, password: 'Correct-horse-battery-9' } })).body.tokens.access_token });
    assert.equal(list.body.length, 1);
  });

  it('refuses bad accept bodies with 422 and unknown tokens with 400 INVALID_TOKEN', async () => {
    const { t } = await setup();
    const grace = await person(t, 'grace');
    for (const body of [{}, { token: 42 }, { token: '' }, { token: 'x'.repeat(513) }]) {
      const res = await t.request('POST', '/api/v1/invitations/accept', { token: grace.token, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.details.validation_errors[0].field, 'token');
    }
    assert.equal((await t.request('POST', '/api/v1/invitations/accept', { token: grace.token, body: '{"token"' })).body.error.code, 'INVALID_JSON');
    const unknown = await accept(t, grace, 'no-such-invitation');
    assert.deepEqual([unknown.status, unknown.body.error.code], [400, 'INVALID_TOKEN']);
  });
});

describe('invitations: list and revoke', () => {
  it('lists the organization’s invitations newest first, filtered by status', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const a = await invite(t, owner, orgId, grace.email, 'member');
    t.clock.advance(1000);
    const b = await invite(t, owner, orgId, 'b@example.test', 'viewer');
    t.clock.advance(1000);
    const c = await invite(t, owner, orgId, 'c@example.test', 'admin');
    await accept(t, grace, a.token);
    assert.equal((await t.request('DELETE', `/api/v1/invitations/${b.id}`, { token: owner.token })).status, 204);
    const list = (status = '') => t.request('GET', `/api/v1/invitations?organization_id=${orgId}${status ? `&status=${status}` : ''}`, { token: owner.token });
    const all = await list();
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.map((i: { id: string; status: string }) => [i.id, i.status]), [[c.id, 'pending'], [b.id, 'revoked'], [a.id, 'accepted']]);
    for (const [status, ids] of [['pending', [c.id]], ['accepted', [a.id]], ['revoked', [b.id]], ['expired', []]] as const) {
      assert.deepEqual((await list(status)).body.map((i: { id: string }) => i.id), ids, status);
    }
  });

  it('refuses a missing organization_id and an unknown status with 422', async () => {
    const { t, owner, orgId } = await setup();
    const missing = await t.request('GET', '/api/v1/invitations/', { token: owner.token });
    assert.deepEqual([missing.status, missing.body.error.details.validation_errors[0].field], [422, 'organization_id']);
    const status = await t.request('GET', `/api/v1/invitations/?organization_id=${orgId}&status=lost`, { token: owner.token });
    assert.deepEqual([status.status, status.body.error.details.validation_errors[0].field], [422, 'status']);
    const unknown = await t.request('GET', '/api/v1/invitations/?organization_id=nope', { token: owner.token });
    assert.equal(unknown.status, 404);
  });

  it('revoking stops the link at once; only pending invitations can be revoked; unknown ids are 404', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const { id, token } = await invite(t, owner, orgId, grace.email, 'member');
    assert.equal((await t.request('DELETE', `/api/v1/invitations/${id}`, { token: owner.token })).status, 204);
    assert.deepEqual((await accept(t, grace, token)).body.error.code, 'INVALID_TOKEN');
    const twice = await t.request('DELETE', `/api/v1/invitations/${id}`, { token: owner.token });
    assert.deepEqual([twice.status, twice.body.error.code], [400, 'INVITATION_NOT_PENDING']);
    const used = await invite(t, owner, orgId, grace.email, 'member');
    await accept(t, grace, used.token);
    assert.equal((await t.request('DELETE', `/api/v1/invitations/${used.id}`, { token: owner.token })).body.error.code, 'INVITATION_NOT_PENDING');
    assert.equal((await t.request('GET', `/api/v1/organizations/${orgId}`, { token: grace.token })).status, 200, 'the membership stays');
    const unknown = await t.request('DELETE', '/api/v1/invitations/00000000-0000-4000-8000-000000000000', { token: owner.token });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'NOT_FOUND']);
  });

  it('accepting after the organization was deleted is an invalid token', async () => {
    const { t, owner, orgId } = await setup();
    const grace = await person(t, 'grace');
    const { token } = await invite(t, owner, orgId, grace.email, 'member');
    await t.request('DELETE', `/api/v1/organizations/${orgId}`, { token: owner.token });
    const res = await accept(t, grace, token);
    assert.deepEqual([res.status, res.body.error.code], [400, 'INVALID_TOKEN']);
  });
});

describe('invitations: sending limit', () => {
  it('one inviter may send 50 invitations an hour; the next is 429 with Retry-After, and no email goes out', async () => {
    const { t, owner, orgId } = await setup();
    const post = (i: number) =>
      t.request('POST', '/api/v1/invitations/', { token: owner.token, body: { organization_id: orgId, email: `bulk${i}@example.test`, role: 'member' } });
    for (let i = 0; i < 50; i++) assert.equal((await post(i)).status, 201, `invitation ${i}`);
    const over = await post(50);
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    assert.equal(t.outbox.list('bulk50@example.test').length, 0);
    t.clock.advance(60 * 60_000 + 1000);
    const later = await t.request('POST', '/api/v1/auth/signin', { body: { email: owner.email, password: 'Correct-horse-battery-9' } });
    const res = await t.request('POST', '/api/v1/invitations/', { token: later.body.tokens.access_token, body: { organization_id: orgId, email: 'bulk50@example.test', role: 'member' } });
    assert.equal(res.status, 201, 'the window slides');
  });
});
