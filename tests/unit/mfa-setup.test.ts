import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient, mfa } from '@janua/core';
import '../../components/mfa-setup/define.ts';
import type { JanuaMfaSetup } from '../../components/mfa-setup/mfa-setup.ts';
import { oneTimeTokensTable } from '../../packages/server/src/recovery/one-time-tokens.ts';
import { API, startServer, uniqueEmail } from './helpers.ts';
import { totp } from './totp.ts';
import {
  alertText, buttonNamed, fieldError, focused, fill, input, labelledName, outbox, PASSWORD, signedIn, stubClipboard, until, waitButton,
  withoutExtensions, SLOW, type Server,
} from './account-helpers.ts';

async function mount() {
  const ctx = await signedIn();
  const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${ctx.client}></janua-mfa-setup>`);
  await waitButton(el, 'Set up');
  return { ...ctx, el };
}

/** Takes the account's texted codes past their 5 minutes, as waiting would. */
function expireTexts(server: Server, client: JanuaClient): void {
  server.app.ctx.store.table(oneTimeTokensTable).updateWhere({ user_id: client.getSnapshot().user!.id }, { expires_at: Date.now() - 1 });
}

/** Every event the element sent, with its detail as JSON (to prove no secret is in one). */
function record(el: Element): string[] {
  const seen: string[] = [];
  for (const name of ['janua-mfa-enabled', 'janua-mfa-disabled', 'janua-backup-codes-saved', 'janua-error']) {
    el.addEventListener(name, (e) => seen.push(`${name} ${JSON.stringify((e as CustomEvent).detail)}`));
  }
  return seen;
}

/** Set up, the password, Continue: the scan step (QR code and key); returns the key without its spaces. */
async function toScanStep(el: JanuaMfaSetup): Promise<string> {
  buttonNamed(el, 'Set up').click();
  await until(() => el.querySelector('input[name="password"]'), 'the password step');
  fill(el, 'password', PASSWORD);
  buttonNamed(el, 'Continue').click();
  await until(() => el.querySelector('.janua-secret'), 'the scan step');
  return el.querySelector('.janua-secret')!.textContent!.replace(/\s/g, '');
}

/** Turns the authenticator app on through the element, as a user would; returns the secret shown. */
async function enableApp(el: JanuaMfaSetup): Promise<string> {
  const secret = await toScanStep(el);
  fill(el, 'code', await totp(secret));
  buttonNamed(el, 'Verify').click();
  await until(() => el.querySelector('janua-backup-codes .janua-codes'), 'the backup codes');
  return secret;
}

/** From the factor list to the step that asks for the code texted to `phone`. */
async function toCodeStep(el: HTMLElement, phone: string): Promise<void> {
  el.querySelectorAll<HTMLButtonElement>('button')[1]!.click();
  await until(() => el.querySelector('input[name="phone_number"]'), 'the phone step');
  fill(el, 'phone_number', phone);
  fill(el, 'password', PASSWORD);
  buttonNamed(el, 'Send code').click();
  await until(() => el.querySelector('input[name="code"]'), 'the code step');
}

describe('<janua-mfa-setup>', function () {
  this.timeout(SLOW);
  it('is accessible, at every step of turning on the authenticator app', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    // Each factor's button is named with its factor: two "Set up" would read alike.
    const setUps = [...el.querySelectorAll('.janua-item button')].map(labelledName);
    expect(setUps).to.include('Set up Authenticator app');
    expect(new Set(setUps).size).to.equal(setUps.length);
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    await expect(el).to.be.accessible();
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Continue').click();
    await until(() => el.querySelector('.janua-qr'), 'the QR code');
    await expect(el).to.be.accessible();
  });

  it('turns on TOTP: password, the server QR code and grouped key, a first code, then the backup codes once', async () => {
    const { el, client, server } = await mount();
    const seen = record(el);
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    expect(focused(), 'the confirmation step focuses its field').to.equal('input password');
    expect(input(el, 'password').autocomplete).to.equal('current-password');
    // Wrong password: said under the field; nothing starts.
    fill(el, 'password', 'not my password');
    buttonNamed(el, 'Continue').click();
    await until(() => fieldError(input(el, 'password')), 'the field error');
    expect(fieldError(input(el, 'password'))).to.contain('not correct');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Continue').click();
    await until(() => el.querySelector('.janua-secret'), 'the scan step');
    const qr = el.querySelector<HTMLImageElement>('img.janua-qr')!;
    expect(qr.src).to.match(/^data:image\/svg\+xml/);
    expect(qr.alt).to.equal('QR code');
    const shown = el.querySelector('.janua-secret')!.textContent!;
    expect(shown, 'grouped by four').to.match(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(focused()).to.equal('input code');
    // The field that takes focus says what to do with it (a screen reader reads it there).
    const said = input(el, 'code').getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(said[0]).to.equal('Scan this with your authenticator app (or type in the key), then enter the code it shows.');
    // The attribute: Firefox's `autocomplete` property reads '' for one-time-code, a token it does not know.
    expect(input(el, 'code').getAttribute('autocomplete')).to.equal('one-time-code');
    fill(el, 'code', '000000');
    buttonNamed(el, 'Verify').click();
    await until(() => fieldError(input(el, 'code')) === 'That code is not right. Check it and try again.', 'the wrong-code message');
    expect(input(el, 'code').getAttribute('aria-invalid'), 'the field is marked, as in the sign-in step').to.equal('true');
    await until(() => focused() === 'input code', 'focus back in the code field');
    expect(alertText(el), 'said once, under the field').to.equal('');
    fill(el, 'code', await totp(shown.replace(/\s/g, '')));
    buttonNamed(el, 'Verify').click();
    await until(() => el.querySelector('janua-backup-codes .janua-codes'), 'the backup codes');
    expect(client.getSnapshot().user!.mfaEnabled).to.equal(true);
    const codes = [...el.querySelectorAll('janua-backup-codes .janua-codes li')].map((li) => li.textContent);
    expect(codes).to.have.length(10);
    expect(el.querySelector('.janua-secret'), 'the key is gone once verified').to.equal(null);
    // Finishing needs the "saved" box.
    const codesEl = el.querySelector('janua-backup-codes')!;
    buttonNamed(codesEl, 'Done').click();
    await until(() => fieldError(input(codesEl, 'saved')), 'the saved box is required');
    input(codesEl, 'saved').click();
    buttonNamed(codesEl, 'Done').click();
    await until(() => alertText(el) === 'Two-step verification is on.', 'back to the overview');
    expect(el.textContent).not.to.contain(codes[0]);
    // The overview's backup-code summary comes with the overview's own load.
    await until(() => el.querySelector('janua-backup-codes')?.textContent?.includes('10 unused'), 'the 10 unused codes');
    expect(seen.filter((s) => s.startsWith('janua-error')).map((s) => JSON.parse(s.slice(12)).code))
      .to.deep.equal(['INVALID_CREDENTIALS', 'INVALID_MFA_CODE']);
    expect(seen.filter((s) => s.startsWith('janua-mfa-enabled') || s.startsWith('janua-backup-codes-saved')))
      .to.deep.equal(['janua-mfa-enabled {"method":"totp"}', 'janua-backup-codes-saved {"count":10}']);
    for (const line of seen) {
      expect(line).not.to.contain(shown.replace(/\s/g, ''));
      for (const code of codes) expect(line).not.to.contain(code);
    }
    // The server agrees, and the secret was never sent back anywhere by the kit.
    const status = await mfa(client).status.load();
    expect(status.enabled).to.equal(true);
    expect(server.received.filter((r) => r.body.includes(shown.replace(/\s/g, '')))).to.deep.equal([]);
  });

  it('drops the key shown when another account signs in without a sign-out between (another tab\'s sign-in)', async () => {
    const { el, client, server } = await mount();
    const key = await toScanStep(el);
    const other = uniqueEmail();
    await server.makeClient().signUp({ email: other, password: PASSWORD });
    await client.signIn({ email: other, password: PASSWORD });
    await waitButton(el, 'Set up');
    expect(el.querySelector('.janua-secret, img.janua-qr')).to.equal(null);
    expect(el.textContent!.replace(/\s/g, '')).not.to.contain(key);
  });

  it('a key that arrives after another account signed in (its request in flight) is never shown', async () => {
    const { server, email } = await signedIn();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await server.fetch(input, init);
      if (new Request(input, init).url.endsWith('/mfa/enable')) await held;
      return res;
    };
    const client = new JanuaClient({ api: server.client.api, fetch, refreshTransport: 'body', crossTab: false, restore: false });
    await client.signIn({ email, password: PASSWORD });
    const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Continue').click();
    await until(() => el.matches(':state(pending)'), 'the key asked for');
    const other = uniqueEmail();
    await server.makeClient().signUp({ email: other, password: PASSWORD });
    await client.signIn({ email: other, password: PASSWORD });
    release();
    await until(() => !el.matches(':state(pending)'), 'the answer in');
    await waitButton(el, 'Set up');
    expect(el.querySelector('.janua-secret, img.janua-qr'), 'the first account\'s key').to.equal(null);
  });

  it('says a first code of a step that passed has expired, as the sign-in step does', async () => {
    const { el } = await mount();
    const secret = await toScanStep(el);
    // Read off the app and typed a minute and a half late: out of the ±1 step window.
    fill(el, 'code', await totp(secret, Date.now() - 90_000));
    buttonNamed(el, 'Verify').click();
    await until(() => fieldError(input(el, 'code')) === 'This code has expired. Enter the code your app shows now.', 'the expired-code message');
    await expect(el).to.be.accessible();
    expect(el.querySelector('.janua-secret'), 'still on the scan step').to.not.equal(null);
    fill(el, 'code', await totp(secret));
    buttonNamed(el, 'Verify').click();
    await until(() => el.querySelector('janua-backup-codes .janua-codes'), 'the backup codes');
  });

  it('against a server that gives no reason, a refused first code gets the plain message', async () => {
    const server = await startServer();
    // The same server behind something that drops the (ext) reason, as a server without it answers.
    const client = new JanuaClient({
      api: API, refreshTransport: 'body', crossTab: false,
      fetch: async (input, init) => {
        const res = await server.fetch(input, init);
        if (res.status !== 400) return res;
        const body = await res.json();
        delete body.error.details.reason;
        return Response.json(body, { status: 400 });
      },
    });
    await client.signUp({ email: uniqueEmail(), password: PASSWORD });
    const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    const secret = await toScanStep(el);
    fill(el, 'code', await totp(secret, Date.now() - 90_000));
    buttonNamed(el, 'Verify').click();
    await until(() => fieldError(input(el, 'code')) === 'That code is not valid. Check it and try again.', 'the plain message');
  });

  it('turns it off with the password and a code', async () => {
    const { el, client } = await mount();
    const secret = await enableApp(el);
    const codesEl = el.querySelector('janua-backup-codes')!;
    input(codesEl, 'saved').click();
    buttonNamed(codesEl, 'Done').click();
    await waitButton(el, 'Turn off two-step verification');
    const seen = record(el);
    buttonNamed(el, 'Turn off two-step verification').click();
    await until(() => el.querySelector('input[name="code"]'), 'the off step');
    expect(focused()).to.equal('input password');
    expect(input(el, 'code').required, 'an app account has its code at hand').to.equal(true);
    expect(() => buttonNamed(el, 'Text me a code'), 'no text to send').to.throw();
    fill(el, 'password', PASSWORD);
    // A code of the next time step, so it is not the one already used.
    fill(el, 'code', await totp(secret, Date.now() + 30_000));
    buttonNamed(el, 'Turn off two-step verification').click();
    await until(() => alertText(el) === 'Two-step verification is off.', 'off');
    expect(client.getSnapshot().user!.mfaEnabled).to.equal(false);
    expect(seen).to.deep.equal(['janua-mfa-disabled {}']);
    expect(el.querySelectorAll('button').length, 'the factors to set up again').to.be.greaterThan(1);
  });

  it('turning off says why a code was refused, in the words of the factor typed', async () => {
    const { el } = await mount();
    const secret = await enableApp(el);
    const codesEl = el.querySelector('janua-backup-codes')!;
    input(codesEl, 'saved').click();
    buttonNamed(codesEl, 'Done').click();
    (await waitButton(el, 'Turn off two-step verification')).click();
    await until(() => el.querySelector('input[name="code"]'), 'the off step');
    fill(el, 'password', PASSWORD);
    fill(el, 'code', await totp(secret, Date.now() - 90_000));
    buttonNamed(el, 'Turn off two-step verification').click();
    await until(() => fieldError(input(el, 'code')) === 'This code has expired. Enter the code your app shows now.', 'the app\'s expired code');
    fill(el, 'code', 'zzzz-zzzz-zzzz');
    buttonNamed(el, 'Turn off two-step verification').click();
    await until(() => fieldError(input(el, 'code')) === 'That backup code is not right. Check it and try again.', 'a wrong backup code');
  });

  it('an account with only text messages is told its texted code expired', async () => {
    const { server, client } = await signedIn();
    const phone = '+14155550177';
    await mfa(client).enableSms({ password: PASSWORD, phoneNumber: phone });
    await mfa(client).confirmSms((await outbox(server, phone)).at(-1)!.code!);
    const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    (await waitButton(el, 'Turn off two-step verification')).click();
    await until(() => el.querySelector('input[name="code"]'), 'the off step');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Text me a code').click();
    await until(() => alertText(el) === 'We texted a code to your phone.', 'the code texted');
    expireTexts(server, client);
    fill(el, 'code', (await outbox(server, phone)).at(-1)!.code!);
    buttonNamed(el, 'Turn off two-step verification').click();
    await until(() => fieldError(input(el, 'code')) === 'This code has expired. Send a new one.', 'the text\'s expired code');
  });

  it('the code that confirms a phone number says why it was refused', async () => {
    const { el, server, client } = await mount();
    const phone = '+14155550166';
    await toCodeStep(el, phone);
    const first = (await outbox(server, phone)).at(-1)!.code!;
    // A second text (from another tab, say) supersedes the first.
    await mfa(client).enableSms({ password: PASSWORD, phoneNumber: phone });
    const latest = (await outbox(server, phone)).at(-1)!.code!;
    if (first !== latest) {
      fill(el, 'code', first);
      buttonNamed(el, 'Verify').click();
      await until(() => fieldError(input(el, 'code')) === 'A newer code was sent to your phone. Enter the code from the latest text message.', 'replaced');
    }
    expireTexts(server, client);
    fill(el, 'code', latest);
    buttonNamed(el, 'Verify').click();
    await until(() => fieldError(input(el, 'code')) === 'This code has expired. Send a new one.', 'expired');
    await expect(el).to.be.accessible();
    // As it says: a new code, from the phone step with the number kept (the password is asked again).
    buttonNamed(el, 'Send a new code').click();
    await until(() => el.querySelector('input[name="phone_number"]'), 'the phone step again');
    expect(input(el, 'phone_number').value).to.equal(phone);
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Send code').click();
    await until(() => el.querySelector('input[name="code"]'), 'the code step again');
    fill(el, 'code', (await outbox(server, phone)).at(-1)!.code!);
    buttonNamed(el, 'Verify').click();
    await until(() => alertText(el) === 'Two-step verification is on.', 'on');
  });

  it('a phone code used up by wrong tries says so, even when the right one is typed next', async () => {
    const { el, server, client } = await mount();
    const phone = '+14155550167';
    await toCodeStep(el, phone);
    const right = (await outbox(server, phone)).at(-1)!.code!;
    const wrong = ['000000', '111111'].find((c) => c !== right)!;
    // Five wrong tries (from another tab, say): the code is dead.
    for (let i = 0; i < 5; i++) await mfa(client).confirmSms(wrong).catch(() => undefined);
    fill(el, 'code', right);
    buttonNamed(el, 'Verify').click();
    await until(() => fieldError(input(el, 'code')) === 'Too many wrong tries: this code no longer works. Send a new one.', 'used up');
    await expect(el).to.be.accessible();
  });

  it('turns on text-message codes with the code the server texted', async () => {
    const { el, server, client } = await mount();
    const seen = record(el);
    el.querySelectorAll<HTMLButtonElement>('button')[1]!.click();
    await until(() => el.querySelector('input[name="phone_number"]'), 'the phone step');
    expect(focused()).to.equal('input phone_number');
    expect(input(el, 'phone_number').type).to.equal('tel');
    fill(el, 'phone_number', '+14155550123');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Send code').click();
    await until(() => el.querySelector('input[name="code"]'), 'the code step');
    const sms = (await outbox(server, '+14155550123')).at(-1)!;
    fill(el, 'code', sms.code ?? /\d{6}/.exec(sms.text)![0]);
    buttonNamed(el, 'Verify').click();
    await until(() => alertText(el) === 'Two-step verification is on.', 'on');
    expect(client.getSnapshot().user!.mfaEnabled).to.equal(true);
    expect(seen).to.deep.equal(['janua-mfa-enabled {"method":"sms"}']);
  });

  it('the setup key\'s Copy button copies the key itself, without the spaces between groups, and says so', async () => {
    const { el } = await mount();
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Continue').click();
    await until(() => el.querySelector('.janua-secret'), 'the scan step');
    const shown = el.querySelector('.janua-secret')!.textContent!;
    const clipboard = stubClipboard();
    const { copied } = clipboard;
    try {
      buttonNamed(el, 'Copy').click();
      await until(() => alertText(el) === 'Copied.', 'the copied notice');
      expect(copied).to.deep.equal([shown.replace(/ /g, '')]);
      expect(copied[0]).to.match(/^[A-Z2-7]{16,}$/);
      // What the authenticator app computes from the copied key is what the server accepts.
      fill(el, 'code', await totp(copied[0]!));
      buttonNamed(el, 'Verify').click();
      await until(() => el.querySelector('janua-backup-codes .janua-codes'), 'the backup codes');
    } finally {
      clipboard.restore();
    }
  });

  it('turns off an account whose only factor is text messages, with a code texted for it', async () => {
    const { server, client } = await signedIn();
    const phone = '+14155550188';
    const texted = async () => { const sms = (await outbox(server, phone)).at(-1)!; return sms.code ?? /\d{6}/.exec(sms.text)![0]; };
    await mfa(client).enableSms({ password: PASSWORD, phoneNumber: phone });
    await mfa(client).confirmSms(await texted());
    const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    (await waitButton(el, 'Turn off two-step verification')).click();
    await until(() => el.querySelector('input[name="code"]'), 'the off step');
    expect(input(el, 'code').required, 'no code at hand: the field may stay empty').to.equal(false);
    await expect(el).to.be.accessible();
    const seen = record(el);
    const before = (await outbox(server, phone)).length;
    // The password is checked before anything is texted.
    buttonNamed(el, 'Text me a code').click();
    await until(() => fieldError(input(el, 'password')), 'the password asked for');
    expect((await outbox(server, phone)).length).to.equal(before);
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Text me a code').click();
    await until(() => alertText(el) === 'We texted a code to your phone.', 'the notice');
    expect((await outbox(server, phone)).length, 'one code texted').to.equal(before + 1);
    expect(focused()).to.equal('input code');
    expect(fieldError(input(el, 'code'))).to.equal('');
    fill(el, 'code', await texted());
    buttonNamed(el, 'Turn off two-step verification').click();
    await until(() => alertText(el) === 'Two-step verification is off.', 'off');
    expect(client.getSnapshot().user!.mfaEnabled).to.equal(false);
    expect((await mfa(client).status.load()).enabled).to.equal(false);
    expect(seen).to.deep.equal(['janua-mfa-disabled {}']);
  });

  it('a server whose status has no `methods` (the contract): an app turned on shows on, and no text messages', async () => {
    const { server } = await signedIn();
    const { client } = await withoutExtensions(server, { bareStatus: true });
    const setup = await mfa(client).enable(PASSWORD);
    await mfa(client).confirm(await totp(setup.secret));
    const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Turn off two-step verification');
    const factors = [...el.querySelectorAll(':scope > .janua-region > .janua-list > .janua-item')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(factors).to.deep.equal(['Authenticator app On']);
    expect(() => buttonNamed(el, 'Set up'), 'nothing left to set up').to.throw();
    expect(mfa(client).smsAvailable).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('a server that answers 404 to text messages (ext): the option goes, and the user is told why', async () => {
    const { server } = await signedIn();
    const { client } = await withoutExtensions(server, { routes: /^\/mfa\/sms\// });
    const el = await fixture<JanuaMfaSetup>(html`<janua-mfa-setup .client=${client}></janua-mfa-setup>`);
    await waitButton(el, 'Set up');
    expect(el.querySelectorAll('.janua-item'), 'offered until the server says otherwise').to.have.length(2);
    const seen = record(el);
    el.querySelectorAll<HTMLButtonElement>('button')[1]!.click();
    await until(() => el.querySelector('input[name="phone_number"]'), 'the phone step');
    fill(el, 'phone_number', '+14155550123');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Send code').click();
    await until(() => alertText(el) === 'This server does not offer text-message codes.', 'the notice');
    expect([...el.querySelectorAll('.janua-item-title')].map((n) => n.textContent)).to.deep.equal(['Authenticator app']);
    expect(el.querySelector('input[name="phone_number"]')).to.equal(null);
    expect(seen).to.deep.equal([]);
    expect(focused(), 'back on the overview').to.equal('h2 heading');
  });

  it('cancel goes back and forgets the step', async () => {
    const { el } = await mount();
    buttonNamed(el, 'Set up').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    buttonNamed(el, 'Cancel').click();
    await waitButton(el, 'Set up');
    expect(el.querySelector('input[name="password"]')).to.equal(null);
  });
});
