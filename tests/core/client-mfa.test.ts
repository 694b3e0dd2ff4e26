/**
 * The MFA branch of sign-in, against the real reference server (TOTP from the real secret),
 * plus how the client copes with answers a server without the (ext) fields, or a broken one,
 * could give: those few are served as plain Responses on purpose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaClient, JanuaError } from '../../packages/core/src/index.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode } from '../server/helpers/mfa.ts';
import { harness } from './helpers.ts';

const user = {
  id: 'u1', email: 'ada@example.com', email_verified: true, username: null, first_name: 'Ada', last_name: null,
  profile_image_url: null, locale: null, mfa_enabled: true, created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z', last_sign_in_at: null, metadata: {},
};

function answering(body: unknown, status = 200): { client: JanuaClient; sent: unknown[] } {
  const sent: unknown[] = [];
  const client = new JanuaClient({
    api: 'http://janua.test', refreshTransport: 'body', crossTab: false,
    fetch: async (_input, init) => {
      sent.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    },
  });
  return { client, sent };
}

test('an MFA account answers needs_mfa with the methods the server lists; the right code signs in', async () => {
  const h = await harness();
  const account = await h.app.signUp({ email: 'mfa-client@example.com', password: 'Valid-password-1' });
  const { secret } = await enableTotp(h.app, account);
  const client = h.client();
  await client.ready;
  const result = await client.signIn({ email: 'mfa-client@example.com', password: 'Valid-password-1' });
  assert.equal(result.status, 'needs_mfa');
  assert.ok(result.status === 'needs_mfa' && result.mfaToken.length > 20);
  assert.deepEqual(result.status === 'needs_mfa' && result.methods, ['totp', 'backup_code']);
  assert.equal(client.getSnapshot().status, 'signed-out', 'not signed in until the second factor');
  const mfaToken = result.status === 'needs_mfa' ? result.mfaToken : '';
  assert.equal(JSON.stringify(client.getSnapshot()).includes(mfaToken), false, 'the mfa token stays out of the snapshot');

  const wrong = await client.verifyMfa({ mfaToken, code: '000000' }).catch((e: unknown) => e);
  assert.ok(wrong instanceof JanuaError);
  assert.equal(wrong.code, 'INVALID_MFA_CODE');
  assert.deepEqual(h.calls.at(-1)?.body, { mfa_token: mfaToken, code: '000000' });
  assert.equal(client.getSnapshot().status, 'signed-out');

  const done = await client.verifyMfa({ mfaToken, code: await codeAt(h.app, secret) });
  assert.equal(done.status, 'complete');
  assert.equal(client.getSnapshot().status, 'signed-in');
  assert.equal(client.getSnapshot().user?.email, 'mfa-client@example.com');
  h.destroy();
});

test('without mfa_methods the methods default to totp and backup codes', async () => {
  const { client } = answering({ user, tokens: null, mfa_required: true, mfa_token: 'mfa-abc' });
  const result = await client.signIn({ email: user.email, password: 'pw-123456' });
  assert.ok(result.status === 'needs_mfa');
  assert.deepEqual(result.methods, ['totp', 'backup_code']);
  client.destroy();
});

test('an answer that is neither tokens nor an MFA step is a clear error, not a crash', async () => {
  const { client } = answering({ user, tokens: null, mfa_required: false, mfa_token: null });
  const error = await client.signIn({ email: user.email, password: 'pw-123456' }).catch((e: unknown) => e);
  assert.ok(error instanceof JanuaError);
  assert.equal(error.code, 'INVALID_RESPONSE');
  const html = answering('<html>oops</html>');
  const e2 = await html.client.signIn({ email: user.email, password: 'pw-123456' }).catch((e: unknown) => e);
  assert.ok(e2 instanceof JanuaError);
  assert.equal(e2.code, 'INVALID_RESPONSE');
  client.destroy();
  html.client.destroy();
});

test('a refused code carries why in details.reason, for a client that never saw the code before', async () => {
  const h = await harness();
  const account = await h.app.signUp({ email: 'mfa-reason@example.com', password: 'Valid-password-1' });
  const { secret, backupCodes } = await enableTotp(h.app, account);
  const signIn = async () => {
    const client = h.client();
    await client.ready;
    const result = await client.signIn({ email: 'mfa-reason@example.com', password: 'Valid-password-1' });
    assert.equal(result.status, 'needs_mfa');
    return client;
  };
  const reasonOf = async (client: JanuaClient, code: string) => {
    const error = await client.verifyMfa({ code }).catch((e: unknown) => e);
    assert.ok(JanuaError.is(error), `refused: ${code}`);
    assert.equal(error.code, 'INVALID_MFA_CODE');
    return error.details['reason'];
  };
  const code = await codeAt(h.app, secret);
  const first = await signIn();
  assert.equal((await first.verifyMfa({ code })).status, 'complete');
  const fresh = await signIn();
  assert.equal(await reasonOf(fresh, code), 'reused');
  assert.equal(await reasonOf(fresh, await codeAt(h.app, secret, -5)), 'expired');
  assert.equal((await fresh.verifyMfa({ code: backupCodes[0]! })).status, 'complete');
  const another = await signIn();
  assert.equal(await reasonOf(another, backupCodes[0]!), 'reused');
  assert.equal(await reasonOf(another, 'abcd-efgh-ijkl'), 'invalid');
  h.destroy();
});

test('a texted code a resend replaced is refused as "replaced", costs no try, and keeps the step', async () => {
  const h = await harness();
  const phone = '+33612345675';
  const account = await h.app.signUp({ email: 'mfa-replaced@example.com', password: 'Valid-password-1' });
  await enableSms(h.app, account, phone);
  const client = h.client();
  await client.ready;
  assert.equal((await client.signIn({ email: 'mfa-replaced@example.com', password: 'Valid-password-1' })).status, 'needs_mfa');
  await client.sendMfaCode({ method: 'sms' });
  const first = lastSmsCode(h.app, phone);
  await client.sendMfaCode({ method: 'sms' });
  const latest = lastSmsCode(h.app, phone);
  // One chance in 10^6 that the two texts carry the same code; then there is nothing to refuse.
  if (first !== latest) {
    const error = await client.verifyMfa({ code: first }).catch((e: unknown) => e);
    assert.ok(JanuaError.is(error));
    assert.equal(error.code, 'INVALID_MFA_CODE');
    assert.deepEqual([error.details['reason'], error.details['attempts_remaining']], ['replaced', 10]);
    assert.notEqual(client.getSnapshot().pending, null, 'the step stays open');
  }
  assert.equal((await client.verifyMfa({ code: latest })).status, 'complete');
  h.destroy();
});
