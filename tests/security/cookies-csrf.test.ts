/** Cookie attributes, and CSRF on every cookie-borne call and on the OAuth and SSO callbacks. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { bindingCookie, browseToCallback, startIdp, type TestIdp } from '../server/helpers/oidc-idp.ts';
import { meStatus } from './helpers.ts';

const FRONTEND = 'http://localhost:5173';
let idp: TestIdp;

before(async () => {
  idp = await startIdp(
    [
      { client_id: 'social', client_secret: 'social-secret-0123456789', redirect_uris: ['http://127.0.0.1:8787/api/v1/auth/oauth/callback/acme', 'https://auth.example.com/api/v1/auth/oauth/callback/acme'] },
      { client_id: 'corp', client_secret: 'corp-secret-0123456789', redirect_uris: ['http://127.0.0.1:8787/api/v1/auth/oauth/callback/sso'] },
    ],
    { attacker: { email: 'attacker@example.test', email_verified: true }, worker: { email: 'worker@corp.test', email_verified: true } },
  );
});
after(() => idp.close());

function app(issuer = 'http://127.0.0.1:8787'): TestApp {
  return createTestApp({
    issuer,
    frontendUrl: FRONTEND,
    cors: [FRONTEND],
    rateLimit: false,
    oauth: { providers: [{ id: 'acme', type: 'oidc', issuer: idp.issuer, client_id: 'social', client_secret: 'social-secret-0123456789' }] },
  });
}

/** Parses one Set-Cookie line into its name, value and lower-cased attributes. */
function parseCookie(line: string) {
  const [pair, ...attrs] = line.split(';').map((s) => s.trim());
  const eq = pair!.indexOf('=');
  const map = new Map<string, string | true>(attrs.map((a): [string, string | true] => {
    const i = a.indexOf('=');
    return i < 0 ? [a.toLowerCase(), true] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
  }));
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attrs: map };
}

describe('cookie attributes', () => {
  for (const issuer of ['http://127.0.0.1:8787', 'https://auth.example.com']) {
    it(`refresh and flow-binding cookies: HttpOnly, SameSite=Lax, path-limited${issuer.startsWith('https') ? ', Secure behind an https issuer' : ''}`, async () => {
      const t = app(issuer);
      const up = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'c@example.test', password: 'Valid-password-1' } });
      const refresh = parseCookie(up.headers.getSetCookie().find((c) => c.startsWith('janua_refresh_token='))!);
      const started = await t.request('POST', '/api/v1/auth/oauth/authorize/acme');
      const binding = parseCookie(started.headers.getSetCookie().find((c) => c.startsWith('janua_oauth_'))!);
      for (const [cookie, path] of [[refresh, '/api/v1/auth'], [binding, '/api/v1/auth/oauth/callback']] as const) {
        assert.equal(cookie.attrs.get('httponly'), true, `${cookie.name} HttpOnly`);
        assert.equal(cookie.attrs.get('samesite'), 'Lax', `${cookie.name} SameSite`);
        assert.equal(cookie.attrs.get('path'), path, `${cookie.name} Path`);
        assert.equal(cookie.attrs.has('secure'), issuer.startsWith('https'), `${cookie.name} Secure`);
        assert.equal(cookie.attrs.has('domain'), false, `${cookie.name} is host-only`);
      }
      assert.ok(Number(binding.attrs.get('max-age')) <= 600, 'the binding lives as long as the state');
      assert.notEqual(binding.value, started.body.state, 'the binding is not the state the URL carries');
    });
  }
});

describe('CSRF', () => {
  it('every state-changing call that carries the refresh cookie from a foreign origin is refused before it runs', async () => {
    const t = app();
    const up = await t.signUp();
    const cookie = `janua_refresh_token=${up.tokens!.refresh_token}`;
    const token = up.tokens!.access_token;
    const calls: [string, string, unknown][] = [
      ['POST', '/api/v1/auth/refresh', {}],
      ['POST', '/api/v1/auth/signout', {}],
      ['PATCH', '/api/v1/users/me', { first_name: 'Hacked' }],
      ['POST', '/api/v1/auth/password/change', { current_password: up.password, new_password: 'Changed-by-csrf-42' }],
      ['DELETE', '/api/v1/sessions/', undefined],
      ['POST', '/api/v1/organizations/', { name: 'X', slug: 'csrf-made' }],
      ['DELETE', '/api/v1/users/me', { password: up.password }],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.request(method, path, { body, token, headers: { cookie, origin: 'https://evil.example', 'x-janua-client': '1' } });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    assert.equal(await meStatus(t, token), 200, 'nothing happened to the session');
    assert.equal(t.app.ctx.users.get(up.user.id)!.first_name, 'Test');
  });

  it('cookie refresh and sign-out need X-Janua-Client and an allowed Origin', async () => {
    const t = app();
    const up = await t.signUp();
    const cookie = `janua_refresh_token=${up.tokens!.refresh_token}`;
    for (const headers of [{ origin: FRONTEND }, { 'x-janua-client': '1' }, { 'x-janua-client': '1', origin: 'null' }] as Record<string, string>[]) {
      const res = await t.request('POST', '/api/v1/auth/refresh', { headers: { cookie, ...headers } });
      assert.equal(res.status, 403, JSON.stringify(headers));
    }
    assert.equal((await t.request('POST', '/api/v1/auth/refresh', { headers: { cookie, origin: FRONTEND, 'x-janua-client': '1' } })).status, 200);
  });

  it('OAuth callback: a callback URL handed to another browser signs nobody in (login CSRF)', async () => {
    const t = app();
    // The attacker starts a flow and stops at the callback URL…
    const started = await t.request('POST', '/api/v1/auth/oauth/authorize/acme?redirect_to=%2Fhome');
    const back = await browseToCallback(started.body.authorization_url, 'attacker', 'http://127.0.0.1:8787/api/v1/auth/oauth/callback/');
    // …and the victim's browser, which never started it, follows it.
    const victim = await t.request('GET', back.pathname + back.search, { headers: { cookie: 'janua_oauth_0000000000000000=forged' } });
    assert.equal(victim.status, 302);
    assert.equal(new URL(victim.headers.get('location')!).searchParams.get('error'), 'browser_mismatch');
    assert.doesNotMatch(victim.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/, 'no session');
    assert.equal(t.app.ctx.users.count({ email: 'attacker@example.test' }), 0);
    // The flow is spent: the attacker cannot use the same URL afterwards either.
    const late = await t.request('GET', back.pathname + back.search, { headers: { cookie: bindingCookie(started.headers) } });
    assert.equal(new URL(late.headers.get('location')!).searchParams.get('error'), 'invalid_state');
  });

  it('OAuth callback: another flow\'s binding cookie does not fit', async () => {
    const t = app();
    const mine = await t.request('POST', '/api/v1/auth/oauth/authorize/acme');
    const theirs = await t.request('POST', '/api/v1/auth/oauth/authorize/acme');
    const back = await browseToCallback(theirs.body.authorization_url, 'attacker', 'http://127.0.0.1:8787/api/v1/auth/oauth/callback/');
    const wrongValue = bindingCookie(mine.headers).split('=')[1];
    const name = bindingCookie(theirs.headers).split('=')[0];
    const res = await t.request('GET', back.pathname + back.search, { headers: { cookie: `${bindingCookie(mine.headers)}; ${name}=${wrongValue}` } });
    assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'browser_mismatch');
  });

  it('SSO callback: the same binding', async () => {
    const t = app();
    const owner = await t.signUp({ email: 'owner@corp.test' });
    const org = await t.request('POST', '/api/v1/organizations/', { token: owner.tokens!.access_token, body: { name: 'Corp', slug: 'corp' } });
    await t.request('PUT', `/api/v1/organizations/${org.body.id}/sso`, { token: owner.tokens!.access_token, body: { issuer: idp.issuer, client_id: 'corp', client_secret: 'corp-secret-0123456789', domains: ['corp.test'] } });
    const init = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'corp' } });
    assert.equal(init.status, 302);
    const back = await browseToCallback(init.headers.get('location')!, 'worker', 'http://127.0.0.1:8787/api/v1/auth/oauth/callback/');
    const stranger = await t.request('GET', back.pathname + back.search);
    assert.equal(new URL(stranger.headers.get('location')!).searchParams.get('error'), 'browser_mismatch');
    assert.equal(t.app.ctx.users.count({ email: 'worker@corp.test' }), 0);
    const again = await t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: 'corp' } });
    const ok = await browseToCallback(again.headers.get('location')!, 'worker', 'http://127.0.0.1:8787/api/v1/auth/oauth/callback/');
    const starter = await t.request('GET', ok.pathname + ok.search, { headers: { cookie: bindingCookie(again.headers) } });
    assert.match(starter.headers.get('set-cookie') ?? '', /janua_refresh_token=[\w-]/, 'the browser that started it is signed in');
  });
});
