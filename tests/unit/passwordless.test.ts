import { expect, fixture, html } from '@open-wc/testing';
import type { JanuaClient } from '@janua/core';
import '../../components/backup-codes/define.ts';
import '../../components/change-password/define.ts';
import '../../components/danger-zone/define.ts';
import '../../components/mfa-setup/define.ts';
import {
  alertText, buttonNamed, fill, focused, region, signedIn, until, waitButton, SLOW, type Server,
} from './account-helpers.ts';
import { totp } from './totp.ts';

/*
 * An account without a password (it signs in through a provider, SSO, a link or a passkey; the
 * server says `has_password: false`, ext): its sensitive changes ask for no password, and once its
 * sign-in is over ten minutes old the server asks it to sign in again, which the kit says plainly.
 */

const REAUTHENTICATE = 'Sign in again to confirm it is you, then make this change within ten minutes.';

/** A new account made passwordless on the server, its client told so by its next user answer. */
async function passwordless(): Promise<{ server: Server; client: JanuaClient; email: string }> {
  const ctx = await signedIn();
  const id = ctx.client.getSnapshot().user!.id;
  ctx.server.app.ctx.users.update(id, { password_hash: null });
  await ctx.client.updateUser({ firstName: 'Ada' });
  expect(ctx.client.getSnapshot().user!.hasPassword, 'the client read has_password').to.equal(false);
  return ctx;
}

/** The sign-out button the alert offers (`selector`: which alert), once its code has loaded. */
function signOutInAlert(el: HTMLElement, selector = 'janua-alert'): HTMLButtonElement | null {
  return el.shadowRoot!.querySelector(`${selector} janua-sign-out-button`)?.shadowRoot?.querySelector('button') ?? null;
}

/** The session's sign-in, moved back past the ten minutes a passwordless confirmation allows. */
function ageSignIn(server: Server, client: JanuaClient): void {
  server.app.ctx.sessions.sessions.updateWhere({ user_id: client.getSnapshot().user!.id }, { created_at: Date.now() - 11 * 60_000 });
}

describe('an account without a password', function () {
  this.timeout(SLOW);

  it('<janua-mfa-setup>: Set up goes straight to the QR code, with no password to confirm, and focus on the code field', async () => {
    const { client } = await passwordless();
    const el = await fixture<HTMLElement>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('.janua-qr'), 'the QR code');
    expect(el.querySelector('input[type="password"]'), 'no password field').to.equal(null);
    await until(() => focused() === 'input code', `focus on the code, not ${focused()}`);
    await expect(el).to.be.accessible();
  });

  it('<janua-mfa-setup>: a sign-in too old says to sign in again, in the alert, which takes focus', async () => {
    const { server, client } = await passwordless();
    ageSignIn(server, client);
    const el = await fixture<HTMLElement>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    buttonNamed(el, 'Set up').click();
    await until(() => alertText(el) === REAUTHENTICATE, `the message, not "${alertText(el)}"`);
    expect(buttonNamed(el, 'Set up'), 'still on the overview').to.be.instanceOf(HTMLButtonElement);
    expect(el.querySelector('.janua-qr')).to.equal(null);
    await until(() => el.shadowRoot!.activeElement?.localName === 'janua-alert', `focus on the alert, not ${focused()}`);
    // The way to do it is in the alert: sign out, then sign in again.
    await until(() => signOutInAlert(el), 'the sign-out button in the alert');
    await expect(el).to.be.accessible();
    signOutInAlert(el)!.focus();
    signOutInAlert(el)!.click();
    await until(() => client.getSnapshot().status === 'signed-out', 'signed out');
    await until(() => el.shadowRoot!.activeElement?.classList.contains('heading'), `focus on the heading, not ${focused()}`);
    expect(signOutInAlert(el), 'gone with the session').to.equal(null);
  });

  it('<janua-mfa-setup>: the sign-out action is there only for a sign-in too old, and leaves with the message', async () => {
    const { server, client } = await passwordless();
    const el = await fixture<HTMLElement>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    expect(signOutInAlert(el), 'none before an error').to.equal(null);
    ageSignIn(server, client);
    buttonNamed(el, 'Set up').click();
    await until(() => signOutInAlert(el), 'the action');
    // A fresh sign-in (here: the session made recent again) and the next try goes through.
    server.app.ctx.sessions.sessions.updateWhere({ user_id: client.getSnapshot().user!.id }, { created_at: Date.now() });
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('.janua-qr'), 'the QR code');
    expect(signOutInAlert(el), 'gone with the error').to.equal(null);
  });

  it('<janua-mfa-setup>: a first password set on another device since leads to the password step, focused', async () => {
    const { server, client } = await passwordless();
    const id = client.getSnapshot().user!.id;
    server.app.ctx.users.update(id, { password_hash: await server.app.ctx.hasher.hash('Set-elsewhere-2026') });
    const el = await fixture<HTMLElement>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    await until(() => focused() === 'input password', `focus on it, not ${focused()}`);
    expect(client.getSnapshot().user!.hasPassword).to.equal(true);
    fill(el, 'password', 'Set-elsewhere-2026');
    buttonNamed(el, 'Continue').click();
    await until(() => el.querySelector('.janua-qr'), 'the QR code');
  });

  it('<janua-change-password>: sets a first password without a current one, then asks for it', async () => {
    const { client, email } = await passwordless();
    const el = await fixture<HTMLElement>(html`<janua-change-password .client=${client}></janua-change-password>`);
    await until(() => region(el, 'password')?.querySelector('input[name="new_password"]'), 'the form');
    const form = region(el, 'password');
    expect(form.querySelector('input[name="current_password"]'), 'no current password to type').to.equal(null);
    expect(form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value, 'the account, for the password manager')
      .to.equal(email);
    fill(form, 'new_password', 'A-first-password-2026');
    buttonNamed(form, 'Set password').click();
    await until(() => alertText(el, '#password-alert') === 'Saved.', 'saved');
    expect(client.getSnapshot().user!.hasPassword).to.equal(true);
    await until(() => region(el, 'password').querySelector('input[name="current_password"]'), 'the current password, asked from now on');
    expect(buttonNamed(region(el, 'password'), 'Change password')).to.be.instanceOf(HTMLButtonElement);
    const signIn = await client.signIn({ email, password: 'A-first-password-2026' });
    expect(signIn.status).to.equal('complete');
  });

  it('<janua-danger-zone>: deletes within ten minutes of the sign-in without a password; later it says to sign in again and keeps the account', async () => {
    const stale = await passwordless();
    ageSignIn(stale.server, stale.client);
    const el = await fixture<HTMLElement>(html`<janua-danger-zone .client=${stale.client}></janua-danger-zone>`);
    await until(() => region(el, 'danger')?.querySelector('button:enabled'), 'the section');
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => region(el, 'danger').querySelectorAll('button').length === 2, 'the confirmation');
    expect(region(el, 'danger').querySelector('input[type="password"]')).to.equal(null);
    await expect(el).to.be.accessible();
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => alertText(el, '#danger-alert') === REAUTHENTICATE, `the message, not "${alertText(el, '#danger-alert')}"`);
    expect(signOutInAlert(el, '#danger-alert'), 'the way out, in the section\'s alert').to.be.instanceOf(HTMLButtonElement);
    expect(stale.client.getSnapshot().status).to.equal('signed-in');
    expect(stale.server.app.ctx.users.get(stale.client.getSnapshot().user!.id)).to.not.equal(undefined);

    const recent = await passwordless();
    const other = await fixture<HTMLElement>(html`<janua-danger-zone .client=${recent.client}></janua-danger-zone>`);
    await until(() => region(other, 'danger')?.querySelector('button:enabled'), 'the section');
    const id = recent.client.getSnapshot().user!.id;
    buttonNamed(region(other, 'danger'), 'Delete account').click();
    await until(() => region(other, 'danger').querySelectorAll('button').length === 2, 'the confirmation');
    buttonNamed(region(other, 'danger'), 'Delete account').click();
    await until(() => other.shadowRoot!.textContent!.includes('Your account was deleted.'), 'the outcome');
    expect(recent.server.app.ctx.users.get(id)).to.equal(undefined);
  });

  it('<janua-backup-codes>: new codes without a password', async () => {
    const { client } = await passwordless();
    const el = await fixture<HTMLElement>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('.janua-secret'), 'the scan step');
    fill(el, 'code', await totp(el.querySelector('.janua-secret')!.textContent!.replace(/\s/g, '')));
    buttonNamed(el, 'Verify').click();
    await until(() => client.getSnapshot().user!.mfaEnabled, 'two-step on');
    const codes = await fixture<HTMLElement>(html`<janua-backup-codes .client=${client}></janua-backup-codes>`);
    await waitButton(codes, 'Generate new codes');
    buttonNamed(codes, 'Generate new codes').click();
    await until(() => codes.querySelector('form button[type="submit"]'), 'the confirmation step');
    expect(codes.querySelector('input[type="password"]')).to.equal(null);
    buttonNamed(codes.querySelector('form')!, 'Generate new codes').click();
    await until(() => codes.querySelector('.janua-codes'), 'the new codes');
  });
});
