import { expect, fixture, html } from '@open-wc/testing';
import '../../components/magic-link/define.ts';
import type { JanuaMagicLink } from '../../components/magic-link/magic-link.ts';
import type { JanuaNavigateEvent } from '../../components/internal/events.ts';
import { createAccount, type, until } from './helpers.ts';
import { alertOf, nextCode, paste, startMethodsServer, totpAccount, type MethodsServer } from './methods-helpers.ts';

const heading = (el: Element) => el.shadowRoot!.querySelector('[part="heading"]')?.textContent ?? '';

/** Asks the server for a link to `email` (as the sign-in card does) and returns its token. */
async function linkFor(server: MethodsServer, email: string, redirectUrl?: string): Promise<URL> {
  await server.client.request('POST', '/auth/magic-link', { email, ...(redirectUrl ? { redirect_url: redirectUrl } : {}) });
  const mail = server.outbox(email).filter((m) => m.link?.includes('/magic-link?')).at(-1);
  if (!mail?.link) throw new Error(`no link was mailed to ${email}`);
  return new URL(mail.link);
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
    const server = await startMethodsServer({ frontendUrl: location.origin });
    const email = await createAccount(server.client);
    const link = await linkFor(server, email);
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${link.searchParams.get('token')!}></janua-magic-link>`);
    await expect(el).to.be.accessible();
    await until(() => heading(el) === 'You are signed in', 'signed in');
    await expect(el).to.be.accessible();
  });

  it('signs in from the address’s token, takes it out of the address bar, and follows the link’s redirect through the guard', async () => {
    const server = await startMethodsServer({ frontendUrl: location.origin });
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
    const server = await startMethodsServer({ frontendUrl: location.origin });
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
    const server = await startMethodsServer({ frontendUrl: location.origin });
    const email = await createAccount(server.client);
    const token = (await linkFor(server, email)).searchParams.get('token')!;
    const first = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token}></janua-magic-link>`);
    await until(() => heading(first) === 'You are signed in', 'the first use');
    await server.client.signOut();
    first.remove();
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client} .token=${token} resend-cooldown="1"></janua-magic-link>`);
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

  it('without a token offers to mail a link', async () => {
    const server = await startMethodsServer({ frontendUrl: location.origin });
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link .client=${server.client}></janua-magic-link>`);
    await until(() => heading(el) === 'Sign in with a link', 'the request form');
    expect(Boolean(el.querySelector('input[name="email"]')), 'the email field').to.equal(true);
    expect(server.received.some((r) => r.path.endsWith('/magic-link/verify'))).to.equal(false);
  });

  it('takes the second factor an MFA account owes before the sign-in completes', async () => {
    const server = await startMethodsServer({ frontendUrl: location.origin });
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

  it('speaks French', async () => {
    const server = await startMethodsServer({ frontendUrl: location.origin });
    const el = await fixture<JanuaMagicLink>(html`<janua-magic-link locale="fr" .client=${server.client} .token=${'not-a-real-token-000000000000000000000'}></janua-magic-link>`);
    await until(() => heading(el) === 'Ce lien ne fonctionne plus', 'the French heading');
    await expect(el).to.be.accessible();
  });
});
