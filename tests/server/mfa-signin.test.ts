import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mfaService } from '../../packages/server/src/mfa/service.ts';
import { oneTimeTokensTable } from '../../packages/server/src/recovery/one-time-tokens.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { sha256 } from '../../packages/server/src/util.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode, nextStep, signInChallenge } from './helpers/mfa.ts';

const verify = (t: ReturnType<typeof createTestApp>, mfa_token: unknown, code: unknown, ip?: string) =>
  t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token, code }, ...(ip ? { ip } : {}) });

describe('sign-in with MFA on', () => {
  it('the password alone answers a challenge: no tokens, no cookie, no session', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    await enableTotp(t, user);
    const sessionsBefore = t.app.ctx.sessions.sessions.count({ user_id: user.user.id });
    const res = await t.request('POST', '/api/v1/auth/signin', { body: { email: user.user.email, password: user.password } });
    assert.equal(res.status, 200);
    assert.equal(res.body.tokens, null);
    assert.equal(res.body.mfa_required, true);
    assert.match(res.body.mfa_token, /^[\w-]{43}$/);
    assert.deepEqual(res.body.mfa_methods, ['totp', 'backup_code']);
    assert.equal(res.body.user.email, user.user.email);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(t.app.ctx.sessions.sessions.count({ user_id: user.user.id }), sessionsBefore);
    const row = t.store.table(oneTimeTokensTable).findOne({ token_hash: await sha256(res.body.mfa_token) });
    assert.equal(row?.purpose, 'mfa_challenge', 'stored hashed');
    assert.equal(row!.expires_at - row!.created_at, 5 * 60_000);
  });

  it('a TOTP code finishes the sign-in: tokens, refresh cookie, a working session', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const { mfa_token } = await signInChallenge(t, user);
    const res = await verify(t, mfa_token, await codeAt(t, secret));
    assert.equal(res.status, 200);
    assert.equal(res.body.mfa_required, false);
    assert.equal(res.body.mfa_token, null);
    assert.equal(res.body.user.mfa_enabled, true);
    assert.match(res.headers.get('set-cookie')!, new RegExp(`^janua_refresh_token=${res.body.tokens.refresh_token};.*HttpOnly`));
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.tokens.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, user.user.id);
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: res.body.tokens.refresh_token } });
    assert.equal(refreshed.status, 200);
  });

  it('the same TOTP code cannot finish a second sign-in (replay)', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const code = await codeAt(t, secret);
    const first = await signInChallenge(t, user);
    assert.equal((await verify(t, first.mfa_token, code)).status, 200);
    const second = await signInChallenge(t, user);
    const replay = await verify(t, second.mfa_token, code);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error.code, 'INVALID_MFA_CODE');
  });

  it('an mfa_token works once, and not after 5 minutes', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret, backupCodes } = await enableTotp(t, user);
    const { mfa_token } = await signInChallenge(t, user);
    assert.equal((await verify(t, mfa_token, backupCodes[0])).status, 200);
    const reused = await verify(t, mfa_token, backupCodes[1]);
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error.code, 'INVALID_TOKEN');

    const late = await signInChallenge(t, user);
    t.clock.advance(5 * 60_000 + 1);
    const expired = await verify(t, late.mfa_token, await codeAt(t, secret));
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error.code, 'INVALID_TOKEN');
    const unknown = await verify(t, 'not-a-token', '123456');
    assert.equal(unknown.body.error.code, 'INVALID_TOKEN');
  });

  it('a code is checked against the mfa_token\'s own account: someone else\'s code does not open it', async () => {
    const t = createTestApp();
    const alice = await t.signUp();
    const mallory = await t.signUp();
    const a = await enableTotp(t, alice);
    const m = await enableTotp(t, mallory);
    const challenge = await signInChallenge(t, alice);
    assert.equal((await verify(t, challenge.mfa_token, await codeAt(t, m.secret))).body.error.code, 'INVALID_MFA_CODE');
    assert.equal((await verify(t, challenge.mfa_token, m.backupCodes[0])).body.error.code, 'INVALID_MFA_CODE');
    const ok = await verify(t, challenge.mfa_token, await codeAt(t, a.secret));
    assert.equal(ok.body.user.id, alice.user.id);
  });

  it('a backup code works once; remaining count goes down', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { backupCodes } = await enableTotp(t, user);
    const a = await signInChallenge(t, user);
    const ok = await verify(t, a.mfa_token, ` ${backupCodes[5]!.toUpperCase()} `);
    assert.equal(ok.status, 200);
    const b = await signInChallenge(t, user);
    const again = await verify(t, b.mfa_token, backupCodes[5]);
    assert.equal(again.body.error.code, 'INVALID_MFA_CODE');
    const status = await t.request('GET', '/api/v1/mfa/status', { token: ok.body.tokens.access_token });
    assert.equal(status.body.backup_codes_remaining, 9);
  });

  it('a wrong code is 400 INVALID_MFA_CODE and counts down; the right one still works', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const { mfa_token } = await signInChallenge(t, user);
    const right = await codeAt(t, secret);
    const wrong = right === '000000' ? '000001' : '000000';
    const first = await verify(t, mfa_token, wrong);
    assert.equal(first.status, 400);
    assert.equal(first.body.error.code, 'INVALID_MFA_CODE');
    assert.equal(first.body.error.details.attempts_remaining, 9);
    const second = await verify(t, mfa_token, 'not a code at all');
    assert.equal(second.body.error.details.attempts_remaining, 8);
    assert.equal((await verify(t, mfa_token, right)).status, 200);
  });

  it('the token dies after 10 wrong codes within its 5 minutes', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const { mfa_token } = await signInChallenge(t, user);
    const row = t.store.table(oneTimeTokensTable).findOne({ token_hash: await sha256(mfa_token) })!;
    // Ten wrong codes from ten places, each after the account lock has passed, in under 5 minutes.
    const mfa = mfaService(t.app.ctx);
    for (let i = 0; i < 10; i++) {
      mfa.settings.updateWhere({ user_id: user.user.id }, { locked_until: null });
      const res = await verify(t, mfa_token, 'zzzz-zzzz-zzzz', `10.0.0.${i}`);
      assert.equal(res.body.error.code, 'INVALID_MFA_CODE');
    }
    assert.notEqual(t.store.table(oneTimeTokensTable).get(row.id)!.used_at, null);
    mfa.settings.updateWhere({ user_id: user.user.id }, { locked_until: null });
    const dead = await verify(t, mfa_token, await codeAt(t, secret));
    assert.equal(dead.body.error.code, 'INVALID_TOKEN');
  });

  it('progressive lockout: after 5 wrong codes the account waits (429, Retry-After), longer each time', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const wrong = 'zzzz-zzzz-zzzz';
    let token = (await signInChallenge(t, user)).mfa_token;
    for (let i = 0; i < 5; i++) assert.equal((await verify(t, token, wrong)).status, 400);
    const locked = await verify(t, token, await codeAt(t, secret));
    assert.equal(locked.status, 429, 'even the right code waits out the lock');
    assert.equal(locked.body.error.code, 'RATE_LIMITED');
    assert.equal(locked.headers.get('retry-after'), '30');
    t.clock.advance(31_000);
    assert.equal((await verify(t, token, wrong)).status, 400);
    const longer = await verify(t, token, wrong);
    assert.equal(longer.status, 429);
    assert.equal(longer.headers.get('retry-after'), '60');
    t.clock.advance(61_000);
    token = (await signInChallenge(t, user)).mfa_token;
    nextStep(t);
    const ok = await verify(t, token, await codeAt(t, secret));
    assert.equal(ok.status, 200, 'a right code after the lock clears it');
    const next = (await signInChallenge(t, user)).mfa_token;
    for (let i = 0; i < 5; i++) assert.equal((await verify(t, next, wrong)).status, 400, 'the count started over');
  });

  it('limits challenge checks per address (429)', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    await enableTotp(t, user);
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await verify(t, 'no-such-token', '123456', '10.9.9.9')).status;
    assert.equal(last, 429);
    assert.equal((await verify(t, 'no-such-token', '123456', '10.9.9.8')).status, 400, 'other addresses are not affected');
  });

  it('bad input: 422 per field, 400 on malformed JSON', async () => {
    const t = createTestApp();
    for (const [body, field] of [[{ code: '123456' }, 'mfa_token'], [{ mfa_token: 'x' }, 'code'], [{ mfa_token: 5, code: '123456' }, 'mfa_token'], [{ mfa_token: 'x', code: 'x'.repeat(65) }, 'code'], [{ mfa_token: 'x'.repeat(513), code: '1' }, 'mfa_token']] as const) {
      const res = await t.request('POST', '/api/v1/mfa/challenge/verify', { body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.details.validation_errors[0].field, field);
    }
    const bad = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: '{' });
    assert.equal(bad.body.error.code, 'INVALID_JSON');
  });
});

describe('why a code was refused: details.reason (ext)', () => {
  const refusal = (res: { status: number; body: any }) => {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'INVALID_MFA_CODE');
    return { reason: res.body.error.details.reason, left: res.body.error.details.attempts_remaining };
  };

  it('a TOTP code already used is "reused" in any later sign-in, and costs no try', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const code = await codeAt(t, secret);
    assert.equal((await verify(t, (await signInChallenge(t, user)).mfa_token, code)).status, 200);
    const again = await signInChallenge(t, user);
    assert.deepEqual(refusal(await verify(t, again.mfa_token, code)), { reason: 'reused', left: 10 });
    assert.deepEqual(refusal(await verify(t, again.mfa_token, code)), { reason: 'reused', left: 10 }, 'nor the second time');
    t.clock.advance(3 * 60_000);
    const later = await signInChallenge(t, user);
    assert.deepEqual(refusal(await verify(t, later.mfa_token, code)), { reason: 'reused', left: 10 }, 'out of the window too');
  });

  it('a TOTP code of a step that passed is "expired"; a made-up one is "invalid"', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const { mfa_token } = await signInChallenge(t, user);
    const old = await codeAt(t, secret, -4);
    const right = await codeAt(t, secret);
    assert.deepEqual(refusal(await verify(t, mfa_token, old)), { reason: 'expired', left: 10 });
    // A code no step of the last 10 minutes (or the next) shows.
    const recent = new Set(await Promise.all(Array.from({ length: 24 }, (_, i) => codeAt(t, secret, 1 - i))));
    const made = ['000000', '111111', '222222', '333333'].find((c) => !recent.has(c))!;
    assert.deepEqual(refusal(await verify(t, mfa_token, made)), { reason: 'invalid', left: 9 }, 'a wrong code is a try');
    assert.deepEqual(refusal(await verify(t, mfa_token, 'zzzz-zzzz-zzzz')), { reason: 'invalid', left: 8 });
    assert.equal((await verify(t, mfa_token, right)).status, 200);
    // The step before the one just used was never used, but it can no longer be: expired.
    const next = await signInChallenge(t, user);
    assert.equal(refusal(await verify(t, next.mfa_token, await codeAt(t, secret, -1))).reason, 'expired');
  });

  it('a spent backup code is "reused"; one never issued is "invalid"', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { backupCodes } = await enableTotp(t, user);
    assert.equal((await verify(t, (await signInChallenge(t, user)).mfa_token, backupCodes[2])).status, 200);
    const { mfa_token } = await signInChallenge(t, user);
    assert.deepEqual(refusal(await verify(t, mfa_token, backupCodes[2]!.toUpperCase())), { reason: 'reused', left: 10 });
    assert.deepEqual(refusal(await verify(t, mfa_token, 'abcd-efgh-ijkl')), { reason: 'invalid', left: 9 });
  });

  it('an SMS code used once is "reused"; one past its 5 minutes is "expired"', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345672';
    await enableSms(t, user, phone);
    const first = await signInChallenge(t, user);
    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: first.mfa_token, method: 'sms' } });
    const used = lastSmsCode(t, phone);
    assert.equal((await verify(t, first.mfa_token, used)).status, 200);
    const second = await signInChallenge(t, user);
    assert.deepEqual(refusal(await verify(t, second.mfa_token, used)), { reason: 'reused', left: 10 });

    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: second.mfa_token, method: 'sms' } });
    const late = lastSmsCode(t, phone);
    t.clock.advance(4 * 60_000);
    const third = await signInChallenge(t, user);
    t.clock.advance(61_000);
    assert.deepEqual(refusal(await verify(t, third.mfa_token, late)), { reason: 'expired', left: 10 });
  });

  it('an SMS code a resend replaced is "replaced" while it would still be live; the latest works', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345673';
    await enableSms(t, user, phone);
    const { mfa_token } = await signInChallenge(t, user);
    const send = () => t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    await send();
    const first = lastSmsCode(t, phone);
    await send();
    const second = lastSmsCode(t, phone);
    await send();
    const latest = lastSmsCode(t, phone);
    // Two codes in 10^6 may coincide; then the latest is what both are.
    if (first !== latest) assert.deepEqual(refusal(await verify(t, mfa_token, first)), { reason: 'replaced', left: 10 });
    if (second !== latest) assert.deepEqual(refusal(await verify(t, mfa_token, second)), { reason: 'replaced', left: 10 });
    assert.equal((await verify(t, mfa_token, latest)).status, 200);
    // Once the latest is spent by the sign-in, it is "reused"; the one it replaced is still "replaced".
    const next = await signInChallenge(t, user);
    assert.deepEqual(refusal(await verify(t, next.mfa_token, latest)), { reason: 'reused', left: 10 });
    if (second !== latest) assert.equal(refusal(await verify(t, next.mfa_token, second)).reason, 'replaced');
    // Past its 5 minutes, a replaced code is expired like any other, and costs no try.
    t.clock.advance(5 * 60_000 + 1);
    const late = await signInChallenge(t, user);
    const sent = await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: late.mfa_token, method: 'sms' } });
    assert.equal(sent.status, 200);
    if (first !== lastSmsCode(t, phone)) assert.deepEqual(refusal(await verify(t, late.mfa_token, first)), { reason: 'expired', left: 10 });
  });

  it('codes that were once right never lock the account; wrong ones still do', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345674';
    const { secret, backupCodes } = await enableTotp(t, user);
    await enableSms(t, user, phone);
    const used = await codeAt(t, secret);
    assert.equal((await verify(t, (await signInChallenge(t, user)).mfa_token, used)).status, 200);
    assert.equal((await verify(t, (await signInChallenge(t, user)).mfa_token, backupCodes[0])).status, 200);
    const { mfa_token } = await signInChallenge(t, user);
    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    const replaced = lastSmsCode(t, phone);
    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    const old = await codeAt(t, secret, -5);
    // Twice the five that lock, each kind: none is a try, none locks.
    // (From places of their own: the limit per address is not what is tested here.)
    for (let i = 0; i < 10; i++) {
      assert.equal(refusal(await verify(t, mfa_token, used, `10.0.${i}.1`)).left, 10);
      assert.equal(refusal(await verify(t, mfa_token, old, `10.0.${i}.2`)).left, 10);
      assert.equal(refusal(await verify(t, mfa_token, backupCodes[0], `10.0.${i}.3`)).left, 10);
      if (replaced !== lastSmsCode(t, phone)) assert.equal(refusal(await verify(t, mfa_token, replaced, `10.0.${i}.4`)).left, 10);
    }
    assert.equal(mfaService(t.app.ctx).of(user.user.id)!.failed_count, 0);
    // Five wrong ones do lock, and count down the token.
    for (let i = 0; i < 5; i++) assert.equal(refusal(await verify(t, mfa_token, 'zzzz-zzzz-zzzz')).left, 9 - i);
    assert.equal((await verify(t, mfa_token, await codeAt(t, secret))).status, 429);
  });

  it('disabling: a code once right costs nothing towards the lock; a wrong one does', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret, backupCodes } = await enableTotp(t, user);
    const signedIn = await verify(t, (await signInChallenge(t, user)).mfa_token, backupCodes[0]);
    const token = signedIn.body.tokens.access_token;
    const disable = (code: string) => t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code } });
    for (let i = 0; i < 6; i++) assert.equal(refusal(await disable(backupCodes[0]!)).reason, 'reused');
    assert.equal(refusal(await disable(await codeAt(t, secret, -5))).reason, 'expired');
    assert.equal(mfaService(t.app.ctx).of(user.user.id)!.failed_count, 0);
    for (let i = 0; i < 5; i++) assert.equal(refusal(await disable('zzzz-zzzz-zzzz')).reason, 'invalid');
    assert.equal((await disable(backupCodes[1]!)).status, 429);
  });

  it('disabling with a spent code says why too', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { backupCodes } = await enableTotp(t, user);
    const signedIn = await verify(t, (await signInChallenge(t, user)).mfa_token, backupCodes[0]);
    const token = signedIn.body.tokens.access_token;
    const res = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: backupCodes[0] } });
    assert.equal(refusal(res).reason, 'reused');
  });
});

describe('SMS at sign-in', () => {
  it('challenge/send texts a code; it finishes the sign-in once', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345678';
    await enableSms(t, user, phone);
    const challenge = await signInChallenge(t, user);
    assert.deepEqual(challenge.mfa_methods, ['sms']);
    const sent = await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: challenge.mfa_token, method: 'sms' } });
    assert.equal(sent.status, 200);
    const outbox = await t.request('GET', `/api/v1/dev/outbox?to=${encodeURIComponent(phone)}`);
    const code = outbox.body.at(-1).code;
    assert.match(code, /^\d{6}$/);
    const ok = await verify(t, challenge.mfa_token, code);
    assert.equal(ok.status, 200);
    assert.ok(ok.body.tokens.access_token);
    const again = await signInChallenge(t, user);
    assert.equal((await verify(t, again.mfa_token, code)).body.error.code, 'INVALID_MFA_CODE', 'an SMS code works once');
  });

  it('a resent code replaces the last; an SMS code expires after 5 minutes', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345679';
    await enableSms(t, user, phone);
    const { mfa_token } = await signInChallenge(t, user);
    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    const first = lastSmsCode(t, phone);
    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    const second = lastSmsCode(t, phone);
    if (first !== second) assert.equal((await verify(t, mfa_token, first)).body.error.code, 'INVALID_MFA_CODE');
    const late = await signInChallenge(t, user);
    await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: late.mfa_token, method: 'sms' } });
    t.clock.advance(4 * 60_000);
    const fresh = await signInChallenge(t, user);
    t.clock.advance(61_000);
    assert.equal((await verify(t, fresh.mfa_token, lastSmsCode(t, phone))).body.error.code, 'INVALID_MFA_CODE');
  });

  it('resends are limited (429); method must be sms; TOTP-only accounts cannot ask for one', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345670';
    await enableSms(t, user, phone);
    const { mfa_token } = await signInChallenge(t, user);
    const send = () => t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    // Enrolment used one of the five texts of the window.
    for (let i = 0; i < 4; i++) assert.equal((await send()).status, 200);
    const limited = await send();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    const method = await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'email' } });
    assert.equal(method.status, 422);
    const badToken = await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: 'nope', method: 'sms' } });
    assert.equal(badToken.body.error.code, 'INVALID_TOKEN');

    const totpOnly = await t.signUp();
    await enableTotp(t, totpOnly);
    const other = await signInChallenge(t, totpOnly);
    const none = await t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: other.mfa_token, method: 'sms' } });
    assert.equal(none.status, 400);
    assert.equal(none.body.error.code, 'MFA_METHOD_UNAVAILABLE');
  });

  it('with TOTP and SMS both on, the methods list both and either works', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    await enableSms(t, user, '+33612345671');
    const { mfa_token, mfa_methods } = await signInChallenge(t, user);
    assert.deepEqual(mfa_methods, ['totp', 'sms', 'backup_code']);
    assert.equal((await verify(t, mfa_token, await codeAt(t, secret))).status, 200);
  });
});
