/**
 * sessions(client) against the real server, and with it the Resource machinery every module
 * shares: one fetch per need, refetch after a write (here and in other tabs), reset when the
 * user changes, late answers for a previous user dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, sessions, type ResourceSnapshot, type SessionInfo } from '../../packages/core/src/index.ts';
import { containsSecret, harness, type Harness } from './helpers.ts';
import { listen, signedUp, since, until } from './env.ts';

type List = ResourceSnapshot<readonly SessionInfo[]>;

/** A second client of the same user (another device). */
async function device(h: Harness, email: string, password: string, options = {}) {
  const client = h.client(options);
  await client.signIn({ email, password });
  return client;
}

test('the list loads on first subscribe, camelCase, current session first, frozen', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h);
    await device(h, email, password);
    const mod = sessions(client);
    assert.equal(sessions(client), mod, 'one module per client');
    assert.equal(mod.list.getSnapshot().status, 'idle');
    const seen: List[] = [];
    const from = h.calls.length;
    const stop = mod.list.subscribe((s) => seen.push(s));
    await until(() => mod.list.getSnapshot().status === 'ready', 'the list');
    assert.deepEqual(seen.map((s) => s.status), ['idle', 'loading', 'ready']);
    assert.deepEqual(since(h, from), ['GET /sessions/ 200']);
    const list = mod.list.getSnapshot().data!;
    assert.equal(list.length, 2);
    assert.deepEqual(Object.keys(list[0]!).sort(), [
      'browser', 'createdAt', 'deviceModel', 'deviceName', 'deviceType', 'expiresAt', 'id', 'ipAddress', 'isCurrent', 'lastActivityAt', 'os', 'userAgent',
    ]);
    assert.equal(list[0]!.isCurrent, true);
    assert.equal(list[0]!.id, client.getSnapshot().session?.id);
    assert.equal(list[1]!.isCurrent, false);
    assert.ok(Object.isFrozen(mod.list.getSnapshot()) && Object.isFrozen(list) && Object.isFrozen(list[0]));

    // More subscribers and load() calls share what is there.
    const again: List[] = [];
    const stop2 = mod.list.subscribe((s) => again.push(s));
    assert.equal(again[0], mod.list.getSnapshot());
    assert.equal(await mod.list.load(), list);
    assert.deepEqual(since(h, from), ['GET /sessions/ 200']);
    stop();
    stop2();
  } finally {
    h.destroy();
  }
});

test('load() is deduplicated; refresh() refetches; invalidate() refetches only when watched', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    const { list } = sessions(client);
    const from = h.calls.length;
    const [a, b] = await Promise.all([list.load(), list.load()]);
    assert.equal(a, b);
    assert.deepEqual(since(h, from), ['GET /sessions/ 200']);
    await list.refresh();
    assert.equal(since(h, from).length, 2);
    list.invalidate();
    assert.equal(since(h, from).length, 2, 'nobody watches: nothing fetched yet');
    const stop = list.subscribe(() => undefined);
    await until(() => since(h, from).length === 3 && list.getSnapshot().status === 'ready', 'the stale list refetched on subscribe');
    list.invalidate();
    await until(() => since(h, from).length === 4 && list.getSnapshot().status === 'ready', 'a watched list refetched at once');
    stop();
  } finally {
    h.destroy();
  }
});

test('revoking another session refetches the list here and in other tabs; that device is signed out', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const { client, email, password } = await signedUp(h, { crossTab: true });
    const other = await device(h, email, password);
    const tab2 = await device(h, email, password, { crossTab: true });
    const mine = sessions(client).list;
    const theirs = sessions(tab2).list;
    mine.subscribe(() => undefined);
    theirs.subscribe(() => undefined);
    await until(() => mine.getSnapshot().data?.length === 3 && theirs.getSnapshot().data?.length === 3, 'both lists');
    const target = other.getSnapshot().session!.id;

    const from = h.calls.length;
    await sessions(client).revoke(target);
    await until(() => mine.getSnapshot().data?.length === 2 && theirs.getSnapshot().data?.length === 2, 'both refetched');
    const calls = since(h, from);
    assert.equal(calls[0], `DELETE /sessions/${target} 204`);
    assert.equal(calls.filter((c) => c === 'GET /sessions/ 200').length, 2, 'this tab and the other refetched once each');
    assert.ok(spy.messages.some((m) => m.type === 'invalidate' && m.resource === 'sessions'));

    // The revoked device finds out on its next call: 401, the refresh fails, it is signed out.
    const dead = await other.request('GET', '/auth/me').catch((e: unknown) => e);
    assert.ok(dead instanceof JanuaError && dead.status === 401);
    assert.equal(other.getSnapshot().status, 'signed-out');
    assert.ok(h.calls.some((c) => c.path === '/auth/refresh' && c.status === 401));

    const missing = await sessions(client).revoke(target).catch((e: unknown) => e);
    assert.ok(missing instanceof JanuaError && missing.code === 'NOT_FOUND' && missing.status === 404);
    assert.equal(containsSecret(spy.messages, h.secrets), false);
    assert.equal(containsSecret([mine.getSnapshot(), theirs.getSnapshot()], h.secrets), false);
  } finally {
    spy.close();
    h.destroy();
  }
});

test('revokeOthers ends every other session and says how many', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h);
    const others = [await device(h, email, password), await device(h, email, password)];
    const { list } = sessions(client);
    list.subscribe(() => undefined);
    await until(() => list.getSnapshot().data?.length === 3, 'the list');
    assert.deepEqual(await sessions(client).revokeOthers(), { revokedCount: 2 });
    await until(() => list.getSnapshot().data?.length === 1, 'the refetched list');
    for (const o of others) {
      await o.request('GET', '/auth/me').catch(() => undefined);
      assert.equal(o.getSnapshot().status, 'signed-out');
    }
    assert.equal(client.getSnapshot().status, 'signed-in');
  } finally {
    h.destroy();
  }
});

test('revoking the current session signs out here and in every tab', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h, { crossTab: true });
    const tab2 = await device(h, email, password, { crossTab: true });
    const from = h.calls.length;
    await sessions(client).revoke(client.getSnapshot().session!.id);
    assert.deepEqual(since(h, from), ['POST /auth/signout 200']);
    assert.equal(client.getSnapshot().status, 'signed-out');
    await until(() => tab2.getSnapshot().status === 'signed-out', 'the other tab signed out');
  } finally {
    h.destroy();
  }
});

test('sign-out empties every resource; another user signing in gets their own data only', async () => {
  const h = await harness();
  try {
    const first = await signedUp(h);
    const second = await signedUp(h);
    await device(h, second.email, second.password);

    // Hold the first user's list request until after the second user signed in on this client.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holdNext = true;
    const client = h.client({
      fetch: async (input, init) => {
        if (holdNext && String(input).endsWith('/sessions/')) {
          holdNext = false;
          await held;
        }
        return h.fetch(input, init);
      },
    });
    await client.signIn({ email: first.email, password: first.password });
    const { list } = sessions(client);
    const seen: List[] = [];
    list.subscribe((s) => seen.push(s));
    await until(() => h.calls.length > 0 && list.getSnapshot().status === 'loading', 'the held request');

    // Another user signs in here while the first user's answer is on its way.
    await client.signIn({ email: second.email, password: second.password });
    await until(() => list.getSnapshot().status === 'ready', "the second user's list");
    const secondIds = list.getSnapshot().data!.map((s) => s.id);
    assert.equal(secondIds.length, 3, 'two of the second user, plus this one');
    release();
    await until(() => h.calls.filter((c) => c.path === '/sessions/').length === 2, 'the held answer arrived');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(list.getSnapshot().data!.map((s) => s.id), secondIds, "the first user's late answer was dropped");
    assert.ok(seen.every((s) => !s.data || s.data.length === 3));

    await client.signOut();
    assert.deepEqual(list.getSnapshot(), { status: 'idle', data: null, error: null });
    const refused = await list.load().catch((e: unknown) => e);
    assert.ok(refused instanceof JanuaError && refused.code === 'UNAUTHORIZED');
    assert.equal(list.getSnapshot().status, 'idle');
    void first;
  } finally {
    h.destroy();
  }
});

test('tab messages about resources are checked like the others', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h, { crossTab: true });
    const { list } = sessions(client);
    list.subscribe(() => undefined);
    await until(() => list.getSnapshot().status === 'ready', 'the list');
    const rogue = new BroadcastChannel('janua:http://janua.test');
    const from = h.calls.length;
    rogue.postMessage({ type: 'invalidate', resource: 'everything' });
    rogue.postMessage({ type: 'invalidate', resource: 'sessions', key: 42 });
    rogue.postMessage({ type: 'invalidate' });
    rogue.postMessage({ type: 'invalidate', resource: 'sessions' });
    await until(() => since(h, from).length === 1, 'one refetch');
    rogue.close();
    assert.deepEqual(since(h, from), ['GET /sessions/ 200']);
  } finally {
    h.destroy();
  }
});

test('a new session of the same user on this client refetches: "current" follows the session', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h);
    const { list } = sessions(client);
    list.subscribe(() => undefined);
    await until(() => list.getSnapshot().status === 'ready', 'the list');
    const before = client.getSnapshot().session!.id;
    await client.signIn({ email, password });
    const now = client.getSnapshot().session!.id;
    assert.notEqual(now, before);
    await until(() => list.getSnapshot().data?.find((s) => s.isCurrent)?.id === now, 'the list of the new session');
  } finally {
    h.destroy();
  }
});
