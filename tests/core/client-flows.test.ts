import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaClient, JanuaError, type AuthSnapshot } from '../../packages/core/src/index.ts';
import { harness, newUser, containsSecret, API } from './helpers.ts';

test('status goes loading → signed-out with no refresh token, without asking the server', async () => {
  const h = await harness();
  const client = h.client();
  assert.equal(client.getSnapshot().status, 'loading');
  await client.ready;
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(client.getSnapshot().error, null);
  assert.deepEqual(h.paths(), []);
  assert.equal(await client.getAccessToken(), null);
  h.destroy();
});

test('sign-up sends snake_case, signs in, and a second client can sign in with the same password', async () => {
  const h = await harness();
  const client = h.client();
  await client.ready;
  const u = newUser();
  const seen: AuthSnapshot[] = [];
  client.subscribe((s) => seen.push(s));
  const result = await client.signUp({ ...u, username: 'ada' });
  assert.equal(result.status, 'complete');
  assert.ok(result.status === 'complete');
  assert.equal(result.user.email, u.email);
  assert.equal(result.user.firstName, 'Ada');
  assert.equal(result.user.lastName, 'Lovelace');
  assert.equal(result.user.emailVerified, false);

  const signup = h.calls.find((c) => c.path === '/auth/signup');
  assert.ok(signup);
  assert.deepEqual(signup.body, { email: u.email, password: u.password, first_name: 'Ada', last_name: 'Lovelace', username: 'ada' });
  assert.equal(signup.status, 201);

  const snap = client.getSnapshot();
  assert.equal(snap.status, 'signed-in');
  assert.equal(snap.user, result.user);
  assert.ok(snap.session && typeof snap.session.id === 'string');
  assert.ok(snap.session.expiresAt > Date.now());
  assert.deepEqual(seen.map((s) => s.status), ['signed-out', 'signed-in']);

  // The session is real: /auth/me answers for it.
  const me = await client.request<{ id: string; email: string }>('GET', '/auth/me');
  assert.equal(me.id, result.user.id);

  const other = h.client();
  await other.ready;
  const again = await other.signIn({ email: u.email, password: u.password });
  assert.equal(again.status, 'complete');
  assert.ok(again.status === 'complete' && again.user.id === result.user.id);
  assert.notEqual(other.getSnapshot().session?.id, snap.session.id, 'each sign-in is its own session');

  // Nothing a UI can read holds a token.
  assert.ok(h.secrets.size >= 4);
  assert.equal(containsSecret(client.getSnapshot(), h.secrets), false);
  assert.equal(containsSecret(seen, h.secrets), false);
  assert.equal(containsSecret(result, h.secrets), false);
  h.destroy();
});

test('422 field errors map to fieldErrors', async () => {
  const h = await harness();
  const client = h.client();
  await client.ready;
  const error = await client.signUp({ email: 'not-an-email', password: 'x' }).catch((e: unknown) => e);
  assert.ok(error instanceof JanuaError);
  assert.equal(error.status, 422);
  assert.equal(error.code, 'VALIDATION_ERROR');
  assert.equal(typeof error.fieldErrors.email, 'string');
  assert.equal(typeof error.fieldErrors.password, 'string');
  assert.ok(error.requestId);
  assert.equal(client.getSnapshot().status, 'signed-out');
  h.destroy();
});

test('a taken email is EMAIL_TAKEN', async () => {
  const h = await harness();
  const client = h.client();
  const u = newUser();
  await client.signUp(u);
  const error = await h.client().signUp(u).catch((e: unknown) => e);
  assert.ok(JanuaError.is(error));
  assert.equal(error.code, 'EMAIL_TAKEN');
  h.destroy();
});

test('wrong password and unknown user both reject INVALID_CREDENTIALS and leave the client signed out', async () => {
  const h = await harness();
  const u = newUser();
  await h.client().signUp(u);
  const client = h.client();
  await client.ready;
  for (const attempt of [{ email: u.email, password: 'wrong password 1' }, { email: 'nobody@example.com', password: u.password }]) {
    const error = await client.signIn(attempt).catch((e: unknown) => e);
    assert.ok(error instanceof JanuaError);
    assert.equal(error.code, 'INVALID_CREDENTIALS');
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes(attempt.password));
  }
  assert.equal(client.getSnapshot().status, 'signed-out');
  h.destroy();
});

test('repeated failures are rate limited with retryAfter in seconds', async () => {
  const h = await harness();
  const u = newUser();
  await h.client().signUp(u);
  const client = h.client();
  let last: unknown;
  for (let i = 0; i < 60; i++) {
    last = await client.signIn({ email: u.email, password: `wrong password ${i}` }).catch((e: unknown) => e);
    if (JanuaError.is(last) && last.status === 429) break;
  }
  assert.ok(last instanceof JanuaError);
  assert.equal(last.status, 429);
  assert.equal(last.code, 'RATE_LIMITED');
  assert.ok(typeof last.retryAfter === 'number' && last.retryAfter > 0, `retryAfter ${last.retryAfter}`);
  h.destroy();
});

test('updateUser patches the profile and the snapshot', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  const before = client.getSnapshot();
  const user = await client.updateUser({ firstName: 'Grace', locale: 'fr' });
  assert.equal(user.firstName, 'Grace');
  assert.equal(user.locale, 'fr');
  const patch = h.calls.find((c) => c.method === 'PATCH');
  assert.deepEqual(patch?.body, { first_name: 'Grace', locale: 'fr' });
  assert.notEqual(client.getSnapshot(), before);
  assert.equal(client.getSnapshot().user?.firstName, 'Grace');
  const me = await client.request<{ first_name: string }>('GET', '/auth/me');
  assert.equal(me.first_name, 'Grace');
  h.destroy();
});

test('sign-out revokes the session on the server and clears local state', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  const token = await client.getAccessToken();
  assert.ok(token);
  await client.signOut();
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(await client.getAccessToken(), null);
  const signout = h.calls.find((c) => c.path === '/auth/signout');
  assert.equal(signout?.status, 200);
  assert.equal(signout?.headers.get('authorization'), `Bearer ${token}`);
  // The old token no longer opens anything.
  const res = await h.fetch(`${API}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 401);
  h.destroy();
});

test('sign-out clears local state even when the server cannot be reached', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  h.offline = /^\/auth\/signout$/;
  await client.signOut();
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(client.getSnapshot().user, null);
  h.destroy();
});

test('a network failure during restore settles signed-out with NETWORK_ERROR', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  h.offline = /^\/auth\/refresh$/;
  await client.restore();
  const snap = client.getSnapshot();
  assert.equal(snap.status, 'signed-out');
  assert.equal(snap.error?.code, 'NETWORK_ERROR');
  assert.equal(snap.error?.status, 0);
  h.destroy();
});

test('snapshot identity is stable while nothing changes', async () => {
  const h = await harness();
  const client = h.client();
  await client.signUp(newUser());
  const a = client.getSnapshot();
  assert.equal(client.getSnapshot(), a);
  await client.request('GET', '/auth/me');
  await client.getAccessToken();
  assert.equal(client.getSnapshot(), a);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.user) && Object.isFrozen(a.session));
  h.destroy();
});

test('JanuaClient.for shares one client per normalized API base', () => {
  const a = JanuaClient.for('https://auth.example.com/', { restore: false, crossTab: false });
  try {
    assert.equal(JanuaClient.for('https://auth.example.com'), a);
    assert.equal(JanuaClient.for('HTTPS://AUTH.EXAMPLE.COM//'), a);
    assert.equal(a.api, 'https://auth.example.com');
    const b = JanuaClient.for('https://auth.example.com/tenant/', { restore: false, crossTab: false });
    assert.notEqual(b, a);
    assert.equal(b.api, 'https://auth.example.com/tenant');
    b.destroy();
    assert.throws(() => JanuaClient.for('/relative'), TypeError);
    assert.throws(() => JanuaClient.for('ftp://auth.example.com'), /http\(s\)/);
    assert.throws(() => new JanuaClient({ api: '' }), TypeError);
  } finally {
    a.destroy();
  }
  assert.notEqual(JanuaClient.for('https://auth.example.com', { restore: false, crossTab: false }), a,
    'a destroyed client is not handed out again');
  JanuaClient.for('https://auth.example.com').destroy();
});

test('request() refuses paths that would leave the API', async () => {
  const h = await harness();
  const client = h.client();
  await client.ready;
  await assert.rejects(client.request('GET', 'https://evil.com/x'), TypeError);
  await assert.rejects(client.request('GET', '//evil.com/x'), TypeError);
  assert.deepEqual(h.paths(), []);
  h.destroy();
});
