/**
 * The pending second factor: a sign-in owing its MFA code lives in the client's state (methods,
 * expiry, how it began), never with its token, and ends on success, expiry or cancel.
 * Against the real server, with TOTP and SMS codes computed or read from the real outbox.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JanuaError, resumeChallenge, type AuthSnapshot } from '../../packages/core/src/index.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode, signInChallenge } from '../server/helpers/mfa.ts';
import { containsSecret, harness, type Harness } from './helpers.ts';
import { listen, since, until } from './env.ts';

const PASSWORD = 'Valid-password-1';

async function mfaAccount(h: Harness, sms = false) {
  const account = await h.app.signUp({ password: PASSWORD });
  const { secret } = await enableTotp(h.app, account);
  if (sms) await enableSms(h.app, account);
  return { email: account.user.email, secret, account };
}

test('a password sign-in of an MFA account opens a pending step; the code alone finishes it', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const { email, secret } = await mfaAccount(h);
    const client = h.client({ crossTab: true });
    await client.ready;
    const seen: AuthSnapshot[] = [];
    client.subscribe((s) => seen.push(s));
    const before = Date.now();
    const result = await client.signIn({ email, password: PASSWORD });
    assert.equal(result.status, 'needs_mfa');
    assert.ok(result.status === 'needs_mfa' && result.mfaToken.length > 20, 'kept on the result for older callers');

    const snap = client.getSnapshot();
    assert.equal(snap.status, 'signed-out', 'signed-out UI keeps showing until the factor is in');
    assert.ok(snap.pending);
    assert.equal(snap.pending.kind, 'mfa');
    assert.equal(snap.pending.via, 'password');
    assert.deepEqual(snap.pending.methods, ['totp', 'backup_code']);
    assert.ok(snap.pending.expiresAt >= before + 5 * 60_000 && snap.pending.expiresAt <= Date.now() + 5 * 60_000);
    assert.ok(Object.isFrozen(snap.pending) && Object.isFrozen(snap.pending.methods));

    // A wrong code keeps the step, so the element can ask again.
    const wrong = await client.verifyMfa({ code: '000000' }).catch((e: unknown) => e);
    assert.ok(wrong instanceof JanuaError && wrong.code === 'INVALID_MFA_CODE');
    assert.equal(client.getSnapshot().pending, snap.pending);

    const from = h.calls.length;
    const done = await client.verifyMfa({ code: await codeAt(h.app, secret) });
    assert.equal(done.status, 'complete');
    assert.deepEqual(since(h, from), ['POST /mfa/challenge/verify 200']);
    const mfaToken = result.status === 'needs_mfa' ? result.mfaToken : '';
    assert.deepEqual(h.calls.at(-1)?.body, { mfa_token: mfaToken, code: (h.calls.at(-1)?.body as { code: string }).code },
      'the client sent the token it kept');
    assert.equal(client.getSnapshot().status, 'signed-in');
    assert.equal(client.getSnapshot().pending, null);
    // Each step is one snapshot: pending in, then signed in with pending gone.
    assert.deepEqual(seen.map((s) => [s.status, !!s.pending]), [['signed-out', false], ['signed-out', true], ['signed-in', false]]);

    await until(() => spy.messages.length > 0, 'the sign-in message');
    assert.equal(containsSecret(seen, h.secrets), false, 'no token in any snapshot');
    assert.equal(containsSecret(spy.messages, h.secrets), false, 'no token on the channel');
    assert.ok(h.secrets.has(mfaToken));
  } finally {
    spy.close();
    h.destroy();
  }
});

test('a token the server calls dead ends the step; a local expiry ends it without a call', async () => {
  const h = await harness();
  try {
    const { email } = await mfaAccount(h);
    let skew = 0;
    const client = h.client({ now: () => Date.now() + skew });
    await client.signIn({ email, password: PASSWORD });
    assert.ok(client.getSnapshot().pending);

    // The server's clock passes the token's 5 minutes first (say, the device clock is slow).
    h.app.clock.advance(5 * 60_000 + 1_000);
    const dead = await client.verifyMfa({ code: '123456' }).catch((e: unknown) => e);
    assert.ok(dead instanceof JanuaError && dead.code === 'INVALID_TOKEN', String(dead));
    assert.equal(client.getSnapshot().pending, null);

    // Here the local clock says the step is over: no request goes out.
    await client.signIn({ email, password: PASSWORD });
    assert.ok(client.getSnapshot().pending);
    skew = 5 * 60_000;
    const from = h.calls.length;
    const expired = await client.verifyMfa({ code: '123456' }).catch((e: unknown) => e);
    assert.ok(expired instanceof JanuaError && expired.code === 'MFA_EXPIRED');
    assert.deepEqual(since(h, from), []);
    assert.equal(client.getSnapshot().pending, null);
    const again = await client.sendMfaCode({ method: 'sms' }).catch((e: unknown) => e);
    assert.ok(again instanceof JanuaError && again.code === 'MFA_EXPIRED');
    assert.deepEqual(since(h, from), []);
  } finally {
    h.destroy();
  }
});

test('the step ends by itself when its five minutes are up', async (t) => {
  const h = await harness();
  try {
    const { email } = await mfaAccount(h);
    const client = h.client();
    await client.ready;
    t.mock.timers.enable({ apis: ['setTimeout'] });
    await client.signIn({ email, password: PASSWORD });
    assert.ok(client.getSnapshot().pending);
    t.mock.timers.tick(5 * 60_000 - 1);
    assert.ok(client.getSnapshot().pending);
    t.mock.timers.tick(1);
    assert.equal(client.getSnapshot().pending, null);
    t.mock.timers.reset();
    const late = await client.verifyMfa({ code: '123456' }).catch((e: unknown) => e);
    assert.ok(late instanceof JanuaError && late.code === 'MFA_EXPIRED');
  } finally {
    h.destroy();
  }
});

test('cancelPending ends the step; a new sign-in replaces an open one', async () => {
  const h = await harness();
  try {
    const { email, secret } = await mfaAccount(h);
    const client = h.client();
    await client.signIn({ email, password: PASSWORD });
    const first = client.getSnapshot().pending;
    await client.signIn({ email, password: PASSWORD });
    assert.notEqual(client.getSnapshot().pending, first);
    client.cancelPending();
    assert.equal(client.getSnapshot().pending, null);
    assert.equal(client.getSnapshot().status, 'signed-out');
    const gone = await client.verifyMfa({ code: await codeAt(h.app, secret) }).catch((e: unknown) => e);
    assert.ok(gone instanceof JanuaError && gone.code === 'MFA_EXPIRED');
    client.cancelPending();
  } finally {
    h.destroy();
  }
});

test('an SMS account: the methods say so, sendMfaCode texts a code that signs in, resends are rate-limited', async () => {
  const h = await harness();
  try {
    const { email } = await mfaAccount(h, true);
    const client = h.client();
    await client.signIn({ email, password: PASSWORD });
    assert.deepEqual([...client.getSnapshot().pending!.methods].sort(), ['backup_code', 'sms', 'totp']);
    await client.sendMfaCode({ method: 'sms' });
    const call = h.calls.at(-1)!;
    assert.equal(call.path, '/mfa/challenge/send');
    assert.equal((call.body as { method: string }).method, 'sms');
    const code = lastSmsCode(h.app, '+14155550123');
    const done = await client.verifyMfa({ code });
    assert.equal(done.status, 'complete');

    // Five texts per account per 15 minutes (enrolment sent one, the sign-in above another).
    await client.signOut();
    await client.signIn({ email, password: PASSWORD });
    let error: unknown;
    for (let i = 0; i < 6 && !error; i++) error = await client.sendMfaCode().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof JanuaError && error.code === 'RATE_LIMITED', String(error));
    assert.ok(typeof error.retryAfter === 'number' && error.retryAfter > 0);
    assert.ok(client.getSnapshot().pending, 'a refused resend keeps the step');
  } finally {
    h.destroy();
  }
});

test('a step handed over in a redirect fragment (social or SSO return) is taken up, token kept out of state', async () => {
  const h = await harness();
  try {
    const { account, secret } = await mfaAccount(h);
    // What the OAuth callback puts in the fragment of its redirect.
    const challenge = await signInChallenge(h.app, account);
    const client = h.client();
    await client.ready;
    assert.equal(resumeChallenge(client, '#state=x'), false);
    assert.equal(client.getSnapshot().pending, null);
    assert.equal(resumeChallenge(client, `#mfa_token=${challenge.mfa_token}&mfa_methods=totp,backup_code,bogus`, 'sso'), true);
    const pending = client.getSnapshot().pending!;
    assert.equal(pending.via, 'sso');
    assert.deepEqual(pending.methods, ['totp', 'backup_code']);
    assert.equal(JSON.stringify(client.getSnapshot()).includes(challenge.mfa_token), false);
    const done = await client.verifyMfa({ code: await codeAt(h.app, secret) });
    assert.equal(done.status, 'complete');
    assert.equal(client.getSnapshot().user?.id, account.user.id);
  } finally {
    h.destroy();
  }
});

test('signing out, or signing in by another way, ends an open step', async () => {
  const h = await harness();
  try {
    const { email } = await mfaAccount(h);
    const plain = await h.app.signUp({ password: PASSWORD });
    const client = h.client();
    await client.signIn({ email, password: PASSWORD });
    assert.ok(client.getSnapshot().pending);
    await client.signIn({ email: plain.user.email, password: PASSWORD });
    assert.equal(client.getSnapshot().status, 'signed-in');
    assert.equal(client.getSnapshot().pending, null);
    await client.signIn({ email, password: PASSWORD });
    assert.ok(client.getSnapshot().pending, 'a step for someone else while signed in');
    assert.equal(client.getSnapshot().status, 'signed-in');
    await client.signOut();
    assert.equal(client.getSnapshot().pending, null);
  } finally {
    h.destroy();
  }
});
