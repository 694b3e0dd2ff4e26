import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import type { JanuaSignUp } from '../../components/sign-up/sign-up.ts';
import type { JanuaNavigateEvent } from '../../components/internal/events.ts';
import { createAccount, PASSWORD, startServer, type, until } from './helpers.ts';

const offline = () => new JanuaClient({ api: 'http://layout.test', restore: false, crossTab: false });
const rect = (el: Element) => el.getBoundingClientRect();
const card = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;

/** The space between the card's edge and the first / last of its rows that takes room. */
function insets(el: Element): { top: number; bottom: number } {
  const c = card(el);
  const rows = [c.querySelector('.header'), el.querySelector('[data-janua-region]'), c.querySelector('janua-alert'),
    c.querySelector('.links'), c.querySelector('.footer')].filter((n): n is Element => Boolean(n) && rect(n!).height > 0);
  return { top: rect(rows[0]!).top - rect(c).top, bottom: rect(c).bottom - rect(rows.at(-1)!).bottom };
}

describe('card layout and the signed-in card', () => {
  it('is accessible signed in, with the next step offered', async () => {
    const server = await startServer();
    await server.client.signIn({ email: await createAccount(server.client, { firstName: 'Ada' }), password: PASSWORD });
    const stay = (e: Event) => e.preventDefault();
    document.addEventListener('janua-navigate', stay);
    try {
      const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client} redirect-url="/home"></janua-sign-in>`);
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('janua-navigate', stay);
    }
  });

  it('has the same inset at the top and the bottom when there are no links', async () => {
    for (const tag of ['janua-sign-in', 'janua-sign-up']) {
      const el = document.createElement(tag) as JanuaSignIn;
      el.client = offline();
      const wrap = await fixture(html`<div style="inline-size: 30rem"></div>`);
      wrap.append(el);
      await el.updateComplete;
      const { top, bottom } = insets(el);
      expect(Math.abs(top - bottom), `${tag}: top ${top}px, bottom ${bottom}px`).to.be.below(1);
      // Empty rows are gone from the page and the accessibility tree, not merely blank.
      for (const row of el.shadowRoot!.querySelectorAll<HTMLElement>('.footer, .links')) expect(row.hidden).to.equal(true);
    }
  });

  it('shows a row again when the author slots a link into it', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${offline()}></janua-sign-in>`);
    const link = document.createElement('a');
    link.slot = 'sign-up-link';
    link.href = '/join';
    link.textContent = 'Join';
    el.append(link);
    await until(() => !el.shadowRoot!.querySelector<HTMLElement>('.footer')!.hidden, 'the footer row');
  });

  it('gives sign-in and sign-up the same width', async () => {
    const wrap = await fixture(html`<div style="inline-size: 60rem">
      <janua-sign-in .client=${offline()}></janua-sign-in><janua-sign-up .client=${offline()}></janua-sign-up></div>`);
    const [a, b] = [...wrap.children].map((el) => rect(el).width);
    expect(a).to.equal(b);
  });

  it('shows a form error without moving the fields', async () => {
    const server = await startServer();
    const email = await createAccount(server.client);
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client}></janua-sign-in>`);
    const input = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    const before = rect(el.querySelector('input[name="email"]')!).top;
    type(el.querySelector<HTMLInputElement>('input[name="email"]')!, email);
    type(input, 'not the password');
    el.submit();
    await until(() => el.shadowRoot!.querySelector('janua-alert')!.message !== '', 'the error');
    await el.updateComplete;
    expect(rect(el.querySelector('input[name="email"]')!).top).to.equal(before);
  });

  it('draws the strength as a meter and says it in words', async () => {
    const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${offline()}></janua-sign-up>`);
    const password = el.querySelector<HTMLInputElement>('input[name="password"]')!;
    const bar = el.querySelector<HTMLElement>('.janua-meter > span')!;
    expect(rect(bar).width).to.equal(0);
    type(password, 'abc');
    await until(() => rect(bar).width > 0, 'the weak bar');
    const track = rect(el.querySelector('.janua-meter')!).width;
    await until(() => Math.abs(rect(bar).width - track / 4) < 1, 'a quarter of the track');
    type(password, 'Tr0ub4dor & 3 correct horses');
    await until(() => Math.abs(rect(bar).width - track) < 1, 'the full track');
    expect(el.querySelector('.janua-meter')!.getAttribute('aria-hidden')).to.equal('true');
    expect(el.querySelector('.janua-strength [aria-live]')!.textContent).to.equal('Password strength: strong.');
  });

  it('shows a logo and names the app when asked to', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${offline()} app-name="Acme"
      logo-url="/favicon.svg"></janua-sign-in>`);
    expect(el.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Sign in to Acme');
    const img = el.shadowRoot!.querySelector<HTMLImageElement>('[part="logo"]')!;
    expect(img.alt).to.equal('Acme');
    await expect(el).to.be.accessible();
  });

  it('names no unnamed group: the fieldset that disables the form is presentational', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${offline()}></janua-sign-in>`);
    const fieldset = el.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend') !== null || fieldset.getAttribute('role') === 'none').to.equal(true);
  });

  it('ends a server field message like the kit\'s own sentences', async () => {
    const server = await startServer();
    const el = await fixture<JanuaSignUp>(html`<janua-sign-up .client=${server.client}></janua-sign-up>`);
    type(el.querySelector<HTMLInputElement>('input[name="email"]')!, 'weak@example.com');
    type(el.querySelector<HTMLInputElement>('input[name="password"]')!, 'password123');
    el.submit();
    const error = () => el.querySelector('.janua-field-password .janua-field-error')!.textContent!.trim();
    await until(() => error() !== '', 'the password error');
    expect(error()).to.match(/[.!?]$/);
  });

  describe('a visitor who is already signed in', () => {
    it('sees who they are, a way to sign out, and continue when redirect-url is set', async () => {
      const server = await startServer();
      await server.client.signIn({ email: await createAccount(server.client, { firstName: 'Grace' }), password: PASSWORD });
      const navigations: JanuaNavigateEvent[] = [];
      const listen = (e: JanuaNavigateEvent) => { navigations.push(e); e.preventDefault(); };
      document.addEventListener('janua-navigate', listen);
      try {
        const plain = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client}></janua-sign-in>`);
        expect(plain.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('You are signed in');
        expect(plain.shadowRoot!.textContent).to.contain('Signed in as Grace.');
        expect(plain.querySelector('form')!.hidden, 'no form for a signed-in visitor').to.equal(true);
        expect(plain.shadowRoot!.querySelector('janua-sign-out-button')).to.exist;
        expect(plain.shadowRoot!.querySelector('[part="continue-link"]')).to.equal(null);
        expect(navigations).to.have.length(0);

        const onward = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client} redirect-url="/dashboard"></janua-sign-in>`);
        await until(() => navigations.length === 1, 'the redirect a signed-in visitor gets');
        expect(new URL(navigations[0]!.detail.url, location.href).href).to.equal(`${location.origin}/dashboard`);
        expect(navigations[0]!.detail.reason).to.equal('signed-in');
        const link = onward.shadowRoot!.querySelector<HTMLAnchorElement>('[part="continue-link"]')!;
        expect(link.href).to.equal(`${location.origin}/dashboard`);
        await onward.updateComplete;
        expect(navigations, 'only once').to.have.length(1);
      } finally {
        document.removeEventListener('janua-navigate', listen);
      }
    });

    it('is not sent round in a loop: after two trips to redirect-url in 30 s that came back, the card stays and says why', async () => {
      const server = await startServer();
      await server.client.signIn({ email: await createAccount(server.client), password: PASSWORD });
      sessionStorage.removeItem('janua:forwarded');
      const navigations: string[] = [];
      const listen = (e: JanuaNavigateEvent) => { navigations.push(e.detail.url); e.preventDefault(); };
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
      document.addEventListener('janua-navigate', listen);
      try {
        // Each a page load of the sign-in page, sent back by a dashboard whose server sees no session.
        for (let visit = 1; visit <= 3; visit++) {
          const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client} redirect-url="/loop-check"></janua-sign-in>`);
          await until(() => navigations.length === visit || warnings.length, `visit ${visit} forwarded or held`);
          el.remove();
        }
      } finally {
        document.removeEventListener('janua-navigate', listen);
        console.warn = warn;
        sessionStorage.removeItem('janua:forwarded');
      }
      expect(navigations.map((url) => new URL(url, location.href).pathname)).to.deep.equal(['/loop-check', '/loop-check']);
      expect(warnings.join('\n')).to.contain('/loop-check sent this signed-in visitor back here twice');
    });

    it('gets the form back, with what was typed, when signed out; focus goes to it from the sign-out button', async () => {
      const server = await startServer();
      const email = await createAccount(server.client);
      const el = await fixture<JanuaSignIn>(html`<janua-sign-in .client=${server.client}></janua-sign-in>`);
      type(el.querySelector<HTMLInputElement>('input[name="email"]')!, 'half-typed@');
      await server.client.signIn({ email, password: PASSWORD });
      await until(() => el.querySelector('form')!.hidden, 'the form hidden');
      const signOut = el.shadowRoot!.querySelector('janua-sign-out-button')!;
      await until(() => signOut.shadowRoot!.querySelector('button'), 'the sign-out button');
      // From the keyboard: the button that had focus goes with the signed-in body.
      signOut.shadowRoot!.querySelector('button')!.focus();
      signOut.shadowRoot!.querySelector('button')!.click();
      await until(() => !el.querySelector('form')!.hidden, 'the form back');
      const field = el.querySelector<HTMLInputElement>('input[name="email"]')!;
      expect(field.value).to.equal('half-typed@');
      await until(() => document.activeElement === field, `focus on the email field, not ${document.activeElement?.localName}`);
    });
  });
});
