/**
 * The opt-in access-token cookie for server rendering (`ssrCookie`): off by default; when on, the
 * access JWT the server issued (never the refresh token) is written to `document.cookie` on the
 * page's origin as tokens change, expiring with the token, and cleared on sign-out.
 */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { JanuaClient } from '../../packages/core/src/index.ts';
import { API, harness, newUser, type Harness } from './helpers.ts';

/** A page's document.cookie, recording every write (the string a browser would parse). */
function installDocument(protocol = 'http:'): { writes: string[]; uninstall(): void } {
  const writes: string[] = [];
  const g = globalThis as { document?: unknown; location?: unknown };
  g.document = {
    get cookie() {
      return '';
    },
    set cookie(value: string) {
      writes.push(value);
    },
  };
  g.location = { protocol, href: `${protocol}//app.test/` };
  return {
    writes,
    uninstall() {
      delete g.document;
      delete g.location;
    },
  };
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.reverse()) fn();
  cleanup = [];
});

async function setup(protocol?: string): Promise<{ h: Harness; writes: string[] }> {
  const h = await harness();
  const doc = installDocument(protocol);
  cleanup.push(() => h.destroy(), doc.uninstall);
  return { h, writes: doc.writes };
}

const accessTokens = (h: Harness) =>
  [...h.secrets].filter((s) => s.split('.').length === 3 && (decodeJwt(s) as { type?: string }).type === 'access');

test('off by default: signing in and out writes no cookie', async () => {
  const { h, writes } = await setup();
  const client = h.client();
  await client.signUp(newUser());
  await client.signOut();
  assert.deepEqual(writes, []);
});

test('on: the access token, path /, SameSite=Lax, expiring with the token; cleared on sign-out', async () => {
  const { h, writes } = await setup();
  const client = h.client({ ssrCookie: true, restore: false });
  await client.signUp(newUser());
  const [access] = accessTokens(h);
  assert.ok(access);
  const claims = decodeJwt(access);
  const ttl = claims.exp! - claims.iat!;
  assert.deepEqual(writes, [`janua_access=${access}; Path=/; Max-Age=${ttl}; SameSite=Lax`]);
  // Never the refresh token (opaque, not a JWT): only the access JWT reaches the cookie.
  const refresh = [...h.secrets].filter((s) => s.split('.').length !== 3);
  assert.ok(refresh.length > 0);
  for (const r of refresh) assert.ok(!writes.join('\n').includes(r));

  await client.signOut();
  assert.equal(writes.at(-1), 'janua_access=; Path=/; Max-Age=0; SameSite=Lax');
});

test('a refresh writes the new token; a restore that finds no session clears the cookie', async () => {
  const { h, writes } = await setup();
  const client = h.client({ ssrCookie: true, restore: false });
  await client.signUp(newUser());
  await client.restore();
  const tokens = accessTokens(h);
  assert.equal(tokens.length, 2, 'a second access token was issued by the refresh');
  assert.match(writes.at(-1)!, new RegExp(`^janua_access=${tokens[1]!.replace(/[.]/g, '\\.')};`));

  // A fresh page whose refresh finds nothing: whatever cookie an earlier page left is cleared.
  const other = h.client({ ssrCookie: true });
  await other.ready;
  assert.equal(other.status, 'signed-out');
  assert.equal(writes.at(-1), 'janua_access=; Path=/; Max-Age=0; SameSite=Lax');
});

test('https pages get Secure; name and path are configurable and checked', async () => {
  const { h, writes } = await setup('https:');
  const client = h.client({ ssrCookie: { name: 'app_session', path: '/app' }, restore: false });
  await client.signUp(newUser());
  assert.match(writes[0]!, /^app_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/app; Max-Age=\d+; SameSite=Lax; Secure$/);
  assert.throws(() => h.client({ ssrCookie: { name: 'bad name;' } }), TypeError);
  assert.throws(() => h.client({ ssrCookie: { path: 'relative' } }), TypeError);
});

test('JanuaClient.for switches it on for a shared client that already exists, writing the current token at once', async () => {
  const { h, writes } = await setup();
  const shared = JanuaClient.for(API, { fetch: h.fetch, refreshTransport: 'body', crossTab: false, restore: false });
  cleanup.push(() => shared.destroy());
  await shared.signUp(newUser());
  assert.deepEqual(writes, []);
  assert.equal(JanuaClient.for(API, { ssrCookie: true }), shared);
  assert.equal(writes.length, 1);
  assert.match(writes[0]!, /^janua_access=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  // Asking again changes nothing.
  JanuaClient.for(API, { ssrCookie: { name: 'other' } });
  assert.equal(writes.length, 1);
});

test('without a document (server rendering) the option is inert', async () => {
  const h = await harness();
  cleanup.push(() => h.destroy());
  const client = h.client({ ssrCookie: true, restore: false });
  await client.signUp(newUser());
  await client.signOut();
  assert.equal((globalThis as { document?: unknown }).document, undefined);
});
