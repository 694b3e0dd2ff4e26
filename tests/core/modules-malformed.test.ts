/**
 * What the modules do with answers a broken server or proxy could give. Everything goes to the
 * real server except the one path a test garbles: only those answers are canned.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, organizations, sessions } from '../../packages/core/src/index.ts';
import { harness, type Harness } from './helpers.ts';
import { signedUp, until } from './env.ts';

function garbling(h: Harness, path: string): { fetch: typeof fetch; body: { value: string | null } } {
  const body = { value: null as string | null };
  return {
    body,
    fetch: async (input, init) => {
      if (body.value !== null && new URL(String(input)).pathname === `/api/v1${path}`) {
        return new Response(body.value, { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return h.fetch(input, init);
    },
  };
}

test('an unreadable list is an error state that keeps the last good data; the next subscriber retries', async () => {
  const h = await harness();
  try {
    const g = garbling(h, '/sessions/');
    const { client } = await signedUp(h, { fetch: g.fetch });
    const { list } = sessions(client);
    const good = await list.load();
    assert.equal(good.length, 1);
    for (const bad of ['{"sessions": "all of them"}', '<html>502 Bad Gateway</html>', '{"sessions": [42]}']) {
      g.body.value = bad;
      const error = await list.refresh().catch((e: unknown) => e);
      assert.ok(error instanceof JanuaError && error.code === 'INVALID_RESPONSE', bad);
      const snap = list.getSnapshot();
      assert.equal(snap.status, 'error');
      assert.equal(snap.error, error);
      assert.equal(snap.data, good, 'the last good list stays on screen');
    }
    g.body.value = null;
    const stop = list.subscribe(() => undefined);
    await until(() => list.getSnapshot().status === 'ready', 'the retry');
    assert.equal(list.getSnapshot().error, null);
    stop();
    assert.equal(client.getSnapshot().status, 'signed-in', 'a bad list does not sign anyone out');
  } finally {
    h.destroy();
  }
});

test('an organizations page without a list, or a switch answering without tokens, fails cleanly', async () => {
  const h = await harness();
  try {
    const pages = garbling(h, '/organizations/');
    const { client } = await signedUp(h, { fetch: pages.fetch });
    const orgs = organizations(client);
    const org = await orgs.create({ name: 'Acme', slug: `acme-${Date.now()}` });
    await until(() => orgs.list.getSnapshot().status === 'ready' && orgs.list.getSnapshot().data?.length === 1, 'the list');
    pages.body.value = '{"total": 3}';
    const error = await orgs.list.refresh().catch((e: unknown) => e);
    assert.ok(error instanceof JanuaError && error.code === 'INVALID_RESPONSE');

    assert.equal(orgs.list.getSnapshot().data?.[0]?.id, org.id, 'the last good list stays');

    const other = await signedUp(h);
    const mine = await organizations(other.client).create({ name: 'Mine', slug: `mine-${Date.now()}` });
    // A switch whose answer holds no access token leaves the session as it was.
    const broken = h.client({
      fetch: async (input, init) => (new URL(String(input)).pathname.endsWith('/switch')
        ? new Response('{"token_type": "bearer"}', { status: 200, headers: { 'Content-Type': 'application/json' } })
        : h.fetch(input, init)),
    });
    await broken.signIn({ email: other.email, password: other.password });
    const before = broken.getSnapshot().session;
    const failed = await organizations(broken).switch(mine.id).catch((e: unknown) => e);
    assert.ok(failed instanceof JanuaError && failed.code === 'INVALID_RESPONSE');
    assert.equal(broken.getSnapshot().session, before);
    assert.equal(broken.getSnapshot().status, 'signed-in');
  } finally {
    h.destroy();
  }
});
