import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, totp } from '../../packages/server/src/mfa/totp.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { lastLink } from './helpers/mfa.ts';
import { person, type Person } from './organizations-fixture.ts';

// An account that signs in only through a provider, SSO, a link or a passkey has no password.
// Its sensitive changes are confirmed by a sign-in of the last ten minutes instead.

const post = (t: TestApp, who: Person, path: string, body: unknown = {}) => t.request('POST', `/api/v1${path}`, { token: who.token, body });

async function withoutPassword(t: TestApp, label: string): Promise<Person> {
  const who = await person(t, label);
  t.app.ctx.users.update(who.id, { password_hash: null });
  return who;
}

function assertReauthenticate(res: { status: number; body: any }): void {
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'FORBIDDEN');
  assert.equal(res.body.error.details.reason, 'reauthentication_required');
}

describe('an account without a password', () => {
  it('says so in its user (has_password, ext), and a password account says the opposite', async () => {
    const t = createTestApp();
    const social = await withoutPassword(t, 'social');
    const classic = await person(t, 'classic');
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: social.token })).body.has_password, false);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: classic.token })).body.has_password, true);
  });

  it('turns on two-step, texts a phone and makes new backup codes with a recent sign-in and no password', async () => {
    const t = createTestApp();
    const ada = await withoutPassword(t, 'ada');
    const enabled = await post(t, ada, '/mfa/enable');
    assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
    const code = await totp(base32Decode(enabled.body.secret), t.clock.now());
    assert.equal((await post(t, ada, '/mfa/verify', { code })).status, 200);
    const regenerated = await post(t, ada, '/mfa/regenerate-backup-codes');
    assert.equal(regenerated.status, 200);
    assert.equal(regenerated.body.backup_codes.length, 10);
    assert.equal((await post(t, ada, '/mfa/sms/enable', { phone_number: '+14155550123' })).status, 200);
    // Whatever was typed is not a password it could be checked against: it neither helps nor hurts.
    t.clock.advance(60_000);
    const backup = regenerated.body.backup_codes[0];
    const off = await post(t, ada, '/mfa/disable', { password: 'typed anyway', code: backup });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(t.app.ctx.users.get(ada.id)!.mfa_enabled, false);
  });

  it('is asked to sign in again once its sign-in is over ten minutes old, and nothing changes', async () => {
    const t = createTestApp();
    const ada = await withoutPassword(t, 'ada');
    const mails = t.outbox.list(ada.email).length;
    t.clock.advance(10 * 60_000 + 1);
    for (const [path, body] of [
      ['/mfa/enable', {}],
      ['/mfa/enable', { password: 'a guess' }],
      ['/mfa/sms/enable', { phone_number: '+14155550123' }],
      ['/mfa/regenerate-backup-codes', {}],
      ['/mfa/disable', {}],
      ['/auth/password/change', { new_password: 'A-first-password-7' }],
    ] as const) {
      assertReauthenticate(await post(t, ada, path, body));
    }
    assertReauthenticate(await t.request('DELETE', '/api/v1/users/me', { token: ada.token, body: {} }));
    const row = t.app.ctx.users.get(ada.id)!;
    assert.equal(row.password_hash, null);
    assert.equal(row.mfa_enabled, false);
    assert.equal(t.outbox.list(ada.email).length, mails, 'no "password changed" mail');
    // Signed in again (here with a mailed link), the same change goes through.
    assert.equal((await t.request('POST', '/api/v1/auth/magic-link', { body: { email: ada.email } })).status, 200);
    const again = await t.request('POST', '/api/v1/auth/magic-link/verify', { body: { token: lastLink(t, ada.email).token } });
    assert.equal(again.status, 200);
    assert.equal((await post(t, { ...ada, token: again.body.tokens.access_token }, '/mfa/enable')).status, 200);
  });

  it('stays "not recent" through token refreshes: only a new sign-in opens the ten minutes again', async () => {
    const t = createTestApp();
    const ada = await withoutPassword(t, 'ada');
    t.clock.advance(11 * 60_000);
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: ada.refresh } });
    assert.equal(refreshed.status, 200);
    assertReauthenticate(await post(t, { ...ada, token: refreshed.body.access_token }, '/mfa/enable'));
  });

  it('its first password is not locked out by the failed sign-ins anyone could try on it, and the mail says it was added', async () => {
    const t = createTestApp();
    const ada = await withoutPassword(t, 'ada');
    for (let i = 0; i < 7; i++) {
      const guess = await t.request('POST', '/api/v1/auth/signin', { body: { email: ada.email, password: `Guess-number-${i}` }, ip: `10.8.0.${i}` });
      assert.ok([401, 423].includes(guess.status), String(guess.status));
    }
    assert.equal((await post(t, ada, '/auth/password/change', { new_password: 'A-first-password-7' })).status, 200);
    const mail = t.outbox.list(ada.email).at(-1)!;
    assert.equal(mail.subject, 'A password was added to your Janua account');
    const first = await t.request('POST', '/api/v1/auth/signin', { body: { email: ada.email, password: 'A-first-password-7' }, ip: '10.8.1.1' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    // A later change is a change, and says so.
    assert.equal((await post(t, ada, '/auth/password/change', { current_password: 'A-first-password-7', new_password: 'A-second-password-8' })).status, 200);
    assert.equal(t.outbox.list(ada.email).at(-1)!.subject, 'Your Janua password was changed');
  });

  it('sets its first password through the change endpoint, which then asks for it', async () => {
    const t = createTestApp();
    const ada = await withoutPassword(t, 'ada');
    const weak = await post(t, ada, '/auth/password/change', { new_password: 'password' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, 'WEAK_PASSWORD');
    const set = await post(t, ada, '/auth/password/change', { new_password: 'A-first-password-7' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token: ada.token })).body.has_password, true);
    const signIn = await t.request('POST', '/api/v1/auth/signin', { body: { email: ada.email, password: 'A-first-password-7' } });
    assert.equal(signIn.status, 200);
    // From now on the password is what confirms, even with a sign-in this recent.
    const missing = await post(t, ada, '/auth/password/change', { new_password: 'Another-password-8' });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.error.details.validation_errors.map((e: { field: string; type: string }) => [e.field, e.type]),
      [['current_password', 'required']]);
    assert.equal((await post(t, ada, '/mfa/enable')).status, 422);
    const wrong = await post(t, ada, '/mfa/enable', { password: 'Not-it-at-all-1' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
  });
});
