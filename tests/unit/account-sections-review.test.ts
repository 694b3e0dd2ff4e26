import { expect, fixture, html } from '@open-wc/testing';
import '../../components/change-password/define.ts';
import '../../components/danger-zone/define.ts';
import '../../components/profile-details/define.ts';
import '../../components/user-profile/define.ts';
import { alertText, buttonNamed, fill, focused, input, PASSWORD, region, signedIn, until, SLOW } from './account-helpers.ts';

/*
 * The account sections (alone and inside <janua-user-profile>, one class) after a request: what
 * password managers still see, where focus is, and what is left over from a session that ended.
 */

async function mount(template: ReturnType<typeof html>, name: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(template);
  await until(() => el.querySelector(`[data-janua-region="${name}"] :is(input, button):enabled`), `the ${name} section`);
  return el;
}

/** Presses a light-DOM button as a keyboard user does: focus, then activate. */
function press(button: HTMLButtonElement): void {
  button.focus();
  button.click();
}

async function deleteAccount(el: HTMLElement): Promise<void> {
  press(buttonNamed(region(el, 'danger'), 'Delete account'));
  await until(() => region(el, 'danger').querySelector('input[name="password"]'), 'the confirmation');
  fill(region(el, 'danger'), 'password', PASSWORD);
  press(buttonNamed(region(el, 'danger'), 'Delete account'));
  await until(() => el.shadowRoot!.textContent!.includes('Your account was deleted.'), 'the outcome');
}

describe('account sections after a request', function () {
  this.timeout(SLOW);

  it('<janua-change-password>: after the change the passwords are cleared, the hidden username still names the account, and focus stays on the button', async () => {
    const { client, email } = await signedIn();
    const el = await mount(html`<janua-change-password .client=${client}></janua-change-password>`, 'password');
    const form = region(el, 'password');
    fill(form, 'current_password', PASSWORD);
    fill(form, 'new_password', 'Another-password-2026');
    input(form, 'sign_out_others').click();
    expect(input(form, 'sign_out_others').checked, 'unticked').to.equal(false);
    press(buttonNamed(form, 'Change password'));
    await until(() => alertText(el, '#password-alert') === 'Saved.', 'changed');
    expect([input(form, 'current_password').value, input(form, 'new_password').value, input(form, 'sign_out_others').checked])
      .to.deep.equal(['', '', true]);
    expect(form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value, 'the account, for the password manager').to.equal(email);
    await until(() => focused() === 'button "Change password"', `focus on the button, not ${focused()}`, 5000);
  });

  it('<janua-profile-details>: after Save, focus stays on the button, not the page', async () => {
    const { client } = await signedIn();
    const el = await mount(html`<janua-profile-details .client=${client}></janua-profile-details>`, 'profile');
    fill(region(el, 'profile'), 'first_name', 'Grace');
    press(buttonNamed(region(el, 'profile'), 'Save'));
    await until(() => alertText(el, '#profile-alert') === 'Saved.', 'saved');
    await until(() => focused() === 'button "Save"', `focus on the button, not ${focused()}`, 5000);
  });

  it('<janua-danger-zone>: signed in again after a deletion, it starts over, and a later sign-out is not a deletion', async () => {
    const { client, email } = await signedIn();
    const el = await mount(html`<janua-danger-zone .client=${client}></janua-danger-zone>`, 'danger');
    await deleteAccount(el);
    await client.signUp({ email, password: PASSWORD, firstName: 'Ada' });
    await until(() => region(el, 'danger')?.querySelector('button:enabled'), 'the section again');
    expect(Boolean(region(el, 'danger').querySelector('input')), 'no confirmation left open').to.equal(false);
    expect([...region(el, 'danger').querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Download my data', 'Delete account']);
    await client.signOut();
    await until(() => el.shadowRoot!.querySelector('[part~="subtitle"]'), 'signed out');
    expect(el.shadowRoot!.querySelector('[part~="subtitle"]')!.textContent).to.equal('Sign in to manage your account.');
  });

  it('<janua-user-profile>: a confirmation left open when the session ended elsewhere is not there at the next sign-in', async () => {
    const { client, email } = await signedIn();
    const el = await mount(html`<janua-user-profile .client=${client} sections="danger"></janua-user-profile>`, 'danger');
    press(buttonNamed(region(el, 'danger'), 'Delete account'));
    await until(() => region(el, 'danger').querySelector('input[name="password"]'), 'the confirmation');
    // Another tab signs out: this client hears it as its own sign-out.
    await client.signOut();
    await until(() => el.shadowRoot!.textContent!.includes('Sign in to manage your account.'), 'signed out');
    await client.signIn({ email, password: PASSWORD });
    await until(() => region(el, 'danger')?.querySelector('button:enabled'), 'the section again');
    expect(Boolean(region(el, 'danger').querySelector('input[name="password"]')), 'no confirmation left open').to.equal(false);
  });
});
