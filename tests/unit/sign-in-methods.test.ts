import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { JanuaClient, supportsPasskeyAutofill } from '@janua/core';
import '../../components/sign-in/define.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import type { JanuaNavigateEvent } from '../../components/internal/events.ts';
import { returnAddress } from '../../components/internal/return-check.ts';
import type { BrowserAppOptions } from '../../packages/server/src/browser.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { API, createAccount, HAS_WEBAUTHN, nextFrame, PASSWORD, type, until, uniqueEmail } from './helpers.ts';
import { alertOf, deepActive, nextCode, paste, startMethodsServer, totpAccount, type MethodsServer } from './methods-helpers.ts';

const PROVIDERS: Partial<BrowserAppOptions> = {
  oauth: {
    providers: [
      { id: 'github', client_id: 'janua-test', client_secret: 'test-secret' },
      { id: 'legacy', type: 'oauth2' as const, authorization_endpoint: 'https://legacy.invalid/auth', token_endpoint: 'https://legacy.invalid/token',
        userinfo_endpoint: 'https://legacy.invalid/me', client_id: 'l', enabled: false },
    ],
  },
};

async function mount(server: MethodsServer, attrs: { methods?: string; cooldown?: number; redirect?: string; client?: JanuaClient } = {}) {
  const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${attrs.client ?? server.client} methods=${ifDefined(attrs.methods)}
    resend-cooldown=${attrs.cooldown ?? 30} redirect-url=${attrs.redirect ?? ''}></janua-sign-in>`);
  const email = el.querySelector<HTMLInputElement>('input[name="email"]')!;
  return { el, email };
}

const buttonNamed = (el: Element, name: string) =>
  [...el.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === name);
const heading = (el: Element) => el.shadowRoot!.querySelector('[part="heading"]')?.textContent ?? '';

/** Keeps the test page where it is: every navigation the kit announces is canceled and recorded. */
function stayHere(): { urls: { url: string; reason: string }[]; stop(): void } {
  const urls: { url: string; reason: string }[] = [];
  const listener = (e: JanuaNavigateEvent) => { urls.push(e.detail); e.preventDefault(); };
  document.addEventListener('janua-navigate', listener);
  return { urls, stop: () => document.removeEventListener('janua-navigate', listener) };
}

/**
 * WebAuthn played by the page: `navigator.credentials.get` records each request and waits, as a
 * browser waits for the user, until its signal aborts; `modal` decides what a modal request does.
 * `conditional` is what the browser says of passkeys in autofill: yes, no, or nothing at all (a
 * browser without `isConditionalMediationAvailable`); `asked` counts the times it was looked up.
 */
function stubWebAuthn(modal: 'dismiss' | 'wait', conditional: 'yes' | 'no' | 'absent' = 'yes') {
  const requests: { mediation: string; signal: AbortSignal | undefined }[] = [];
  const credentials = navigator.credentials as CredentialsContainer & { get: CredentialsContainer['get'] };
  const own = Object.getOwnPropertyDescriptor(PublicKeyCredential, 'isConditionalMediationAvailable');
  let asked = 0;
  const answer = conditional === 'absent' ? undefined : async () => conditional === 'yes';
  Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', {
    configurable: true,
    get: () => { asked++; return answer; },
  });
  credentials.get = (options?: CredentialRequestOptions) => new Promise((_resolve, reject) => {
    const mediation = (options as { mediation?: string } | undefined)?.mediation ?? 'optional';
    requests.push({ mediation, signal: options?.signal ?? undefined });
    if (mediation !== 'conditional' && modal === 'dismiss') {
      reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
    }
    options?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });
  return {
    requests,
    get asked() { return asked; },
    restore() {
      delete (credentials as { get?: unknown }).get;
      if (own) Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', own);
      else delete (PublicKeyCredential as { isConditionalMediationAvailable?: unknown }).isConditionalMediationAvailable;
    },
  };
}

describe('<janua-sign-in>: every way to sign in', () => {
  it('is accessible with every method offered', async () => {
    const server = await startMethodsServer({ ...PROVIDERS, frontendUrl: location.origin });
    const { el } = await mount(server);
    await until(() => el.querySelector('.janua-provider-button'), 'the provider button');
    await expect(el).to.be.accessible();
  });

  it('offers passkeys, a mailed link and each enabled provider as named buttons outside the password form', async () => {
    const server = await startMethodsServer({ ...PROVIDERS, frontendUrl: location.origin });
    const { el, email } = await mount(server);
    await until(() => el.querySelector('.janua-provider-button'), 'the provider button');
    const names = [...el.querySelectorAll('.janua-alternatives button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    // No passkey button where the browser has no WebAuthn (WebKitGTK).
    expect(names).to.deep.equal([...(HAS_WEBAUTHN ? ['Sign in with a passkey'] : []), 'Email me a sign-in link', 'Continue with GitHub']);
    for (const b of el.querySelectorAll<HTMLButtonElement>('.janua-alternatives button')) {
      expect(b.type).to.equal('button');
      expect(b.form === null, 'not a button of the password form').to.equal(true);
    }
    // `webauthn` once the browser has said it offers passkeys in autofill (see the test of a browser that does not).
    const autofill = await supportsPasskeyAutofill();
    await until(() => email.autocomplete === (autofill ? 'username webauthn' : 'username'), 'the email field’s autocomplete');
    // `methods` narrows what is offered; no provider configured means no provider button.
    const bare = await startMethodsServer();
    const { el: plain, email: plainEmail } = await mount(bare, { methods: 'sso' });
    expect(plain.querySelector('.janua-alternatives') === null).to.equal(true);
    expect(bare.received.some((r) => r.path.endsWith('/auth/oauth/providers')), 'not asked when not offered').to.equal(false);
    expect(plainEmail.autocomplete).to.equal('username');
    // An empty `methods` offers the password alone: no button, no passkey autofill, no SSO lookup.
    const passwordOnly = await mount(bare, { methods: '' });
    expect(passwordOnly.el.querySelector('.janua-alternatives') === null).to.equal(true);
    expect(passwordOnly.email.autocomplete).to.equal('username');
    type(passwordOnly.email, 'someone@example.test');
    type(passwordOnly.el.querySelector<HTMLInputElement>('input[name="password"]')!, 'not-the-password');
    passwordOnly.el.querySelector<HTMLButtonElement>('.janua-submit')!.click();
    await until(() => bare.received.some((r) => r.path.endsWith('/auth/signin')), 'the password sign-in');
    expect(bare.received.some((r) => r.path.includes('/sso/')), 'no SSO lookup when not offered').to.equal(false);
    const none = await mount(bare, { methods: 'social' });
    await until(() => bare.received.some((r) => r.path.endsWith('/auth/oauth/providers')), 'the providers request');
    await none.el.updateComplete;
    expect(none.el.querySelector('.janua-provider-button') === null).to.equal(true);
  });

  it('starts a social sign-in through the server and announces the trip to the provider', async () => {
    const server = await startMethodsServer({ ...PROVIDERS, frontendUrl: location.origin });
    const { el } = await mount(server);
    await until(() => el.querySelector('.janua-provider-button'), 'the provider button');
    const nav = stayHere();
    try {
      buttonNamed(el, 'Continue with GitHub')!.click();
      await until(() => nav.urls.length, 'janua-navigate');
      const start = server.received.find((r) => r.path.startsWith('/api/v1/auth/oauth/authorize/github'))!;
      const back = new URL(new URL(start.path, location.origin).searchParams.get('redirect_to')!);
      expect(back.origin + back.pathname).to.equal(location.origin + location.pathname);
      expect(back.searchParams.get('janua_return')).to.equal('social');
      expect(nav.urls[0]!.reason).to.equal('social');
      const authorize = new URL(nav.urls[0]!.url);
      expect(authorize.origin).to.equal('https://github.com');
      expect(authorize.searchParams.get('code_challenge_method')).to.equal('S256');
    } finally {
      nav.stop();
    }
  });

  describe('coming back from a provider', () => {
    const here = location.href;
    afterEach(() => history.replaceState(null, '', here));

    it('shows the provider’s refusal in the card, in words, and cleans the address', async () => {
      history.replaceState(null, '', `${location.pathname}?keep=1&janua_return=social&error=access_denied`);
      const server = await startMethodsServer();
      const codes: string[] = [];
      document.addEventListener('janua-error', (e) => codes.push(e.detail.code), { once: true });
      const { el } = await mount(server);
      await until(() => alertOf(el).text.includes('The sign-in was cancelled or refused at the provider.'), 'the error');
      expect(alertOf(el).variant).to.equal('error');
      expect(codes).to.deep.equal(['ACCESS_DENIED']);
      expect(location.search).to.equal('?keep=1');
      await expect(el).to.be.accessible();
    });

    it('takes the second factor’s token out of the address bar at once, before the code that reads it arrives', () => {
      const before = location.href;
      try {
        history.replaceState(null, '', `${location.pathname}?janua_return=social#mfa_token=secret-token&mfa_methods=totp`);
        const seen = returnAddress();
        // Synchronously: no round trip (the lazy reader, the session restore) with it in the history.
        expect(location.hash).to.equal('');
        expect(location.search).to.equal('?janua_return=social');
        expect(seen, 'the reader still gets it').to.match(/#mfa_token=secret-token&mfa_methods=totp$/);
        history.replaceState(null, '', `${location.pathname}?keep=1`);
        expect(returnAddress(), 'a plain address').to.equal(null);
        history.replaceState(null, '', `${location.pathname}?error=access_denied`);
        expect(returnAddress(), 'an error is read, the address left to the reader').to.equal(location.href);
      } finally {
        history.replaceState(null, '', before);
      }
    });

    it('takes up the second factor an MFA account owes, and finishes the sign-in', async () => {
      const server = await startMethodsServer();
      const { email, secret } = await totpAccount(server);
      // What the callback hands over for an MFA account: a real MFA token, in the fragment.
      const answer = await server.app.fetch(new Request(`${'http://janua.test'}/api/v1/auth/signin`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
      })).then((r) => r.json() as Promise<{ mfa_token: string }>);
      history.replaceState(null, '', `${location.pathname}?janua_return=social#mfa_token=${answer.mfa_token}&mfa_methods=totp,backup_code`);
      const nav = stayHere();
      try {
        const { el } = await mount(server, { redirect: '/app' });
        const step = await until(() => el.querySelector('janua-mfa-challenge input[name="code"]'), 'the second-factor step')
          .then(() => el.querySelector<HTMLInputElement>('janua-mfa-challenge input[name="code"]')!);
        expect(location.hash, 'the token leaves the address').to.equal('');
        expect(document.body.innerHTML).not.to.contain(answer.mfa_token);
        expect(server.client.getSnapshot().pending?.via).to.equal('social');
        paste(step, await nextCode(secret));
        await until(() => nav.urls.length, 'the redirect after sign-in');
        expect(nav.urls).to.deep.equal([{ url: '/app', reason: 'signed-in' }]);
      } finally {
        nav.stop();
      }
    });
  });

  it('gives way to SSO for an SSO domain: no password field, and no password is ever sent', async () => {
    const server = await startMethodsServer({
      frontendUrl: location.origin,
      // Outbound calls to the identity provider: none can be made from this tab.
      fetch: async () => { throw new TypeError('offline'); },
    });
    const owner = uniqueEmail();
    await server.client.signUp({ email: owner, password: PASSWORD });
    const org = await server.client.request<{ id: string }>('POST', '/organizations/', { name: 'Corp', slug: `corp-${Date.now()}` });
    ssoService(server.app.ctx).configure(org.id, { issuer: 'https://idp.corp.invalid', client_id: 'c', client_secret: 's', domains: ['corp.invalid'] });
    await server.client.signOut();
    const { el, email } = await mount(server);
    const from = server.received.length;
    const sentSince = () => server.received.slice(from).map((r) => r.body).join('\n');
    const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    type(password, PASSWORD);
    type(email, 'bob@corp.invalid');
    await until(() => !el.querySelector('input[name="password"]'), 'the password field to give way');
    const submit = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.textContent!.trim()).to.equal('Continue with SSO');
    // Said in the card's polite region (where the other step changes are said), and the field
    // itself is described by the hint that took the password's place.
    await until(() => alertOf(el).text === 'This address uses single sign-on: continue with SSO.', 'the announcement');
    expect(alertOf(el).variant).to.equal('info');
    const describedBy = (email.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    expect(describedBy.map((id) => document.getElementById(id)?.textContent?.trim()))
      .to.include('Your organization signs you in with single sign-on. No password needed here.');
    await expect(el).to.be.accessible();
    submit.click();
    // The identity provider cannot be reached from here: the server says so, in words.
    await until(() => alertOf(el).text.includes('The service is busy'), 'the answer');
    expect(server.received.some((r) => r.path === '/api/v1/sso/initiate')).to.equal(true);
    expect(server.received.slice(from).some((r) => r.path.endsWith('/auth/signin'))).to.equal(false);
    expect(sentSince()).not.to.contain(PASSWORD);
    // Another domain: the password is back.
    type(email, 'bob@elsewhere.invalid');
    await until(() => el.querySelector('input[name="password"]'), 'the password field again');
  });

  it('checks for SSO on submit too, before any password leaves', async () => {
    const server = await startMethodsServer({ frontendUrl: location.origin, fetch: async () => { throw new TypeError('offline'); } });
    await server.client.signUp({ email: uniqueEmail(), password: PASSWORD });
    const org = await server.client.request<{ id: string }>('POST', '/organizations/', { name: 'Corp', slug: `corp-${Date.now()}` });
    ssoService(server.app.ctx).configure(org.id, { issuer: 'https://idp.corp.invalid', client_id: 'c', domains: ['fast.invalid'] });
    await server.client.signOut();
    const { el, email } = await mount(server);
    const from = server.received.length;
    // Filled at once and submitted before the lookup's pause: the submit asks itself.
    email.value = 'eve@fast.invalid';
    el.querySelector<HTMLInputElement>('input[name="password"]')!.value = PASSWORD;
    el.submit();
    await until(() => server.received.some((r) => r.path === '/api/v1/sso/initiate'), 'the SSO start');
    expect(server.received.slice(from).map((r) => r.body).join('\n')).not.to.contain(PASSWORD);
  });

  /**
   * A client of `server` whose `/sso/discover` answers as `discover` says, for the n-th lookup
   * (from 1): `'offline'` (no answer at all), a status (with the server's error body), or `'real'`
   * (the server's own answer). Every other request goes to the server.
   */
  function discoverAnswers(server: MethodsServer, discover: (n: number) => 'offline' | 503 | 429 | 404 | 'real') {
    let lookups = 0;
    const client = new JanuaClient({
      api: API, refreshTransport: 'body', crossTab: false,
      fetch: async (input, init) => {
        const url = new URL(new Request(input, init).url);
        if (!url.pathname.endsWith('/sso/discover')) return server.fetch(input, init);
        const answer = discover(++lookups);
        if (answer === 'offline') throw new TypeError('Failed to fetch');
        if (answer === 'real') return server.fetch(input, init);
        const code = answer === 404 ? 'NOT_FOUND' : answer === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE';
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(answer === 429 ? { 'retry-after': '30' } : {}) };
        return new Response(JSON.stringify({ error: { code, message: 'no' } }), { status: answer, headers });
      },
    });
    return { client, lookups: () => lookups };
  }

  /** Signs `address` in with the password on a card whose `/sso/discover` answers as `discover` says; resolves once signed in. */
  async function signInWhileDiscover(server: MethodsServer, address: string, discover: Parameters<typeof discoverAnswers>[1]) {
    const { client, lookups } = discoverAnswers(server, discover);
    await client.ready;
    const { el, email } = await mount(server, { client });
    type(email, address);
    type(el.querySelector<HTMLInputElement>('input[name="password"]')!, PASSWORD);
    const signedIn: Event[] = [];
    el.addEventListener('janua-signed-in', (e) => signedIn.push(e));
    el.submit();
    await until(() => signedIn.length, 'janua-signed-in');
    return { el, lookups };
  }

  for (const failure of ['offline', 503] as const) {
    it(`sends no password while it cannot tell whether the domain is SSO (${failure === 'offline' ? 'no answer' : '503'}), and says so`, async () => {
      const server = await startMethodsServer();
      const address = await createAccount(server.client);
      const { client, lookups } = discoverAnswers(server, () => failure);
      await client.ready;
      const { el, email } = await mount(server, { client });
      const from = server.received.length;
      const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
      const codes: string[] = [];
      el.addEventListener('janua-error', (e) => codes.push(e.detail.code));
      type(email, address);
      type(password, PASSWORD);
      el.submit();
      // A server out of reach gets the network message (down, or not accepting this page); a
      // server that answers, but not the lookup, says the password was not sent.
      const said = failure === 'offline' ? 'We could not reach the server.' : 'We could not check whether this address signs in with single sign-on';
      await until(() => alertOf(el).text.includes(said), 'the error');
      expect(alertOf(el).variant).to.equal('error');
      // A server that answered with an error is not a connection problem.
      if (failure === 503) expect(alertOf(el).text).to.contain('your password was not sent').and.contain('Try again in a moment').and.not.contain('connection');
      // The lookup was asked once more before giving up (and not a third time).
      expect(lookups()).to.equal(2);
      expect(server.received.slice(from).some((r) => r.path.endsWith('/auth/signin')), 'no password sign-in').to.equal(false);
      expect(server.received.slice(from).map((r) => r.body).join('\n')).not.to.contain(PASSWORD);
      expect(codes).to.deep.equal([failure === 'offline' ? 'NETWORK_ERROR' : 'SERVICE_UNAVAILABLE']);
      // What was typed stays, ready for another try.
      expect(email.value).to.equal(address);
      expect(el.querySelector<HTMLInputElement>('input[name="password"]')!.value).to.equal(PASSWORD);
      expect(server.client.getSnapshot().status).not.to.equal('signed-in');
      await expect(el).to.be.accessible();
    });
  }

  it('sends no password when /sso/discover is rate limited (429): the lookup is not asked again at once, and the wait is the message', async () => {
    const server = await startMethodsServer();
    const address = await createAccount(server.client);
    const { client, lookups } = discoverAnswers(server, () => 429);
    await client.ready;
    const { el, email } = await mount(server, { client });
    const from = server.received.length;
    const codes: string[] = [];
    el.addEventListener('janua-error', (e) => codes.push(e.detail.code));
    type(email, address);
    type(el.querySelector<HTMLInputElement>('input[name="password"]')!, PASSWORD);
    el.submit();
    await until(() => codes.length === 1, 'janua-error');
    await until(() => alertOf(el).text.includes('Too many attempts. Try again in 30 seconds.'), 'the wait');
    expect(alertOf(el).text).not.to.contain('single sign-on');
    expect(codes).to.deep.equal(['RATE_LIMITED']);
    expect(lookups()).to.equal(1);
    expect(server.received.slice(from).map((r) => r.body).join('\n')).not.to.contain(PASSWORD);
    expect(email.value).to.equal(address);
    await expect(el).to.be.accessible();
  });

  it('asks a failed lookup once more before a submit, and signs in with the password once the answer is "no SSO"', async () => {
    const server = await startMethodsServer();
    const address = await createAccount(server.client);
    const { lookups } = await signInWhileDiscover(server, address, (n) => (n === 1 ? 503 : 'real'));
    expect(lookups()).to.equal(2);
  });

  it('counts a server without SSO (404 from /sso/discover) as "no SSO": the password signs in', async () => {
    const server = await startMethodsServer();
    const address = await createAccount(server.client);
    const { lookups, el } = await signInWhileDiscover(server, address, () => 404);
    expect(lookups()).to.equal(1);
    expect(alertOf(el).variant).not.to.equal('error');
  });

  it('mails a sign-in link: the email is checked first, then a sent step with a resend wait and a way back', async () => {
    const server = await startMethodsServer();
    const address = await createAccount(server.client);
    const { el, email } = await mount(server, { cooldown: 1 });
    buttonNamed(el, 'Email me a sign-in link')!.click();
    await until(() => email.getAttribute('aria-invalid') === 'true', 'the email marked');
    expect(server.received.filter((r) => r.path.endsWith('/auth/magic-link'))).to.have.length(0);
    type(email, address);
    const sent: Event[] = [];
    el.addEventListener('janua-magic-link-sent', (e) => sent.push(e));
    buttonNamed(el, 'Email me a sign-in link')!.click();
    await until(() => heading(el) === 'Check your email', 'the sent step');
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.contain(address);
    await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part="heading"]'), 'focus on the heading');
    expect(sent).to.have.length(1);
    expect(JSON.stringify((sent[0] as CustomEvent).detail)).not.to.contain(address);
    expect(server.outbox(address).filter((m) => m.link?.includes('/magic-link?token='))).to.have.length(1);
    const resend = el.querySelector<HTMLButtonElement>('.janua-resend-button')!;
    expect(resend.disabled).to.equal(true);
    expect(resend.textContent!.trim()).to.match(/^Send again in \d s$/);
    await expect(el).to.be.accessible();
    await until(() => !el.querySelector<HTMLButtonElement>('.janua-resend-button')!.disabled, 'the end of the wait');
    el.querySelector<HTMLButtonElement>('.janua-resend-button')!.click();
    await until(() => alertOf(el).text.includes('We sent a new link'), 'the resent notice');
    buttonNamed(el, 'Use another way to sign in')!.click();
    await until(() => deepActive() === el.querySelector('input[name="email"]'), 'focus back in the email field');
    expect(heading(el)).to.equal('Sign in');
  });

  it('says a dismissed passkey quietly, and never as an error', async function () {
    // A passkey ceremony needs WebAuthn in the browser; WebKitGTK has none (Chromium and Firefox run it).
    if (!HAS_WEBAUTHN) this.skip();
    const server = await startMethodsServer();
    const webauthn = stubWebAuthn('dismiss');
    try {
      const { el } = await mount(server, { methods: 'passkey' });
      const errors: Event[] = [];
      el.addEventListener('janua-error', (e) => errors.push(e));
      buttonNamed(el, 'Sign in with a passkey')!.click();
      await until(() => alertOf(el).text.includes('No passkey was used'), 'the quiet notice');
      expect(alertOf(el).variant).to.equal('info');
      expect(alertOf(el).text).not.to.contain('Error');
      expect(errors).to.have.length(0);
      expect(webauthn.requests.some((r) => r.mediation === 'optional')).to.equal(true);
    } finally {
      webauthn.restore();
    }
  });

  it('offers passkeys in the email field’s autofill, aborted before a modal ceremony and when the card leaves', async function () {
    // A passkey ceremony needs WebAuthn in the browser; WebKitGTK has none (Chromium and Firefox run it).
    if (!HAS_WEBAUTHN) this.skip();
    const server = await startMethodsServer();
    const webauthn = stubWebAuthn('wait');
    try {
      const { el } = await mount(server, { methods: 'passkey' });
      await until(() => webauthn.requests.some((r) => r.mediation === 'conditional'), 'the conditional request');
      const autofill = webauthn.requests.find((r) => r.mediation === 'conditional')!;
      expect(autofill.signal?.aborted).to.equal(false);
      buttonNamed(el, 'Sign in with a passkey')!.click();
      await until(() => webauthn.requests.some((r) => r.mediation === 'optional'), 'the modal request');
      expect(autofill.signal?.aborted, 'autofill ended before the modal ceremony began').to.equal(true);
      const modal = webauthn.requests.find((r) => r.mediation === 'optional')!;
      expect(modal.signal?.aborted).to.equal(false);
      // The card leaves the page: whatever it asked of the browser is withdrawn.
      el.remove();
      await until(() => modal.signal?.aborted, 'the modal request withdrawn');
      expect(webauthn.requests.filter((r) => r.mediation === 'conditional').length, 'no new autofill request meanwhile').to.equal(1);
    } finally {
      webauthn.restore();
    }
  });

  for (const browser of ['no', 'absent'] as const) {
    it(`starts no autofill request where the browser does not offer passkeys in autofill (${browser === 'no' ? 'it says no' : 'it cannot say'})`, async function () {
      // A passkey ceremony needs WebAuthn in the browser; WebKitGTK has none (Chromium and Firefox run it).
      if (!HAS_WEBAUTHN) this.skip();
      const server = await startMethodsServer();
      const webauthn = stubWebAuthn('dismiss', browser);
      try {
        const { el, email } = await mount(server, { methods: 'passkey' });
        await until(() => webauthn.asked > 0, 'the browser asked');
        // Its answer (a resolved promise) and any update it would cause have run by the next frame.
        await nextFrame();
        await el.updateComplete;
        expect(email.autocomplete, 'no `webauthn` token').to.equal('username');
        // The passkey button still works, and its modal request is the only one the browser got.
        buttonNamed(el, 'Sign in with a passkey')!.click();
        await until(() => alertOf(el).text.includes('No passkey was used'), 'the modal ceremony dismissed');
        expect(webauthn.requests.map((r) => r.mediation)).to.deep.equal(['optional']);
        expect(server.received.filter((r) => r.path.endsWith('/passkeys/authenticate/options')), 'options asked for the button only')
          .to.have.length(1);
        expect(email.autocomplete).to.equal('username');
      } finally {
        webauthn.restore();
      }
    });
  }

  it('ends the autofill request when the card leaves the page', async function () {
    // A passkey ceremony needs WebAuthn in the browser; WebKitGTK has none (Chromium and Firefox run it).
    if (!HAS_WEBAUTHN) this.skip();
    const server = await startMethodsServer();
    const webauthn = stubWebAuthn('wait');
    try {
      const { el } = await mount(server, { methods: 'passkey' });
      await until(() => webauthn.requests.some((r) => r.mediation === 'conditional'), 'the conditional request');
      el.remove();
      await until(() => webauthn.requests.every((r) => r.signal?.aborted), 'the request aborted');
    } finally {
      webauthn.restore();
    }
  });

  it('shows the second factor as its next step after a password, and signs in with it', async () => {
    const server = await startMethodsServer();
    const { email, secret } = await totpAccount(server);
    const { el, email: emailInput } = await mount(server);
    type(emailInput, email);
    type(el.querySelector<HTMLInputElement>('input[name="password"]')!, PASSWORD);
    const events: string[] = [];
    for (const name of ['janua-mfa-required', 'janua-mfa-verified', 'janua-signed-in'] as const) el.addEventListener(name, (e) => events.push(e.type));
    el.submit();
    const code = await until(() => el.querySelector('janua-mfa-challenge input[name="code"]'), 'the step')
      .then(() => el.querySelector<HTMLInputElement>('janua-mfa-challenge input[name="code"]')!);
    await until(() => deepActive() === code, 'focus in the code field');
    // One card at a time: the sign-in card steps aside for the step's own.
    expect(el.shadowRoot!.querySelector('[part="card"]') === null, 'no card of its own').to.equal(true);
    expect(el.querySelector<HTMLElement>('form.janua-form')!.hidden).to.equal(true);
    expect(el.querySelector<HTMLElement>('.janua-alternatives')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
    paste(code, await nextCode(secret));
    await until(() => events.includes('janua-signed-in'), 'signed in');
    expect(events).to.deep.equal(['janua-mfa-required', 'janua-mfa-verified', 'janua-signed-in']);
    await until(() => heading(el) === 'You are signed in', 'the signed-in card');
    await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part="heading"]'), 'focus on its heading');
    expect(el.querySelector('form') === null, 'the password form left the page').to.equal(true);
  });

  it('goes back to the password form when the user starts the second step over', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    const { el, email: emailInput } = await mount(server);
    type(emailInput, email);
    type(el.querySelector<HTMLInputElement>('input[name="password"]')!, PASSWORD);
    el.submit();
    await until(() => el.querySelector('janua-mfa-challenge .janua-start-over'), 'the step');
    el.querySelector<HTMLButtonElement>('janua-mfa-challenge .janua-start-over')!.click();
    await until(() => !el.querySelector('janua-mfa-challenge'), 'the step gone');
    await until(() => deepActive() === el.querySelector('input[name="email"]'), 'focus in the email field');
    expect(heading(el)).to.equal('Sign in');
    expect(el.querySelector<HTMLInputElement>('input[name="email"]')!.value, 'what was typed stays').to.equal(email);
  });

  it('speaks French on every new control', async () => {
    const server = await startMethodsServer({ ...PROVIDERS, frontendUrl: location.origin });
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in locale="fr" .client=${server.client}></janua-sign-in>`);
    await until(() => buttonNamed(el, 'Continuer avec GitHub'), 'the French provider button');
    expect(Boolean(buttonNamed(el, 'Se connecter avec une clé d’accès')), 'the passkey button (where there is WebAuthn)').to.equal(HAS_WEBAUTHN);
    expect(Boolean(buttonNamed(el, 'Recevoir un lien de connexion par e-mail')), 'the link button').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
