/**
 * The client against a server that does only what the contract (docs/api.md) promises: no
 * refresh cookie (the contract's refresh token is the body's), a sign-out that takes only the
 * Bearer, and a password change that knows nothing of `revoke_other_sessions`. Played by the
 * reference server with what the contract does not promise taken away.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { account, JanuaClient } from '../../packages/core/src/index.ts';
import { API, harness, newUser, type Harness } from './helpers.ts';
import { diagnosticsTab, listen, until } from './env.ts';

/** What a contract-only server would do, around the reference app's fetch. */
function contractOnly(h: Harness): typeof fetch {
  return async (input, init) => {
    const req = new Request(input, init);
    const path = new URL(req.url).pathname.replace(/^\/api\/v1/, '');
    const headers = new Headers(req.headers);
    headers.delete('cookie');
    let body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
    const json = body ? JSON.parse(body) as Record<string, unknown> : {};
    if (path === '/auth/refresh' && typeof json['refresh_token'] !== 'string') {
      // A FastAPI-style body model: the field is required.
      return Response.json({ error: { code: 'VALIDATION_ERROR', message: 'Field required', details: { validation_errors: [{ field: 'refresh_token', message: 'Field required', type: 'required' }] } } }, { status: 422 });
    }
    if (path === '/auth/signout') body = '{}';
    if (path === '/auth/password/change') {
      delete json['revoke_other_sessions'];
      body = JSON.stringify(json);
    }
    const res = await h.fetch(new Request(req.url, { method: req.method, headers, body }));
    const out = new Headers(res.headers);
    out.delete('set-cookie');
    let text = await res.text();
    if (path === '/auth/password/change' && res.ok) text = JSON.stringify({ message: (JSON.parse(text) as { message: string }).message });
    return new Response(res.status === 204 ? null : text, { status: res.status, headers: out });
  };
}

function cookieClient(f: typeof fetch, now?: () => number): JanuaClient {
  return new JanuaClient({ api: API, fetch: f, refreshTransport: 'cookie', crossTab: false, ...now && { now } });
}

test('cookie mode on a server that sets no cookie: the page load is a quiet "signed out", and a session outlives its access token', async () => {
  const h = await harness();
  let skew = 0;
  const client = cookieClient(contractOnly(h), () => Date.now() + skew);
  await client.ready;
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(client.getSnapshot().error, null, 'no VALIDATION_ERROR left on the snapshot by the 422');

  const u = newUser();
  assert.equal((await client.signUp(u)).status, 'complete');
  const first = await client.getAccessToken();
  // Past the 15-minute access token, on both clocks.
  h.app.clock.advance(16 * 60_000);
  skew = 16 * 60_000;
  const from = h.calls.length;
  const next = await client.getAccessToken();
  assert.ok(next && next !== first, 'a fresh access token, through the body\'s refresh token');
  assert.equal(client.getSnapshot().status, 'signed-in');
  assert.deepEqual(h.calls.slice(from).map((c) => `${c.path} ${c.status}`), ['/auth/refresh 200']);
  const me = await client.request<{ email: string }>('GET', '/auth/me');
  assert.equal(me.email, u.email.toLowerCase());
  client.destroy();
  h.destroy();
});

test('a refresh the server refuses with any 4xx ends the session instead of leaving a signed-in client whose calls all fail', async () => {
  const h = await harness();
  const base = contractOnly(h);
  let refuse = false;
  const f: typeof fetch = async (input, init) => {
    const path = new URL(new Request(input, init).url).pathname;
    if (refuse && path.endsWith('/auth/refresh')) return Response.json({ error: { code: 'VALIDATION_ERROR', message: 'Field required', details: {} } }, { status: 422 });
    return base(input, init);
  };
  let skew = 0;
  const client = cookieClient(f, () => Date.now() + skew);
  await client.ready;
  await client.signUp(newUser());
  refuse = true;
  h.app.clock.advance(16 * 60_000);
  skew = 16 * 60_000;
  assert.equal(await client.getAccessToken(), null);
  assert.equal(client.getSnapshot().status, 'signed-out');
  client.destroy();
  h.destroy();
});

test('sign-out with an expired access token on a Bearer-only server refreshes and revokes the session there', async () => {
  const h = await harness();
  let skew = 0;
  const client = cookieClient(contractOnly(h), () => Date.now() + skew);
  await client.ready;
  await client.signUp(newUser());
  const refresh = [...h.secrets].at(-1)!;
  h.app.clock.advance(16 * 60_000);
  skew = 16 * 60_000;
  const from = h.calls.length;
  await client.signOut();
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.deepEqual(h.calls.slice(from).map((c) => `${c.path} ${c.status}`), ['/auth/signout 401', '/auth/refresh 200', '/auth/signout 200']);
  // The session is gone on the server: its refresh token family no longer works.
  const again = await h.app.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: refresh } });
  assert.equal(again.status, 401);
  client.destroy();
  h.destroy();
});

test('"sign out other devices" on a server without revoke_other_sessions ends them through DELETE /sessions/', async () => {
  const h = await harness();
  const u = newUser();
  const here = cookieClient(contractOnly(h));
  await here.ready;
  await here.signUp(u);
  const other = await h.app.request('POST', '/api/v1/auth/signin', { body: { email: u.email, password: u.password } });
  assert.equal(other.status, 200);
  const otherToken = other.body.tokens.access_token as string;

  const next = 'another horse battery 7';
  const { revokedCount } = await account(here).changePassword({ currentPassword: u.password, newPassword: next, revokeOtherSessions: true });
  assert.equal(revokedCount, 1);
  assert.equal((await h.app.request('GET', '/api/v1/auth/me', { token: otherToken })).status, 401, 'the other device is out');
  assert.equal(here.getSnapshot().status, 'signed-in', 'this one stays');

  // Not asked: nothing more is called.
  const from = h.calls.length;
  await account(here).changePassword({ currentPassword: next, newPassword: u.password, revokeOtherSessions: false });
  assert.deepEqual(h.calls.slice(from).map((c) => `${c.method} ${c.path}`), ['POST /auth/password/change']);
  here.destroy();
  h.destroy();
});

test('two tabs with a session each and no shared cookie do not follow each other round: a refresh on a tab\'s own token tells the others nothing', async () => {
  const h = await harness();
  const spy = listen();
  const f = contractOnly(h);
  const tab = () => new JanuaClient({ api: API, fetch: f, refreshTransport: 'cookie', crossTab: true });
  const a = tab();
  const b = tab();
  try {
    await Promise.all([a.ready, b.ready]);
    const u = newUser();
    await a.signUp(u);
    await b.signIn({ email: u.email, password: u.password });
    // B's sign-in is news to A, which follows: no cookie, so A refreshes its own session.
    const refreshed = () => h.calls.filter((c) => c.path === '/auth/refresh' && c.status === 200).length;
    await until(() => refreshed() >= 1, 'A following B\'s sign-in on its own token');
    await a.signOut();
    // Messages from one tab arrive in order: once A's sign-out is heard, anything A said before it was too.
    await until(() => spy.messages.some((m) => m.type === 'signed-out'), 'A\'s sign-out heard');
    await until(() => b.getSnapshot().status === 'signed-out', 'B signed out with it');
    assert.equal(spy.messages.filter((m) => m.type === 'session').length, 2, 'the two sign-ins, and nothing after');
    assert.equal(refreshed(), 1, 'one follow, no round trips');
  } finally {
    spy.close();
    a.destroy();
    b.destroy();
    h.destroy();
  }
});

test('a refresh answered by something other than a verdict (a proxy\'s 404) keeps the session: thrown, as an outage is', async () => {
  const h = await harness();
  const base = contractOnly(h);
  let glitch = false;
  const f: typeof fetch = async (input, init) => glitch && new URL(new Request(input, init).url).pathname.endsWith('/auth/refresh')
    ? new Response('<html>Not Found</html>', { status: 404, headers: { 'content-type': 'text/html' } })
    : base(input, init);
  let skew = 0;
  const client = cookieClient(f, () => Date.now() + skew);
  await client.ready;
  await client.signUp(newUser());
  h.app.clock.advance(16 * 60_000);
  skew = 16 * 60_000;
  glitch = true;
  const failed = await client.getAccessToken().catch((e: unknown) => e);
  assert.ok(failed instanceof Error && (failed as { status?: number }).status === 404, String(failed));
  assert.equal(client.getSnapshot().status, 'signed-in');
  glitch = false;
  assert.ok(await client.getAccessToken(), 'the session, once the proxy is back');
  client.destroy();
  h.destroy();
});

test('when the fallback DELETE /sessions/ is refused the password change still resolves (it has happened)', async () => {
  const h = await harness();
  const base = contractOnly(h);
  const f: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    if (req.method === 'DELETE' && new URL(req.url).pathname.endsWith('/sessions/')) {
      return Response.json({ error: { code: 'RATE_LIMITED', message: 'Too many requests', details: {} } }, { status: 429, headers: { 'retry-after': '30' } });
    }
    return base(req);
  };
  const u = newUser();
  const client = cookieClient(f);
  await client.ready;
  await client.signUp(u);
  const result = await account(client).changePassword({ currentPassword: u.password, newPassword: 'another horse battery 7', revokeOtherSessions: true });
  assert.deepEqual(result, { revokedCount: 0 });
  client.destroy();
  h.destroy();
});

test('a reload on a server that wants the body\'s token (422) blames no cookie in the console', async () => {
  const h = await harness();
  const tab = diagnosticsTab();
  const { store, warnings } = tab;
  try {
    const first = cookieClient(contractOnly(h));
    await first.ready;
    await first.signUp(newUser());
    assert.equal(store.size, 1, 'this tab signed in with the cookie transport');
    first.destroy();
    const reloaded = cookieClient(contractOnly(h));
    await reloaded.ready;
    assert.equal(reloaded.getSnapshot().status, 'signed-out');
    // The warning's words load lazily: once loaded, anything said would have been said.
    await import('../../packages/core/src/diagnostics-text.ts');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings.filter((w) => w.includes('session cookie')), []);
    reloaded.destroy();
  } finally {
    tab.restore();
    h.destroy();
  }
});
