/**
 * A session restore that gets no answer is not a sign-out; a restore that finds no cookie right
 * after a sign-in in this tab is a set-up problem worth one console line; a restore that finds
 * no cookie at all is a quiet "signed out" (204, no red 401 in the console).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaClient } from '../../packages/core/src/index.ts';
import { forgetWarnings } from '../../packages/core/src/diagnostics.ts';
import { API, harness, newUser } from './helpers.ts';
import { browser, diagnosticsTab, until } from './env.ts';

function cookieClient(f: typeof fetch): JanuaClient {
  return new JanuaClient({ api: API, fetch: f, refreshTransport: 'cookie', crossTab: false });
}

test('an unreachable server during the restore keeps the client loading and retrying, then restores the session', async () => {
  const h = await harness();
  const b = browser(h);
  const first = cookieClient(b.fetch);
  await first.ready;
  await first.signUp(newUser());
  first.destroy();

  h.offline = /^\/auth\/refresh$/;
  const reloaded = cookieClient(b.fetch);
  await reloaded.ready;
  assert.equal(reloaded.getSnapshot().status, 'loading', 'no answer is not "signed out"');
  assert.equal(reloaded.getSnapshot().error?.code, 'NETWORK_ERROR');
  const tries = () => h.calls.filter((c) => c.path === '/auth/refresh').length;
  const failedBefore = h.calls.length;

  h.offline = null;
  await until(() => reloaded.getSnapshot().status === 'signed-in', 'the session back once the server answers', 15_000);
  assert.equal(reloaded.getSnapshot().error, null);
  assert.ok(h.calls.length > failedBefore && tries() >= 1);
  reloaded.destroy();
  h.destroy();
});

test('a restore that the server answers is final: no retry after a real "no session"', async () => {
  const h = await harness();
  const b = browser(h);
  const client = cookieClient(b.fetch);
  await client.ready;
  assert.equal(client.getSnapshot().status, 'signed-out');
  assert.equal(client.getSnapshot().error, null);
  // The probe without a cookie is answered 204 (no console error), not 401.
  assert.deepEqual(h.calls.map((c) => `${c.method} ${c.path} ${c.status}`), ['POST /auth/refresh 204']);
  client.destroy();
  h.destroy();
});

test('a sign-in whose cookie never comes back is reported once, with what to do', async () => {
  const h = await harness();
  const tab = diagnosticsTab();
  const { store, warnings } = tab;
  try {
    // A browser that drops the cookie (the page and the API on different sites).
    const dropping: typeof fetch = (input, init = {}) => h.fetch(input, { ...init, credentials: 'omit' });
    const first = cookieClient(dropping);
    await first.ready;
    const u = newUser();
    await first.signUp(u);
    assert.deepEqual([...store.values()], ['1'], 'a flag, never a token');
    first.destroy();
    const reloaded = cookieClient(dropping);
    await reloaded.ready;
    assert.equal(reloaded.getSnapshot().status, 'signed-out');
    // The words load lazily (diagnostics-text.ts): the warning arrives a module load later.
    await until(() => warnings.some((w) => w.includes('did not send the session cookie')), 'the set-up warning');
    const about = warnings.filter((w) => w.includes('did not send the session cookie'));
    assert.equal(about.length, 1);
    assert.match(about[0]!, /same site/);
    assert.match(about[0]!, /docs\/deployment\.md/);
    reloaded.destroy();
    // A plain signed-out visit (no sign-in in this tab) says nothing.
    const fresh = cookieClient(dropping);
    await fresh.ready;
    await import('../../packages/core/src/diagnostics-text.ts');
    await new Promise((resolve) => setTimeout(resolve));
    assert.equal(warnings.filter((w) => w.includes('did not send the session cookie')).length, 1);
    fresh.destroy();
  } finally {
    tab.restore();
    h.destroy();
  }
});

test('a destroyed client sends no refresh: a late restore asks the server nothing', async () => {
  const h = await harness();
  const b = browser(h);
  const first = cookieClient(b.fetch);
  await first.ready;
  await first.signUp(newUser());
  const before = h.calls.length;
  first.destroy();
  await first.restore();
  assert.equal(await first.getAccessToken(), null);
  assert.deepEqual(h.calls.slice(before), [], 'no request after destroy()');
  h.destroy();
});

/** The harness's fetch, answering 500 to `/auth/refresh` while `failing` says so (a server fault, not an outage). */
function faulty(h: Awaited<ReturnType<typeof harness>>, failing: () => boolean): typeof fetch {
  const b = browser(h);
  return async (input, init) => {
    if (failing() && new URL(new Request(input, init).url).pathname.endsWith('/auth/refresh')) {
      return Response.json({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong' } }, { status: 500 });
    }
    return b.fetch(input, init);
  };
}

test('a server error during the restore is no verdict on the session: the client waits, tries again and restores it', async () => {
  const h = await harness();
  let faults = 0;
  const f = faulty(h, () => faults-- > 0);
  const first = cookieClient(f);
  await first.ready;
  await first.signUp(newUser());
  first.destroy();

  faults = 1;
  const reloaded = cookieClient(f);
  await reloaded.ready;
  assert.equal(reloaded.getSnapshot().status, 'loading', 'a 500 is not "signed out"');
  assert.equal(reloaded.getSnapshot().error?.code, 'INTERNAL_ERROR');
  await until(() => reloaded.getSnapshot().status === 'signed-in', 'the session back on the next try', 15_000);
  assert.equal(reloaded.getSnapshot().error, null);
  reloaded.destroy();
  h.destroy();
});

test('a server error that stays ends the wait after three more tries: signed out, with the error', async () => {
  const h = await harness();
  let failing = false;
  const f = faulty(h, () => failing);
  const first = cookieClient(f);
  await first.ready;
  await first.signUp(newUser());
  first.destroy();

  failing = true;
  const reloaded = cookieClient(f);
  await reloaded.ready;
  assert.equal(reloaded.getSnapshot().status, 'loading');
  await until(() => reloaded.getSnapshot().status === 'signed-out', 'signed out once the tries are spent', 30_000);
  assert.equal(reloaded.getSnapshot().error?.code, 'INTERNAL_ERROR');
  reloaded.destroy();
  h.destroy();
});

test('a rate limit during the restore is waited out as the server asks (Retry-After), then the session is restored', async () => {
  const h = await harness();
  const b = browser(h);
  let limited = 0;
  const times: number[] = [];
  const f: typeof fetch = async (input, init) => {
    if (new URL(new Request(input, init).url).pathname.endsWith('/auth/refresh')) {
      times.push(Date.now());
      if (limited-- > 0) {
        return Response.json({ error: { code: 'RATE_LIMITED', message: 'Too many requests' } }, { status: 429, headers: { 'Retry-After': '2' } });
      }
    }
    return b.fetch(input, init);
  };
  const first = cookieClient(f);
  await first.ready;
  await first.signUp(newUser());
  first.destroy();

  limited = 1;
  times.length = 0;
  const reloaded = cookieClient(f);
  await reloaded.ready;
  assert.equal(reloaded.getSnapshot().status, 'loading', 'a 429 is not "signed out"');
  assert.equal(reloaded.getSnapshot().error?.code, 'RATE_LIMITED');
  await until(() => reloaded.getSnapshot().status === 'signed-in', 'the session back after the wait', 15_000);
  assert.ok(times[1]! - times[0]! >= 2000, `asked again after ${times[1]! - times[0]!} ms, not before the 2 s it was told`);
  reloaded.destroy();
  h.destroy();
});

test('a cookie restore the server refuses (403: this page\'s origin not allowed) signs out quietly and tells the developer once', async () => {
  const h = await harness();
  const b = browser(h);
  const warnings: string[] = [];
  const saved = { location: (globalThis as { location?: unknown }).location, warn: console.warn };
  // A new page: a warning another file's page said once is said again here.
  forgetWarnings();
  (globalThis as { location?: unknown }).location = new URL('https://app.example/account');
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  try {
    const first = cookieClient(b.fetch);
    await first.ready;
    await first.signUp(newUser());
    first.destroy();
    // The reference server's CSRF guard, as met through a proxy whose origin is not in --cors.
    const refusing: typeof fetch = async (input, init) => new URL(new Request(input, init).url).pathname.endsWith('/auth/refresh')
      ? Response.json({ error: { code: 'FORBIDDEN', message: 'Requests that carry the session cookie must come from an allowed origin' } }, { status: 403 })
      : b.fetch(input, init);
    for (let i = 0; i < 2; i++) {
      const reloaded = cookieClient(refusing);
      await reloaded.ready;
      assert.equal(reloaded.getSnapshot().status, 'signed-out');
      assert.equal(reloaded.getSnapshot().error, null, 'nothing for the visitor to read');
      reloaded.destroy();
    }
    await until(() => warnings.some((w) => w.includes('refused this page\'s session cookie')), 'the set-up warning');
    const about = warnings.filter((w) => w.includes('refused this page\'s session cookie'));
    assert.equal(about.length, 1, 'once');
    assert.match(about[0]!, /--cors https:\/\/app\.example/);
  } finally {
    (globalThis as { location?: unknown }).location = saved.location;
    console.warn = saved.warn;
    h.destroy();
  }
});
