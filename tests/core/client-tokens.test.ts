import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, refreshLead } from '../../packages/core/src/index.ts';
import { decodeClaims } from '../../packages/core/src/tokens.ts';
import { until } from './env.ts';
import { harness, newUser, API } from './helpers.ts';

const count = (paths: string[], prefix: string) => paths.filter((p) => p.startsWith(prefix)).length;

test('refresh lead: ~60 s, 10% of short lifetimes, at least 5 s, never past half-life', () => {
  assert.equal(refreshLead(900_000), 60_000);
  assert.equal(refreshLead(300_000), 30_000);
  assert.equal(refreshLead(30_000), 5_000);
  assert.equal(refreshLead(6_000), 3_000);
});

test('decodeClaims reads a JWT payload (base64url, UTF-8, any padding) and refuses what is not one', () => {
  const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  for (const claims of [{ sub: 'u', sid: 's', exp: 1 }, { sub: 'é→ü', n: 'x'.repeat(1) }, { sub: 'ab', n: 'xy' }, { a: '???>>>~~~' }]) {
    assert.deepEqual(decodeClaims(`${b64url({ alg: 'EdDSA' })}.${b64url(claims)}.sig`), claims);
  }
  for (const bad of ['', 'a.b', 'a.b.c.d', `x.${b64url([1, 2])}.y`, `x.${b64url('str')}.y`, 'x.%%%.y', `x.${Buffer.from('{"a":').toString('base64url')}.y`,
    `x.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.y`]) {
    assert.throws(() => decodeClaims(bad), `${JSON.stringify(bad)} is refused`);
  }
});

test('restore in body mode refreshes with the in-memory token and keeps the user', async () => {
  const h = await harness();
  const client = h.client();
  const result = await client.signUp(newUser());
  const session = client.getSnapshot().session;
  h.calls.length = 0;
  await client.restore();
  const refresh = h.calls.find((c) => c.path === '/auth/refresh');
  assert.ok(refresh);
  assert.equal(refresh.status, 200);
  assert.equal(typeof (refresh.body as { refresh_token?: unknown }).refresh_token, 'string');
  assert.equal(refresh.headers.get('x-janua-client'), '1');
  const snap = client.getSnapshot();
  assert.equal(snap.status, 'signed-in');
  assert.ok(result.status === 'complete');
  assert.equal(snap.user?.id, result.user.id);
  assert.equal(snap.session?.id, session?.id, 'a refresh keeps the session');
  h.destroy();
});

test('two concurrent getAccessToken() near expiry make one refresh and share its token', async () => {
  const h = await harness();
  let skew = 0;
  const client = h.client({ now: () => Date.now() + skew });
  await client.signUp(newUser());
  const old = await client.getAccessToken();
  assert.ok(old);
  h.calls.length = 0;
  // Jump the client's clock to 10 s before expiry, inside the refresh lead.
  const session = client.getSnapshot().session!;
  skew = session.expiresAt - Date.now() - 10_000;
  const [a, b] = await Promise.all([client.getAccessToken(), client.getAccessToken()]);
  assert.deepEqual(h.paths(), ['POST /auth/refresh 200']);
  assert.ok(a);
  assert.equal(a, b);
  assert.notEqual(a, old);
  // And the new token is fresh: a third call makes no request.
  await client.getAccessToken();
  assert.equal(h.calls.length, 1);
  h.destroy();
});

test('a 401 leads to one refresh and one retry, which succeeds', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  h.calls.length = 0;
  // The server's clock moves past the access token's lifetime; the client's does not, so it
  // still believes its token is good and learns otherwise from the 401.
  h.app.clock.advance(20 * 60_000);
  const me = await client.request<{ email: string }>('GET', '/auth/me');
  assert.ok(me.email);
  assert.deepEqual(h.paths(), ['GET /auth/me 401', 'POST /auth/refresh 200', 'GET /auth/me 200']);
  assert.equal(client.getSnapshot().status, 'signed-in');
  h.destroy();
});

test('concurrent 401s share one refresh', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  h.calls.length = 0;
  h.app.clock.advance(20 * 60_000);
  await Promise.all([client.request('GET', '/auth/me'), client.request('GET', '/auth/me'), client.request('GET', '/auth/me')]);
  assert.equal(count(h.paths(), 'POST /auth/refresh'), 1);
  assert.equal(count(h.paths(), 'GET /auth/me 200'), 3);
  h.destroy();
});

test('a revoked session: 401, one failed refresh, signed out, no loop', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  const token = await client.getAccessToken();
  // The session ends elsewhere (another device signs it out with the same token).
  const res = await h.fetch(`${API}/api/v1/auth/signout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  h.calls.length = 0;
  const error = await client.request('GET', '/auth/me').catch((e: unknown) => e);
  assert.ok(error instanceof JanuaError);
  assert.equal(error.status, 401);
  assert.equal(h.calls.length, 2, h.paths().join(', '));
  assert.match(h.paths()[0]!, /^GET \/auth\/me 401$/);
  assert.match(h.paths()[1]!, /^POST \/auth\/refresh 4\d\d$/);
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(await client.getAccessToken(), null);
  h.destroy();
});

test('cookie transport sends credentials, the CSRF header and an empty body', async () => {
  const h = await harness();
  const client = h.client({ refreshTransport: 'cookie' });
  await client.ready;
  const refresh = h.calls.find((c) => c.path === '/auth/refresh');
  assert.ok(refresh, 'cookie mode always asks: the cookie is invisible to script');
  assert.equal(refresh.credentials, 'include');
  assert.equal(refresh.headers.get('x-janua-client'), '1');
  assert.deepEqual(refresh.body, {});
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(client.getSnapshot().error, null, 'no cookie is not an error');
  const u = newUser();
  await client.signUp(u).catch(() => undefined);
  assert.equal(h.calls.find((c) => c.path === '/auth/signup')?.credentials, 'include');
  h.destroy();
});

test('the token is refreshed on schedule before it expires, with no call from the app', async () => {
  // A 2 s token: the lead is capped at half its life, so the refresh comes after ~1 s.
  const h = await harness({ accessTokenTtl: 2 });
  const client = h.client();
  await client.signUp(newUser());
  const first = client.getSnapshot().session!;
  h.calls.length = 0;
  // The deadline only bounds a failure: on a loaded machine the timer may fire late.
  await until(() => client.getSnapshot().session !== first, 'the scheduled refresh', 15_000);
  assert.deepEqual(h.paths(), ['POST /auth/refresh 200']);
  const next = client.getSnapshot().session!;
  assert.equal(next.id, first.id);
  assert.ok(next.expiresAt > first.expiresAt);
  h.destroy();
});

test('destroy() stops the scheduled refresh', async () => {
  const h = await harness({ accessTokenTtl: 2 });
  // Its requests counted as they start (h.calls has a request only once it is answered).
  const requests: string[] = [];
  const client = h.client({ fetch: (input, init) => (requests.push(String(input)), h.fetch(input, init)) });
  await client.signUp(newUser());
  // A control with the same token lifetime, signed up after it: its refresh is due no earlier.
  const control = h.client();
  await control.signUp(newUser());
  const first = control.getSnapshot().session;
  requests.length = 0;
  client.destroy();
  await until(() => control.getSnapshot().session !== first, 'the control client to refresh', 15_000);
  assert.deepEqual(requests, []);
  h.destroy();
});
