import { expect, fixture, html } from '@open-wc/testing';
import '../../components/backup-codes/define.ts';
import '../../components/mfa-setup/define.ts';
import { PASSWORD, createAccount } from './helpers.ts';
import { alertText, buttonNamed, fieldError, signedIn, until, waitButton, SLOW } from './account-helpers.ts';

/*
 * A sign-out ends what an account element was in the middle of: codes shown once, a step, an
 * error. Whoever signs in next on this page starts from the overview and sees nothing of the last
 * person's (a shared computer, a kiosk).
 */

describe('account elements across a sign-out', function () {
  this.timeout(SLOW);

  it('<janua-backup-codes>: codes shown once are gone after a sign-out, for the next account too', async () => {
    const { server, client } = await signedIn();
    const codes = ['aaaa-1111', 'bbbb-2222', 'cccc-3333'];
    const el = await fixture<HTMLElement & { codes?: readonly string[] }>(html`<janua-backup-codes .client=${client} .codes=${codes}></janua-backup-codes>`);
    await until(() => el.textContent!.includes('aaaa-1111'), 'the codes shown');
    await client.signOut();
    await until(() => !el.textContent!.includes('aaaa-1111'), 'the codes gone when signed out');
    expect(el.codes, 'dropped').to.equal(undefined);
    const next = await createAccount(server.client);
    await client.signIn({ email: next, password: PASSWORD });
    await until(() => el.querySelector('.janua-list:not([aria-busy])'), 'the next account\'s overview');
    expect(el.textContent, 'none of the codes').to.not.contain('bbbb-2222');
  });

  it('<janua-mfa-setup>: an error and its step do not outlive the session', async () => {
    const { server, client } = await signedIn();
    const el = await fixture<HTMLElement>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[type="password"]'), 'the password step');
    const form = el.querySelector('form')!;
    form.querySelector<HTMLInputElement>('input[type="password"]')!.value = 'not the password';
    form.requestSubmit();
    // The wrong password is said under its field (the alert adds nothing).
    await until(() => fieldError(form.querySelector<HTMLInputElement>('input[type="password"]')!) !== '', 'the refusal');
    await client.signOut();
    const next = await createAccount(server.client);
    await client.signIn({ email: next, password: PASSWORD });
    await waitButton(el, 'Set up');
    expect(alertText(el), 'no message of the last session').to.equal('');
    expect(el.querySelector('input[type="password"]'), 'back on the overview').to.equal(null);
  });
});
