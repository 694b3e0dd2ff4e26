/**
 * Account pre-hijacking (Sudhodanan and Paverd, USENIX Security 2022): the attacker opens an
 * account with the victim's email before the victim does, and keeps a way in after the victim
 * starts using it. One test per variant the study lists, each through the real API; the policy
 * they hold the server to is in packages/server/README.md ("Who owns an account").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { securityEventsTable } from '../../packages/server/src/auth/claim.ts';
import { oauthAccountsTable } from '../../packages/server/src/oauth/tables.ts';
import { passkeysTable } from '../../packages/server/src/passkeys/tables.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { bindingCookie, browseToCallback, startIdp, type TestIdp } from '../server/helpers/oidc-idp.ts';
import { SoftAuthenticator } from '../server/helpers/soft-authenticator.ts';
import { codeAt, enableTotp, freshIp, lastLink, meStatus, refreshStatus, signIn, verifyEmail, type SignedUp } from './helpers.ts';

const FRONTEND = 'http://localhost:5173';
const ISSUER = 'http://127.0.0.1:8787';
const CALLBACK = `${ISSUER}/api/v1/auth/oauth/callback/`;
const VICTIM = 'victim@example.test';
const ATTACKER_PASSWORD = 'Attacker-chose-this-77';

let idp: TestIdp;

before(async () => {
  idp = await startIdp(
    [
      { client_id: 'social', client_secret: 'social-secret-0123456789', redirect_uris: [`${CALLBACK}acme`] },
      { client_id: 'evil-corp', client_secret: 'evil-secret-0123456789', redirect_uris: [`${CALLBACK}sso`] },
    ],
    {
      // The victim's real identity at a social provider that verified the address.
      victim: { email: VICTIM, email_verified: true },
      // An identity at an IdP that does not verify addresses (or an organization's IdP run by the attacker).
      mallory: { email: VICTIM, email_verified: false },
    },
  );
});
after(() => idp.close());

function app(): TestApp {
  return createTestApp({
    issuer: ISSUER,
    frontendUrl: FRONTEND,
    rateLimit: false,
    oauth: { providers: [{ id: 'acme', name: 'Acme ID', type: 'oidc', issuer: idp.issuer, client_id: 'social', client_secret: 'social-secret-0123456789' }] },
  });
}

/** The attacker's head start: an account with the victim's address, a password, a session, TOTP and a passkey. */
async function preHijack(t: TestApp) {
  const attacker = await t.signUp({ email: VICTIM, password: ATTACKER_PASSWORD });
  assert.equal(attacker.user.email_verified, false);
  const totp = await enableTotp(t, attacker);
  const authr = new SoftAuthenticator();
  const token = attacker.tokens!.access_token;
  const options = await t.request('POST', '/api/v1/passkeys/register/options', { token });
  const registered = await t.request('POST', '/api/v1/passkeys/register/verify', { token, body: { credential: await authr.register(options.body, { origin: FRONTEND }) } });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));
  return { attacker, totp, authr };
}

/** Every way back in the attacker prepared, tried after the owner's proof: each must fail. */
async function assertAttackerLockedOut(t: TestApp, head: Awaited<ReturnType<typeof preHijack>>) {
  const { attacker, totp, authr } = head;
  assert.equal(await meStatus(t, attacker.tokens!.access_token), 401, "the attacker's access token is dead on its next request");
  assert.equal(await refreshStatus(t, attacker.tokens!.refresh_token), 401, "the attacker's refresh token is dead");
  const password = await signIn(t, VICTIM, ATTACKER_PASSWORD);
  assert.equal(password.status, 401, "the attacker's password no longer signs in");
  const options = await t.request('POST', '/api/v1/passkeys/authenticate/options', { body: {} });
  const assertion = await authr.authenticate(options.body, { origin: FRONTEND });
  const passkey = await t.request('POST', `/api/v1/passkeys/authenticate/verify?challenge=${encodeURIComponent(options.body.challenge)}`, { body: { credential: assertion } });
  assert.ok(passkey.status >= 400 && passkey.status < 500, `the attacker's passkey no longer signs in (${passkey.status})`);
  assert.equal(t.store.table(passkeysTable).count({ user_id: attacker.user.id }), 0);
  const settings = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: 'x'.repeat(43), code: await codeAt(t, totp.secret) } });
  assert.equal(settings.status, 400);
  assert.equal(t.app.ctx.users.get(attacker.user.id)!.mfa_enabled, false, "the attacker's authenticator app is no second factor of the owner's account");
}

function claimEvents(t: TestApp, userId: string) {
  return t.store.table(securityEventsTable).find({ user_id: userId, type: 'account_claimed' });
}

async function ownerMagicLink(t: TestApp) {
  const asked = await t.request('POST', '/api/v1/auth/magic-link', { body: { email: VICTIM }, ip: freshIp() });
  assert.equal(asked.status, 200);
  const { token } = lastLink(t, VICTIM);
  return t.request('POST', '/api/v1/auth/magic-link/verify', { body: { token }, ip: freshIp() });
}

async function socialSignIn(t: TestApp, login: string) {
  const started = await t.request('POST', '/api/v1/auth/oauth/authorize/acme?redirect_to=%2Fhome');
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const back = await browseToCallback(started.body.authorization_url, login, CALLBACK);
  const res = await t.request('GET', back.pathname + back.search, { headers: { cookie: bindingCookie(started.headers) } });
  return { res, location: new URL(res.headers.get('location')!), refresh: /janua_refresh_token=([\w-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] };
}

describe('pre-hijacking: the owner who proves the address ends up alone', () => {
  it('unexpired session + trojan identifier, through a magic link (the issue\'s reproduction)', async () => {
    const t = app();
    const head = await preHijack(t);
    const owner = await ownerMagicLink(t);
    assert.equal(owner.status, 200, JSON.stringify(owner.body));
    assert.equal(owner.body.mfa_required, false, "the attacker's TOTP is not asked of the owner");
    assert.equal(owner.body.user.id, head.attacker.user.id, 'the same account, now the owner\'s');
    assert.equal(owner.body.user.email_verified, true);
    await assertAttackerLockedOut(t, head);
    assert.equal(await meStatus(t, owner.body.tokens.access_token), 200, 'the owner is signed in');
    assert.equal(t.app.ctx.users.get(head.attacker.user.id)!.password_hash, null, 'the unproven password is gone; the owner can set one');
    const [event] = claimEvents(t, head.attacker.user.id);
    assert.equal(event?.data['proof'], 'magic_link');
    assert.deepEqual(event?.data['removed'], { sessions: 1, password: true, second_factors: true, passkeys: 1, linked_identities: 0, organization_memberships: 0 });
    assert.ok(t.outbox.list(VICTIM).some((m) => /yours alone/.test(m.subject)), 'the owner is told what was removed');
  });

  it('unexpired session + trojan identifier, through a password reset', async () => {
    const t = app();
    const head = await preHijack(t);
    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: VICTIM }, ip: freshIp() });
    const reset = await t.request('POST', '/api/v1/auth/password/reset', { body: { token: lastLink(t, VICTIM).token, new_password: 'Owner-picked-this-one-42' }, ip: freshIp() });
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    await assertAttackerLockedOut(t, head);
    const owner = await signIn(t, VICTIM, 'Owner-picked-this-one-42');
    assert.equal(owner.status, 200);
    assert.equal(owner.body.mfa_required, false);
    assert.equal(claimEvents(t, head.attacker.user.id)[0]?.data['proof'], 'password_reset');
  });

  it('classic-federated merge: a social sign-in that vouches for the address claims the account', async () => {
    const t = app();
    const head = await preHijack(t);
    const social = await socialSignIn(t, 'victim');
    assert.equal(social.location.searchParams.get('error'), null, social.location.href);
    assert.ok(social.refresh, 'the owner gets a session');
    await assertAttackerLockedOut(t, head);
    const links = t.store.table(oauthAccountsTable).find({ user_id: head.attacker.user.id });
    assert.deepEqual(links.map((l) => [l.provider, l.subject]), [['acme', 'victim']], 'only the owner\'s identity is linked');
    assert.equal(claimEvents(t, head.attacker.user.id)[0]?.data['proof'], 'oauth:acme');
  });

  it('non-verifying IdP (social): an address the provider has not verified creates, links and claims nothing', async () => {
    const t = app();
    const victim = await t.signUp({ email: VICTIM });
    const res = await socialSignIn(t, 'mallory');
    assert.equal(res.location.searchParams.get('error'), 'email_not_verified');
    assert.equal(res.refresh, undefined);
    assert.equal(t.store.table(oauthAccountsTable).count(), 0);
    assert.equal(await meStatus(t, victim.tokens!.access_token), 200, 'nothing happened to the account');
  });

  it('non-verifying IdP (SSO): an organization IdP creates only unverified accounts, and the owner\'s claim cuts it off', async () => {
    const t = app();
    // The attacker runs an organization and points its SSO at an IdP they control, for a domain they do not own.
    const boss = await t.signUp({ email: 'boss@attacker.test' });
    const org = await t.request('POST', '/api/v1/organizations/', { token: boss.tokens!.access_token, body: { name: 'Evil', slug: 'evil' } });
    const put = await t.request('PUT', `/api/v1/organizations/${org.body.id}/sso`, {
      token: boss.tokens!.access_token,
      body: { issuer: idp.issuer, client_id: 'evil-corp', client_secret: 'evil-secret-0123456789', domains: ['example.test'] },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const ssoSignIn = async () => {
      const init = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'evil' }, headers: { accept: 'application/json' } });
      const back = await browseToCallback(init.body.authorization_url, 'mallory', `${CALLBACK}sso`);
      const res = await t.request('GET', back.pathname + back.search, { headers: { cookie: bindingCookie(init.headers) } });
      return { location: new URL(res.headers.get('location')!), refresh: /janua_refresh_token=([\w-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] };
    };
    const first = await ssoSignIn();
    assert.ok(first.refresh, 'the IdP may create an account for an address of its domain…');
    const made = t.app.ctx.users.findOne({ email: VICTIM })!;
    assert.equal(made.email_verified, false, '…but its word proves nothing: the account is unverified');
    const attackerSession = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: first.refresh } });

    const owner = await ownerMagicLink(t);
    assert.equal(owner.status, 200);
    assert.equal(await meStatus(t, attackerSession.body.access_token), 401);
    assert.equal(t.store.table(oauthAccountsTable).count({ user_id: made.id }), 0, 'the IdP identity is unlinked');
    assert.equal(ssoService(t.app.ctx).isMember(org.body.id, made), false, 'and the membership it made is gone');
    const again = await ssoSignIn();
    assert.equal(again.location.searchParams.get('error'), 'account_exists', 'the IdP cannot sign in to the claimed account again');
    assert.equal(again.refresh, undefined);
  });

  it('an organization IdP cannot link an existing unverified account, even a member', async () => {
    const t = app();
    const boss = await t.signUp({ email: 'boss@attacker.test' });
    const org = await t.request('POST', '/api/v1/organizations/', { token: boss.tokens!.access_token, body: { name: 'Evil', slug: 'evil' } });
    await t.request('PUT', `/api/v1/organizations/${org.body.id}/sso`, {
      token: boss.tokens!.access_token,
      body: { issuer: idp.issuer, client_id: 'evil-corp', client_secret: 'evil-secret-0123456789', domains: ['example.test'] },
    });
    const victim = await t.signUp({ email: VICTIM });
    ssoService(t.app.ctx).members.insert({ id: 'm-1', organization_id: org.body.id, user_id: victim.user.id, role: 'member', created_at: Date.now(), updated_at: Date.now() });
    const init = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'evil' }, headers: { accept: 'application/json' } });
    const back = await browseToCallback(init.body.authorization_url, 'mallory', `${CALLBACK}sso`);
    const res = await t.request('GET', back.pathname + back.search, { headers: { cookie: bindingCookie(init.headers) } });
    assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'account_unverified');
    assert.equal(t.store.table(oauthAccountsTable).count(), 0);
  });

  it('trojan confirmation: the owner\'s click on the welcome link does not confirm the attacker\'s account', async () => {
    const t = app();
    const attacker = await t.signUp({ email: VICTIM, password: ATTACKER_PASSWORD });
    const { token } = lastLink(t, VICTIM);
    // The owner reads the welcome mail and clicks, in a browser where nobody is signed in.
    const click = await t.request('POST', '/api/v1/auth/email/verify', { body: { token }, ip: freshIp() });
    assert.equal(click.status, 401);
    assert.equal(click.body.error.details.reason, 'sign_in_required');
    assert.equal(t.app.ctx.users.get(attacker.user.id)!.email_verified, false, 'still unverified, so still claimable by its owner');
    // The owner follows the advice (a sign-in link) and the account becomes theirs alone.
    assert.equal((await ownerMagicLink(t)).status, 200);
    assert.equal(await meStatus(t, attacker.tokens!.access_token), 401);
  });

  it('unexpired email change: no route changes the address, and a link for an address the account no longer has is refused', async () => {
    const t = app();
    const holder = await t.signUp({ email: 'holder@example.test' });
    const patched = await t.request('PATCH', '/api/v1/users/me', { token: holder.tokens!.access_token, body: { email: VICTIM, email_verified: true } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.email, 'holder@example.test', 'PATCH /users/me ignores email');
    assert.equal(patched.body.email_verified, false);
    const { token } = lastLink(t, 'holder@example.test');
    // Were the address changed (an operator, a future route), the old link must prove nothing about the new one.
    t.app.ctx.users.update(holder.user.id, { email: VICTIM });
    const res = await t.request('POST', '/api/v1/auth/email/verify', { body: { token }, token: holder.tokens!.access_token, ip: freshIp() });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_TOKEN');
    assert.equal(t.app.ctx.users.get(holder.user.id)!.email_verified, false);
  });

  it('a verified account is never claimed: a magic link keeps the holder\'s password, sessions, passkeys and second factor', async () => {
    const t = app();
    const holder: SignedUp = await t.signUp({ email: VICTIM, password: 'Holder-password-2026' });
    await verifyEmail(t, holder);
    const { secret } = await enableTotp(t, holder);
    const link = await ownerMagicLink(t);
    assert.equal(link.body.mfa_required, true, 'the second factor is still asked for');
    const done = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: link.body.mfa_token, code: await codeAt(t, secret) } });
    assert.equal(done.status, 200);
    assert.equal(await meStatus(t, holder.tokens!.access_token), 200, 'the earlier session lives on');
    assert.equal((await signIn(t, VICTIM, 'Holder-password-2026')).status, 200);
    assert.equal(claimEvents(t, holder.user.id).length, 0);
  });
});
