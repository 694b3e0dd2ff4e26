import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { JanuaClient, organizations } from '@janua/core';
import '../../components/user-button/define.ts';
import type { JanuaUserButton } from '../../components/user-button/user-button.ts';
import type { JanuaNavigateEvent } from '../../components/internal/events.ts';
import { focused, PASSWORD, signedIn, uniqueEmail, until, SLOW } from './account-helpers.ts';
import { API } from './helpers.ts';
import { restoringClient } from './restoring.ts';

async function mount(attrs: { profile?: string; orgs?: string } = {}) {
  const ctx = await signedIn();
  const el = await fixture<JanuaUserButton>(html`<janua-user-button .client=${ctx.client}
    profile-url=${attrs.profile ?? '/account'} organizations-url=${attrs.orgs ?? ''}></janua-user-button>`);
  await until(() => trigger(el), 'the button');
  return { ...ctx, el };
}

const trigger = (el: JanuaUserButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('.trigger');
const panel = (el: JanuaUserButton) => el.shadowRoot!.querySelector<HTMLElement>('.popup')!;
const items = (el: JanuaUserButton) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')].map((i) => i.textContent!.trim());
const isOpen = (el: JanuaUserButton) => !panel(el).hidden;

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

describe('<janua-user-button>', function () {
  this.timeout(SLOW);
  it('is accessible, closed and open', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
    await el.open();
    await expect(el).to.be.accessible();
  });

  it('shows the user\'s picture when the account has one: decorative (alt=""), the button still named by the user', async () => {
    const { server } = await signedIn();
    // The reference server stores no picture; a server that does puts its URL in `profile_image_url`.
    const picture = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="teal"/></svg>')}`;
    const withPicture = (value: unknown): unknown => {
      if (!value || typeof value !== 'object') return value;
      const o = value as Record<string, unknown>;
      if ('email' in o && 'id' in o) return { ...o, profile_image_url: picture };
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'user' ? withPicture(v) : v]));
    };
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const res = await server.fetch(new Request(input, init));
      if (!res.ok || !res.headers.get('content-type')?.includes('json')) return res;
      return Response.json(withPicture(await res.json()), { status: res.status });
    };
    const client = new JanuaClient({ api: API, fetch, refreshTransport: 'body', crossTab: false });
    await client.signUp({ email: uniqueEmail(), password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    expect(client.user!.profileImageUrl).to.equal(picture);
    const el = await fixture<JanuaUserButton>(html`<janua-user-button .client=${client}></janua-user-button>`);
    await until(() => trigger(el)?.querySelector('img'), 'the picture');
    const t = trigger(el)!;
    const img = t.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal(picture);
    expect(img.getAttribute('alt'), 'decorative: the button says whose menu it is').to.equal('');
    expect(t.querySelector('.avatar')!.getAttribute('aria-hidden')).to.equal('true');
    expect(t.querySelector('.sr')!.textContent).to.equal('Account menu for Ada Lovelace');
    await until(() => img.complete && img.naturalWidth > 0, 'the picture loaded');
    // It covers the initials' circle.
    const [box, pic] = [t.querySelector('.avatar')!.getBoundingClientRect(), img.getBoundingClientRect()];
    expect([pic.width, pic.height]).to.deep.equal([box.width, box.height]);
    await expect(el).to.be.accessible();
  });

  it('is an APG menu button: named, haspopup, expanded, controls a labelled menu', async () => {
    const { el } = await mount();
    const t = trigger(el)!;
    expect(t.querySelector('.sr')!.textContent).to.equal('Account menu for Ada Lovelace');
    expect(t.querySelector('.avatar')!.getAttribute('aria-hidden')).to.equal('true');
    expect(t.getAttribute('aria-haspopup')).to.equal('menu');
    expect(t.getAttribute('aria-expanded')).to.equal('false');
    const menu = el.shadowRoot!.getElementById(t.getAttribute('aria-controls')!)!;
    expect(menu.getAttribute('role')).to.equal('menu');
    expect(menu.getAttribute('aria-labelledby')).to.equal(t.id);
    expect(t.querySelector('.initials')!.textContent).to.equal('AL');
  });

  it('keyboard: ArrowDown opens on the first item, ArrowUp on the last; arrows wrap, Home/End, type-ahead; Escape returns', async () => {
    const { el, email } = await mount();
    trigger(el)!.focus();
    await press('ArrowDown');
    await until(() => isOpen(el) && focused() === 'a "Manage account"', 'open on the first item');
    expect(trigger(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(panel(el).textContent).to.contain('Ada Lovelace').and.contain(email);
    expect(items(el)).to.deep.equal(['Manage account', 'Sign out']);
    await press('ArrowDown');
    expect(focused()).to.equal('button "Sign out"');
    await press('ArrowDown');
    expect(focused(), 'wraps').to.equal('a "Manage account"');
    await press('ArrowUp');
    expect(focused(), 'wraps back').to.equal('button "Sign out"');
    await press('Home');
    expect(focused()).to.equal('a "Manage account"');
    await press('End');
    expect(focused()).to.equal('button "Sign out"');
    await press('m');
    expect(focused(), 'type-ahead').to.equal('a "Manage account"');
    await press('Escape');
    expect(isOpen(el)).to.equal(false);
    expect(focused()).to.equal('button "ALAccount menu for Ada Lovelace"');
    expect(trigger(el)!.getAttribute('aria-expanded')).to.equal('false');
    await press('ArrowUp');
    await until(() => isOpen(el) && focused() === 'button "Sign out"', 'open on the last item');
    await press('Tab');
    expect(isOpen(el), 'Tab closes').to.equal(false);
    await press('Enter');
    await until(() => isOpen(el) && focused() === 'a "Manage account"', 'Enter opens on the first item');
    await press('Escape');
    await press(' ');
    await until(() => isOpen(el) && focused() === 'a "Manage account"', 'Space opens on the first item');
  });

  it('"Manage account" is a real link, announced with a cancelable janua-navigate', async () => {
    const { el } = await mount({ profile: '/account/profile' });
    await el.open();
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[role="menuitem"]')!;
    expect(link.getAttribute('href')).to.equal('/account/profile');
    const seen: string[] = [];
    const onNavigate = (e: JanuaNavigateEvent) => { seen.push(`${e.detail.reason} ${e.detail.url}`); e.preventDefault(); };
    document.addEventListener('janua-navigate', onNavigate);
    try {
      link.click();
    } finally {
      document.removeEventListener('janua-navigate', onNavigate);
    }
    expect(seen).to.deep.equal(['manage-account /account/profile']);
    expect(isOpen(el)).to.equal(false);
  });

  it('shows "Organizations" once the user belongs to one (organizations-url set)', async () => {
    const { el, client } = await mount({ orgs: '/orgs' });
    await el.open();
    expect(items(el)).to.deep.equal(['Manage account', 'Sign out']);
    el.close();
    await organizations(client).create({ name: 'Acme', slug: `acme-${Date.now().toString(36)}` });
    await until(() => client.getSnapshot().organizations.length === 1, 'the organization in the snapshot');
    await el.open();
    await until(() => items(el).length === 3, 'the organizations entry');
    expect(items(el)).to.deep.equal(['Manage account', 'Organizations', 'Sign out']);
  });

  it('signs out from the menu, then takes no room', async () => {
    const { el, client } = await mount();
    const events: string[] = [];
    el.addEventListener('janua-signed-out', (e) => events.push(e.type));
    await el.open();
    (el.shadowRoot!.querySelector('button[role="menuitem"]') as HTMLButtonElement).click();
    await until(() => client.getSnapshot().status === 'signed-out', 'signed out');
    expect(events).to.deep.equal(['janua-signed-out']);
    await el.updateComplete;
    expect(el.getBoundingClientRect().width).to.equal(0);
  });

  it('keeps its box while the session restores: nothing around it moves', async () => {
    const ctx = await signedIn();
    const restoring = await restoringClient(ctx.server, ctx.email);
    // Released in finally too: a held restore keeps the page's refresh lock, and other files share the page.
    try {
      const wrap = await fixture<HTMLElement>(html`<p style="display: flex; align-items: center">
        <span>Before</span><janua-user-button .client=${restoring.client}></janua-user-button><span id="after">After</span></p>`);
      const el = wrap.querySelector<JanuaUserButton>('janua-user-button')!;
      await el.updateComplete;
      expect(restoring.client.getSnapshot().status).to.equal('loading');
      expect(el.shadowRoot!.querySelector('[part="placeholder"]')).to.exist;
      const before = el.getBoundingClientRect();
      const afterBefore = wrap.querySelector('#after')!.getBoundingClientRect();
      expect(before.width).to.be.greaterThan(30);
      restoring.release();
      await until(() => trigger(el), 'the avatar once restored');
      const after = el.getBoundingClientRect();
      expect([after.width, after.height, after.x, after.y]).to.deep.equal([before.width, before.height, before.x, before.y]);
      const afterAfter = wrap.querySelector('#after')!.getBoundingClientRect();
      expect(afterAfter.x).to.equal(afterBefore.x);
    } finally {
      restoring.release();
    }
  });
});
