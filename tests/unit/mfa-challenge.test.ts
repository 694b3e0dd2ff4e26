import { expect, fixture, html } from '@open-wc/testing';
import '../../components/mfa-challenge/define.ts';
import type { JanuaMfaChallenge } from '../../components/mfa-challenge/mfa-challenge.ts';
import { PASSWORD, type, until } from './helpers.ts';
import { totp } from './totp.ts';
import { alertOf, deepActive, lastCode, nextCode, paste, smsAccount, startMethodsServer, totpAccount, type MethodsServer } from './methods-helpers.ts';

const codeInput = (el: Element) => el.querySelector<HTMLInputElement>('input[name="code"]');
const fieldError = (el: Element) => el.querySelector('.janua-field-code .janua-field-error')?.textContent?.trim() ?? '';
const button = (el: Element, cls: string) => el.querySelector<HTMLButtonElement>(`button.${cls}`);

/** A sign-in owing its second factor, and the element showing it. */
async function challenged(server: MethodsServer, email: string, attrs: { cooldown?: number; client?: MethodsServer['client'] } = {}) {
  const client = attrs.client ?? server.client;
  const result = await client.signIn({ email, password: PASSWORD });
  expect(result.status).to.equal('needs_mfa');
  const el = await fixture<JanuaMfaChallenge>(html`<janua-mfa-challenge .client=${client}
    resend-cooldown=${attrs.cooldown ?? 30}></janua-mfa-challenge>`);
  await until(() => codeInput(el), 'the code field');
  return el;
}

describe('<janua-mfa-challenge>', () => {
  it('is accessible with a step to finish', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const el = await challenged(server, email);
    await expect(el).to.be.accessible();
  });

  it('renders one real one-time-code input in light DOM, labelled, and puts focus in it', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const el = await challenged(server, email);
    const input = codeInput(el)!;
    expect(input.getRootNode()).to.equal(document);
    expect(input.form).to.be.instanceOf(HTMLFormElement);
    // The attribute: Firefox's `autocomplete` property reads '' for one-time-code, a token it does not know.
    expect([input.getAttribute('autocomplete'), input.inputMode, input.type, input.required]).to.deep.equal(['one-time-code', 'numeric', 'text', true]);
    expect(input.labels![0]!.textContent!.trim()).to.equal('Authentication code');
    expect(document.querySelectorAll('janua-mfa-challenge input').length, 'one input').to.equal(1);
    await until(() => deepActive() === input, 'focus in the code field');
    await until(() => alertOf(el).text.includes('second factor'), 'the step announced');
  });

  it('takes a pasted code whole and submits at the last digit; the event carries no code', async () => {
    const server = await startMethodsServer();
    const { email, secret } = await totpAccount(server);
    const el = await challenged(server, email);
    const events: CustomEvent[] = [];
    el.addEventListener('janua-mfa-verified', (e) => events.push(e));
    el.addEventListener('janua-signed-in', (e) => events.push(e));
    const code = await nextCode(secret);
    paste(codeInput(el)!, `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(codeInput(el)!.value, 'spaces dropped as it is pasted').to.equal(code);
    await until(() => events.length === 2, 'verified, then signed in');
    expect(events.map((e) => e.type)).to.deep.equal(['janua-mfa-verified', 'janua-signed-in']);
    expect(events[0]!.detail).to.deep.equal({ userId: server.client.getSnapshot().user!.id, method: 'totp' });
    expect(JSON.stringify(events.map((e) => e.detail))).not.to.contain(code);
    const sent = server.received.filter((r) => r.path.endsWith('/mfa/challenge/verify'));
    expect(sent).to.have.length(1);
    expect(JSON.parse(sent[0]!.body).code).to.equal(code);
    expect(server.client.getSnapshot().status).to.equal('signed-in');
    const heading = el.shadowRoot!.querySelector<HTMLElement>('[part="heading"]')!;
    await until(() => heading.textContent === 'You are signed in', 'the signed-in heading');
  });

  it('tells a wrong code from a reused one, under the field, and keeps the step', async () => {
    const server = await startMethodsServer();
    const { email, secret } = await totpAccount(server);
    const code = await nextCode(secret);
    let el = await challenged(server, email);
    // Wrong: a code no authenticator shows now.
    const wrong = code === '000000' ? '111111' : '000000';
    paste(codeInput(el)!, wrong);
    await until(() => fieldError(el).startsWith('That code is not right.'), 'the wrong-code message');
    expect(codeInput(el)!.getAttribute('aria-invalid')).to.equal('true');
    expect(codeInput(el)!.getAttribute('aria-describedby')).to.contain(`${codeInput(el)!.id}-error`);
    await until(() => deepActive() === codeInput(el), 'focus back in the field');
    expect(server.client.getSnapshot().pending, 'the step stays open').to.not.equal(null);
    // Right: signed in. Then a new sign-in, and the same code again: already used.
    paste(codeInput(el)!, code);
    await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in');
    await server.client.signOut();
    el.remove();
    el = await challenged(server, email);
    paste(codeInput(el)!, code);
    await until(() => fieldError(el).startsWith('This code was already used.'), 'the reused-code message');
    await expect(el).to.be.accessible();
  });

  it('says a code used in another tab was already used, and a code of a passed window expired', async () => {
    const server = await startMethodsServer();
    const { email, secret } = await totpAccount(server);
    const code = await nextCode(secret);
    // Another tab (its own client) signs in with the code.
    const other = server.makeClient();
    await other.ready;
    expect((await other.signIn({ email, password: PASSWORD })).status).to.equal('needs_mfa');
    expect((await other.verifyMfa({ code })).status).to.equal('complete');
    // This one never saw the code: only the server can say it was used.
    const here = server.makeClient();
    await here.ready;
    const el = await challenged(server, email, { client: here });
    paste(codeInput(el)!, code);
    await until(() => fieldError(el).startsWith('This code was already used.'), 'the reused-code message');
    await expect(el).to.be.accessible();
    // Three steps back: out of the ±1 window, within the 10 minutes the server recognises.
    paste(codeInput(el)!, await totp(secret, Date.now() - 90_000));
    await until(() => fieldError(el).startsWith('This code has expired.'), 'the expired-code message');
    expect(here.getSnapshot().pending, 'the step stays open').to.not.equal(null);
  });

  it('says a texted code a resend replaced was superseded, and takes the latest', async () => {
    const server = await startMethodsServer();
    const { email, phone } = await smsAccount(server);
    const el = await challenged(server, email, { cooldown: 0 });
    const sends = () => server.received.filter((r) => r.path.endsWith('/mfa/challenge/send')).length;
    button(el, 'janua-send-sms')!.click();
    await until(() => sends() === 1 && !button(el, 'janua-send-sms')!.disabled, 'the first text');
    const first = lastCode(server, phone);
    button(el, 'janua-send-sms')!.click();
    await until(() => sends() === 2 && !el.querySelector('fieldset')!.disabled, 'the second text');
    const latest = lastCode(server, phone);
    // One chance in 10^6 that both texts carry the same code; then there is nothing to refuse.
    if (first !== latest) {
      paste(codeInput(el)!, first);
      await until(() => fieldError(el) === 'A newer code was sent to your phone. Enter the code from the latest text message.',
        'the replaced-code message');
      expect(codeInput(el)!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
    }
    paste(codeInput(el)!, latest);
    await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in with the latest text');
  });

  it('says a backup code spent before a reload was already used', async () => {
    const server = await startMethodsServer();
    const { email, backupCodes } = await totpAccount(server);
    expect((await server.client.signIn({ email, password: PASSWORD })).status).to.equal('needs_mfa');
    expect((await server.client.verifyMfa({ code: backupCodes[4]! })).status).to.equal('complete');
    await server.client.signOut();
    // A reloaded page: a new client, nothing remembered.
    const reloaded = server.makeClient();
    await reloaded.ready;
    const el = await challenged(server, email, { client: reloaded });
    button(el, 'janua-use-backup')!.click();
    await until(() => codeInput(el)!.inputMode === 'text', 'the backup-code field');
    type(codeInput(el)!, backupCodes[4]!);
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => fieldError(el).startsWith('This backup code was already used'), 'the reused backup code');
  });

  it('against a server that gives no reason, a code from the past is plainly wrong; one used on this page, already used', async () => {
    const server = await startMethodsServer();
    const { email, secret } = await totpAccount(server);
    // The same server behind something that drops the (ext) reason, as a server without it answers.
    const plain = server.makeClient({
      fetch: async (input, init) => {
        const res = await server.fetch(input, init);
        if (res.status !== 400) return res;
        const body = await res.json();
        delete body.error.details.reason;
        return new Response(JSON.stringify(body), { status: 400, headers: { 'Content-Type': 'application/json' } });
      },
    });
    await plain.ready;
    const code = await nextCode(secret);
    let el = await challenged(server, email, { client: plain });
    paste(codeInput(el)!, await totp(secret, Date.now() - 90_000));
    await until(() => fieldError(el).startsWith('That code is not right.'), 'the plain wrong-code message');
    paste(codeInput(el)!, code);
    await until(() => plain.getSnapshot().status === 'signed-in', 'signed in');
    await plain.signOut();
    el.remove();
    el = await challenged(server, email, { client: plain });
    paste(codeInput(el)!, code);
    await until(() => fieldError(el).startsWith('This code was already used.'), 'the same-page guess');
  });

  it('offers backup codes when the account has them: one works once, and only once', async () => {
    const server = await startMethodsServer();
    const { email, backupCodes } = await totpAccount(server);
    let el = await challenged(server, email);
    button(el, 'janua-use-backup')!.click();
    await until(() => codeInput(el)!.labels![0]!.textContent!.trim() === 'Backup code', 'the backup-code field');
    expect(codeInput(el)!.inputMode).to.equal('text');
    await until(() => deepActive() === codeInput(el), 'focus in the field');
    // Nothing is submitted before the button: a backup code has no fixed length to wait for.
    type(codeInput(el)!, backupCodes[0]!.toUpperCase());
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in with a backup code');
    await server.client.signOut();
    el.remove();
    el = await challenged(server, email);
    button(el, 'janua-use-backup')!.click();
    await until(() => codeInput(el)!.inputMode === 'text', 'the backup-code field');
    type(codeInput(el)!, backupCodes[0]!);
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => fieldError(el).startsWith('This backup code was already used'), 'the reused backup code');
    // Back to the app's codes.
    button(el, 'janua-use-totp')!.click();
    await until(() => codeInput(el)!.inputMode === 'numeric', 'the app-code field again');
  });

  it('refuses a malformed code without asking the server', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const el = await challenged(server, email);
    type(codeInput(el)!, '12');
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => fieldError(el) === 'Enter the 6 digits of the code.', 'the format message');
    expect(server.received.filter((r) => r.path.endsWith('/mfa/challenge/verify'))).to.have.length(0);
  });

  it('texts a code on request, shows the resend wait, and signs in with the texted code', async () => {
    const server = await startMethodsServer();
    const { email, phone } = await smsAccount(server);
    const el = await challenged(server, email, { cooldown: 2 });
    // An SMS-only account: the field asks for a texted code, which is sent only when asked for.
    expect(codeInput(el)!.labels![0]!.textContent!.trim()).to.equal('Code from the text message');
    expect(server.received.filter((r) => r.path.endsWith('/mfa/challenge/send'))).to.have.length(0);
    const send = button(el, 'janua-send-sms')!;
    expect(send.textContent!.trim()).to.equal('Send a code by SMS');
    send.click();
    await until(() => alertOf(el).text.includes('We texted a code'), 'the sent notice');
    await until(() => /^Send a new code in \d s$/.test(button(el, 'janua-send-sms')!.textContent!.trim()), 'the visible wait');
    expect(button(el, 'janua-send-sms')!.disabled).to.equal(true);
    await until(() => !button(el, 'janua-send-sms')!.disabled, 'the resend button, once the wait is over', 10_000);
    expect(button(el, 'janua-send-sms')!.textContent!.trim()).to.equal('Send a new code');
    button(el, 'janua-send-sms')!.click();
    await until(() => server.received.filter((r) => r.path.endsWith('/mfa/challenge/send')).length === 2, 'the resend');
    await until(() => !el.querySelector('fieldset')!.disabled, 'the form back');
    paste(codeInput(el)!, lastCode(server, phone));
    await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in with the texted code');
  });

  it('waits as long as the server says when it refuses another text (Retry-After)', async () => {
    const server = await startMethodsServer({ rateLimit: {} });
    const { email } = await smsAccount(server);
    const el = await challenged(server, email, { cooldown: 0 });
    const sends = () => server.received.filter((r) => r.path.endsWith('/mfa/challenge/send')).length;
    // Five texts per account per 15 minutes, enrolment included.
    for (let i = 1; i <= 5; i++) {
      await until(() => !button(el, 'janua-send-sms')!.disabled, `the button before send ${i}`);
      button(el, 'janua-send-sms')!.click();
      await until(() => sends() === i, `send ${i}`);
    }
    await until(() => /Try again in \d+ seconds/.test(alertOf(el).text), 'the refusal with its wait');
    const label = button(el, 'janua-send-sms')!.textContent!.trim();
    const seconds = Number(/in (\d+) s$/.exec(label)?.[1]);
    expect(seconds, label).to.be.greaterThan(60);
    expect(button(el, 'janua-send-sms')!.disabled).to.equal(true);
  });

  it('says when the step has ended, and lets the user start over', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    let now = Date.now();
    const client = server.makeClient({ now: () => now });
    await client.ready;
    const el = await challenged(server, email, { client });
    const cancelled: Event[] = [];
    el.addEventListener('janua-mfa-cancelled', (e) => cancelled.push(e));
    now += 5 * 60_000 + 1;
    paste(codeInput(el)!, '123456');
    await until(() => el.shadowRoot!.textContent!.includes('This sign-in step has ended'), 'the ended step');
    expect(alertOf(el).text).to.contain('This sign-in step has expired');
    expect(codeInput(el) === null).to.equal(true);
    await expect(el).to.be.accessible();
    button(el, 'janua-start-over')!.click();
    expect(cancelled).to.have.length(1);
    await until(() => el.shadowRoot!.textContent!.includes('No sign-in is waiting for a code'), 'the empty state');
  });

  it('a step that runs out while the user waits: its notice goes, and focus moves from the code field to the heading', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const el = await challenged(server, email);
    codeInput(el)!.focus();
    await until(() => alertOf(el).text.includes('Your password is correct'), 'the notice of the step');
    // What the client does when the step's five minutes are up (or another tab leaves it).
    server.client.cancelPending();
    await until(() => el.shadowRoot!.textContent!.includes('This sign-in step has ended'), 'the ended step');
    expect(alertOf(el).text, 'nothing left of the ended step').not.to.contain('Your password is correct');
    await until(() => deepActive() === el.shadowRoot!.querySelector('.heading'), `focus on the heading, not ${deepActive()?.localName}`);
  });

  it('starts over on request: the step is dropped and the page told', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const el = await challenged(server, email);
    const cancelled: Event[] = [];
    el.addEventListener('janua-mfa-cancelled', (e) => cancelled.push(e));
    button(el, 'janua-start-over')!.click();
    expect(cancelled).to.have.length(1);
    expect(server.client.getSnapshot().pending).to.equal(null);
    await until(() => !codeInput(el), 'the field gone');
  });

  it('without a step says there is nothing to finish', async () => {
    const server = await startMethodsServer();
    const el = await fixture<JanuaMfaChallenge>(html`<janua-mfa-challenge .client=${server.client} sign-in-url="/sign-in"></janua-mfa-challenge>`);
    await until(() => el.shadowRoot!.textContent!.includes('No sign-in is waiting for a code'), 'the empty state');
    expect(el.shadowRoot!.querySelector('a[part="sign-in-link"]')!.getAttribute('href')).to.equal('/sign-in');
    await expect(el).to.be.accessible();
  });

  it('speaks French', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    await server.client.signIn({ email, password: PASSWORD });
    const el = await fixture<JanuaMfaChallenge>(html`<janua-mfa-challenge locale="fr" .client=${server.client}></janua-mfa-challenge>`);
    await until(() => el.shadowRoot!.querySelector('[part="heading"]')?.textContent === 'Vérification en deux étapes', 'the French heading');
    await until(() => codeInput(el)?.labels![0]!.textContent!.trim() === 'Code d’authentification', 'the French label');
    paste(codeInput(el)!, '000000');
    await until(() => fieldError(el).startsWith('Ce code n’est pas le bon.'), 'the French message');
    await expect(el).to.be.accessible();
  });
});
