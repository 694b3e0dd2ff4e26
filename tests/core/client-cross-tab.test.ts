import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthSnapshot } from '../../packages/core/src/index.ts';
import { caughtUp, until } from './env.ts';
import { API, containsSecret, harness, newUser } from './helpers.ts';

/** Listens on the clients' channel like a third tab would (it does not hear what it posts itself). */
function listen(): { messages: unknown[]; channel: BroadcastChannel; close(): void } {
  const channel = new BroadcastChannel(`janua:${API}`);
  const messages: unknown[] = [];
  channel.onmessage = (e) => messages.push(e.data);
  return { messages, channel, close: () => channel.close() };
}


test('sign-out in one tab signs out every tab, without another server call', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const u = newUser();
    const tabA = h.client({ crossTab: true });
    const tabB = h.client({ crossTab: true });
    await Promise.all([tabA.ready, tabB.ready]);
    await tabA.signUp(u);
    await tabB.signIn({ email: u.email, password: u.password });
    // Tab A's sign-in message (nothing to tab B in body mode) is handled before we watch tab B.
    await caughtUp(tabB, spy.channel);
    assert.equal(tabB.getSnapshot().status, 'signed-in');
    const statuses: string[] = [];
    tabB.subscribe((s) => statuses.push(s.status));

    h.calls.length = 0;
    await tabA.signOut();
    assert.equal(tabA.getSnapshot().status, 'signed-out');
    await until(() => tabB.getSnapshot().status === 'signed-out', 'tab B to follow the sign-out');
    assert.equal(tabB.getSnapshot().user, null);
    assert.deepEqual(statuses, ['signed-in', 'signed-out']);
    // Before the calls are counted: a restore the message had started would be awaited here.
    assert.equal(await tabB.getAccessToken(), null);
    assert.deepEqual(h.paths(), ['POST /auth/signout 200'], 'tab B cleared itself from the message alone');

    // What crossed the channel: state changes, never a token.
    await until(() => spy.messages.some((m) => (m as { type: string }).type === 'signed-out'), 'the sign-out message on the channel');
    assert.ok(spy.messages.length >= 3);
    assert.equal(containsSecret(spy.messages, h.secrets), false);
  } finally {
    spy.close();
    h.destroy();
  }
});

test('a profile change in one tab shows in the other tab of the same user', async () => {
  const h = await harness();
  try {
    const u = newUser();
    const tabA = h.client({ crossTab: true });
    const tabB = h.client({ crossTab: true });
    await tabA.signUp(u);
    await tabB.signIn({ email: u.email, password: u.password });
    await tabA.updateUser({ lastName: 'Byron' });
    await until(() => tabB.getSnapshot().user?.lastName === 'Byron', 'the new name in tab B');
  } finally {
    h.destroy();
  }
});

test('a session that dies in one tab does not sign out tabs holding other sessions', async () => {
  const h = await harness();
  const third = listen();
  try {
    const u = newUser();
    const tabA = h.client({ crossTab: true });
    const tabB = h.client({ crossTab: true });
    await tabA.signUp(u);
    await tabB.signIn({ email: u.email, password: u.password });
    const token = await tabA.getAccessToken();
    await h.fetch(`${API}/api/v1/auth/signout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    await tabA.restore();
    assert.equal(tabA.getSnapshot().status, 'signed-out');
    // Tab A said its session ended before restore() settled; tab B has that message once it has this one.
    await caughtUp(tabB, third.channel);
    assert.equal(tabB.getSnapshot().status, 'signed-in', 'tab B has its own session (body transport)');
  } finally {
    third.close();
    h.destroy();
  }
});

test('messages from other scripts that do not fit the protocol are ignored', async () => {
  const h = await harness();
  const spy = listen();
  const rogue = new BroadcastChannel(`janua:${API}`);
  try {
    // Requests counted as they start: a refresh one of the messages set off would show at once.
    const requests: string[] = [];
    const tab = h.client({ crossTab: true, fetch: (input, init) => (requests.push(String(input)), h.fetch(input, init)) });
    await tab.signUp(newUser());
    const before = tab.getSnapshot();
    const asked = requests.length;
    const snapshots: AuthSnapshot[] = [];
    tab.subscribe((s) => snapshots.push(s));
    rogue.postMessage('signed-out');
    rogue.postMessage({ type: 'signed-out', sid: 'someone-else' });
    rogue.postMessage({ type: 'user', user: { name: 'no id' } });
    rogue.postMessage({ type: 'session', sid: 42 });
    rogue.postMessage({ type: 'refresh', sid: 42 });
    rogue.postMessage({ type: 'refresh', sid: tab.getSnapshot().session!.id });
    rogue.postMessage({ type: 'invalidate', resource: 'sessions', key: 'x'.repeat(300) });
    // Posted after them on the same channel: once the probe shows, every rogue message was handled.
    const after = await caughtUp(tab, rogue);
    assert.equal(snapshots.length, 2, 'no change but the probe (the same user again)');
    assert.deepEqual(after, before);
    assert.equal(requests.length, asked, 'nothing asked of the server');
  } finally {
    // An open channel keeps the process alive: closed even when a check above failed.
    rogue.close();
    spy.close();
    h.destroy();
  }
});
