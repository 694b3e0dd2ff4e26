import { expect, fixture, html } from '@open-wc/testing';
import '../../components/magic-link/define.ts';
import type { JanuaMagicLink } from '../../components/magic-link/magic-link.ts';
import type { JanuaNavigateEvent } from '../../components/internal/events.ts';
import { requestMagicLink } from '@janua/core';
import { API, createAccount, PASSWORD, type, until } from './helpers.ts';
import { alertOf, nextCode, paste, startMethodsServer, totpAccount, type MethodsServer } from './methods-helpers.ts';

const heading = (el: Element) => el.shadowRoot!.querySelector('[part="heading"]')?.textContent ?? '';

let apis = 0;

/**
 * The reference server, and a client of an API name of this test's own: whether this browser
 * asked for a link is kept per API in localStorage, which the test pages running side by side
 * share.
 */
async function start(): Promise<MethodsServer> {
  const server = await startMethodsServer({ frontendUrl: location.origin });
  const client = server.makeClient({ api: `http://magic-${Date.now()}-${apis++}.test` });
  await client.ready;
  return { ...server, client };
}

/** The link mailed to `email`. */
function mailedLink(server: MethodsServer, email: string): URL {
  const mail = server.outbox(email).filter((m) => m.link?.includes('/magic-link?')).at(-1);
  if (!mail?.link) throw new Error(`no link was mailed to ${email}`);
  return new URL(mail.link);
}

/** Signed out, asks for a link to `email` in this browser, as the sign-in card does; returns the link. */
async function linkFor(server: MethodsServer, email: string, redirectUrl?: string): Promise<URL> {
  if (server.client.getSnapshot().status === 'signed-in') await server.client.signOut();
  await requestMagicLink(server.client, { email, ...(redirectUrl ? { redirectUrl } : {}) });
  return mailedLink(server, email);
}

/** A link to `email` asked for elsewhere: straight to the server, as an attacker's own request would be. */
async function foreignLink(server: MethodsServer, email: string): Promise<string> {
  await server.app.fetch(new Request(`${API}/api/v1/auth/magic-link`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }),
  }));
  return mailedLink(server, email).searchParams.get('token')!;
}

function stayHere(): { urls: string[]; stop(): void } {
  const urls: string[] = [];
  const listener = (e: JanuaNavigateEvent) => { urls.push(e.detail.url); e.preventDefault(); };
  document.addEventListener('janua-navigate', listener);
  return { urls, stop: () => document.removeEventListener('janua-navigate', listener) };
}

describe('<janua-magic-link>', () => {
  const here = location.href;
  afterEach(() => history.replaceState(null, '', here));

  it('is accessible while it checks the link and once signed in', async () => {
    const server = await start();
    const email = await createAccount(server.client);
    const link = await linkFor(server, email);
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${link.searchParams.get('token')!}></janua-magic-link>`);
    await expect(el).to.be.accessible();
    await until(() => heading(el) === 'You are signed in', 'signed in');
    await expect(el).to.be.accessible();
  });

  it('signs in from the address’s token, takes it out of the address bar, and follows the link’s redirect through the guard', async () => {
    const server = await start();
    const email = await createAccount(server.client);
    const link = await linkFor(server, email, `${location.origin}/welcome?from=mail`);
    history.replaceState(null, '', `${location.pathname}${link.search}`);
    const nav = stayHere();
    try {
      const signedIn: CustomEvent[] = [];
      document.addEventListener('janua-signed-in', (e) => signedIn.push(e), { once: true });
      await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} redirect-url="/fallback"></janua-magic-link>`);
      await until(() => nav.urls.length, 'the redirect');
      expect(nav.urls).to.deep.equal(['/welcome?from=mail']);
      expect(location.search, 'the token left the address').not.to.contain('token=');
      expect(signedIn).to.have.length(1);
      expect(server.client.getSnapshot().user?.email).to.equal(email);
    } finally {
      nav.stop();
    }
  });

  it('refuses a redirect to another site: the guard falls back to the site root', async () => {
    const server = await start();
    const email = await createAccount(server.client);
    const link = await linkFor(server, email);
    const nav = stayHere();
    try {
      await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${link.searchParams.get('token')!}
        redirect-url="https://evil.example/steal"></janua-magic-link>`);
      await until(() => nav.urls.length, 'the redirect');
      expect(nav.urls).to.deep.equal(['/']);
    } finally {
      nav.stop();
    }
  });

  it('says a used link no longer works, and mails a new one on request', async () => {
    const server = await start();
    const email = await createAccount(server.client);
    const token = (await linkFor(server, email)).searchParams.get('token')!;
    const first = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token}></janua-magic-link>`);
    await until(() => heading(first) === 'You are signed in', 'the first use');
    await server.client.signOut();
    first.remove();
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token} resend-cooldown="1"></janua-magic-link>`);
    // Its use took the mark "asked for here" away: opened again, it asks first.
    await until(() => el.querySelector('.janua-continue-button'), 'the question');
    el.querySelector<HTMLButtonElement>('.janua-continue-button')!.click();
    await until(() => heading(el) === 'This link no longer works', 'the used link');
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.contain('already used or has expired');
    expect(alertOf(el).variant, 'not shouted as an error').not.to.equal('error');
    await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part="heading"]'), 'focus on the heading');
    await expect(el).to.be.accessible();
    const before = server.outbox(email).length;
    type(el.querySelector<HTMLInputElement>('input[name="email"]')!, email);
    el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => heading(el) === 'Check your email', 'the sent step');
    expect(server.outbox(email).length).to.equal(before + 1);
    const resend = el.querySelector<HTMLButtonElement>('.janua-resend-button')!;
    expect(resend.disabled).to.equal(true);
    await until(() => !el.querySelector<HTMLButtonElement>('.janua-resend-button')!.disabled, 'the end of the wait');
  });

  it('a sign-in the server cannot be reached for: no "Signing you in" left, focus on the alert, and Try again works', async () => {
    const server = await start();
    const email = await createAccount(server.client);
    const token = (await linkFor(server, email)).searchParams.get('token')!;
    let down = true;
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => down && new Request(input, init).url.endsWith('/auth/magic-link/verify')
      ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(input, init);
    const client = server.makeClient({ api: server.client.api, fetch });
    await client.ready;
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${client} .token=${token}></janua-magic-link>`);
    await until(() => el.querySelector('.janua-retry-button'), 'the way to try again');
    expect(heading(el)).to.equal('Sign in with a link');
    await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('janua-alert'), 'focus on the alert');
    expect(alertOf(el).variant).to.equal('error');
    down = false;
    el.querySelector<HTMLButtonElement>('.janua-retry-button')!.click();
    await until(() => heading(el) === 'You are signed in', 'signed in on the second try');
  });

  it('without a token offers to mail a link', async () => {
    const server = await start();
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client}></janua-magic-link>`);
    await until(() => heading(el) === 'Sign in with a link', 'the request form');
    expect(Boolean(el.querySelector('input[name="email"]')), 'the email field').to.equal(true);
    expect(server.received.some((r) => r.path.endsWith('/magic-link/verify'))).to.equal(false);
  });

  it('takes the second factor an MFA account owes before the sign-in completes', async () => {
    const server = await start();
    const { email, secret } = await totpAccount(server);
    const token = (await linkFor(server, email)).searchParams.get('token')!;
    const nav = stayHere();
    try {
      const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token} redirect-url="/app"></janua-magic-link>`);
      await until(() => el.querySelector('janua-mfa-challenge input[name="code"]'), 'the second-factor step');
      expect(server.client.getSnapshot().pending?.via).to.equal('magic-link');
      await expect(el).to.be.accessible();
      paste(el.querySelector<HTMLInputElement>('janua-mfa-challenge input[name="code"]')!, await nextCode(secret));
      await until(() => nav.urls.length, 'the redirect');
      expect(nav.urls).to.deep.equal(['/app']);
    } finally {
      nav.stop();
    }
  });

  it('asks before it uses a link this browser did not ask for, and says whose session it would replace', async () => {
    const server = await start();
    // The visitor is signed in; the link is someone else's, asked for elsewhere (a login CSRF).
    const visitor = await createAccount(server.client);
    await server.client.signIn({ email: visitor, password: PASSWORD });
    const other = await createAccount(server.makeClient());
    const token = await foreignLink(server, other);
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token}></janua-magic-link>`);
    await until(() => el.querySelector('.janua-continue-button'), 'the question');
    expect(heading(el)).to.equal('Sign in with a link');
    const subtitle = el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent!;
    expect(subtitle).to.contain('This browser did not ask for this link.');
    expect(subtitle).to.contain(`You are signed in as ${visitor}.`);
    await until(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('[part="heading"]'), 'focus on the heading');
    await expect(el).to.be.accessible();
    expect(server.received.some((r) => r.path.endsWith('/magic-link/verify')), 'nothing sent yet').to.equal(false);
    expect(server.client.getSnapshot().user?.email).to.equal(visitor);
    el.querySelector<HTMLButtonElement>('.janua-continue-button')!.click();
    await until(() => server.client.getSnapshot().user?.email === other, 'signed in with the link');
    await until(() => heading(el) === 'You are signed in', 'the signed-in card');
  });

  it('a link for an MFA account, confirmed over someone else\'s session, shows the second factor, which then signs in', async () => {
    const server = await start();
    const { email, secret } = await totpAccount(server);
    const visitor = await createAccount(server.client);
    await server.client.signIn({ email: visitor, password: PASSWORD });
    const token = await foreignLink(server, email);
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token}></janua-magic-link>`);
    await until(() => el.querySelector('.janua-continue-button'), 'the question');
    el.querySelector<HTMLButtonElement>('.janua-continue-button')!.click();
    await until(() => el.querySelector('janua-mfa-challenge input[name="code"]'), 'the second-factor step');
    paste(el.querySelector<HTMLInputElement>('janua-mfa-challenge input[name="code"]')!, await nextCode(secret));
    await until(() => server.client.getSnapshot().user?.email === email, 'signed in with the link\'s account');
    await until(() => heading(el) === 'You are signed in', 'the signed-in card');
  });

  it('asks too when nobody is signed in and the link was asked for elsewhere (another device, or another person)', async () => {
    const server = await start();
    const email = await createAccount(server.makeClient());
    const token = await foreignLink(server, email);
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token}></janua-magic-link>`);
    await until(() => el.querySelector('.janua-continue-button'), 'the question');
    const subtitle = el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent!;
    expect(subtitle).to.equal('This browser did not ask for this link. Continue only if you asked for it, here or on another device.');
    expect(server.received.some((r) => r.path.endsWith('/magic-link/verify'))).to.equal(false);
    el.querySelector<HTMLButtonElement>('.janua-continue-button')!.click();
    await until(() => heading(el) === 'You are signed in', 'signed in');
    expect(server.client.getSnapshot().user?.email).to.equal(email);
  });

  it('follows a token set later, or another one, and signs in with the one it shows', async () => {
    const server = await start();
    const first = await createAccount(server.makeClient());
    const second = await createAccount(server.makeClient());
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client}></janua-magic-link>`);
    await until(() => heading(el) === 'Sign in with a link', 'the request form');
    // The router's parameter arrives after the first render.
    el.token = await foreignLink(server, first);
    await until(() => el.querySelector('.janua-continue-button'), 'the question, for the link set later');
    // Another link before Continue, one this browser asked for: that one is used, at once.
    el.token = (await linkFor(server, second)).searchParams.get('token')!;
    await until(() => heading(el) === 'You are signed in', 'signed in with the second link');
    expect(server.client.getSnapshot().user?.email).to.equal(second);
    expect(server.received.filter((r) => r.path.endsWith('/magic-link/verify')).length, 'the first link never sent').to.equal(1);
  });

  it('speaks French', async () => {
    const server = await start();
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link locale="fr" .client=${server.client} .token=${'not-a-real-token-000000000000000000000'}></janua-magic-link>`);
    await until(() => el.shadowRoot!.querySelector('[part="subtitle"]')?.textContent?.includes('Ce navigateur n’a pas demandé ce lien.'), 'the question, in French');
    expect(el.querySelector('.janua-continue-button')!.textContent).to.equal('Continuer');
    await expect(el).to.be.accessible();
    el.querySelector<HTMLButtonElement>('.janua-continue-button')!.click();
    await until(() => heading(el) === 'Ce lien ne fonctionne plus', 'the French heading');
    await expect(el).to.be.accessible();
  });
});
