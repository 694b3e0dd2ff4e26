import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { account, type JanuaClient } from '@janua/core';
import '../../components/profile-details/define.ts';
import '../../components/email-settings/define.ts';
import '../../components/change-password/define.ts';
import '../../components/danger-zone/define.ts';
import {
  alertText, buttonNamed, fieldError, fill, focused, input, outbox, PASSWORD, region, signedIn, submitForm, until, SLOW,
} from './account-helpers.ts';
import { captureDownloads } from './downloads.ts';
import { restoringClient } from './restoring.ts';

/*
 * The four sections of <janua-user-profile> that are elements of their own: each renders only its
 * section's card (the same light-DOM region, parts and events as in the profile), works alone
 * against the server, and says to sign in when nobody is.
 */

const ELEMENTS = [
  { tag: 'janua-profile-details', section: 'profile', heading: 'Profile' },
  { tag: 'janua-email-settings', section: 'email', heading: 'Email address' },
  { tag: 'janua-change-password', section: 'password', heading: 'Password' },
  { tag: 'janua-danger-zone', section: 'danger', heading: 'Danger zone' },
] as const;
type Section = (typeof ELEMENTS)[number]['section'];

async function mount(tag: string, client: JanuaClient): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(staticHtml`<${unsafeStatic(tag)} .client=${client}></${unsafeStatic(tag)}>`);
  await until(() => el.querySelector('[data-janua-region] :is(input, button)'), `<${tag}>'s section`);
  return el;
}

const sectionAlert = (el: Element, name: Section) => alertText(el, `#${name}-alert`);
const headings = (el: Element) => [...el.shadowRoot!.querySelectorAll('h2')].map((h) => h.textContent);

describe('the account sections as elements of their own', function () {
  this.timeout(SLOW);

  for (const { tag, section, heading } of ELEMENTS) {
    describe(`<${tag}>`, () => {
      it('is accessible, and is only its section: its card, its one light-DOM region, no `sections` attribute', async () => {
        const { client } = await signedIn();
        const el = await mount(tag, client);
        await expect(el).to.be.accessible();
        expect(headings(el)).to.deep.equal([heading]);
        const card = el.shadowRoot!.querySelector('section')!;
        expect(card.getAttribute('part')).to.equal(`section ${section}-section`);
        expect(card.querySelector('slot')!.name).to.equal(section);
        expect([...el.querySelectorAll('[data-janua-region]')].map((r) => r.getAttribute('data-janua-region')), 'no empty region of another section')
          .to.deep.equal([section]);
        expect(region(el, section).assignedSlot, 'the region is shown in the card').to.equal(card.querySelector('slot'));
        // The profile's attribute is not theirs: it neither hides their section nor adds others.
        el.setAttribute('sections', section === 'danger' ? 'profile' : 'danger');
        await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        expect(headings(el)).to.deep.equal([heading]);
        expect(el.querySelector('janua-mfa-setup, janua-passkey-manager, janua-session-list')).to.equal(null);
      });

      it('says to sign in when nobody is, under its own heading', async () => {
        const { client } = await signedIn();
        const el = await mount(tag, client);
        await client.signOut();
        await until(() => el.shadowRoot!.textContent!.includes('Sign in to manage your account.'), 'signed out');
        expect(el.shadowRoot!.querySelector('[part~="card"] h2')!.textContent).to.equal(heading);
        expect(el.querySelector('input, button')).to.equal(null);
        await expect(el).to.be.accessible();
      });
    });
  }

  it('while the session restores, each holds its section disabled or as a placeholder, and is accessible', async () => {
    const { server, email } = await signedIn();
    const { client, release } = await restoringClient(server, email);
    try {
      const el = await fixture(html`<div>
        <janua-profile-details .client=${client}></janua-profile-details>
        <janua-email-settings .client=${client}></janua-email-settings>
        <janua-change-password .client=${client}></janua-change-password>
        <janua-danger-zone .client=${client}></janua-danger-zone></div>`);
      expect(client.getSnapshot().status).to.equal('loading');
      await until(() => el.querySelector('janua-danger-zone button'), 'the danger zone');
      expect(el.querySelector('janua-email-settings .janua-skeleton'), 'the email row holds its place').to.exist;
      expect(buttonNamed(el.querySelector('janua-profile-details')!, 'Save').matches(':disabled'), 'profile-details').to.equal(true);
      expect(buttonNamed(el.querySelector('janua-change-password')!, 'Change password').matches(':disabled'), 'change-password').to.equal(true);
      expect(buttonNamed(el.querySelector('janua-danger-zone')!, 'Delete account').matches(':disabled'), 'danger-zone').to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      // A held restore holds the page's refresh lock: the next test's clients would wait on it.
      release();
      await client.ready;
    }
  });

  it('<janua-profile-details> saves names and username, then says so and tells the page', async () => {
    const { client, server } = await signedIn();
    const el = await mount('janua-profile-details', client);
    const events: string[] = [];
    el.addEventListener('janua-profile-updated', (e) => events.push(e.detail.userId));
    const form = region(el, 'profile');
    expect(input(form, 'first_name').value).to.equal('Ada');
    fill(form, 'first_name', 'Grace');
    const username = `grace${Date.now().toString(36)}`;
    fill(form, 'username', username);
    buttonNamed(form, 'Save').click();
    await until(() => sectionAlert(el, 'profile') === 'Saved.', 'saved');
    expect(events).to.deep.equal([client.user!.id]);
    expect(JSON.parse(server.received.filter((r) => r.method === 'PATCH').at(-1)!.body))
      .to.deep.equal({ first_name: 'Grace', last_name: 'Lovelace', username });
    expect(client.getSnapshot().user!.firstName).to.equal('Grace');
  });

  it('<janua-profile-details> shows a change made elsewhere after its own save, and a later save keeps it', async () => {
    const { client, server } = await signedIn();
    const el = await mount('janua-profile-details', client);
    const form = region(el, 'profile');
    fill(form, 'first_name', 'Alice');
    buttonNamed(form, 'Save').click();
    await until(() => sectionAlert(el, 'profile') === 'Saved.', 'saved');
    // Another tab, or the app through the client, names the user again.
    await account(client).update({ firstName: 'Bob' });
    await until(() => input(form, 'first_name').value === 'Bob', `Bob in the field, not ${input(form, 'first_name').value}`);
    // Typed and not saved yet: a change to another field elsewhere leaves it as typed.
    fill(form, 'last_name', 'Half-typed');
    await account(client).update({ username: `bob${Date.now().toString(36)}` });
    await until(() => input(form, 'username').value === client.getSnapshot().user!.username, 'the new username in its field');
    expect(input(form, 'last_name').value).to.equal('Half-typed');
    expect(input(form, 'first_name').value).to.equal('Bob');
    fill(form, 'username', `bob${Date.now().toString(36)}x`);
    buttonNamed(form, 'Save').click();
    await until(() => server.received.filter((r) => r.method === 'PATCH').length === 4, 'the second save');
    expect(JSON.parse(server.received.filter((r) => r.method === 'PATCH').at(-1)!.body).first_name).to.equal('Bob');
  });

  it('<janua-profile-details>: focus waits on the button\'s twin during a save, and is not pulled back if the user went elsewhere', async () => {
    const { client, server } = await signedIn();
    const el = await mount('janua-profile-details', client);
    const form = region(el, 'profile');
    const field = input(form, 'first_name');
    fill(form, 'first_name', 'Grace');
    field.focus();
    server.hold();
    submitForm(form);
    await until(() => document.activeElement?.classList.contains('janua-pending-focus'), 'focus on the twin while saving');
    const twin = document.activeElement as HTMLElement;
    expect(twin.textContent).to.equal(buttonNamed(form, /One moment/).textContent!.trim());
    // Seen too: the ring is on the button it stands for.
    if (twin.matches(':focus-visible')) expect(getComputedStyle(buttonNamed(form, /One moment/)).outlineStyle).not.to.equal('none');
    const elsewhere = document.body.appendChild(document.createElement('button'));
    try {
      elsewhere.textContent = 'Elsewhere';
      elsewhere.focus();
      server.release();
      await until(() => sectionAlert(el, 'profile') === 'Saved.', 'saved');
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      // The restore runs in a task after the update; this one is queued after it.
      await new Promise((resolve) => setTimeout(resolve));
      expect(document.activeElement, 'left where the user put it').to.equal(elsewhere);
    } finally {
      elsewhere.remove();
    }
  });

  it('<janua-email-settings> mails a new link while the address is not verified, and says verified once it is', async () => {
    const { client, server, email } = await signedIn();
    const el = await mount('janua-email-settings', client);
    expect(region(el, 'email').textContent).to.contain(email).and.to.contain('Not verified');
    const events: unknown[] = [];
    el.addEventListener('janua-verification-sent', (e) => events.push(e.detail));
    const before = (await outbox(server, email)).length;
    buttonNamed(region(el, 'email'), 'Resend link').click();
    await until(() => sectionAlert(el, 'email') === `Link sent to ${email}.`, 'sent');
    expect(events).to.have.length(1);
    const mails = await outbox(server, email);
    expect(mails.length).to.equal(before + 1);
    await account(client).verifyEmail(new URL(mails.at(-1)!.link!).searchParams.get('token')!);
    await until(() => /Verified/.test(region(el, 'email').textContent!), 'verified');
    expect(region(el, 'email').querySelector('button'), 'no link to ask for').to.equal(null);
  });

  it('<janua-change-password> changes the password and signs out the other devices', async () => {
    const { client, server, email } = await signedIn();
    const phone = server.makeClient();
    await phone.signIn({ email, password: PASSWORD });
    const el = await mount('janua-change-password', client);
    const form = region(el, 'password');
    expect(input(form, 'current_password').autocomplete).to.equal('current-password');
    expect(form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value, 'the account, for password managers').to.equal(email);
    fill(form, 'current_password', 'not the password');
    fill(form, 'new_password', 'Another-password-2026');
    buttonNamed(form, 'Change password').click();
    await until(() => fieldError(input(form, 'current_password')), 'the wrong current password');
    expect(focused()).to.equal('input current_password');
    const events: number[] = [];
    el.addEventListener('janua-password-changed', (e) => events.push(e.detail.revokedCount));
    fill(form, 'current_password', PASSWORD);
    // Ticked by default: a changed password usually means another device should go.
    expect(input(form, 'sign_out_others').checked).to.equal(true);
    buttonNamed(form, 'Change password').click();
    await until(() => sectionAlert(el, 'password') === 'Saved.', 'changed');
    expect(events).to.deep.equal([1]);
    await phone.request('GET', '/auth/me').catch(() => undefined);
    expect(phone.getSnapshot().status).to.equal('signed-out');
    await client.signOut();
    expect((await client.signIn({ email, password: 'Another-password-2026' })).status).to.equal('complete');
  });

  it('<janua-danger-zone> downloads my data as JSON, then deletes the account after the password', async () => {
    const { client, email } = await signedIn();
    const el = await mount('janua-danger-zone', client);
    const downloads = captureDownloads();
    try {
      buttonNamed(region(el, 'danger'), 'Download my data').click();
      await until(() => downloads.files.length, 'the download');
    } finally {
      downloads.stop();
    }
    expect(downloads.files[0]!.name).to.equal('account-data.json');
    const text = await downloads.files[0]!.blob.text();
    expect(text).to.contain(email).and.not.to.contain(PASSWORD);

    const events: string[] = [];
    el.addEventListener('janua-account-deleted', (e) => events.push(e.detail.userId));
    const id = client.user!.id;
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => region(el, 'danger').querySelector('input[name="password"]'), 'the confirmation');
    expect(focused()).to.equal('input password');
    await expect(el).to.be.accessible();
    fill(region(el, 'danger'), 'password', PASSWORD);
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => el.shadowRoot!.textContent!.includes('Your account was deleted.'), 'the outcome');
    expect(events).to.deep.equal([id]);
    expect(client.getSnapshot().status).to.equal('signed-out');
    expect(el.shadowRoot!.querySelector('[part~="card"] h2')!.textContent).to.equal('Danger zone');
  });

  it('<janua-danger-zone> leaves its delete confirmation when another account signs in without a sign-out between', async () => {
    const { client, server } = await signedIn();
    const el = await mount('janua-danger-zone', client);
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => region(el, 'danger').querySelector('input[name="password"]'), 'the confirmation');
    const other = `other-${Date.now()}@example.com`;
    await server.makeClient().signUp({ email: other, password: PASSWORD });
    await client.signIn({ email: other, password: PASSWORD });
    await until(() => !region(el, 'danger').querySelector('input[name="password"]'), 'the confirmation gone');
    expect(client.getSnapshot().user!.email).to.equal(other);
  });
});
