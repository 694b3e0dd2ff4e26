/**
 * Every way to sign in, through @janua/core against the real reference server: the second
 * factor (TOTP, backup code, SMS with resend), passkey sign-in as a function of its own, magic
 * links, social sign-in and enterprise SSO through a real OpenID provider (oidc-provider) on
 * 127.0.0.1, and the address a redirect sign-in comes back to.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  completeMagicLink, discoverSso, JanuaError, passkeys, passkeySignIn, readAuthReturn, requestMagicLink,
  RETURN_PARAM, socialProviders, startSocialSignIn, startSso, supportsPasskeys,
} from '../../packages/core/src/index.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode, nextStep, verifyEmail } from '../server/helpers/mfa.ts';
import { browseToCallback, startIdp, type TestIdp } from '../server/helpers/oidc-idp.ts';
import { containsSecret, harness, type Harness } from './helpers.ts';
import { browser, installWebAuthn } from './env.ts';

const FRONTEND = 'http://localhost:5173';
const ISSUER = 'http://127.0.0.1:8787';
const CALLBACK = `${ISSUER}/api/v1/auth/oauth/callback/`;
const PASSWORD = 'Valid-password-1';

let idp: TestIdp;

before(async () => {
  idp = await startIdp(
    [
      { client_id: 'janua-social', client_secret: 'social-secret-0123456789', redirect_uris: [`${CALLBACK}acme`] },
      { client_id: 'corp-sso', client_secret: 'corp-secret-0123456789', redirect_uris: [`${CALLBACK}sso`] },
    ],
    {
      ada: { email: 'ada@social.test', email_verified: true, given_name: 'Ada', family_name: 'Lovelace' },
      grace: { email: 'grace@social.test', email_verified: true, given_name: 'Grace' },
      bob: { email: 'bob@corp.test', email_verified: true, given_name: 'Bob' },
    },
  );
});
after(() => idp.close());

function app(): Promise<Harness> {
  return harness({
    issuer: ISSUER, frontendUrl: FRONTEND, cors: ['http://janua.test'], rateLimit: false,
    oauth: {
      providers: [
        { id: 'acme', name: 'Acme ID', type: 'oidc', issuer: idp.issuer, client_id: 'janua-social', client_secret: 'social-secret-0123456789' },
        { id: 'legacy', type: 'oauth2', authorization_endpoint: 'https://legacy.test/auth', token_endpoint: 'https://legacy.test/token', userinfo_endpoint: 'https://legacy.test/me', client_id: 'l', enabled: false },
      ],
    },
  } as Parameters<typeof harness>[0]);
}

/** Signs in with the password and expects the second-factor step. */
async function challenged(h: Harness, email: string) {
  const client = h.client();
  await client.ready;
  const result = await client.signIn({ email, password: PASSWORD });
  assert.equal(result.status, 'needs_mfa');
  return client;
}

test('MFA: a TOTP code once, then refused as reused; a backup code once and only once', async () => {
  const h = await app();
  try {
    const account = await h.app.signUp({ password: PASSWORD });
    const { secret, backupCodes } = await enableTotp(h.app, account);
    const email = account.user.email;

    let client = await challenged(h, email);
    assert.deepEqual(client.getSnapshot().pending?.methods, ['totp', 'backup_code']);
    const code = await codeAt(h.app, secret);
    assert.equal((await client.verifyMfa({ code })).status, 'complete');
    assert.equal(client.getSnapshot().pending, null);

    // The same code again, on a new sign-in: refused; the step stays open for another try.
    await client.signOut();
    client = await challenged(h, email);
    const reused = await client.verifyMfa({ code }).catch((e: unknown) => e);
    assert.ok(reused instanceof JanuaError && reused.code === 'INVALID_MFA_CODE', String(reused));
    assert.equal(typeof reused.details['attempts_remaining'], 'number');
    assert.ok(client.getSnapshot().pending, 'a wrong code keeps the step');

    // A backup code finishes the same step (dashes and case do not matter) …
    const backup = backupCodes[0]!;
    assert.equal((await client.verifyMfa({ code: backup.toUpperCase() })).status, 'complete');
    // … and never again.
    await client.signOut();
    client = await challenged(h, email);
    const again = await client.verifyMfa({ code: backup }).catch((e: unknown) => e);
    assert.ok(again instanceof JanuaError && again.code === 'INVALID_MFA_CODE', String(again));
    assert.equal((await client.verifyMfa({ code: backupCodes[1]! })).status, 'complete');
    assert.equal(containsSecret(client.getSnapshot(), h.secrets), false);
  } finally {
    h.destroy();
  }
});

test('MFA: an SMS code is texted on request, resent, rate-limited with retryAfter, and signs in once', async () => {
  const h = await harness({ issuer: ISSUER, frontendUrl: FRONTEND });
  try {
    const account = await h.app.signUp({ password: PASSWORD });
    await enableSms(h.app, account, '+14155550199');
    const client = await challenged(h, account.user.email);
    assert.deepEqual(client.getSnapshot().pending?.methods, ['sms']);
    const before = h.app.outbox.list('+14155550199').length;
    await client.sendMfaCode({ method: 'sms' });
    await client.sendMfaCode();
    assert.equal(h.app.outbox.list('+14155550199').length, before + 2);
    // Five texts per account per 15 minutes: enrolment sent one, and two went above.
    await client.sendMfaCode();
    await client.sendMfaCode();
    const limited = await client.sendMfaCode().catch((e: unknown) => e);
    assert.ok(limited instanceof JanuaError && limited.code === 'RATE_LIMITED', String(limited));
    assert.ok((limited.retryAfter ?? 0) > 0, 'the wait comes from Retry-After');
    assert.ok(client.getSnapshot().pending, 'a refused resend keeps the step');
    const code = lastSmsCode(h.app, '+14155550199');
    assert.equal((await client.verifyMfa({ code })).status, 'complete');
  } finally {
    h.destroy();
  }
});

test('MFA: an expired step is MFA_EXPIRED without a request; a spent token ends the step', async () => {
  const h = await app();
  try {
    const account = await h.app.signUp({ password: PASSWORD });
    const { secret } = await enableTotp(h.app, account);
    let now = Date.now();
    const client = h.client({ now: () => now });
    await client.ready;
    await client.signIn({ email: account.user.email, password: PASSWORD });
    now += 5 * 60_000 + 1;
    const from = h.calls.length;
    const expired = await client.verifyMfa({ code: '123456' }).catch((e: unknown) => e);
    assert.ok(expired instanceof JanuaError && expired.code === 'MFA_EXPIRED', String(expired));
    assert.equal(h.calls.length, from, 'nothing was sent');
    assert.equal(client.getSnapshot().pending, null);

    // The step's token spent elsewhere (say, the same sign-in finished in another window):
    // INVALID_TOKEN, and the step ends here too.
    const other = h.client();
    await other.ready;
    const opened = await other.signIn({ email: account.user.email, password: PASSWORD });
    assert.ok(opened.status === 'needs_mfa', 'the step opens');
    nextStep(h.app);
    const done = await h.app.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: opened.mfaToken, code: await codeAt(h.app, secret) } });
    assert.equal(done.status, 200);
    const dead = await other.verifyMfa({ code: '123456' }).catch((e: unknown) => e);
    assert.ok(dead instanceof JanuaError && dead.code === 'INVALID_TOKEN', String(dead));
    assert.equal(other.getSnapshot().pending, null);
  } finally {
    h.destroy();
  }
});

test('passkeySignIn on its own: options → ceremony → verify, and the mfa_required answer', async () => {
  const h = await app();
  const webauthn = installWebAuthn(FRONTEND);
  try {
    assert.equal(supportsPasskeys(), true);
    const account = await h.app.signUp({ password: PASSWORD });
    const client = h.client();
    await client.signIn({ email: account.user.email, password: PASSWORD });
    await passkeys(client).register({ name: 'Laptop' });
    await client.signOut();

    const from = h.calls.length;
    assert.equal((await passkeySignIn(client, { email: account.user.email })).status, 'complete');
    assert.deepEqual(h.paths().slice(from), ['POST /passkeys/authenticate/options 200', 'POST /passkeys/authenticate/verify 200']);

    const { secret } = await enableTotp(h.app, account);
    await client.signOut();
    webauthn.uv = false;
    const owed = await passkeySignIn(client);
    assert.equal(owed.status, 'needs_mfa');
    assert.equal(client.getSnapshot().pending?.via, 'passkey');
    assert.equal((await client.verifyMfa({ code: await codeAt(h.app, secret) })).status, 'complete');

    // Aborted before it began: nothing is asked of the server.
    await client.signOut();
    const before = h.calls.length;
    const early = await passkeySignIn(client, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.ok(early instanceof JanuaError && early.code === 'PASSKEY_CANCELLED', String(early));
    assert.equal(h.calls.length, before);
  } finally {
    webauthn.uninstall();
    h.destroy();
  }
});

test('magic link: requested for any address alike, completed once from the token, MFA owed after it', async () => {
  const h = await app();
  try {
    const account = await h.app.signUp({ password: PASSWORD });
    const email = account.user.email;
    // A confirmed address: a link to an unconfirmed account claims it (ending its sessions).
    await verifyEmail(h.app, account);
    const client = h.client();
    await client.ready;
    await requestMagicLink(client, { email, redirectUrl: `${FRONTEND}/welcome` });
    await requestMagicLink(client, { email: 'nobody@example.test' });
    assert.equal(h.app.outbox.list('nobody@example.test').length, 0);
    const mail = h.app.outbox.list(email).filter((m) => m.link).at(-1)!;
    const link = new URL(mail.link!);
    assert.equal(link.searchParams.get('redirect_url'), `${FRONTEND}/welcome`);
    const token = link.searchParams.get('token')!;

    const result = await completeMagicLink(client, token);
    assert.equal(result.status, 'complete');
    assert.equal(client.getSnapshot().user?.email, email);
    await client.signOut();
    const used = await completeMagicLink(client, token).catch((e: unknown) => e);
    assert.ok(used instanceof JanuaError && used.code === 'INVALID_TOKEN', String(used));

    const bad = await requestMagicLink(client, { email, redirectUrl: 'https://evil.example/x' }).catch((e: unknown) => e);
    assert.ok(bad instanceof JanuaError && bad.code === 'VALIDATION_ERROR' && bad.fieldErrors['redirect_url'], String(bad));

    const { secret } = await enableTotp(h.app, account);
    await requestMagicLink(client, { email });
    const second = new URL(h.app.outbox.list(email).filter((m) => m.link).at(-1)!.link!).searchParams.get('token')!;
    const owed = await completeMagicLink(client, second);
    assert.equal(owed.status, 'needs_mfa');
    assert.equal(client.getSnapshot().pending?.via, 'magic-link');
    assert.equal((await client.verifyMfa({ code: await codeAt(h.app, secret) })).status, 'complete');
  } finally {
    h.destroy();
  }
});

/** What a browser does with the callback: follow it with cookies, land on the Location. */
async function callback(b: ReturnType<typeof browser>, authorizationUrl: string, login: string): Promise<string> {
  const back = await browseToCallback(authorizationUrl, login, CALLBACK);
  const res = await b.fetch(back.href, { credentials: 'include', redirect: 'manual' });
  assert.equal(res.status, 302);
  return res.headers.get('location')!;
}

test('social: enabled providers only, start through the server (state, PKCE), and each kind of return', async () => {
  const h = await app();
  const b = browser(h);
  try {
    const client = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    await client.ready;
    assert.deepEqual(await socialProviders(client), [{ id: 'acme', name: 'Acme ID' }]);
    const asked = h.calls.filter((c) => c.path === '/auth/oauth/providers').length;
    await socialProviders(client);
    assert.equal(h.calls.filter((c) => c.path === '/auth/oauth/providers').length, asked, 'asked once per client');

    const { url } = await startSocialSignIn(client, { provider: 'acme', returnTo: `${FRONTEND}/sign-in?next=%2Fapp#top` });
    const start = h.calls.at(-1)!;
    assert.equal(start.credentials, 'include', 'the flow can be bound to this browser');
    const authorize = new URL(url);
    assert.equal(authorize.origin, idp.issuer);
    assert.ok(authorize.searchParams.get('state'), 'a state');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('code_challenge'), 'a PKCE challenge');

    // Home again, signed in: the next page's client restores the session from the cookie.
    const location = await callback(b, url, 'ada');
    assert.equal(new URL(location).searchParams.get(RETURN_PARAM), 'social');
    const page = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    const { result, url: clean } = await readAuthReturn(page, location);
    assert.equal(result.status, 'complete');
    assert.ok(result.status === 'complete' && result.user.email === 'ada@social.test', JSON.stringify(result));
    assert.equal(clean, `${FRONTEND}/sign-in?next=%2Fapp`, 'the marker is gone, the page’s own query stays');
    assert.deepEqual((await readAuthReturn(page, clean)).result, { status: 'none' });

    // Refused at the provider: ?error=access_denied, upper-cased into a JanuaError code.
    const denied = await readAuthReturn(page, `${FRONTEND}/sign-in?${RETURN_PARAM}=social&error=access_denied`);
    assert.ok(denied.result.status === 'error' && denied.result.error.code === 'ACCESS_DENIED', JSON.stringify(denied.result));
    assert.equal(denied.url, `${FRONTEND}/sign-in`);
    // A page's own `error` parameter is not taken for a sign-in's.
    assert.deepEqual((await readAuthReturn(page, `${FRONTEND}/x?error=oops`)).result, { status: 'none' });
    const stale = await readAuthReturn(page, `${FRONTEND}/?error=invalid_state`);
    assert.ok(stale.result.status === 'error' && stale.result.error.code === 'INVALID_STATE', JSON.stringify(stale.result));
    // Every code docs/api.md lists for the callback is read without the return marker too.
    for (const code of ['invalid_request', 'unknown_provider', 'browser_mismatch', 'account_unverified']) {
      const bare = await readAuthReturn(page, `${FRONTEND}/?error=${code}`);
      assert.ok(bare.result.status === 'error' && bare.result.error.code === code.toUpperCase(), `${code}: ${JSON.stringify(bare.result)}`);
    }
    // A state the server never issued comes back as invalid_state.
    const forged = await b.fetch(`${CALLBACK}acme?code=x&state=forged`, { credentials: 'include', redirect: 'manual' });
    assert.equal(new URL(forged.headers.get('location')!).searchParams.get('error'), 'invalid_state');
  } finally {
    h.destroy();
  }
});

test('social: an MFA account comes back with the second factor owed; the token stays in the client', async () => {
  const h = await app();
  const b = browser(h);
  try {
    const client = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    await client.ready;
    // Grace has an account with a verified address and TOTP on; the provider vouches for the
    // same address, so the provider's identity is linked to it.
    const account = await h.app.signUp({ email: 'grace@social.test', password: PASSWORD });
    const verify = new URL(h.app.outbox.list('grace@social.test').find((m) => m.link?.includes('verify-email'))!.link!);
    assert.equal((await h.app.request('POST', '/api/v1/auth/email/verify', { body: { token: verify.searchParams.get('token') }, token: account.tokens!.access_token })).status, 200);
    const { secret } = await enableTotp(h.app, account);

    const back = await callback(b, (await startSocialSignIn(client, { provider: 'acme', returnTo: `${FRONTEND}/` })).url, 'grace');
    assert.match(back, /#mfa_token=/);
    const page = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    const { result, url } = await readAuthReturn(page, back);
    assert.equal(result.status, 'needs_mfa');
    assert.deepEqual(result.status === 'needs_mfa' && result.methods, ['totp', 'backup_code']);
    assert.equal(url, `${FRONTEND}/`, 'the token leaves the address');
    assert.deepEqual(page.getSnapshot().pending?.methods, ['totp', 'backup_code']);
    assert.equal(page.getSnapshot().pending?.via, 'social');
    assert.equal(page.getSnapshot().status, 'signed-out');
    const mfaToken = new URLSearchParams(new URL(back).hash.slice(1)).get('mfa_token')!;
    assert.equal(JSON.stringify(page.getSnapshot()).includes(mfaToken), false);
    assert.equal((await page.verifyMfa({ code: await codeAt(h.app, secret) })).status, 'complete');
  } finally {
    h.destroy();
  }
});

test('SSO: discovery by email domain, a JSON start, and the return', async () => {
  const h = await app();
  const b = browser(h);
  try {
    const owner = await h.app.signUp({ email: 'owner@corp.test' });
    const org = await h.app.request('POST', '/api/v1/organizations/', { token: owner.tokens!.access_token, body: { name: 'Corp', slug: 'corp' } });
    ssoService(h.app.app.ctx).configure(org.body.id, { issuer: idp.issuer, client_id: 'corp-sso', client_secret: 'corp-secret-0123456789', domains: ['corp.test'] });

    const client = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    await client.ready;
    assert.deepEqual(await discoverSso(client, 'Bob@Corp.test'), { sso: true, organizationSlug: 'corp' });
    const asked = h.calls.length;
    assert.deepEqual(await discoverSso(client, 'carol@corp.test'), { sso: true, organizationSlug: 'corp' });
    assert.equal(h.calls.length, asked, 'one question per domain');
    assert.deepEqual(await discoverSso(client, 'someone@elsewhere.test'), { sso: false, organizationSlug: null });
    assert.deepEqual(await discoverSso(client, 'not an email'), { sso: false, organizationSlug: null });

    const { url } = await startSso(client, { organizationSlug: 'corp', returnTo: `${FRONTEND}/sign-in` });
    const initiate = h.calls.at(-1)!;
    assert.equal(initiate.path, '/sso/initiate');
    assert.match(initiate.headers.get('accept') ?? '', /application\/json/);
    assert.equal(initiate.credentials, 'include');
    assert.equal(new URL(url).origin, idp.issuer);

    const location = await callback(b, url, 'bob');
    assert.equal(new URL(location).searchParams.get(RETURN_PARAM), 'sso');
    const page = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    const { result } = await readAuthReturn(page, location);
    assert.ok(result.status === 'complete' && result.via === 'sso' && result.user.email === 'bob@corp.test', JSON.stringify(result));

    const unknown = await startSso(client, { organizationSlug: 'nope', returnTo: `${FRONTEND}/` }).catch((e: unknown) => e);
    assert.ok(unknown instanceof JanuaError && unknown.status === 404, String(unknown));
  } finally {
    h.destroy();
  }
});

test('a server without the (ext) routes: no providers, no SSO, and it is asked once', async () => {
  let asked = 0;
  const { JanuaClient } = await import('../../packages/core/src/index.ts');
  const client = new JanuaClient({
    api: 'http://bare.test', refreshTransport: 'body', crossTab: false, restore: false,
    fetch: async () => {
      asked += 1;
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no' } }), { status: 404, headers: { 'Content-Type': 'application/json' } });
    },
  });
  assert.deepEqual(await socialProviders(client), []);
  assert.deepEqual(await discoverSso(client, 'a@b.test'), { sso: false, organizationSlug: null });
  assert.deepEqual(await discoverSso(client, 'a@c.test'), { sso: false, organizationSlug: null });
  assert.equal(asked, 2);
  client.destroy();
});
