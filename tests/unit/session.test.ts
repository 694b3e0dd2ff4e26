import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import type { JanuaSignOutButton } from '../../components/sign-out-button/sign-out-button.ts';
import { createAccount, PASSWORD, startServer, type, until } from './helpers.ts';

const shown = (el: Element) => Boolean(el.shadowRoot!.querySelector('slot'));

describe('signed-in / signed-out / user name / sign-out', () => {
  it('is accessible', async () => {
    const server = await startServer();
    const el = await fixture(html`<div><janua-signed-out .client=${server.client}><p>Please sign in</p></janua-signed-out>
      <janua-sign-out-button .client=${server.client}></janua-sign-out-button></div>`);
    await expect(el).to.be.accessible();
  });

  it('renders nothing at all while the session is still loading', async () => {
    const server = await startServer();
    server.hold();
    // A client whose restore is parked on the way to the server: status stays `loading`.
    const loading = new JanuaClient({ api: 'http://janua.test', fetch: server.fetch, refreshTransport: 'cookie', crossTab: false });
    expect(loading.getSnapshot().status).to.equal('loading');
    const el = await fixture(html`<div>
      <janua-signed-in .client=${loading}><p id="in">Welcome back</p></janua-signed-in>
      <janua-signed-out .client=${loading}><p id="out">Please sign in</p></janua-signed-out>
      <janua-user-name .client=${loading}></janua-user-name>
      <janua-sign-out-button .client=${loading}></janua-sign-out-button>
    </div>`);
    const inEl = el.querySelector('janua-signed-in')!;
    const outEl = el.querySelector('janua-signed-out')!;
    expect(shown(inEl) || shown(outEl)).to.equal(false);
    expect(el.querySelector<HTMLElement>('#out')!.checkVisibility()).to.equal(false);
    expect(el.querySelector<HTMLElement>('#in')!.checkVisibility()).to.equal(false);
    expect(el.querySelector('janua-user-name')!.textContent!.trim()).to.equal('');
    expect(el.querySelector('janua-sign-out-button')!.shadowRoot!.querySelector('button, janua-button')).to.equal(null);
    server.release();
    await loading.ready;
    await until(() => el.querySelector<HTMLElement>('#out')!.checkVisibility(), 'signed-out content');
    expect(el.querySelector<HTMLElement>('#in')!.checkVisibility()).to.equal(false);
  });

  it('switches content on sign-in, shows the user name, and the sign-out button signs out', async () => {
    const server = await startServer();
    const email = await createAccount(server.client, { firstName: 'Ada', lastName: 'Lovelace' });
    const el = await fixture(html`<janua-provider .client=${server.client}>
      <janua-signed-in><p id="in">Hello, <janua-user-name></janua-user-name></p>
        <janua-sign-out-button redirect-url="/goodbye"></janua-sign-out-button></janua-signed-in>
      <janua-signed-out><p id="out">Please sign in</p></janua-signed-out>
    </janua-provider>`);
    const visible = (id: string) => el.querySelector<HTMLElement>(id)!.checkVisibility();
    expect([visible('#in'), visible('#out')]).to.deep.equal([false, true]);

    await server.client.signIn({ email, password: PASSWORD });
    await until(() => visible('#in'), 'signed-in content');
    expect(visible('#out')).to.equal(false);
    const name = el.querySelector('janua-user-name')!;
    await until(() => name.textContent!.includes('Ada Lovelace'), 'the user name');
    expect(el.querySelector<HTMLElement>('#in')!.innerText).to.contain('Hello, Ada Lovelace');
    expect(el.querySelector('janua-signed-in')!.matches(':state(active)')).to.equal(true);

    const signOut = el.querySelector<JanuaSignOutButton>('janua-sign-out-button')!;
    await until(() => signOut.shadowRoot!.querySelector('button'), 'the sign-out button');
    const button = signOut.shadowRoot!.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Sign out');
    const signOutsBefore = server.received.filter((r) => r.path.endsWith('/auth/signout')).length;
    const urls: string[] = [];
    document.addEventListener('janua-navigate', (e) => { urls.push(e.detail.url); e.preventDefault(); }, { once: true });
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'janua-signed-out');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(server.client.getSnapshot().status).to.equal('signed-out');
    expect(server.received.filter((r) => r.path.endsWith('/auth/signout'))).to.have.length(signOutsBefore + 1);
    await until(() => visible('#out'), 'signed-out content again');
    expect(visible('#in')).to.equal(false);
    expect(urls).to.deep.equal(['/goodbye']);
  });
  it('a page back from the back-forward cache asks whether its session still holds', async () => {
    const server = await startServer();
    const email = await createAccount(server.client);
    await server.client.signIn({ email, password: PASSWORD });
    const el = await fixture(html`<janua-signed-in .client=${server.client}><p>Welcome back</p></janua-signed-in>`);
    await until(() => shown(el), 'the signed-in content');
    // While the page sat in the cache, another device signed every other session out.
    const other = server.makeClient();
    await other.signIn({ email, password: PASSWORD });
    await other.request('DELETE', '/sessions/');
    expect(server.client.getSnapshot().status, 'nothing asked yet').to.equal('signed-in');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await until(() => server.client.getSnapshot().status === 'signed-out', 'signed out once back');
    await until(() => !shown(el), 'the signed-in content gone');
  });

  describe('focus across the gates (the README layout)', () => {
    /** The focused element, looking through shadow roots. */
    function deepActive(): Element | null {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active;
    }

    async function mountReadme(client: JanuaClient) {
      return fixture(html`<janua-provider .client=${client}>
        <janua-signed-out><janua-sign-in></janua-sign-in></janua-signed-out>
        <janua-signed-in><p>Hello, <janua-user-name></janua-user-name></p>
          <janua-sign-out-button></janua-sign-out-button></janua-signed-in>
      </janua-provider>`);
    }

    it('does not take focus when the first restore settles', async () => {
      const server = await startServer();
      const email = await createAccount(server.client);
      server.hold();
      const loading = new JanuaClient({ api: 'http://janua.test', fetch: server.fetch, refreshTransport: 'cookie', crossTab: false });
      const el = await mountReadme(loading);
      const signedIn = el.querySelector('janua-signed-in')!;
      (document.activeElement as HTMLElement | null)?.blur();
      const focused: Element[] = [];
      const onFocus = (e: FocusEvent) => focused.push(e.target as Element);
      document.addEventListener('focusin', onFocus);
      try {
        server.release();
        await loading.ready;
        await until(() => el.querySelector('janua-sign-in input'), 'the sign-in form');
        // A later status change that does move focus (a sign-in while <body> has it): once it has,
        // the first restore's turn to take focus is long past, and nothing else may have had it.
        await loading.signIn({ email, password: PASSWORD });
        await until(() => signedIn.contains(document.activeElement), 'focus moved by the sign-in');
        // The listener saw that move, so it would have seen an earlier one (a window without focus sends no focus events).
        expect(focused.some((target) => signedIn.contains(target))).to.equal(true);
        expect(focused.filter((target) => !signedIn.contains(target)).map((target) => target.localName)).to.deep.equal([]);
      } finally {
        document.removeEventListener('focusin', onFocus);
      }
    });

    it('moves focus into the signed-in content after sign-in, and into the form after sign-out', async () => {
      const server = await startServer();
      const email = await createAccount(server.client, { firstName: 'Ada' });
      const el = await mountReadme(server.client);
      const signedIn = el.querySelector('janua-signed-in')!;
      const signedOut = el.querySelector('janua-signed-out')!;
      await until(() => el.querySelector('janua-sign-in input[name="password"]'), 'the sign-in form');
      type(el.querySelector<HTMLInputElement>('janua-sign-in input[name="email"]')!, email);
      type(el.querySelector<HTMLInputElement>('janua-sign-in input[name="password"]')!, PASSWORD);
      const submit = el.querySelector<HTMLButtonElement>('janua-sign-in button[type="submit"]')!;
      submit.focus();
      submit.click();
      await until(() => server.client.getSnapshot().status === 'signed-in', 'sign-in');
      await until(() => signedIn.contains(document.activeElement), 'focus inside the signed-in content');
      const signOut = el.querySelector('janua-sign-out-button')!;
      const button = signOut.shadowRoot!.querySelector('button')!;
      expect(deepActive()).to.equal(button);
      expect(button.checkVisibility()).to.equal(true);

      // The user activates the focused sign-out button: the content holding focus is hidden.
      button.click();
      await until(() => server.client.getSnapshot().status === 'signed-out', 'sign-out');
      await until(() => signedOut.contains(document.activeElement), 'focus inside the signed-out content');
      const first = el.querySelector<HTMLInputElement>('janua-sign-in input[name="email"]')!;
      expect(deepActive()).to.equal(first);
      expect(first.checkVisibility()).to.equal(true);
    });
  });
});
