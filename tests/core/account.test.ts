/** account(client) against the real server: links and codes read from its outbox. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { account, JanuaError, sessions } from '../../packages/core/src/index.ts';
import { codeAt, enableTotp, lastLink } from '../server/helpers/mfa.ts';
import { containsSecret, harness } from './helpers.ts';
import { browser, listen, signedUp, since, until } from './env.ts';

test('profile update goes through the same path as client.updateUser', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    const user = await account(client).update({ firstName: 'Grace', lastName: null });
    assert.equal(user.firstName, 'Grace');
    assert.equal(user.lastName, null);
    assert.equal(client.getSnapshot().user, user);
    assert.deepEqual(h.calls.at(-1)?.body, { first_name: 'Grace', last_name: null });
  } finally {
    h.destroy();
  }
});

test('change password: the current one is checked (a field error), other sessions can be ended', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h);
    const phone = h.client();
    await phone.signIn({ email, password });
    const list = sessions(client).list;
    list.subscribe(() => undefined);
    await until(() => list.getSnapshot().data?.length === 2, 'two sessions');
    const a = account(client);

    const wrong = await a.changePassword({ currentPassword: 'not it at all', newPassword: 'Another-password-2' }).catch((e: unknown) => e);
    assert.ok(wrong instanceof JanuaError && wrong.code === 'INVALID_CREDENTIALS' && wrong.status === 400);
    assert.equal(typeof wrong.fieldErrors.current_password, 'string');
    const weak = await a.changePassword({ currentPassword: password, newPassword: 'short' }).catch((e: unknown) => e);
    assert.ok(weak instanceof JanuaError && weak.code === 'VALIDATION_ERROR' && typeof weak.fieldErrors.new_password === 'string');

    const from = h.calls.length;
    assert.deepEqual(await a.changePassword({ currentPassword: password, newPassword: 'Another-password-2', revokeOtherSessions: true }), { revokedCount: 1 });
    assert.deepEqual(h.calls[from]?.body, { current_password: password, new_password: 'Another-password-2', revoke_other_sessions: true });
    await until(() => list.getSnapshot().data?.length === 1, 'the refetched sessions');
    assert.deepEqual(since(h, from), ['POST /auth/password/change 200', 'GET /sessions/ 200']);
    assert.equal(client.getSnapshot().status, 'signed-in');
    await phone.request('GET', '/auth/me').catch(() => undefined);
    assert.equal(phone.getSnapshot().status, 'signed-out');
    assert.equal((await h.client().signIn({ email, password: 'Another-password-2' })).status, 'complete');
  } finally {
    h.destroy();
  }
});

test('an account without a password: hasPassword false, its first password set without a current one, a stale sign-in refused with its reason', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    assert.equal(client.getSnapshot().user!.hasPassword, true);
    h.app.app.ctx.users.update(client.getSnapshot().user!.id, { password_hash: null });
    await client.updateUser({ firstName: 'Ada' });
    assert.equal(client.getSnapshot().user!.hasPassword, false);
    const a = account(client);
    h.app.clock.advance(11 * 60_000);
    const stale = await a.deleteAccount().catch((e: unknown) => e);
    assert.ok(stale instanceof JanuaError && stale.status === 403 && stale.details['reason'] === 'reauthentication_required');
    assert.equal(client.getSnapshot().status, 'signed-in');

    const again = await signedUp(h);
    h.app.app.ctx.users.update(again.client.getSnapshot().user!.id, { password_hash: null });
    await again.client.updateUser({ firstName: 'Grace' });
    const from = h.calls.length;
    assert.deepEqual(await account(again.client).changePassword({ newPassword: 'A-first-password-7' }), { revokedCount: 0 });
    assert.deepEqual(h.calls[from]?.body, { new_password: 'A-first-password-7' });
    assert.equal(again.client.getSnapshot().user!.hasPassword, true);
    assert.equal((await h.client().signIn({ email: again.email, password: 'A-first-password-7' })).status, 'complete');

    // A first password set on another device since: the 422 for the missing password reads the user again.
    const third = await signedUp(h);
    const id = third.client.getSnapshot().user!.id;
    h.app.app.ctx.users.update(id, { password_hash: null });
    await third.client.updateUser({ firstName: 'Hedy' });
    assert.equal(third.client.getSnapshot().user!.hasPassword, false);
    h.app.app.ctx.users.update(id, { password_hash: await h.app.app.ctx.hasher.hash('Set-elsewhere-2026') });
    const missing = await account(third.client).deleteAccount().catch((e: unknown) => e);
    assert.ok(missing instanceof JanuaError && missing.status === 422 && typeof missing.fieldErrors.password === 'string');
    assert.equal(third.client.getSnapshot().user!.hasPassword, true);
    assert.ok(h.app.app.ctx.users.get(id));
  } finally {
    h.destroy();
  }
});

test('forgotten password: the same answer for anyone, a mailed link resets it and ends every session', async () => {
  const h = await harness();
  try {
    const { client, email } = await signedUp(h);
    const anonymous = account(h.client());
    await anonymous.requestPasswordReset({ email: 'nobody-here@example.com' });
    await anonymous.requestPasswordReset({ email });
    const { link, token } = lastLink(h.app, email);
    assert.equal(link.pathname, '/reset-password');
    const weak = await anonymous.resetPassword({ token, newPassword: 'x' }).catch((e: unknown) => e);
    assert.ok(weak instanceof JanuaError && weak.status === 422);
    await anonymous.resetPassword({ token, newPassword: 'Brand-new-password-3' });
    const reused = await anonymous.resetPassword({ token, newPassword: 'Brand-new-password-4' }).catch((e: unknown) => e);
    assert.ok(reused instanceof JanuaError && reused.code === 'INVALID_TOKEN');
    await client.request('GET', '/auth/me').catch(() => undefined);
    assert.equal(client.getSnapshot().status, 'signed-out', 'a reset ends every session');
    assert.equal((await h.client().signIn({ email, password: 'Brand-new-password-3' })).status, 'complete');
  } finally {
    h.destroy();
  }
});

test('email verification updates the signed-in user here and in other tabs; resend sends a new link', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h, { crossTab: true });
    const tab2 = h.client({ crossTab: true });
    await tab2.signIn({ email, password });
    assert.equal(client.getSnapshot().user?.emailVerified, false);
    const a = account(client);
    const welcome = lastLink(h.app, email);
    await a.resendVerification();
    const resent = lastLink(h.app, email);
    assert.notEqual(resent.token, welcome.token);
    assert.equal(resent.link.pathname, '/verify-email');

    await a.verifyEmail(resent.token);
    assert.equal(client.getSnapshot().user?.emailVerified, true);
    await until(() => tab2.getSnapshot().user?.emailVerified === true, 'the other tab');
    const used = await a.verifyEmail(resent.token).catch((e: unknown) => e);
    assert.ok(used instanceof JanuaError && used.code === 'INVALID_TOKEN');
  } finally {
    h.destroy();
  }
});

test('magic link: requested, then completed by a client that signs in; an MFA account owes its factor (via magic-link)', async () => {
  const h = await harness();
  try {
    const { email } = await signedUp(h);
    const client = h.client();
    await client.ready;
    const a = account(client);
    const offSite = await a.requestMagicLink({ email, redirectUrl: 'https://evil.example/' }).catch((e: unknown) => e);
    assert.ok(offSite instanceof JanuaError && offSite.status === 422 && typeof offSite.fieldErrors.redirect_url === 'string');
    await a.requestMagicLink({ email, redirectUrl: `${h.app.issuer}/dashboard` });
    const { link, token } = lastLink(h.app, email);
    assert.equal(link.pathname, '/magic-link');
    const done = await a.completeMagicLink(token);
    assert.equal(done.status, 'complete');
    assert.equal(client.getSnapshot().status, 'signed-in');
    assert.equal(client.getSnapshot().user?.emailVerified, true, 'the link proved the address');
    const again = await a.completeMagicLink(token).catch((e: unknown) => e);
    assert.ok(again instanceof JanuaError && again.code === 'INVALID_TOKEN');

    const secured = await h.app.signUp({ password: 'Valid-password-1' });
    // Only an owner's factors are asked for: an unverified account is claimed by the link's holder
    // (its factors removed), so the address is confirmed first, as its owner would.
    h.app.app.ctx.users.update(secured.user.id, { email_verified: true });
    const { secret } = await enableTotp(h.app, secured);
    const other = h.client();
    await account(other).requestMagicLink({ email: secured.user.email });
    const result = await account(other).completeMagicLink(lastLink(h.app, secured.user.email).token);
    assert.equal(result.status, 'needs_mfa');
    assert.equal(other.getSnapshot().pending?.via, 'magic-link');
    assert.equal(other.getSnapshot().status, 'signed-out');
    assert.equal((await other.verifyMfa({ code: await codeAt(h.app, secret) })).status, 'complete');
    assert.equal(containsSecret(other.getSnapshot(), h.secrets), false);
  } finally {
    h.destroy();
  }
});

test('data export, then account deletion: password checked, then signed out here and in every tab', async () => {
  const h = await harness();
  const spy = listen();
  const b = browser(h);
  try {
    const { client, email, password, id } = await signedUp(h, { crossTab: true, refreshTransport: 'cookie', fetch: b.fetch });
    const tab2 = h.client({ crossTab: true, refreshTransport: 'cookie', fetch: b.fetch });
    await tab2.ready;
    assert.equal(tab2.getSnapshot().user?.id, id);
    const a = account(client);
    const data = await a.exportData();
    assert.equal((data.user as { email: string }).email, email);
    assert.equal(data.format, 'janua-export/1');

    const wrong = await a.deleteAccount('not the password').catch((e: unknown) => e);
    assert.ok(wrong instanceof JanuaError && wrong.code === 'INVALID_CREDENTIALS' && typeof wrong.fieldErrors.password === 'string');
    assert.equal(client.getSnapshot().status, 'signed-in');

    assert.ok(b.jar.size > 0);
    await a.deleteAccount(password);
    assert.equal(client.getSnapshot().status, 'signed-out');
    assert.equal(b.jar.size, 0, 'the refresh cookie is cleared with the account');
    await until(() => tab2.getSnapshot().status === 'signed-out', 'the other tab');
    await until(() => spy.messages.some((m) => m.type === 'signed-out' && m.everywhere === true), 'the sign-out message');
    const gone = await h.client().signIn({ email, password }).catch((e: unknown) => e);
    assert.ok(gone instanceof JanuaError && gone.code === 'INVALID_CREDENTIALS');
  } finally {
    spy.close();
    h.destroy();
  }
});
