/**
 * The MFA branch of sign-in. The reference server gains MFA in issue 3; until then this checks
 * the client against the answer API.md documents for an MFA account, served as a real Response.
 * Replace with a test against `createTestApp()` (TOTP from the real secret) once it lands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaClient, JanuaError } from '../../packages/core/src/index.ts';

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

test('an MFA account answers needs_mfa with the token and the methods the server lists', async () => {
  const { client } = answering({ user, tokens: null, mfa_required: true, mfa_token: 'mfa-abc', mfa_methods: ['totp', 'sms', 'backup_code'] });
  await client.ready;
  const result = await client.signIn({ email: user.email, password: 'pw-123456' });
  assert.deepEqual(result, { status: 'needs_mfa', mfaToken: 'mfa-abc', methods: ['totp', 'sms', 'backup_code'] });
  assert.equal(client.getSnapshot().status, 'signed-out', 'not signed in until the second factor');
  assert.equal(JSON.stringify(client.getSnapshot()).includes('mfa-abc'), false);
  client.destroy();
});

test('without mfa_methods the methods default to totp and backup codes', async () => {
  const { client } = answering({ user, tokens: null, mfa_required: true, mfa_token: 'mfa-abc' });
  const result = await client.signIn({ email: user.email, password: 'pw-123456' });
  assert.ok(result.status === 'needs_mfa');
  assert.deepEqual(result.methods, ['totp', 'backup_code']);
  client.destroy();
});

test('verifyMfa sends mfa_token and code', async () => {
  const { client, sent } = answering({ error: { code: 'INVALID_MFA_CODE', message: 'Invalid code', details: {}, request_id: 'r', timestamp: 't' } }, 400);
  const error = await client.verifyMfa({ mfaToken: 'mfa-abc', code: '123456' }).catch((e: unknown) => e);
  assert.deepEqual(sent.at(-1), { mfa_token: 'mfa-abc', code: '123456' });
  assert.ok(error instanceof JanuaError);
  assert.equal(error.code, 'INVALID_MFA_CODE');
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
