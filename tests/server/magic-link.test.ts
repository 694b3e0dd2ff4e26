import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneTimeTokensTable } from '../../packages/server/src/recovery/one-time-tokens.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { sha256 } from '../../packages/server/src/util.ts';
import { codeAt, enableTotp, lastLink, verifyEmail } from './helpers/mfa.ts';

const FRONTEND = 'http://localhost:5173';
let ipCounter = 0;
const fresh = () => `10.2.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const ask = (t: TestApp, body: unknown, ip = fresh()) => t.request('POST', '/api/v1/auth/magic-link', { body, ip });
const redeem = (t: TestApp, body: unknown) => t.request('POST', '/api/v1/auth/magic-link/verify', { body, ip: fresh() });

describe('magic link', () => {
  it('answers alike for known and unknown emails; the known one gets a hashed, 15-minute link', async () => {
    const t = createTestApp({ frontendUrl: FRONTEND });
    const user = await t.signUp();
    const known = await ask(t, { email: user.user.email });
    const unknown = await ask(t, { email: 'nobody@example.com' });
    assert.equal(known.status, 200);
    assert.equal(unknown.status, 200);
    assert.deepEqual(known.body, unknown.body);
    assert.equal(t.outbox.list('nobody@example.com').length, 0);
    const { link, token, subject } = lastLink(t, user.user.email);
    assert.match(subject, /sign-in link/);
    assert.equal(`${link.origin}${link.pathname}`, `${FRONTEND}/magic-link`);
    const row = t.store.table(oneTimeTokensTable).findOne({ token_hash: await sha256(token) });
    assert.equal(row?.purpose, 'magic_link');
    assert.equal(row!.expires_at - row!.created_at, 15 * 60_000);
  });

  it('signs in once: tokens, refresh cookie, verified email; a second use is refused', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    await ask(t, { email: user.user.email });
    const { token } = lastLink(t, user.user.email);
    const res = await redeem(t, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.mfa_required, false);
    assert.equal(res.body.user.id, user.user.id);
    assert.equal(res.body.user.email_verified, true);
    assert.match(res.headers.get('set-cookie')!, /^janua_refresh_token=/);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: res.body.tokens.access_token })).status, 200);
    const again = await redeem(t, { token });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'INVALID_TOKEN');
  });

  it('refuses an expired link and the older of two links', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    await ask(t, { email: user.user.email });
    const older = lastLink(t, user.user.email).token;
    await ask(t, { email: user.user.email });
    const newer = lastLink(t, user.user.email).token;
    assert.equal((await redeem(t, { token: older })).body.error.code, 'INVALID_TOKEN');
    t.clock.advance(15 * 60_000 + 1);
    assert.equal((await redeem(t, { token: newer })).body.error.code, 'INVALID_TOKEN');
  });

  it('redirect_url must be on the front end or CORS origins (no open redirect)', async () => {
    const t = createTestApp({ frontendUrl: FRONTEND, cors: ['https://app.example.com'] });
    const user = await t.signUp();
    const ok = await ask(t, { email: user.user.email, redirect_url: 'https://app.example.com/dashboard?tab=1' });
    assert.equal(ok.status, 200);
    assert.equal(lastLink(t, user.user.email).link.searchParams.get('redirect_url'), 'https://app.example.com/dashboard?tab=1');
    const same = await ask(t, { email: user.user.email, redirect_url: `${FRONTEND}/home` });
    assert.equal(same.status, 200);
    const sent = t.outbox.list(user.user.email).length;
    for (const url of ['https://evil.example.com/', 'javascript:alert(document.cookie)', 'data:text/html,hi', '//evil.example.com', '/relative', 'https://app.example.com@evil.example.com/', 'http://localhost:5174/']) {
      const res = await ask(t, { email: user.user.email, redirect_url: url });
      assert.equal(res.status, 422, url);
      assert.equal(res.body.error.details.validation_errors[0].field, 'redirect_url');
    }
    assert.equal(t.outbox.list(user.user.email).length, sent, 'nothing mailed for a refused redirect');
    // Same answer for an unknown email: the redirect check does not depend on the account.
    assert.equal((await ask(t, { email: 'nobody@example.com', redirect_url: 'https://evil.example.com/' })).status, 422);
  });

  it('a verified account with MFA on gets a challenge, not tokens; the code then finishes it', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    await verifyEmail(t, user);
    const { secret } = await enableTotp(t, user);
    await ask(t, { email: user.user.email });
    const { token } = lastLink(t, user.user.email);
    const res = await redeem(t, { token });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.email_verified, true);
    assert.equal((await redeem(t, { token })).body.error.code, 'INVALID_TOKEN', 'the link is spent with the challenge');
    assert.equal(res.body.tokens, null);
    assert.equal(res.body.mfa_required, true);
    assert.deepEqual(res.body.mfa_methods, ['totp', 'backup_code']);
    assert.equal(res.headers.get('set-cookie'), null);
    const done = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: res.body.mfa_token, code: await codeAt(t, secret) } });
    assert.equal(done.status, 200);
    assert.ok(done.body.tokens.access_token);
  });

  it('bad input: 422 per field, 400 on malformed JSON, 400 INVALID_TOKEN for unknown tokens', async () => {
    const t = createTestApp();
    for (const [body, field] of [[{}, 'email'], [{ email: 1 }, 'email'], [{ email: 'nope' }, 'email'], [{ email: 'a@example.com', redirect_url: 5 }, 'redirect_url'], [{ email: 'a@example.com', redirect_url: `https://x.com/${'a'.repeat(2100)}` }, 'redirect_url']] as const) {
      const res = await ask(t, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.details.validation_errors[0].field, field);
    }
    assert.equal((await ask(t, '{"email":')).body.error.code, 'INVALID_JSON');
    assert.equal((await redeem(t, {})).status, 422);
    assert.equal((await redeem(t, { token: 3 })).status, 422);
    assert.equal((await redeem(t, { token: 'unknown' })).body.error.code, 'INVALID_TOKEN');
    const user = await t.signUp();
    // The sign-up verification link is a token of another purpose.
    assert.equal((await redeem(t, { token: lastLink(t, user.user.email).token })).body.error.code, 'INVALID_TOKEN');
  });

  it('limits requests per address with 429', async () => {
    const t = createTestApp();
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await ask(t, { email: `p${i}@example.com` }, '10.250.0.1')).status;
    assert.equal(last, 429);
  });
});
