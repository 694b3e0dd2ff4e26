/**
 * Cookie transport, the browser default. Node has no cookie jar, so `browser()` plays the part
 * of the browser: it keeps the HttpOnly refresh cookie the real server sets, sends it back on
 * credentialed calls to its path, and adds the Origin header a browser adds to a POST.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, harness, newUser } from './helpers.ts';
import { browser, caughtUp, installLocks, until } from './env.ts';

const COOKIE = 'janua_refresh_token';


test('cookie transport: a new tab restores the session from the cookie alone', async () => {
  const h = await harness();
  const b = browser(h);
  try {
    const tabA = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    await tabA.ready;
    assert.equal(tabA.getSnapshot().status, 'signed-out');
    const signed = await tabA.signUp(newUser());
    assert.ok(b.jar.has(COOKIE), 'the server set the refresh cookie');
    assert.ok(signed.status === 'complete');

    h.calls.length = 0;
    const tabB = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    assert.equal(tabB.getSnapshot().status, 'loading');
    await tabB.ready;
    assert.deepEqual(h.paths(), ['POST /auth/refresh 200', 'GET /auth/me 200']);
    assert.equal(tabB.getSnapshot().status, 'signed-in');
    assert.equal(tabB.getSnapshot().user?.id, signed.user.id);
    assert.equal(tabB.getSnapshot().session?.id, tabA.getSnapshot().session?.id, 'same session, one cookie');

    await tabB.signOut();
    assert.equal(b.jar.has(COOKIE), false, 'sign-out cleared the cookie');
    const tabC = h.client({ refreshTransport: 'cookie', fetch: b.fetch });
    await tabC.ready;
    assert.equal(tabC.getSnapshot().status, 'signed-out');
  } finally {
    h.destroy();
  }
});

test('cookie transport: sign-in in one tab signs the other tabs in', async () => {
  const h = await harness();
  const b = browser(h);
  try {
    const u = newUser();
    await h.client().signUp(u);
    const tabA = h.client({ refreshTransport: 'cookie', fetch: b.fetch, crossTab: true });
    const tabB = h.client({ refreshTransport: 'cookie', fetch: b.fetch, crossTab: true });
    await Promise.all([tabA.ready, tabB.ready]);
    assert.equal(tabB.getSnapshot().status, 'signed-out');
    const statuses: string[] = [];
    tabB.subscribe((s) => statuses.push(s.status));
    await tabA.signIn({ email: u.email, password: u.password });
    await until(() => tabB.getSnapshot().status === 'signed-in', 'tab B to follow the sign-in');
    assert.equal(tabB.getSnapshot().user?.email, u.email);
    assert.deepEqual(statuses, ['signed-out', 'signed-in']);
    // Tab B said which session the cookie now holds: tab A has handled it first (the same session: nothing to do).
    await caughtUp(tabA);
    // Both tabs still work after tab B's refresh rotated the shared cookie.
    assert.equal(h.calls.filter((c) => c.status >= 400 && c.path !== '/auth/refresh').length, 0);
    await tabA.request('GET', '/auth/me');
    await tabB.request('GET', '/auth/me');
    // And a sign-out in tab B reaches tab A.
    await tabB.signOut();
    await until(() => tabA.getSnapshot().status === 'signed-out', 'tab A to follow the sign-out');
  } finally {
    h.destroy();
  }
});

test('cookie transport: tabs refreshing at once take turns, so the rotating cookie is never reused', async () => {
  const h = await harness();
  const b = browser(h);
  const locks = installLocks();
  try {
    let skew = 0;
    const now = () => Date.now() + skew;
    const tabA = h.client({ refreshTransport: 'cookie', fetch: b.fetch, now });
    await tabA.ready;
    await tabA.signUp(newUser());
    const tabB = h.client({ refreshTransport: 'cookie', fetch: b.fetch, now });
    await tabB.ready;
    assert.equal(tabB.getSnapshot().status, 'signed-in');

    h.calls.length = 0;
    locks.granted.length = 0;
    skew = tabA.getSnapshot().session!.expiresAt - Date.now() - 10_000;
    const [a, b2] = await Promise.all([tabA.getAccessToken(), tabB.getAccessToken()]);
    assert.deepEqual(h.paths(), ['POST /auth/refresh 200', 'POST /auth/refresh 200']);
    assert.deepEqual(locks.granted, [`janua-refresh:${API}`, `janua-refresh:${API}`]);
    assert.ok(a && b2 && a !== b2);
    assert.equal(tabA.getSnapshot().status, 'signed-in');
    assert.equal(tabB.getSnapshot().status, 'signed-in');
    skew = 0;
    await tabA.request('GET', '/auth/me');
    await tabB.request('GET', '/auth/me');
  } finally {
    locks.uninstall();
    h.destroy();
  }
});

test('cookie transport without locks: the same race trips reuse detection (why the lock exists)', async () => {
  const h = await harness();
  const b = browser(h);
  try {
    let skew = 0;
    const now = () => Date.now() + skew;
    const tabA = h.client({ refreshTransport: 'cookie', fetch: b.fetch, now });
    await tabA.ready;
    await tabA.signUp(newUser());
    const tabB = h.client({ refreshTransport: 'cookie', fetch: b.fetch, now });
    await tabB.ready;
    h.calls.length = 0;
    skew = tabA.getSnapshot().session!.expiresAt - Date.now() - 10_000;
    await Promise.allSettled([tabA.getAccessToken(), tabB.getAccessToken()]);
    const statuses = h.calls.filter((c) => c.path === '/auth/refresh').map((c) => c.status).sort();
    assert.deepEqual(statuses, [200, 401]);
  } finally {
    h.destroy();
  }
});
