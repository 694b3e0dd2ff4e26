import { expect, fixture, html } from '@open-wc/testing';
import '../../components/user-profile/define.ts';
import type { JanuaUserProfile } from '../../components/user-profile/user-profile.ts';
import {
  alertText, buttonNamed, fieldError, fill, focused, input, outbox, PASSWORD, signedIn, until, withoutExtensions,
  SLOW, region,
} from './account-helpers.ts';
import { captureDownloads } from './downloads.ts';

async function mount(sections?: string) {
  const ctx = await signedIn();
  const el = await fixture<JanuaUserProfile>(html`<janua-user-profile .client=${ctx.client} sections=${sections ?? ''}></janua-user-profile>`);
  const first = (sections || 'profile').split(' ')[0];
  await until(() => el.querySelector(`[data-janua-region="${first}"] :is(input, button)`), 'the first section');
  return { ...ctx, el };
}

const sectionAlert = (el: Element, name: string) => alertText(el, `#${name}-alert`);

describe('<janua-user-profile>', function () {
  this.timeout(SLOW);
  it('is accessible, every section shown', async () => {
    const { el } = await mount();
    await until(() => el.querySelector('janua-session-list .janua-item'), 'the sessions');
    await expect(el).to.be.accessible();
  });

  it('holds every section, each also an element of its own; `sections` picks some', async () => {
    const { el, client } = await mount();
    const headings = [...el.shadowRoot!.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).to.deep.equal(['Profile', 'Email address', 'Password', 'Danger zone']);
    for (const tag of ['janua-mfa-setup', 'janua-passkey-manager', 'janua-session-list']) {
      const child = el.querySelector(tag) as HTMLElement & { client: unknown };
      expect(child, tag).to.exist;
      expect(child.client).to.equal(client);
      expect(child.parentElement!.assignedSlot, `${tag} is shown`).to.exist;
    }
    el.sections = 'password danger';
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('h2')].map((h) => h.textContent)).to.deep.equal(['Password', 'Danger zone']);
    expect(el.querySelector('janua-mfa-setup')).to.equal(null);
  });

  it('saves names and username; a picture URL the server does not keep is said under its field', async () => {
    const { el, client, server } = await mount('profile');
    const events: string[] = [];
    el.addEventListener('janua-profile-updated', (e) => events.push(JSON.stringify(e.detail)));
    const form = region(el, 'profile');
    expect(input(form, 'first_name').value).to.equal('Ada');
    fill(form, 'first_name', 'Grace');
    fill(form, 'username', `grace${Date.now().toString(36)}`);
    buttonNamed(form, 'Save').click();
    await until(() => sectionAlert(el, 'profile') === 'Saved.', 'saved');
    expect(client.getSnapshot().user!.firstName).to.equal('Grace');
    expect(events).to.deep.equal([JSON.stringify({ userId: client.user!.id })]);
    const sent = JSON.parse(server.received.filter((r) => r.method === 'PATCH').at(-1)!.body);
    expect(sent).to.deep.equal({ first_name: 'Grace', last_name: 'Lovelace', username: sent.username });
    // The picture (ext on the reference server): kept, and a scheme that is no web address refused under its field.
    fill(form, 'profile_image_url', 'https://example.com/ada.png');
    buttonNamed(form, 'Save').click();
    await until(() => client.getSnapshot().user!.profileImageUrl === 'https://example.com/ada.png', 'the picture kept');
    expect(JSON.parse(server.received.filter((r) => r.method === 'PATCH').at(-1)!.body).profile_image_url).to.equal('https://example.com/ada.png');
    expect(fieldError(input(form, 'profile_image_url'))).to.equal('');
    fill(form, 'profile_image_url', 'javascript:alert(1)');
    buttonNamed(form, 'Save').click();
    await until(() => fieldError(input(form, 'profile_image_url')), 'the field error');
    expect(fieldError(input(form, 'profile_image_url'))).to.equal('Check the format of this field.');
    expect(input(form, 'profile_image_url').value, 'nothing typed is lost').to.equal('javascript:alert(1)');
    expect(client.getSnapshot().user!.profileImageUrl).to.equal('https://example.com/ada.png');
  });

  it('a server without the picture field (the contract\'s PATCH) is said under the field, not pretended', async () => {
    const { server } = await signedIn();
    const { client } = await withoutExtensions(server, { noPicture: true });
    const el = await fixture<JanuaUserProfile>(html`<janua-user-profile .client=${client} sections="profile"></janua-user-profile>`);
    await until(() => el.querySelector('[data-janua-region="profile"] input'), 'the form');
    const form = region(el, 'profile');
    fill(form, 'profile_image_url', 'https://example.com/ada.png');
    buttonNamed(form, 'Save').click();
    await until(() => fieldError(input(form, 'profile_image_url')), 'the picture message');
    expect(fieldError(input(form, 'profile_image_url'))).to.equal('This server does not store pictures.');
  });

  it('shows the email unverified with a way to get a new link', async () => {
    const { el, email, server } = await mount('email');
    await until(() => region(el, 'email').textContent!.includes('Not verified'), 'the status');
    expect(region(el, 'email').textContent).to.contain(email);
    const before = (await outbox(server, email)).length;
    buttonNamed(region(el, 'email'), 'Resend link').click();
    await until(() => sectionAlert(el, 'email') === `Link sent to ${email}.`, 'sent');
    expect((await outbox(server, email)).length).to.equal(before + 1);
  });

  it('changes the password with the current one, optionally signing out the other devices', async () => {
    const { el, server, email, client } = await mount('password');
    const phone = server.makeClient();
    await phone.signIn({ email, password: PASSWORD });
    const form = region(el, 'password');
    expect(input(form, 'current_password').autocomplete).to.equal('current-password');
    expect(input(form, 'new_password').autocomplete).to.equal('new-password');
    expect(form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value, 'the account, for password managers').to.equal(email);
    fill(form, 'current_password', 'not the password');
    fill(form, 'new_password', 'Another-password-2026');
    await el.updateComplete;
    expect(form.querySelector('.janua-strength')!.textContent).to.contain('strong');
    buttonNamed(form, 'Change password').click();
    await until(() => fieldError(input(form, 'current_password')), 'the wrong current password');
    expect(focused()).to.equal('input current_password');
    fill(form, 'current_password', PASSWORD);
    expect(input(form, 'sign_out_others').checked, 'ticked by default').to.equal(true);
    const events: number[] = [];
    el.addEventListener('janua-password-changed', (e) => events.push(e.detail.revokedCount));
    buttonNamed(form, 'Change password').click();
    await until(() => sectionAlert(el, 'password') === 'Saved.', 'changed');
    expect(events).to.deep.equal([1]);
    expect(input(form, 'new_password').value, 'the fields are cleared').to.equal('');
    await phone.request('GET', '/auth/me').catch(() => undefined);
    expect(phone.getSnapshot().status).to.equal('signed-out');
    expect(client.getSnapshot().status).to.equal('signed-in');
  });

  it('downloads my data as JSON: my email in it, no secret', async () => {
    const { el, email } = await mount('danger');
    const downloads = captureDownloads();
    try {
      buttonNamed(region(el, 'danger'), 'Download my data').click();
      await until(() => downloads.files.length, 'the download');
    } finally {
      downloads.stop();
    }
    const [file] = downloads.files;
    expect(file!.name).to.equal('account-data.json');
    const text = await file!.blob.text();
    expect(JSON.parse(text)).to.be.an('object');
    expect(text).to.contain(email);
    expect(text).not.to.contain(PASSWORD);
    expect(text).not.to.match(/"(password_hash|refresh_token|totp_secret)"\s*:\s*"/);
  });

  it('a server that answers 404 to the export (ext): the button goes, and the user is told why', async () => {
    const { server } = await signedIn();
    const { client } = await withoutExtensions(server, { routes: /^\/users\/me\/export$/ });
    const el = await fixture<JanuaUserProfile>(html`<janua-user-profile .client=${client} sections="danger"></janua-user-profile>`);
    await until(() => el.querySelector('[data-janua-region="danger"] button'), 'the danger zone');
    const downloads = captureDownloads();
    try {
      buttonNamed(region(el, 'danger'), 'Download my data').click();
      await until(() => sectionAlert(el, 'danger') === 'This server does not offer a download of your data.', 'the notice');
    } finally {
      downloads.stop();
    }
    expect(downloads.files).to.deep.equal([]);
    expect([...region(el, 'danger').querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Delete account']);
    expect(focused()).to.equal('h2 heading');
    await expect(el).to.be.accessible();
  });

  it('deletes the account after the password, then is signed out', async () => {
    const { el, client } = await mount('danger');
    const events: string[] = [];
    el.addEventListener('janua-account-deleted', (e) => events.push(e.detail.userId));
    const id = client.user!.id;
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => region(el, 'danger').querySelector('input[name="password"]'), 'the confirmation');
    expect(focused()).to.equal('input password');
    fill(region(el, 'danger'), 'password', 'wrong password again');
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => fieldError(input(region(el, 'danger'), 'password')), 'the wrong password');
    expect(client.getSnapshot().status).to.equal('signed-in');
    fill(region(el, 'danger'), 'password', PASSWORD);
    buttonNamed(region(el, 'danger'), 'Delete account').click();
    await until(() => client.getSnapshot().status === 'signed-out', 'signed out');
    await until(() => el.shadowRoot!.textContent!.includes('Your account was deleted.'), 'the outcome');
    expect(events).to.deep.equal([id]);
  });

  it('says to sign in when nobody is', async () => {
    const { el, client } = await mount('profile');
    await client.signOut();
    await until(() => el.shadowRoot!.textContent!.includes('Sign in to manage your account.'), 'signed out');
    expect(el.querySelector('input')).to.equal(null);
  });
});
