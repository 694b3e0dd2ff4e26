import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oauthAccountsTable } from '../../packages/server/src/oauth/tables.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { codeAt, enableTotp, verifyEmail } from './helpers/mfa.ts';
import { bindingCookie, browseToCallback, startIdp, type TestIdp } from './helpers/oidc-idp.ts';

const FRONTEND = 'http://localhost:5173';
const ISSUER = 'http://127.0.0.1:8787';
const CALLBACK = `${ISSUER}/api/v1/auth/oauth/callback/`;

let idp: TestIdp;

before(async () => {
  idp = await startIdp(
    [
      { client_id: 'janua-social', client_secret: 'social-secret-0123456789', redirect_uris: [`${CALLBACK}acme`] },
      { client_id: 'janua-plain', client_secret: 'plain-secret-0123456789', redirect_uris: [`${CALLBACK}plain`], token_endpoint_auth_method: 'client_secret_post' },
    ],
    {
      ada: { email: 'ada@lovelace.test', email_verified: true, given_name: 'Ada', family_name: 'Lovelace' },
      grace: { email: 'grace@navy.test', email_verified: true, given_name: 'Grace' },
      mallory: { email: 'victim@example.test', email_verified: false },
    },
  );
});
after(() => idp.close());

function app(extra: Record<string, unknown>[] = []): TestApp {
  return createTestApp({
    issuer: ISSUER,
    frontendUrl: FRONTEND,
    rateLimit: false,
    oauth: {
      providers: [
        { id: 'acme', name: 'Acme ID', type: 'oidc', issuer: idp.issuer, client_id: 'janua-social', client_secret: 'social-secret-0123456789' },
        { id: 'google', client_id: 'google-client', client_secret: 'g' },
        { id: 'github', client_id: 'github-client', client_secret: 'gh' },
        { id: 'microsoft', client_id: 'ms-client' },
        ...(extra as never[]),
      ],
    },
  });
}

async function start(t: TestApp, provider = 'acme', redirectTo = '/account') {
  const res = await t.request('POST', `/api/v1/auth/oauth/authorize/${provider}?redirect_to=${encodeURIComponent(redirectTo)}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { ...(res.body as { authorization_url: string; state: string; provider: string }), cookie: bindingCookie(res.headers) };
}

/** The callback as the browser that started the flow makes it: with its binding cookie. */
const callback = (t: TestApp, url: URL | string, cookie: string) =>
  t.request('GET', typeof url === 'string' ? url : url.pathname + url.search, { headers: { cookie } });

async function signIn(t: TestApp, login: string, tamper?: (url: URL) => void) {
  const started = await start(t);
  const url = new URL(started.authorization_url);
  tamper?.(url);
  const back = await browseToCallback(url.href, login, CALLBACK);
  const res = await callback(t, back, started.cookie);
  return { started, back, res, location: new URL(res.headers.get('location') ?? 'about:blank') };
}

/** The refresh cookie the callback set, spent as a reloaded page would, to learn who is signed in. */
async function whoIsSignedIn(t: TestApp, res: { headers: Headers }) {
  const cookie = /janua_refresh_token=([\w-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  assert.ok(cookie, 'the callback sets the refresh cookie');
  const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: cookie } });
  assert.equal(refreshed.status, 200);
  return (await t.request('GET', '/api/v1/auth/me', { token: refreshed.body.access_token })).body;
}

describe('social sign-in against a real OIDC provider', () => {
  it('lists the configured providers', async () => {
    const t = app([{ id: 'legacy', type: 'oauth2', authorization_endpoint: 'https://legacy.test/auth', token_endpoint: 'https://legacy.test/token', userinfo_endpoint: 'https://legacy.test/me', client_id: 'l', enabled: false }]);
    const res = await t.request('GET', '/api/v1/auth/oauth/providers');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [
      { provider: 'acme', name: 'Acme ID', enabled: true },
      { provider: 'google', name: 'Google', enabled: true },
      { provider: 'github', name: 'GitHub', enabled: true },
      { provider: 'microsoft', name: 'Microsoft', enabled: true },
      { provider: 'legacy', name: 'legacy', enabled: false },
    ]);
    const off = await t.request('POST', '/api/v1/auth/oauth/authorize/legacy');
    assert.equal(off.status, 403);
    assert.deepEqual((await createTestApp().request('GET', '/api/v1/auth/oauth/providers')).body, []);
  });

  it('signs up a new user on first sign-in, and signs the same user in the second time', async () => {
    const t = app();
    const first = await signIn(t, 'ada');
    assert.equal(first.res.status, 302);
    assert.equal(first.location.href, `${FRONTEND}/account`);
    const me = await whoIsSignedIn(t, first.res);
    assert.equal(me.email, 'ada@lovelace.test');
    assert.equal(me.email_verified, true);
    assert.equal(me.first_name, 'Ada');
    assert.equal(me.last_name, 'Lovelace');
    assert.equal(t.app.ctx.users.findOne({ email: 'ada@lovelace.test' })!.password_hash, null);
    assert.equal(me.has_password, false, 'the kit reads that this account has no password to confirm with');

    const second = await signIn(t, 'ada');
    assert.equal(second.res.status, 302);
    assert.equal((await whoIsSignedIn(t, second.res)).id, me.id);
    assert.equal(t.app.ctx.users.count(), 1);
    const links = t.store.table(oauthAccountsTable).find({ user_id: me.id });
    assert.deepEqual(links.map((l) => [l.provider, l.subject]), [['acme', 'ada']]);
  });

  it('links to an existing account with the same verified email', async () => {
    const t = app();
    const existing = await t.signUp({ email: 'Grace@Navy.test' });
    const res = await signIn(t, 'grace');
    assert.equal(res.res.status, 302);
    assert.equal((await whoIsSignedIn(t, res.res)).id, existing.user.id);
    assert.equal(t.app.ctx.users.get(existing.user.id)!.email_verified, true);
  });

  it('signs in through a plain OAuth 2.0 provider: code exchange with client_secret_post, then userinfo', async () => {
    const t = app([{
      id: 'plain', type: 'oauth2', client_id: 'janua-plain', client_secret: 'plain-secret-0123456789', scopes: ['openid', 'email', 'profile'],
      authorization_endpoint: `${idp.issuer}/auth`, token_endpoint: `${idp.issuer}/token`, userinfo_endpoint: `${idp.issuer}/me`,
    }]);
    const started = await start(t, 'plain');
    assert.equal(new URL(started.authorization_url).searchParams.get('nonce'), null);
    const back = await browseToCallback(started.authorization_url, 'ada', CALLBACK);
    const res = await callback(t, back, started.cookie);
    assert.equal(res.headers.get('location'), `${FRONTEND}/account`);
    const me = await whoIsSignedIn(t, res);
    assert.equal(me.email, 'ada@lovelace.test');
    assert.deepEqual(t.store.table(oauthAccountsTable).find({}).map((a) => [a.provider, a.subject]), [['plain', 'ada']]);
  });

  it('asks a verified account with MFA on for its second factor before any session', async () => {
    const t = app();
    const existing = await t.signUp({ email: 'grace@navy.test' });
    await verifyEmail(t, existing);
    const { secret } = await enableTotp(t, existing);
    const res = await signIn(t, 'grace');
    assert.equal(res.res.status, 302);
    assert.doesNotMatch(res.res.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/);
    assert.equal(res.location.origin + res.location.pathname, `${FRONTEND}/account`);
    const fragment = new URLSearchParams(res.location.hash.slice(1));
    assert.equal(fragment.get('mfa_methods'), 'totp,backup_code');
    const done = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: fragment.get('mfa_token'), code: await codeAt(t, secret) } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.user.id, existing.user.id);
    assert.ok(done.body.tokens.access_token);
  });

  it('refuses an email the provider has not verified, and creates nobody', async () => {
    const t = app();
    await t.signUp({ email: 'victim@example.test' });
    const res = await signIn(t, 'mallory');
    assert.equal(res.res.status, 302);
    assert.equal(res.location.searchParams.get('error'), 'email_not_verified');
    assert.equal(res.location.origin + res.location.pathname, `${FRONTEND}/account`);
    assert.doesNotMatch(res.res.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/);
    assert.equal(t.store.table(oauthAccountsTable).count(), 0);
  });

  it('refuses a state used twice or expired', async () => {
    const t = app();
    const first = await signIn(t, 'ada');
    assert.equal(first.res.status, 302);
    const replay = await callback(t, first.back, first.started.cookie);
    assert.equal(replay.status, 302);
    const to = new URL(replay.headers.get('location')!);
    assert.equal(to.searchParams.get('error'), 'invalid_state');
    assert.equal(to.origin, FRONTEND);
    assert.doesNotMatch(replay.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/);

    const started = await start(t);
    const back = await browseToCallback(started.authorization_url, 'ada', CALLBACK);
    t.clock.advance(10 * 60_000 + 1);
    const late = await callback(t, back, started.cookie);
    assert.equal(new URL(late.headers.get('location')!).searchParams.get('error'), 'invalid_state');
    const elsewhere = await start(t);
    const wrongDoor = await callback(t, `/api/v1/auth/oauth/callback/google?code=x&state=${elsewhere.state}`, elsewhere.cookie);
    assert.equal(new URL(wrongDoor.headers.get('location')!).searchParams.get('error'), 'invalid_state', 'a state works only at its own provider');
    const none = await t.request('GET', '/api/v1/auth/oauth/callback/acme?code=abc');
    assert.equal(new URL(none.headers.get('location')!).searchParams.get('error'), 'invalid_state');
  });

  it('fails the exchange when the PKCE challenge was swapped', async () => {
    const t = app();
    const res = await signIn(t, 'ada', (url) => url.searchParams.set('code_challenge', 'A'.repeat(43)));
    assert.equal(res.res.status, 302);
    assert.equal(res.location.searchParams.get('error'), 'exchange_failed');
    assert.equal(t.app.ctx.users.count(), 0);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const t = app();
    const res = await signIn(t, 'ada', (url) => url.searchParams.set('nonce', 'attacker-chosen-nonce'));
    assert.equal(res.location.searchParams.get('error'), 'invalid_nonce');
    assert.equal(t.app.ctx.users.count(), 0);
  });

  it('refuses a callback naming another issuer (RFC 9207) or carrying a forged code', async () => {
    const t = app();
    for (const [param, value, code] of [['iss', 'https://evil.example', 'invalid_issuer'], ['code', 'forged-code', 'exchange_failed']] as const) {
      const started = await start(t);
      const back = await browseToCallback(started.authorization_url, 'ada', CALLBACK);
      assert.ok(back.searchParams.get('iss'), 'oidc-provider sends iss on the callback');
      back.searchParams.set(param, value);
      const res = await callback(t, back, started.cookie);
      assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), code);
      assert.doesNotMatch(res.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/);
    }
    assert.equal(t.app.ctx.users.count(), 0);
  });

  it('passes a provider error on to the page, spending the state', async () => {
    const t = app();
    const started = await start(t, 'acme', `${FRONTEND}/login?from=x`);
    const res = await callback(t, `/api/v1/auth/oauth/callback/acme?error=access_denied&state=${started.state}`, started.cookie);
    const to = new URL(res.headers.get('location')!);
    assert.equal(to.pathname, '/login');
    assert.equal(to.searchParams.get('from'), 'x');
    assert.equal(to.searchParams.get('error'), 'access_denied');
    const again = await callback(t, `/api/v1/auth/oauth/callback/acme?code=abc&state=${started.state}`, started.cookie);
    assert.equal(new URL(again.headers.get('location')!).searchParams.get('error'), 'invalid_state');
  });

  it('logs what a callback brings on one line: a forged provider path or error cannot write a log line of its own', async () => {
    const lines: string[] = [];
    const t = createTestApp({ issuer: ISSUER, frontendUrl: FRONTEND, rateLimit: false, log: (line: string) => lines.push(line),
      oauth: { providers: [{ id: 'acme', name: 'Acme ID', type: 'oidc', issuer: idp.issuer, client_id: 'janua-social', client_secret: 'social-secret-0123456789' }] } });
    const forged = await t.request('GET', '/api/v1/auth/oauth/callback/x%0a%5berror%5d%20req_FAKE%20forged%00line?state=a');
    assert.equal(new URL(forged.headers.get('location')!).searchParams.get('error'), 'invalid_state');
    const started = await start(t, 'acme');
    await callback(t, `/api/v1/auth/oauth/callback/acme?error=${encodeURIComponent('denied\r\n[error] req_FAKE forged')}&state=${started.state}`, started.cookie);
    const oauth = lines.filter((l) => l.startsWith('[oauth]'));
    assert.equal(oauth.length, 2, lines.join('\n'));
    for (const line of oauth) assert.doesNotMatch(line, /[\r\n\u0000]/, line);
    assert.match(oauth[0]!, /callback x\\u000a\[error\] req_FAKE forged\\u0000line: invalid_state/);
    assert.match(oauth[1]!, /provider said denied\\u000d\\u000a\[error\] req_FAKE forged/);
  });
});

describe('social sign-in: the authorize call', () => {
  it('builds PKCE S256 authorization URLs for the Google, GitHub and Microsoft presets', async () => {
    const t = app();
    const google = new URL((await start(t, 'google')).authorization_url);
    assert.equal(google.origin + google.pathname, 'https://accounts.google.com/o/oauth2/v2/auth');
    assert.equal(google.searchParams.get('client_id'), 'google-client');
    assert.equal(google.searchParams.get('redirect_uri'), `${CALLBACK}google`);
    assert.equal(google.searchParams.get('response_type'), 'code');
    assert.equal(google.searchParams.get('scope'), 'openid email profile');
    assert.equal(google.searchParams.get('code_challenge_method'), 'S256');
    assert.match(google.searchParams.get('code_challenge')!, /^[\w-]{43}$/);
    assert.match(google.searchParams.get('state')!, /^[\w-]{43}$/);
    assert.ok(google.searchParams.get('nonce'));
    const github = new URL((await start(t, 'github')).authorization_url);
    assert.equal(github.origin + github.pathname, 'https://github.com/login/oauth/authorize');
    assert.equal(github.searchParams.get('scope'), 'read:user user:email');
    assert.equal(github.searchParams.get('nonce'), null);
    assert.equal(github.searchParams.get('code_challenge_method'), 'S256');
    const microsoft = new URL((await start(t, 'microsoft')).authorization_url);
    assert.equal(microsoft.origin + microsoft.pathname, 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize');
    assert.equal(microsoft.searchParams.get('client_id'), 'ms-client');
    const two = await start(t, 'google');
    assert.notEqual(new URL(two.authorization_url).searchParams.get('code_challenge'), google.searchParams.get('code_challenge'));
  });

  it('refuses unknown providers and redirect targets off the allowlist', async () => {
    const t = app();
    const unknown = await t.request('POST', '/api/v1/auth/oauth/authorize/nope');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');
    for (const bad of ['https://evil.example/x', '//evil.example/x', 'javascript:alert(1)', '/\\evil.example']) {
      const res = await t.request('POST', `/api/v1/auth/oauth/authorize/acme?redirect_to=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 422, bad);
      assert.equal(res.body.error.details.validation_errors[0].field, 'redirect_to');
    }
    const uri = await t.request('POST', `/api/v1/auth/oauth/authorize/acme?redirect_uri=${encodeURIComponent('https://evil.example/api/v1/auth/oauth/callback/acme')}`);
    assert.equal(uri.status, 422);
    const proxied = await t.request('POST', `/api/v1/auth/oauth/authorize/google?redirect_uri=${encodeURIComponent(`${FRONTEND}/api/v1/auth/oauth/callback/google`)}`);
    assert.equal(proxied.status, 200, 'a front end on an allowed origin may proxy the callback');
    const down = createTestApp({ oauth: { providers: [{ id: 'down', type: 'oidc', issuer: 'http://127.0.0.1:9', client_id: 'x' }] } });
    const unreachable = await down.request('POST', '/api/v1/auth/oauth/authorize/down');
    assert.equal(unreachable.status, 503);
    assert.equal(unreachable.body.error.code, 'SERVICE_UNAVAILABLE');
  });

  it('checks the operator configuration at start-up', () => {
    const bad: [unknown, RegExp][] = [
      [[{ id: 'Bad Id', client_id: 'x' }], /id must be/],
      [[{ id: 'x' }], /client_id is required/],
      [[{ id: 'x', client_id: 'a', type: 'oidc' }], /needs an issuer/],
      [[{ id: 'x', client_id: 'a', type: 'oauth2', authorization_endpoint: 'https://a.test' }], /needs authorization_endpoint, token_endpoint and userinfo_endpoint/],
      [[{ id: 'x', client_id: 'a', issuer: 'ftp://a.test' }], /http\(s\)/],
      [[{ id: 'google', client_id: 'a' }, { id: 'google', client_id: 'b' }], /listed twice/],
      [[{ id: 'sso', client_id: 'a', issuer: 'https://a.test' }], /reserved/],
    ];
    for (const [providers, message] of bad) {
      assert.throws(() => createTestApp({ oauth: { providers: providers as never } }), message);
    }
  });
});
