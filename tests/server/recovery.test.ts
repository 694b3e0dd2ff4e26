import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneTimeTokensTable } from '../../packages/server/src/recovery/one-time-tokens.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { assertSameTiming, interleavedTimings } from '../security/helpers.ts';
import { sha256 } from '../../packages/server/src/util.ts';
import { lastLink } from './helpers/mfa.ts';

const FRONTEND = 'http://localhost:5173';
const NEW_PASSWORD = 'A-brand-new-secret-77';

let ipCounter = 0;
/** Each call from its own address, so the per-address limits stay out of tests that are not about them. */
const fresh = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const forgot = (t: TestApp, body: unknown, ip = fresh()) => t.request('POST', '/api/v1/auth/password/forgot', { body, ip });
const signIn = (t: TestApp, email: string, password: string) =>
  t.request('POST', '/api/v1/auth/signin', { body: { email, password }, ip: fresh() });

describe('forgot password', () => {
  it('answers alike for a known and an unknown email; only the known one gets mail', async () => {
    const t = createTestApp({ frontendUrl: FRONTEND });
    const user = await t.signUp({ email: 'known@example.com' });
    t.outbox.clear();
    const known = await forgot(t, { email: 'known@example.com' });
    const unknown = await forgot(t, { email: 'nobody@example.com' });
    assert.equal(known.status, 200);
    assert.equal(unknown.status, known.status);
    assert.deepEqual(unknown.body, known.body);
    assert.equal(typeof known.body.message, 'string');
    assert.equal(t.outbox.list('nobody@example.com').length, 0);
    const { link, token, subject } = lastLink(t, user.user.email);
    assert.match(subject, /Reset/);
    assert.equal(`${link.origin}${link.pathname}`, `${FRONTEND}/reset-password`);
    assert.match(token, /^[\w-]{43}$/);
    const row = t.store.table(oneTimeTokensTable).findOne({ token_hash: await sha256(token) });
    assert.equal(row?.purpose, 'password_reset', 'stored as a hash');
    assert.ok(!JSON.stringify(t.store.table(oneTimeTokensTable).find()).includes(token));
    assert.equal(row!.expires_at - row!.created_at, 60 * 60_000);
  });

  it('takes about as long for an unknown email as for a known one', async () => {
    // The coarse check (within 5 ms); tests/security/enumeration.test.ts holds it to 10 %.
    const t = createTestApp({ rateLimit: false });
    await t.signUp({ email: 'timing@example.com' });
    let n = 0;
    await assertSameTiming('forgot password', () => interleavedTimings(15, () => forgot(t, { email: 'timing@example.com' }), () => forgot(t, { email: `ghost${n++}@example.com` })), { ratio: 0, floorMs: 5 });
  });

  it('redirect_base: same origin as the front end or a CORS origin only', async () => {
    const t = createTestApp({ frontendUrl: FRONTEND, cors: ['https://app.example.com'] });
    const user = await t.signUp();
    const ok = await forgot(t, { email: user.user.email, redirect_base: 'https://app.example.com/account' });
    assert.equal(ok.status, 200);
    const { link } = lastLink(t, user.user.email);
    assert.equal(`${link.origin}${link.pathname}`, 'https://app.example.com/account/reset-password');
    for (const base of ['https://evil.example.com', 'javascript:alert(1)', '//evil.example.com', 'https://app.example.com.evil.com', 'https://user@app.example.com', 'not a url']) {
      const res = await forgot(t, { email: user.user.email, redirect_base: base });
      assert.equal(res.status, 422, base);
      assert.equal(res.body.error.details.validation_errors[0].field, 'redirect_base');
    }
  });

  it('limits requests per address (429) and mails per account (silently)', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    t.outbox.clear();
    for (let i = 0; i < 5; i++) assert.equal((await forgot(t, { email: user.user.email })).status, 200);
    assert.equal(t.outbox.list(user.user.email).length, 3, 'three mails per 15 minutes, the answer unchanged');
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await forgot(t, { email: `x${i}@example.com` }, '10.200.0.1')).status;
    assert.equal(last, 429);
  });

  it('bad input: 422 for missing, wrong type, bad email, too long; 400 for malformed JSON', async () => {
    const t = createTestApp();
    for (const body of [{}, { email: 42 }, { email: 'not-an-email' }, { email: `${'a'.repeat(250)}@example.com` }]) {
      const res = await forgot(t, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.details.validation_errors[0].field, 'email');
    }
    const tooLong = await forgot(t, { email: 'a@example.com', redirect_base: `https://x.com/${'a'.repeat(2100)}` });
    assert.equal(tooLong.status, 422);
    assert.equal((await forgot(t, '{"email"')).body.error.code, 'INVALID_JSON');
  });
});

describe('reset password', () => {
  const reset = (t: TestApp, body: unknown) => t.request('POST', '/api/v1/auth/password/reset', { body, ip: fresh() });

  it('sets the new password, revokes every session (access and refresh tokens), and works once', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const other = await signIn(t, user.user.email, user.password);
    await forgot(t, { email: user.user.email });
    const { token } = lastLink(t, user.user.email);
    const res = await reset(t, { token, new_password: NEW_PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.message, 'string');
    for (const tokens of [user.tokens!, other.body.tokens]) {
      assert.equal((await t.request('GET', '/api/v1/auth/me', { token: tokens.access_token })).status, 401);
      const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } });
      assert.equal(refreshed.status, 401);
    }
    assert.equal((await signIn(t, user.user.email, user.password)).status, 401, 'the old password is gone');
    const signedIn = await signIn(t, user.user.email, NEW_PASSWORD);
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.body.user.email_verified, true, 'the mailed link proved the address');
    const again = await reset(t, { token, new_password: 'Yet-another-one-88' });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'INVALID_TOKEN');
    assert.ok(t.outbox.list(user.user.email).some((m) => /password was changed/.test(m.subject)));
  });

  it('refuses an expired link (1 hour) and an older link once a newer one was sent', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    await forgot(t, { email: user.user.email });
    const older = lastLink(t, user.user.email).token;
    await forgot(t, { email: user.user.email });
    const newer = lastLink(t, user.user.email).token;
    assert.equal((await reset(t, { token: older, new_password: NEW_PASSWORD })).body.error.code, 'INVALID_TOKEN');
    t.clock.advance(60 * 60_000 + 1);
    const late = await reset(t, { token: newer, new_password: NEW_PASSWORD });
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'INVALID_TOKEN');
    assert.equal((await signIn(t, user.user.email, user.password)).status, 200, 'nothing changed');
  });

  it('applies the sign-up password rules to new_password; the token survives a refused password', async () => {
    const t = createTestApp();
    const user = await t.signUp({ email: 'rules@example.com' });
    await forgot(t, { email: user.user.email });
    const { token } = lastLink(t, user.user.email);
    const short = await reset(t, { token, new_password: 'short' });
    assert.equal(short.status, 422);
    assert.equal(short.body.error.details.validation_errors[0].field, 'new_password');
    const weak = await reset(t, { token, new_password: 'password123' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, 'WEAK_PASSWORD');
    assert.equal(weak.body.error.details.validation_errors[0].field, 'new_password');
    const own = await reset(t, { token, new_password: 'rules@example.com' });
    assert.equal(own.body.error.code, 'WEAK_PASSWORD');
    assert.equal((await reset(t, { token, new_password: NEW_PASSWORD })).status, 200);
  });

  it('limits redemptions per address (429 + Retry-After), so tokens cannot be sprayed', async () => {
    const t = createTestApp();
    let last = await t.request('POST', '/api/v1/auth/password/reset', { body: { token: 'guess-0', new_password: NEW_PASSWORD }, ip: '10.77.0.1' });
    for (let i = 1; i <= 30; i++) {
      last = await t.request('POST', '/api/v1/auth/password/reset', { body: { token: `guess-${i}`, new_password: NEW_PASSWORD }, ip: '10.77.0.1' });
    }
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('retry-after')) > 0);
    const elsewhere = await t.request('POST', '/api/v1/auth/password/reset', { body: { token: 'guess', new_password: NEW_PASSWORD }, ip: '10.77.0.2' });
    assert.equal(elsewhere.body.error.code, 'INVALID_TOKEN');
  });

  it('bad input and unknown tokens', async () => {
    const t = createTestApp();
    for (const [body, field] of [[{ new_password: NEW_PASSWORD }, 'token'], [{ token: 'x' }, 'new_password'], [{ token: 7, new_password: NEW_PASSWORD }, 'token'], [{ token: 'x'.repeat(513), new_password: NEW_PASSWORD }, 'token'], [{ token: 'x', new_password: 'x'.repeat(129) }, 'new_password']] as const) {
      const res = await reset(t, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.details.validation_errors[0].field, field);
    }
    const unknown = await reset(t, { token: 'A'.repeat(43), new_password: NEW_PASSWORD });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'INVALID_TOKEN');
    // A token of another purpose (here, the sign-up verification link) is not a reset token.
    const user = await t.signUp();
    const verification = lastLink(t, user.user.email).token;
    assert.equal((await reset(t, { token: verification, new_password: NEW_PASSWORD })).body.error.code, 'INVALID_TOKEN');
  });
});

describe('change password', () => {
  const change = (t: TestApp, token: string | undefined, body: unknown) =>
    t.request('POST', '/api/v1/auth/password/change', { body, ...(token ? { token } : {}) });

  it('needs a session; a wrong current password is 400 INVALID_CREDENTIALS on current_password', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    assert.equal((await change(t, undefined, { current_password: user.password, new_password: NEW_PASSWORD })).status, 401);
    const wrong = await change(t, user.tokens!.access_token, { current_password: 'Not-my-password-1', new_password: NEW_PASSWORD });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.body.error.details.validation_errors[0].field, 'current_password');
    assert.equal((await signIn(t, user.user.email, user.password)).status, 200);
  });

  it('changes the password and keeps other sessions unless asked to revoke them', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const other = await signIn(t, user.user.email, user.password);
    const res = await change(t, user.tokens!.access_token, { current_password: user.password, new_password: NEW_PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(res.body.revoked_count, 0);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: other.body.tokens.access_token })).status, 200);
    assert.equal((await signIn(t, user.user.email, user.password)).status, 401);
    assert.equal((await signIn(t, user.user.email, NEW_PASSWORD)).status, 200);
  });

  it('revoke_other_sessions ends every other session but not this one', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const a = await signIn(t, user.user.email, user.password);
    const b = await signIn(t, user.user.email, user.password);
    const res = await change(t, user.tokens!.access_token, { current_password: user.password, new_password: NEW_PASSWORD, revoke_other_sessions: true });
    assert.equal(res.status, 200);
    assert.equal(res.body.revoked_count, 2);
    for (const other of [a, b]) {
      assert.equal((await t.request('GET', '/api/v1/auth/me', { token: other.body.tokens.access_token })).status, 401);
      assert.equal((await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: other.body.tokens.refresh_token } })).status, 401);
    }
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: user.tokens!.access_token })).status, 200);
  });

  it('bad input: 422 per field', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    for (const [body, field] of [
      [{ new_password: NEW_PASSWORD }, 'current_password'],
      [{ current_password: user.password }, 'new_password'],
      [{ current_password: user.password, new_password: 'short' }, 'new_password'],
      [{ current_password: user.password, new_password: NEW_PASSWORD, revoke_other_sessions: 'yes' }, 'revoke_other_sessions'],
      [{ current_password: ['x'], new_password: NEW_PASSWORD }, 'current_password'],
    ] as const) {
      const res = await change(t, token, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.details.validation_errors[0].field, field);
    }
    const weak = await change(t, token, { current_password: user.password, new_password: 'qwertyuiop' });
    assert.equal(weak.body.error.code, 'WEAK_PASSWORD');
    assert.equal((await change(t, token, '{')).body.error.code, 'INVALID_JSON');
  });
});

describe('email verification', () => {
  const verifyEmail = (t: TestApp, body: unknown, bearer?: string) =>
    t.request('POST', '/api/v1/auth/email/verify', { body, ip: fresh(), ...(bearer ? { token: bearer } : {}) });

  it('the sign-up email carries a link that verifies the address once, for the account holder', async () => {
    const t = createTestApp({ frontendUrl: FRONTEND });
    const user = await t.signUp();
    assert.equal(t.outbox.list(user.user.email).length, 1, 'one email on sign-up: the welcome, with the link');
    const { link, token, subject } = lastLink(t, user.user.email);
    assert.match(subject, /Welcome/);
    assert.equal(`${link.origin}${link.pathname}`, `${FRONTEND}/verify-email`);
    const anonymous = await verifyEmail(t, { token });
    assert.equal(anonymous.status, 401, 'the mailbox alone does not confirm an account someone else may have opened');
    assert.equal(anonymous.body.error.details.reason, 'sign_in_required');
    const stranger = await t.signUp();
    const other = await verifyEmail(t, { token }, stranger.tokens!.access_token);
    assert.equal(other.status, 403);
    assert.equal(t.app.ctx.users.get(user.user.id)!.email_verified, false);
    const res = await verifyEmail(t, { token }, user.tokens!.access_token);
    assert.equal(res.status, 200);
    const me = await t.request('GET', '/api/v1/auth/me', { token: user.tokens!.access_token });
    assert.equal(me.body.email_verified, true);
    const again = await verifyEmail(t, { token }, user.tokens!.access_token);
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'INVALID_TOKEN');
  });

  it('refuses an expired link (24 hours), unknown tokens and bad input', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { token } = lastLink(t, user.user.email);
    t.clock.advance(24 * 3600_000 + 1);
    assert.equal((await verifyEmail(t, { token })).body.error.code, 'INVALID_TOKEN');
    assert.equal((await verifyEmail(t, { token: 'nope' })).body.error.code, 'INVALID_TOKEN');
    assert.equal((await verifyEmail(t, {})).status, 422);
    assert.equal((await verifyEmail(t, { token: 1 })).status, 422);
    assert.equal((await verifyEmail(t, { token: 'x'.repeat(513) })).status, 422);
    assert.equal(t.app.ctx.users.get(user.user.id)!.email_verified, false);
  });

  it('resend needs a session, replaces the old link, is limited, and stops once verified', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const first = lastLink(t, user.user.email).token;
    assert.equal((await t.request('POST', '/api/v1/auth/email/resend-verification')).status, 401);
    const res = await t.request('POST', '/api/v1/auth/email/resend-verification', { token });
    assert.equal(res.status, 200);
    const second = lastLink(t, user.user.email).token;
    assert.notEqual(second, first);
    assert.equal((await verifyEmail(t, { token: first }, token)).body.error.code, 'INVALID_TOKEN', 'the older link died');
    await t.request('POST', '/api/v1/auth/email/resend-verification', { token });
    await t.request('POST', '/api/v1/auth/email/resend-verification', { token });
    const limited = await t.request('POST', '/api/v1/auth/email/resend-verification', { token });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await verifyEmail(t, { token: lastLink(t, user.user.email).token }, token)).status, 200);
    const mails = t.outbox.list(user.user.email).length;
    const done = await t.request('POST', '/api/v1/auth/email/resend-verification', { token });
    assert.equal(done.status, 200);
    assert.equal(t.outbox.list(user.user.email).length, mails, 'nothing sent to a verified address');
  });
});
