/**
 * passkeys(client) against the real server's WebAuthn verification: the kit's WebAuthn glue runs
 * unchanged over a navigator.credentials backed by the software authenticator (real P-256 keys
 * and signatures), as a page at the front-end origin would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, passkeys } from '../../packages/core/src/index.ts';
import { codeAt, enableTotp } from '../server/helpers/mfa.ts';
import { containsSecret, harness } from './helpers.ts';
import { installAutofillInput, installWebAuthn, listen, signedUp, since, until } from './env.ts';

const ORIGIN = 'http://localhost:5173';
const app = () => harness({ frontendUrl: ORIGIN });

test('without WebAuthn: not supported, and every ceremony says so before any request', async () => {
  const h = await app();
  try {
    const { client } = await signedUp(h);
    const p = passkeys(client);
    assert.equal(p.isSupported(), false);
    assert.equal(await p.supportsAutofill(), false);
    const from = h.calls.length;
    const a = await p.signIn().catch((e: unknown) => e);
    assert.ok(a instanceof JanuaError && a.code === 'PASSKEY_UNSUPPORTED', String(a));
    assert.deepEqual(since(h, from), ['POST /passkeys/authenticate/options 200']);
    const b = await p.register().catch((e: unknown) => e);
    assert.ok(b instanceof JanuaError && b.code === 'PASSKEY_UNSUPPORTED');
  } finally {
    h.destroy();
  }
});

test('register → list → rename → sign out → passkey sign-in (discoverable, then by email) → remove', async () => {
  const h = await app();
  const webauthn = installWebAuthn(ORIGIN);
  const spy = listen();
  try {
    const urls: string[] = [];
    const { client, email, id } = await signedUp(h, { crossTab: true, fetch: (input, init) => (urls.push(String(input)), h.fetch(input, init)) });
    const p = passkeys(client);
    assert.equal(p.isSupported(), true);
    assert.equal(await p.supportsAutofill(), true);
    p.list.subscribe(() => undefined);
    await until(() => p.list.getSnapshot().status === 'ready', 'the empty list');
    assert.deepEqual(p.list.getSnapshot().data, []);

    const from = h.calls.length;
    const added = await p.register({ name: 'Laptop' });
    assert.deepEqual(since(h, from), [
      'POST /passkeys/register/options 200', 'POST /passkeys/register/verify 200', 'GET /passkeys/ 200',
    ]);
    assert.deepEqual(Object.keys(added).sort(), ['authenticatorAttachment', 'createdAt', 'id', 'lastUsedAt', 'name', 'signCount']);
    assert.equal(added.name, 'Laptop');
    assert.equal(added.authenticatorAttachment, 'platform');
    assert.deepEqual(p.list.getSnapshot().data, [added]);
    await until(() => spy.messages.some((m) => m.type === 'invalidate' && m.resource === 'passkeys'), 'the tab message');

    // The same authenticator again: the browser refuses (excludeCredentials).
    const twice = await p.register().catch((e: unknown) => e);
    assert.ok(twice instanceof JanuaError && twice.code === 'PASSKEY_ALREADY_REGISTERED', String(twice));

    const renamed = await p.rename(added.id, 'Work laptop');
    assert.equal(renamed.name, 'Work laptop');
    await until(() => p.list.getSnapshot().data?.[0]?.name === 'Work laptop', 'the refetched list');
    const missing = await p.rename('no-such-passkey', 'x').catch((e: unknown) => e);
    assert.ok(missing instanceof JanuaError && missing.status === 404);

    await client.signOut();
    assert.equal(p.list.getSnapshot().status, 'idle');
    const discoverable = await p.signIn();
    assert.equal(discoverable.status, 'complete');
    assert.equal(client.getSnapshot().status, 'signed-in');
    assert.equal(client.getSnapshot().user?.id, id);
    // The query's `challenge` is the WebAuthn challenge the credential signed (the contract's
    // name; the options' sessionId is the reference server's own handle).
    const verifyUrl = [...urls].reverse().find((u) => u.includes('/authenticate/verify'));
    const verify = [...h.calls].reverse().find((c) => c.path === '/passkeys/authenticate/verify')!;
    const clientData = (verify.body as { credential: { response: { clientDataJSON: string } } }).credential.response.clientDataJSON;
    const signed = (JSON.parse(Buffer.from(clientData, 'base64url').toString('utf8')) as { challenge: string }).challenge;
    assert.equal(new URL(verifyUrl!).searchParams.get('challenge'), signed);
    await until(() => p.list.getSnapshot().status === 'ready', 'the list after sign-in');
    assert.ok(p.list.getSnapshot().data?.[0]?.lastUsedAt);

    await client.signOut();
    const byEmail = await p.signIn({ email });
    assert.equal(byEmail.status, 'complete');
    const options = [...h.calls].reverse().find((c) => c.path === '/passkeys/authenticate/options')!;
    assert.deepEqual(options.body, { email });

    await p.remove(added.id);
    await until(() => p.list.getSnapshot().data?.length === 0, 'the emptied list');
    await client.signOut();
    const gone = await p.signIn().catch((e: unknown) => e);
    assert.ok(gone instanceof JanuaError && gone.code === 'INVALID_CREDENTIALS' && gone.status === 401);
    assert.equal(containsSecret([spy.messages, client.getSnapshot()], h.secrets), false);
  } finally {
    spy.close();
    webauthn.uninstall();
    h.destroy();
  }
});

test('a dismissed or aborted ceremony is PASSKEY_CANCELLED and signs nobody in', async () => {
  const h = await app();
  const webauthn = installWebAuthn(ORIGIN);
  try {
    const { client } = await signedUp(h);
    const p = passkeys(client);
    await p.register();
    await client.signOut();

    webauthn.failNext = 'NotAllowedError';
    const dismissed = await p.signIn().catch((e: unknown) => e);
    assert.ok(dismissed instanceof JanuaError && dismissed.code === 'PASSKEY_CANCELLED', String(dismissed));

    webauthn.hold = true;
    const controller = new AbortController();
    const pending = p.signIn({ signal: controller.signal }).catch((e: unknown) => e);
    await until(() => webauthn.gets.length === 2, 'the ceremony to start');
    const from = h.calls.length;
    controller.abort();
    const aborted = await pending;
    assert.ok(aborted instanceof JanuaError && aborted.code === 'PASSKEY_CANCELLED', String(aborted));
    assert.deepEqual(since(h, from), [], 'nothing sent after the abort');

    const early = await p.signIn({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
    assert.ok(early instanceof JanuaError && early.code === 'PASSKEY_CANCELLED');

    assert.equal(client.getSnapshot().status, 'signed-out');
    webauthn.hold = false;
    assert.equal((await p.signIn()).status, 'complete', 'the next ceremony works');
  } finally {
    webauthn.uninstall();
    h.destroy();
  }
});

test('autofill: conditional mediation, finished when the user picks the passkey', async () => {
  const h = await app();
  const webauthn = installWebAuthn(ORIGIN);
  const removeInput = installAutofillInput();
  try {
    const { client } = await signedUp(h);
    const p = passkeys(client);
    await p.register();
    await client.signOut();
    webauthn.hold = true;
    const result = p.signIn({ autofill: true });
    await until(() => webauthn.gets.length === 1, 'the conditional request');
    assert.deepEqual(webauthn.gets, ['conditional']);
    assert.equal(client.getSnapshot().status, 'signed-out');
    webauthn.release();
    assert.equal((await result).status, 'complete');
    assert.equal(client.getSnapshot().status, 'signed-in');
  } finally {
    removeInput();
    webauthn.uninstall();
    h.destroy();
  }
});

test('an MFA account signing in with a passkey without user verification owes its second factor (via passkey)', async () => {
  const h = await app();
  const webauthn = installWebAuthn(ORIGIN);
  try {
    const account = await h.app.signUp({ password: 'Valid-password-1' });
    const client = h.client();
    await client.signIn({ email: account.user.email, password: 'Valid-password-1' });
    await passkeys(client).register();
    const { secret } = await enableTotp(h.app, account);
    await client.signOut();

    webauthn.uv = false;
    const result = await passkeys(client).signIn();
    assert.equal(result.status, 'needs_mfa');
    assert.equal(client.getSnapshot().status, 'signed-out');
    assert.equal(client.getSnapshot().pending?.via, 'passkey');
    assert.equal((await client.verifyMfa({ code: await codeAt(h.app, secret) })).status, 'complete');
    assert.equal(client.getSnapshot().pending, null);

    // With user verification a passkey is two factors: straight in.
    await client.signOut();
    webauthn.uv = true;
    assert.equal((await passkeys(client).signIn()).status, 'complete');
  } finally {
    webauthn.uninstall();
    h.destroy();
  }
});
