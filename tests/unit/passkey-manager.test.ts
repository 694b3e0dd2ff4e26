import { expect, fixture, html } from '@open-wc/testing';
import { passkeys } from '@janua/core';
import '../../components/passkey-manager/define.ts';
import type { JanuaPasskeyManager } from '../../components/passkey-manager/passkey-manager.ts';
import { alertText, buttonNamed, deepActive, fill, focused, input, labelledName, signedIn, storePasskey, until, waitButton, SLOW } from './account-helpers.ts';
import { HAS_WEBAUTHN } from './helpers.ts';

async function mount(names: string[] = []) {
  const ctx = await signedIn();
  const ids = names.map((name, i) => storePasskey(ctx.server, ctx.client, name, i ? Date.parse('2026-05-06T07:08:00Z') : null));
  const el = await fixture<JanuaPasskeyManager>(html`<janua-passkey-manager .client=${ctx.client}></janua-passkey-manager>`);
  await until(() => el.querySelector('.janua-item'), 'the list');
  return { ...ctx, el, ids };
}

const rows = (el: Element) => [...el.querySelectorAll('.janua-item')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

/** Swaps the browser's WebAuthn for the duration of `run` (`null`: a browser without it). */
async function withCredentials(create: (() => Promise<unknown>) | null, run: () => Promise<void>): Promise<void> {
  const pkc = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
  // WebKitGTK has no WebAuthn at all: no `navigator.credentials`, no `PublicKeyCredential`.
  const container = navigator.credentials as CredentialsContainer | undefined;
  const original = container?.create;
  try {
    if (create) container!.create = create as NonNullable<typeof original>;
    else Object.defineProperty(window, 'PublicKeyCredential', { configurable: true, value: undefined });
    await run();
  } finally {
    if (container && original) container.create = original;
    if (pkc) Object.defineProperty(window, 'PublicKeyCredential', pkc);
    else delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  }
}

describe('<janua-passkey-manager>', function () {
  this.timeout(SLOW);
  it('is accessible, with passkeys and while renaming', async () => {
    const { el } = await mount(['MacBook', 'Phone']);
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Rename').click();
    await until(() => el.querySelector('input[name="name"]'), 'the rename field');
    await expect(el).to.be.accessible();
  });

  it('lists name, created and last used in the element language', async () => {
    const { el } = await mount(['MacBook', 'Phone']);
    expect(rows(el)).to.have.length(2);
    const [mac, phone] = rows(el);
    expect(mac).to.match(/^MacBook Created Mar 4, 2026, \d+:00 [AP]M · last used never/);
    expect(phone).to.match(/last used May 6, 2026/);
    el.locale = 'fr';
    await until(() => rows(el)[0]!.includes('4 mars 2026'), 'French dates');
  });

  it('renames in place: the field takes focus, Enter saves, the list follows', async () => {
    const { el, ids, client } = await mount(['MacBook']);
    const events: string[] = [];
    el.addEventListener('janua-passkey-renamed', (e) => events.push(e.detail.passkeyId));
    const rename = buttonNamed(el, 'Rename');
    expect(labelledName(rename)).to.equal('Rename MacBook');
    expect(labelledName(buttonNamed(el, 'Delete'))).to.equal('Delete MacBook');
    // As a keyboard user does it (a script's click() moves no focus).
    rename.focus();
    rename.click();
    await until(() => el.querySelector('input[name="name"]'), 'the field');
    expect(focused()).to.equal('input name');
    expect(input(el, 'name').value).to.equal('MacBook');
    fill(el, 'name', 'Work laptop');
    input(el, 'name').form!.requestSubmit();
    await until(() => rows(el)[0]!.startsWith('Work laptop'), 'the new name');
    expect(alertText(el)).to.equal('Saved.');
    // Back on the row's button that opened the step, not the card's heading.
    await until(() => focused() === 'button "Rename"', 'focus back on Rename');
    expect(events).to.deep.equal(ids);
    expect((await passkeys(client).list.load())[0]!.name).to.equal('Work laptop');
  });

  it('deletes after a confirmation that names the passkey; Cancel keeps it', async () => {
    const { el, ids } = await mount(['MacBook', 'Phone']);
    const events: string[] = [];
    el.addEventListener('janua-passkey-removed', (e) => events.push(e.detail.passkeyId));
    el.querySelectorAll<HTMLButtonElement>('.janua-item button')[1]!.click();
    await until(() => el.textContent!.includes('Delete MacBook?'), 'the confirmation');
    expect(focused()).to.equal('button "Delete"');
    buttonNamed(el, 'Cancel').click();
    await until(() => rows(el).length === 2 && !el.textContent!.includes('Delete MacBook?'), 'back');
    el.querySelectorAll<HTMLButtonElement>('.janua-item button')[1]!.focus();
    el.querySelectorAll<HTMLButtonElement>('.janua-item button')[1]!.click();
    await until(() => el.textContent!.includes('Delete MacBook?'), 'the confirmation, opened from the keyboard');
    buttonNamed(el, 'Cancel').click();
    await until(() => rows(el).length === 2 && !el.textContent!.includes('Delete MacBook?'), 'back again');
    await until(() => deepActive() === el.querySelectorAll('.janua-item button')[1], 'focus back on the Delete button that opened it');
    el.querySelectorAll<HTMLButtonElement>('.janua-item button')[1]!.click();
    await until(() => el.querySelector('.janua-danger'), 'the confirmation again');
    el.querySelector<HTMLButtonElement>('.janua-danger .janua-submit')!.click();
    await until(() => rows(el).length === 1, 'one left');
    expect(rows(el)[0]).to.match(/^Phone/);
    expect(events).to.deep.equal([ids[0]]);
  });

  it('says when there are none, and adds one through WebAuthn; a dismissed prompt is said plainly', async function () {
    // Adding a passkey needs WebAuthn in the browser; WebKitGTK has none (Chromium and Firefox run it).
    if (!HAS_WEBAUTHN) this.skip();
    const { el } = await mount();
    expect(rows(el)).to.deep.equal(['No passkeys yet.']);
    await withCredentials(async () => { throw new DOMException('The user said no', 'NotAllowedError'); }, async () => {
      buttonNamed(el, 'Add a passkey').click();
      await until(() => alertText(el).includes('cancelled'), 'the cancelled message');
    });
    expect(buttonNamed(el, 'Add a passkey').disabled).to.equal(false);
  });

  it('asks to sign in again when the sign-in is too old to add a passkey (the server wants a recent one)', async function () {
    if (!HAS_WEBAUTHN) this.skip();
    const { el, server, client } = await mount();
    server.app.ctx.sessions.sessions.updateWhere({ user_id: client.getSnapshot().user!.id }, { created_at: Date.now() - 11 * 60_000 });
    let asked = 0;
    await withCredentials(async () => { asked++; throw new DOMException('not reached', 'NotAllowedError'); }, async () => {
      buttonNamed(el, 'Add a passkey').click();
      await until(() => alertText(el) === 'Sign in again to confirm it is you, then make this change within ten minutes.', `the message, not "${alertText(el)}"`);
    });
    expect(asked, 'no ceremony for a refused request').to.equal(0);
    // The way to do it is in the alert: sign out, then sign in again.
    await until(() => el.shadowRoot!.querySelector('janua-alert janua-sign-out-button'), 'the sign-out button in the alert');
    await expect(el).to.be.accessible();
  });

  it('says plainly when the browser cannot do passkeys, and still lists, renames and deletes', async () => {
    await withCredentials(null, async () => {
      const { el } = await mount(['Old key']);
      expect(el.textContent).to.contain('This browser cannot create passkeys.');
      expect(() => buttonNamed(el, 'Add a passkey')).to.throw();
      expect(rows(el)[0]).to.match(/^Old key/);
      await waitButton(el, 'Rename');
    });
  });
});
