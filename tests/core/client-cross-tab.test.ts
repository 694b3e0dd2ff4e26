import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, containsSecret, harness, newUser, tick } from './helpers.ts';

/** Listens on the clients' channel like a third tab would. */
function listen(): { messages: unknown[]; close(): void } {
  const channel = new BroadcastChannel(`janua:${API}`);
  const messages: unknown[] = [];
  channel.onmessage = (e) => messages.push(e.data);
  return { messages, close: () => channel.close() };
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
    await tick();
    assert.equal(tabB.getSnapshot().status, 'signed-in');
    const statuses: string[] = [];
    tabB.subscribe((s) => statuses.push(s.status));

    h.calls.length = 0;
    await tabA.signOut();
    await tick(50);
    assert.equal(tabA.getSnapshot().status, 'signed-out');
    assert.equal(tabB.getSnapshot().status, 'signed-out');
    assert.equal(tabB.getSnapshot().user, null);
    assert.deepEqual(statuses, ['signed-in', 'signed-out']);
    assert.deepEqual(h.paths(), ['POST /auth/signout 200'], 'tab B cleared itself from the message alone');
    assert.equal(await tabB.getAccessToken(), null);

    // What crossed the channel: state changes, never a token.
    assert.ok(spy.messages.length >= 3);
    assert.ok(spy.messages.some((m) => (m as { type: string }).type === 'signed-out'));
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
    await tick(50);
    assert.equal(tabB.getSnapshot().user?.lastName, 'Byron');
  } finally {
    h.destroy();
  }
});

test('a session that dies in one tab does not sign out tabs holding other sessions', async () => {
  const h = await harness();
  try {
    const u = newUser();
    const tabA = h.client({ crossTab: true });
    const tabB = h.client({ crossTab: true });
    await tabA.signUp(u);
    await tabB.signIn({ email: u.email, password: u.password });
    const token = await tabA.getAccessToken();
    await h.fetch(`${API}/api/v1/auth/signout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    await tabA.restore();
    await tick(50);
    assert.equal(tabA.getSnapshot().status, 'signed-out');
    assert.equal(tabB.getSnapshot().status, 'signed-in', 'tab B has its own session (body transport)');
  } finally {
    h.destroy();
  }
});

test('messages from other scripts that do not fit the protocol are ignored', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const tab = h.client({ crossTab: true });
    await tab.signUp(newUser());
    const before = tab.getSnapshot();
    const rogue = new BroadcastChannel(`janua:${API}`);
    rogue.postMessage('signed-out');
    rogue.postMessage({ type: 'signed-out', sid: 'someone-else' });
    rogue.postMessage({ type: 'user', user: { name: 'no id' } });
    rogue.postMessage({ type: 'session', sid: 42 });
    rogue.postMessage({ type: 'refresh', sid: 42 });
    rogue.postMessage({ type: 'refresh', sid: tab.getSnapshot().session!.id });
    rogue.postMessage({ type: 'invalidate', resource: 'sessions', key: 'x'.repeat(300) });
    await tick(50);
    rogue.close();
    assert.equal(tab.getSnapshot(), before);
  } finally {
    spy.close();
    h.destroy();
  }
});
