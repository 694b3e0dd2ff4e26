import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/sign-in/define.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import type { JanuaErrorEvent, JanuaNavigateEvent, JanuaSignedInEvent } from '../../components/internal/events.ts';
import { supportsPasskeyAutofill, type JanuaClient } from '@janua/core';
import { createAccount, PASSWORD, startServer, type, until, watchPageErrors, caughtSoFar } from './helpers.ts';
import { formContract } from './form-contract.ts';
import { totp } from './totp.ts';

/** The browser offers passkeys in its autofill: the email field then asks for them. */
const AUTOFILL = await supportsPasskeyAutofill();

const input = (el: HTMLElement, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

async function mount() {
  const server = await startServer();
  const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client}
    sign-up-url="/sign-up" forgot-password-url="/forgot"></janua-sign-in>`);
  const email = document.querySelector<HTMLInputElement>('janua-sign-in input[name="email"]')!;
  const password = document.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')!;
  const submit = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  return { server, el, email, password, submit };
}

/** A new account with the authenticator app on, signed out again; its address and secret. */
async function totpAccount(client: JanuaClient): Promise<{ address: string; secret: string }> {
  const address = await createAccount(client);
  await client.signIn({ email: address, password: PASSWORD });
  const { secret } = await client.request<{ secret: string }>('POST', '/mfa/enable', { password: PASSWORD });
  await client.request('POST', '/mfa/verify', { code: await totp(secret) });
  await client.signOut();
  return { address, secret };
}

const alertText = (el: JanuaSignIn) =>
  el.shadowRoot!.querySelector('janua-alert')!.shadowRoot!.querySelector('[part="base"]')!.textContent!.trim();

describe('<janua-sign-in>', () => {
  it('is accessible', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });

  formContract({
    tag: 'janua-sign-in',
    // `webauthn`: passkeys are offered in the email field's autofill, where the browser supports it.
    inputs: { email: AUTOFILL ? 'username webauthn' : 'username', password: 'current-password' },
    path: '/auth/signin',
    successEvent: 'janua-signed-in',
    async fillValid(el, server) {
      type(input(el, 'email'), await createAccount(server.client));
      type(input(el, 'password'), PASSWORD);
      return PASSWORD;
    },
    async fillRefused(el, server) {
      type(input(el, 'email'), await createAccount(server.client));
      type(input(el, 'password'), 'not the password');
      return 'INVALID_CREDENTIALS';
    },
  });

  it('renders real light-DOM inputs in a real form that document.querySelector finds', async () => {
    const { el, email, password, submit } = await mount();
    expect(password, 'current-password input').to.exist;
    expect(el.contains(password)).to.equal(true);
    expect(password.getRootNode()).to.equal(document);
    expect(password.form).to.be.instanceOf(HTMLFormElement);
    expect(email.form).to.equal(password.form);
    expect([email.name, email.type, email.required]).to.deep.equal(['email', 'email', true]);
    expect([password.name, password.type, password.required]).to.deep.equal(['password', 'password', true]);
    for (const input of [email, password]) {
      const label = document.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`)!;
      expect(label, `label for ${input.name}`).to.exist;
      expect(label.control).to.equal(input);
    }
    expect(email.labels![0]!.textContent!.trim()).to.equal('Email address');
    expect(submit.form).to.equal(password.form);
  });

  it('lets the user show and hide the password, and masks it again on submit', async () => {
    const { el, password, server } = await mount();
    const toggle = el.querySelector<HTMLButtonElement>('button.janua-reveal')!;
    expect(toggle.type).to.equal('button');
    expect(toggle.getAttribute('aria-controls')).to.equal(password.id);
    expect(toggle.getAttribute('aria-label')).to.equal('Show password');
    type(password, 'hunter2 hunter2');
    toggle.click();
    await el.updateComplete;
    expect(password.type).to.equal('text');
    expect(password.value).to.equal('hunter2 hunter2');
    expect(toggle.getAttribute('aria-label')).to.equal('Hide password');
    expect(toggle.textContent!.trim()).to.equal('Hide');
    type(el.querySelector<HTMLInputElement>('input[name="email"]')!, await createAccount(server.client));
    el.submit();
    await el.updateComplete;
    expect(password.type).to.equal('password');
    await until(() => server.received.some((r) => r.path.endsWith('/auth/signin')), 'the sign-in request');
    await expect(el).to.be.accessible();
  });

  it('gives every instance its own input ids', async () => {
    const { server } = await mount();
    const wrap = await fixture(html`<div><janua-sign-in .client=${server.client}></janua-sign-in>
      <janua-sign-in .client=${server.client}></janua-sign-in></div>`);
    const ids = [...wrap.querySelectorAll('input')].map((i) => i.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('links to sign-up and forgot-password from attributes, and slots replace them', async () => {
    const { el } = await mount();
    const hrefs = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.include.members(['/sign-up', '/forgot']);
    const { server } = await mount();
    const slotted = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client} sign-up-url="/x">
      <a slot="sign-up-link" href="/join">Join us</a></janua-sign-in>`);
    const slot = slotted.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="sign-up-link"]')!;
    expect(slot.assignedElements().map((a) => a.getAttribute('href'))).to.deep.equal(['/join']);
  });

  it('announces a plain click on a default link with a cancelable janua-navigate, and stays a real link', async () => {
    const { el } = await mount();
    const link = (part: string) => el.shadowRoot!.querySelector<HTMLAnchorElement>(`a[part="${part}"]`)!;
    const seen: { url: string; reason: string; cancelable: boolean }[] = [];
    let cancel = true;
    const onNavigate = (e: JanuaNavigateEvent) => {
      seen.push({ ...e.detail, cancelable: e.cancelable });
      if (cancel) e.preventDefault();
    };
    // Runs after the link's own handler: records whether the browser would follow, then keeps this page.
    const clicks: boolean[] = [];
    const onClick = (e: MouseEvent) => { clicks.push(e.defaultPrevented); e.preventDefault(); };
    document.addEventListener('janua-navigate', onNavigate);
    document.addEventListener('click', onClick);
    try {
      expect(link('sign-up-link').getAttribute('href')).to.equal('/sign-up');
      link('sign-up-link').click();
      link('forgot-password-link').click();
      expect(seen).to.deep.equal([
        { url: '/sign-up', reason: 'sign-up', cancelable: true },
        { url: '/forgot', reason: 'forgot-password', cancelable: true },
      ]);
      expect(clicks).to.deep.equal([true, true]);
      // Not canceled: the browser follows the link itself.
      cancel = false;
      link('sign-up-link').click();
      expect(seen).to.have.length(3);
      expect(clicks.at(-1)).to.equal(false);
      // Ctrl/Cmd/Shift-click and middle click belong to the browser (new tab, new window): no event.
      for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { button: 1 }]) {
        link('sign-up-link').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ...init }));
      }
      expect(seen).to.have.length(3);
      expect(clicks.slice(3)).to.deep.equal([false, false, false, false]);
    } finally {
      document.removeEventListener('janua-navigate', onNavigate);
      document.removeEventListener('click', onClick);
    }
  });

  it('shows localized field errors with aria-invalid and aria-describedby, and sends nothing', async () => {
    const { el, email, password, submit, server } = await mount();
    type(email, 'not-an-email');
    submit.click();
    await el.updateComplete;
    await until(() => document.activeElement === email, 'focus on the first invalid field');
    for (const [input, message] of [[email, 'Enter an email address like'], [password, 'Fill in this field.']] as const) {
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      const ids = input.getAttribute('aria-describedby')!.split(' ');
      const error = ids.map((id) => document.getElementById(id)!).find((n) => n.classList.contains('janua-field-error'))!;
      expect(error.textContent).to.contain(message);
    }
    expect(server.received.filter((r) => r.path.endsWith('/auth/signin'))).to.have.length(0);
    // Fixing a field clears its error as the user types.
    type(email, 'someone@example.com');
    await el.updateComplete;
    expect(email.hasAttribute('aria-invalid')).to.equal(false);
  });

  it('shows a wrong password as one clear form error in the alert, and focuses it', async () => {
    const { el, email, password, submit, server } = await mount();
    const address = await createAccount(server.client);
    type(email, address);
    type(password, 'wrong password 123');
    setTimeout(() => submit.click());
    const event = await oneEvent(el, 'janua-error');
    expect(event.detail).to.deep.equal({ code: 'INVALID_CREDENTIALS', status: 401, retryAfter: null });
    await until(() => alertText(el).includes('do not match'), 'the alert text');
    const alert = el.shadowRoot!.querySelector('janua-alert')!;
    expect(alert.shadowRoot!.querySelector('[part="base"]')!.getAttribute('role')).to.equal('status');
    await until(() => el.shadowRoot!.activeElement === alert, 'focus on the alert');
    await expect(el).to.be.accessible();
    expect(server.client.getSnapshot().status).to.equal('signed-out');
  });

  it('tells a rate-limited user how long to wait', async () => {
    const server = await startServer({ rateLimit: { signinAccount: { limit: 2, windowMs: 60_000 } } });
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client}></janua-sign-in>`);
    const address = await createAccount(server.client);
    const codes: string[] = [];
    el.addEventListener('janua-error', (e) => codes.push(e.detail.code));
    for (let attempt = 1; attempt <= 3; attempt++) {
      type(el.querySelector<HTMLInputElement>('input[name="email"]')!, address);
      type(el.querySelector<HTMLInputElement>('input[name="password"]')!, `wrong password ${attempt}`);
      el.submit();
      await until(() => codes.length === attempt, `answer ${attempt}`);
    }
    expect(codes).to.deep.equal(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED']);
    await until(() => /Try again in \d+ seconds\./.test(alertText(el)), 'the wait in the alert');
  });

  it('disables every input and the submit button while pending', async () => {
    const { el, email, password, submit, server } = await mount();
    const address = await createAccount(server.client);
    type(email, address);
    type(password, PASSWORD);
    server.hold();
    submit.click();
    await el.updateComplete;
    await until(() => submit.disabled, 'the disabled submit button');
    expect(email.matches(':disabled')).to.equal(true);
    expect(password.matches(':disabled')).to.equal(true);
    expect(submit.getAttribute('aria-busy')).to.equal('true');
    expect(el.matches(':state(pending)')).to.equal(true);
    submit.click();
    server.release();
    await oneEvent(el, 'janua-signed-in');
    expect(server.received.filter((r) => r.path.endsWith('/auth/signin'))).to.have.length(1);
  });

  it('signs in: the server gets the credentials, the event gets only the id, the form leaves the page', async () => {
    const { el, email, password, submit, server } = await mount();
    const address = await createAccount(server.client, { firstName: 'Ada', lastName: 'Lovelace' });
    type(email, address);
    type(password, PASSWORD);
    setTimeout(() => submit.click());
    const event = (await oneEvent(el, 'janua-signed-in')) as JanuaSignedInEvent;
    expect(event.bubbles && event.composed).to.equal(true);
    const sent = JSON.parse(server.received.find((r) => r.path.endsWith('/auth/signin'))!.body);
    expect(sent).to.deep.equal({ email: address, password: PASSWORD });
    expect(event.detail.userId).to.equal(server.client.getSnapshot().user!.id);
    expect(JSON.stringify(event.detail)).not.to.contain(PASSWORD);
    await until(() => !document.querySelector('janua-sign-in form'), 'the form to leave the page');
    const heading = el.shadowRoot!.querySelector<HTMLElement>('[part="heading"]')!;
    expect(heading.textContent).to.equal('You are signed in');
    expect(el.shadowRoot!.textContent).to.contain('Signed in as Ada Lovelace.');
    await until(() => el.shadowRoot!.activeElement === heading, 'focus on the new heading');
  });

  it('brings the form back, empty, when the user is signed out again', async () => {
    const { el, email, password, submit, server } = await mount();
    type(email, await createAccount(server.client));
    type(password, PASSWORD);
    submit.click();
    await until(() => !el.querySelector('form'), 'the confirmation');
    await server.client.signOut();
    await until(() => el.querySelector('form'), 'the form again');
    expect(el.querySelector<HTMLInputElement>('input[name="password"]')!.value).to.equal('');
    expect(el.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Sign in');
  });

  it('(test helper) computes RFC 6238 Appendix B codes', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
    expect(await totp(secret, 59_000)).to.equal('287082');
    expect(await totp(secret, 1_111_111_109_000)).to.equal('081804');
  });

  it('hands over to MFA: janua-mfa-required carries the methods and no token', async () => {
    const { el, email, password, submit, server } = await mount();
    const { address } = await totpAccount(server.client);
    type(email, address);
    type(password, PASSWORD);
    const events: CustomEvent[] = [];
    el.addEventListener('janua-mfa-required', (e) => events.push(e));
    el.addEventListener('janua-signed-in', (e) => events.push(e));
    submit.click();
    await until(() => events.length, 'janua-mfa-required');
    expect(events.map((e) => e.type)).to.deep.equal(['janua-mfa-required']);
    expect(Object.keys(events[0]!.detail)).to.deep.equal(['methods']);
    expect(events[0]!.detail.methods).to.include('totp');
    const wire = JSON.parse(server.received.filter((r) => r.path.endsWith('/auth/signin')).at(-1)!.body);
    expect(wire.email).to.equal(address);
    expect(JSON.stringify(events[0]!.detail)).not.to.match(/mfa_?token/i);
    expect(JSON.stringify(events[0]!.detail)).not.to.contain(PASSWORD);
    expect(el.mfaPending).to.equal(true);
    expect(server.client.getSnapshot().status).to.equal('signed-out');
    // The card's next step: the second-factor element, with its own announcement.
    const step = await until(() => el.querySelector('janua-mfa-challenge'), 'the second-factor step').then(() => el.querySelector('janua-mfa-challenge')!);
    await until(() => step.shadowRoot?.querySelector('janua-alert')?.shadowRoot?.textContent?.includes('second factor'), 'the MFA notice');
  });

  it('fires a cancelable janua-navigate to a guarded redirect-url', async () => {
    const { el, email, password, submit, server } = await mount();
    const address = await createAccount(server.client);
    el.redirectUrl = '/dashboard?tab=1';
    await el.updateComplete;
    type(email, address);
    type(password, PASSWORD);
    // Listeners run synchronously inside dispatchEvent: canceling there keeps the test page here.
    const navigations: JanuaNavigateEvent[] = [];
    document.addEventListener('janua-navigate', (e) => { navigations.push(e); e.preventDefault(); }, { once: true });
    submit.click();
    await until(() => navigations.length, 'janua-navigate');
    const event = navigations[0]!;
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    expect(event.defaultPrevented).to.equal(true);
    expect(event.detail).to.deep.equal({ url: '/dashboard?tab=1', reason: 'signed-in' });
    // Canceled: the app routes; the element shows its confirmation instead of leaving.
    await until(() => !el.querySelector('form'), 'the confirmation');
  });

  it('refuses a javascript: redirect and falls back to the site root', async () => {
    const { el, email, password, submit, server } = await mount();
    const address = await createAccount(server.client);
    el.setAttribute('redirect-url', 'javascript:alert(document.cookie)');
    await el.updateComplete;
    type(email, address);
    type(password, PASSWORD);
    const urls: string[] = [];
    el.addEventListener('janua-navigate', (e) => { urls.push(e.detail.url); e.preventDefault(); }, { once: true });
    submit.click();
    await until(() => urls.length, 'janua-navigate');
    expect(urls).to.deep.equal(['/']);
  });

  it('still announces sign-in and follows redirect-url when removed from the page at sign-in', async () => {
    const { el, email, password, submit, server } = await mount();
    const address = await createAccount(server.client);
    el.setAttribute('redirect-url', '//evil.example/steal');
    await el.updateComplete;
    type(email, address);
    type(password, PASSWORD);
    const pageErrors = watchPageErrors();
    // What Vue's v-if, Svelte's {#if} and React's conditional rendering do the moment status flips.
    const parent = el.parentElement!;
    const stop = server.client.subscribe((s) => { if (s.status === 'signed-in') el.remove(); });
    const onElement: string[] = [];
    el.addEventListener('janua-signed-in', (e) => onElement.push(e.type));
    el.addEventListener('janua-navigate', (e) => onElement.push(e.type));
    const urls: string[] = [];
    const listener = (e: JanuaNavigateEvent) => { urls.push(e.detail.url); e.preventDefault(); };
    document.addEventListener('janua-navigate', listener);
    try {
      submit.click();
      await until(() => urls.length, 'janua-navigate on the document');
      expect(el.isConnected).to.equal(false);
      expect(parent.contains(el)).to.equal(false);
      // The guard still ran: a protocol-relative URL to another site falls back to the root.
      expect(urls).to.deep.equal(['/']);
      expect(onElement).to.deep.equal(['janua-signed-in', 'janua-navigate']);
      expect(await caughtSoFar(pageErrors)).to.deep.equal([]);
    } finally {
      stop();
      document.removeEventListener('janua-navigate', listener);
    }
  });

  it('still announces sign-in and follows redirect-url when removed from the page as its second factor signs in', async () => {
    const { el, email, password, submit, server } = await mount();
    const { address, secret } = await totpAccount(server.client);
    el.setAttribute('redirect-url', '/dashboard');
    await el.updateComplete;
    type(email, address);
    type(password, PASSWORD);
    submit.click();
    const step = await until(() => el.querySelector('janua-mfa-challenge'), 'the second-factor step').then(() => el.querySelector('janua-mfa-challenge')!);
    const code = await until(() => step.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]'), 'the code field')
      .then(() => step.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]')!);
    // The app's `{!signedIn && <SignIn/>}`: the card leaves the page the moment the code signs in.
    const stop = server.client.subscribe((s) => { if (s.status === 'signed-in') el.remove(); });
    const onElement: string[] = [];
    for (const type of ['janua-mfa-verified', 'janua-signed-in', 'janua-navigate']) el.addEventListener(type, (e) => onElement.push(e.type));
    const urls: string[] = [];
    el.addEventListener('janua-navigate', (e) => { urls.push(e.detail.url); e.preventDefault(); });
    try {
      type(code, await totp(secret, Date.now() + 30_000));
      await until(() => urls.length, 'janua-navigate from the card taken out of the page');
      expect(el.isConnected).to.equal(false);
      expect(onElement).to.deep.equal(['janua-mfa-verified', 'janua-signed-in', 'janua-navigate']);
      expect(urls).to.deep.equal(['/dashboard']);
    } finally {
      stop();
    }
  });

  it('two cards on one page: the one signed in with announces and redirects, the other does not follow too', async () => {
    const server = await startServer();
    const address = await createAccount(server.makeClient());
    const wrap = await fixture<HTMLElement>(html`<div>
      <janua-sign-in id="a" .client=${server.client} redirect-url="/from-a"></janua-sign-in>
      <janua-sign-in id="b" .client=${server.client} redirect-url="/from-b"></janua-sign-in></div>`);
    const [a, b] = [...wrap.querySelectorAll<JanuaSignIn>('janua-sign-in')] as [JanuaSignIn, JanuaSignIn];
    await Promise.all([a.updateComplete, b.updateComplete]);
    const seen: string[] = [];
    const listener = (e: Event) => {
      seen.push(`${e.type} ${(e.target as HTMLElement).id}${e instanceof CustomEvent && e.detail.url ? ` ${e.detail.url}` : ''}`);
      e.preventDefault();
    };
    for (const t of ['janua-signed-in', 'janua-navigate']) document.addEventListener(t, listener);
    try {
      type(input(b, 'email'), address);
      type(input(b, 'password'), PASSWORD);
      b.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await until(() => seen.some((x) => x.startsWith('janua-navigate b')), 'the redirect of the card signed in with');
      await a.updateComplete;
      expect(seen).to.deep.equal(['janua-signed-in b', 'janua-navigate b /from-b']);
    } finally {
      for (const t of ['janua-signed-in', 'janua-navigate']) document.removeEventListener(t, listener);
    }
  });

  it('two cards on one page: when the one signed in with has no redirect-url, the other still follows its own', async () => {
    const server = await startServer();
    const address = await createAccount(server.makeClient());
    const wrap = await fixture<HTMLElement>(html`<div>
      <janua-sign-in id="a" .client=${server.client} redirect-url="/from-a"></janua-sign-in>
      <janua-sign-in id="b" .client=${server.client}></janua-sign-in></div>`);
    const [a, b] = [...wrap.querySelectorAll<JanuaSignIn>('janua-sign-in')] as [JanuaSignIn, JanuaSignIn];
    await Promise.all([a.updateComplete, b.updateComplete]);
    const urls: string[] = [];
    const listener = (e: JanuaNavigateEvent) => { urls.push(`${(e.target as HTMLElement).id} ${e.detail.url}`); e.preventDefault(); };
    document.addEventListener('janua-navigate', listener);
    try {
      type(input(b, 'email'), address);
      type(input(b, 'password'), PASSWORD);
      b.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await until(() => urls.length, 'a redirect');
      expect(urls).to.deep.equal(['a /from-a']);
    } finally {
      document.removeEventListener('janua-navigate', listener);
    }
  });

  it('raises no page error when removed while a refused sign-in is in flight', async () => {
    const { el, email, password, submit, server } = await mount();
    type(email, await createAccount(server.client));
    type(password, 'not the password');
    const pageErrors = watchPageErrors();
    const codes: string[] = [];
    const listener = (e: JanuaErrorEvent) => codes.push(e.detail.code);
    document.addEventListener('janua-error', listener);
    try {
      server.hold();
      submit.click();
      // The first request of a submit: whether the address signs in with SSO, then the password.
      await until(() => server.received.some((r) => r.path.endsWith('/sso/discover') || r.path.endsWith('/auth/signin')), 'the request');
      el.remove();
      server.release();
      await until(() => codes.length, 'janua-error');
      expect(codes).to.deep.equal(['INVALID_CREDENTIALS']);
      expect(await caughtSoFar(pageErrors)).to.deep.equal([]);
    } finally {
      document.removeEventListener('janua-error', listener);
    }
  });

  it('submit() runs native validation before anything is sent', async () => {
    const { el, password, server } = await mount();
    el.submit();
    await el.updateComplete;
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(server.received.filter((r) => r.path.endsWith('/auth/signin'))).to.have.length(0);
  });
});
