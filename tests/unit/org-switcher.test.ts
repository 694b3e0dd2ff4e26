import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { organizations, type JanuaClient } from '@janua/core';
import '../../components/index.ts';
import type { JanuaOrgSwitcher } from '../../components/org-switcher/org-switcher.ts';
import type { JanuaOrgSwitchedEvent } from '../../components/internal/events-org.ts';
import { nextFrame, until } from './helpers.ts';
import { focused, inOrgWithoutList, orgServer, orgWith, press, slug } from './org-helpers.ts';

const root = (el: JanuaOrgSwitcher) => el.shadowRoot!;
const trigger = (el: JanuaOrgSwitcher) => root(el).querySelector<HTMLButtonElement>('.trigger')!;
const menu = (el: JanuaOrgSwitcher) => root(el).querySelector<HTMLElement>('[role="menu"]')!;
const items = (el: JanuaOrgSwitcher) => [...menu(el).querySelectorAll<HTMLElement>('[role^="menuitem"]')];
/** A row's name as a user reads it (not its initials, role or icon). */
const label = (item: Element | null) => (item as HTMLElement | null)?.dataset['label'] ?? item?.textContent?.trim();
const focusedLabel = () => label(focused());

async function switcher(client: JanuaClient, attrs = ''): Promise<JanuaOrgSwitcher> {
  const wrap = await fixture<HTMLElement>(attrs === 'hide-personal'
    ? html`<div><janua-org-switcher hide-personal .client=${client}></janua-org-switcher><button id="elsewhere">Elsewhere</button></div>`
    : html`<div><janua-org-switcher .client=${client}></janua-org-switcher><button id="elsewhere">Elsewhere</button></div>`);
  const el = wrap.querySelector<JanuaOrgSwitcher>('janua-org-switcher')!;
  await until(() => root(el).querySelector('.trigger:not([aria-disabled])'), 'the switcher ready');
  return el;
}

/** Opens the menu from the keyboard and waits for focus to land in it. */
async function openWith(el: JanuaOrgSwitcher, key: string): Promise<void> {
  trigger(el).focus();
  await sendKeys({ press: key });
  await until(() => menu(el).contains(focused()), `focus in the menu after ${key}`);
}

describe('<janua-org-switcher>', () => {
  it('is accessible, closed and open', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const org = await orgWith(server, owner);
    await organizations(owner.client).switch(org.id);
    const el = await switcher(owner.client);
    await expect(el).to.be.accessible();
    await openWith(el, 'ArrowDown');
    await expect(el).to.be.accessible();
  });

  it('shows the active organization and role on a menu button; the menu marks it checked and current', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const org = await orgWith(server, owner, [], 'Acme Rockets');
    const el = await switcher(owner.client);
    expect(trigger(el).textContent).to.contain('Personal workspace');
    expect(trigger(el).querySelector('.avatar')!.textContent!.trim(), "the user's initials").to.equal('AL');

    await organizations(owner.client).switch(org.id);
    await until(() => trigger(el).textContent!.includes('Acme Rockets'), 'the active organization on the trigger');
    expect(trigger(el).querySelector('[part="role"]')!.textContent).to.equal('Owner');
    expect(trigger(el).querySelector('.avatar')!.textContent!.trim()).to.equal('AR');
    expect(trigger(el).getAttribute('aria-haspopup')).to.equal('menu');
    // Its name says what it does before what it shows; the words are for a screen reader only.
    const purpose = trigger(el).querySelector<HTMLElement>('.sr')!;
    expect(trigger(el).textContent!.trim().startsWith('Switch workspace')).to.equal(true);
    expect(purpose.getBoundingClientRect().width).to.be.at.most(1);
    expect(trigger(el).querySelector('[part="name"]')!.getBoundingClientRect().width).to.be.greaterThan(1);
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).getElementById(trigger(el).getAttribute('aria-controls')!)).to.equal(menu(el));
    expect(menu(el).getAttribute('aria-label')).to.equal('Switch workspace');

    await openWith(el, 'Enter');
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    expect(focusedLabel(), 'Enter opens on the active workspace').to.equal('Acme Rockets');
    const rows = items(el);
    expect(rows.map((r) => r.getAttribute('role'))).to.deep.equal(['menuitemradio', 'menuitemradio', 'menuitem', 'menuitem']);
    expect(rows.map((r) => r.getAttribute('aria-checked'))).to.deep.equal(['false', 'true', null, null]);
    expect(rows.map((r) => r.getAttribute('aria-current'))).to.deep.equal([null, 'true', null, null]);
    expect(rows[1]!.closest('[role="group"]')).to.not.equal(null);
    expect(rows.slice(2).map(label)).to.deep.equal(['Create organization', 'Manage organization']);
  });

  it('keyboard: arrows wrap, Home/End jump, typing jumps by name, Escape and Tab close with focus on the trigger', async () => {
    const server = await orgServer();
    const owner = await server.person();
    for (const name of ['Beta', 'Apex', 'Acme']) await orgWith(server, owner, [], name);
    const el = await switcher(owner.client);
    await until(() => owner.client.getSnapshot().organizations.length === 3, 'the list');

    await openWith(el, 'ArrowDown');
    expect(focusedLabel(), 'personal is active').to.equal('Personal workspace');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedLabel()).to.equal('Acme');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedLabel(), 'ArrowUp wraps to the last item').to.equal('Create organization');
    await sendKeys({ press: 'Home' });
    expect(focusedLabel()).to.equal('Personal workspace');
    await sendKeys({ press: 'End' });
    expect(focusedLabel()).to.equal('Create organization');
    await sendKeys({ press: 'b' });
    expect(focusedLabel(), 'a letter jumps to the name, not to the initials').to.equal('Beta');
    // Keys within 700 ms of each other search together; synthetic events keep them that close on a busy machine.
    press(focused()!, 'a');
    expect(focusedLabel(), '"ba" matches nothing: focus stays').to.equal('Beta');
    await sendKeys({ press: 'Home' });
    press(focused()!, 'a');
    press(focused()!, 'p');
    expect(focusedLabel(), 'letters typed together search together').to.equal('Apex');

    await sendKeys({ press: 'Escape' });
    expect(menu(el).hidden).to.equal(true);
    expect(focused()).to.equal(trigger(el));
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');

    await openWith(el, 'ArrowUp');
    expect(focusedLabel(), 'ArrowUp opens on the last item').to.equal('Create organization');
    await sendKeys({ press: 'Tab' });
    expect(menu(el).hidden).to.equal(true);
    expect(focused()).to.equal(trigger(el));

    await openWith(el, ' ');
    const outside = el.parentElement!.querySelector<HTMLElement>('#elsewhere')!;
    const box = outside.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + 5), Math.round(box.y + 5)] });
    await until(() => menu(el).hidden, 'a click outside closes');
  });

  it('Enter chooses: switches the session, announces it, fires janua-org-switched, and the trigger follows', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const member = await server.person('Grace', 'Hopper');
    const org = await orgWith(server, owner, [[member, 'member']], 'Acme');
    const el = await switcher(member.client);
    await until(() => member.client.getSnapshot().organizations.length === 1, 'the list');

    await openWith(el, 'ArrowDown');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedLabel()).to.equal('Acme');
    const switched = oneEvent(el, 'janua-org-switched') as Promise<JanuaOrgSwitchedEvent>;
    await sendKeys({ press: 'Enter' });
    const event = await switched;
    expect(event.detail).to.deep.equal({ organizationId: org.id, role: 'member' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(member.client.getSnapshot().session?.orgId).to.equal(org.id);
    expect(menu(el).hidden).to.equal(true);
    expect(focused()).to.equal(trigger(el));
    await until(() => trigger(el).textContent!.includes('Acme'), 'the trigger names it');
    expect(trigger(el).querySelector('[part="role"]')!.textContent).to.equal('Member');
    expect(root(el).querySelector('janua-alert')!.shadowRoot!.textContent).to.contain('Now in Acme.');

    // Back to personal with Space; "Manage organization" only exists while an organization is active.
    await openWith(el, 'ArrowDown');
    expect(items(el).at(-1)!.textContent).to.contain('Manage organization');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: ' ' });
    await until(() => member.client.getSnapshot().session?.orgId === null, 'personal again');
    await openWith(el, 'ArrowDown');
    expect(items(el).map(label)).to.deep.equal(['Personal workspace', 'Acme', 'Create organization']);
  });

  it('a workspace chosen while a switch runs is switched to next: the last choice wins, none is dropped', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const alpha = await orgWith(server, owner, [], 'Alpha');
    const beta = await orgWith(server, owner, [], 'Beta');
    const el = await switcher(owner.client);
    await until(() => owner.client.getSnapshot().organizations.length === 2, 'the list');
    const first = el.choose(alpha.id);
    void el.choose(null);
    void el.choose(beta.id);
    await first;
    await until(() => owner.client.getSnapshot().session?.orgId === beta.id, 'Beta, the last choice');
    await until(() => trigger(el).textContent!.includes('Beta'), 'the trigger names it');
    expect(root(el).querySelector('janua-alert')!.shadowRoot!.textContent).to.contain('Now in Beta.');
  });

  it('moved in the page while its dialog is open, the dialog closes instead of staying open inline', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const el = await switcher(owner.client);
    await openWith(el, 'ArrowUp');
    await sendKeys({ press: 'Enter' });
    await until(() => root(el).querySelector('dialog[open] janua-create-org'), 'the dialog');
    document.body.append(el);
    await until(() => !root(el).querySelector('dialog[open]'), 'no dialog open once moved');
    el.remove();
  });

  it('a role changed elsewhere shows on the trigger once the menu opens (a fresh list, a fresh token)', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const member = await server.person('Grace', 'Hopper');
    const org = await orgWith(server, owner, [[member, 'member']]);
    await organizations(member.client).switch(org.id);
    const el = await switcher(member.client);
    await until(() => trigger(el).querySelector('[part="role"]')?.textContent === 'Member', 'member');
    await organizations(owner.client).setRole(org.id, member.id, 'admin');
    await openWith(el, 'ArrowDown');
    await until(() => trigger(el).querySelector('[part="role"]')?.textContent === 'Admin', 'the new role on the trigger');
    expect(member.client.getSnapshot().session?.orgRole).to.equal('admin');
  });

  it('a failed switch says so under the trigger and fires janua-error', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const member = await server.person('Grace', 'Hopper');
    const org = await orgWith(server, owner, [[member, 'viewer']]);
    const el = await switcher(member.client);
    await until(() => member.client.getSnapshot().organizations.length === 1, 'the list');
    // Removed meanwhile: the server no longer knows them there.
    await organizations(owner.client).removeMember(org.id, member.id);
    const failed = oneEvent(el, 'janua-error');
    await el.choose(org.id);
    expect((await failed).detail.code).to.equal('NOT_FOUND');
    await until(() => root(el).querySelector('janua-alert')!.shadowRoot!.textContent!.includes('Error: We could not find what you asked for.'), 'the error');
    expect(root(el).querySelector('janua-alert')!.checkVisibility(), 'errors are shown').to.equal(true);
  });

  it('hide-personal leaves the personal workspace out and says to choose', async () => {
    const server = await orgServer();
    const owner = await server.person();
    await orgWith(server, owner, [], 'Acme');
    const el = await switcher(owner.client, 'hide-personal');
    expect(trigger(el).textContent).to.contain('Choose an organization');
    expect(trigger(el).querySelector('.avatar')).to.equal(null);
    await openWith(el, 'ArrowDown');
    expect(items(el).map(label)).to.deep.equal(['Acme', 'Create organization']);
  });

  it('a slotted trigger opens the menu and carries the menu button attributes', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const wrap = await fixture<HTMLElement>(html`<div><janua-org-switcher .client=${owner.client}>
      <button slot="trigger" id="mine">Workspaces</button></janua-org-switcher></div>`);
    const el = wrap.querySelector<JanuaOrgSwitcher>('janua-org-switcher')!;
    const mine = wrap.querySelector<HTMLButtonElement>('#mine')!;
    await until(() => mine.getAttribute('aria-haspopup') === 'menu', 'aria-haspopup on the slotted trigger');
    expect(trigger(el).checkVisibility(), 'the default trigger is not shown').to.equal(false);
    mine.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => menu(el).contains(focused()), 'the menu open');
    expect(mine.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    expect(focused()).to.equal(mine);
  });

  it('"Create organization" opens a dialog with <janua-create-org> unless the request is canceled', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const el = await switcher(owner.client);
    const create = async () => {
      await openWith(el, 'ArrowUp');
      expect(focusedLabel()).to.equal('Create organization');
      await sendKeys({ press: 'Enter' });
    };
    const onRequest = (e: Event) => e.preventDefault();
    el.addEventListener('janua-org-create-request', onRequest, { once: true });
    await create();
    await nextFrame();
    expect(root(el).querySelector('dialog'), 'canceled: no dialog').to.equal(null);

    await create();
    await until(() => root(el).querySelector('dialog[open] janua-create-org'), 'the dialog');
    const dialog = root(el).querySelector('dialog')!;
    await until(() => focused()?.getAttribute('name') === 'name', 'focus on the name field');
    await expect(el).to.be.accessible();
    const name = focused() as HTMLInputElement;
    name.value = 'Dialog Co';
    name.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const form = dialog.querySelector('janua-create-org')!.querySelector('form')!;
    (form.elements.namedItem('slug') as HTMLInputElement).value = slug();
    form.requestSubmit();
    await until(() => !root(el).querySelector('dialog'), 'the dialog closed once the organization is active');
    await until(() => trigger(el).textContent!.includes('Dialog Co'), 'the new organization on the trigger');
    expect(focused()).to.equal(trigger(el));
  });

  it('speaks French with locale="fr"', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const org = await orgWith(server, owner, [], 'Acme');
    await organizations(owner.client).switch(org.id);
    const wrap = await fixture<HTMLElement>(html`<div><janua-org-switcher locale="fr" .client=${owner.client}></janua-org-switcher></div>`);
    const el = wrap.querySelector<JanuaOrgSwitcher>('janua-org-switcher')!;
    await until(() => trigger(el)?.querySelector('[part="role"]')?.textContent === 'Propriétaire', 'French role');
    await openWith(el, 'ArrowDown');
    expect(menu(el).getAttribute('aria-label')).to.equal('Changer d’espace');
    expect(items(el).map(label)).to.deep.equal(['Espace personnel', 'Acme', 'Créer une organisation', 'Gérer l’organisation']);
  });

  it('renders nothing signed out, and a disabled "Loading…" trigger while the session is restored', async () => {
    const server = await orgServer();
    const client = await server.makeClient();
    const wrap = await fixture<HTMLElement>(html`<div><janua-org-switcher .client=${client}></janua-org-switcher></div>`);
    const el = wrap.querySelector<JanuaOrgSwitcher>('janua-org-switcher')!;
    expect(root(el).children.length).to.equal(0);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { JanuaClient } = await import('@janua/core');
    const loading = new JanuaClient({ api: 'http://janua.test', refreshTransport: 'cookie', crossTab: false,
      fetch: async (input, init) => { await gate; return server.fetch(input, init); } });
    el.client = loading;
    await until(() => trigger(el), 'the loading trigger');
    expect(trigger(el).getAttribute('aria-disabled')).to.equal('true');
    expect(trigger(el).textContent).to.contain('Loading…');
    trigger(el).click();
    await nextFrame();
    expect(menu(el).hidden).to.equal(true);
    // Nor from the keyboard: an empty menu would open.
    trigger(el).focus();
    for (const key of ['ArrowDown', 'ArrowUp']) {
      await sendKeys({ press: key });
      await nextFrame();
      expect(menu(el).hidden, key).to.equal(true);
    }
    open();
  });

  it('in an organization whose list failed to load: says so, with the role from the token, never "Personal workspace"', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const org = await orgWith(server, owner);
    const { client, heal } = await inOrgWithoutList(server, owner, org.id);
    const el = await switcher(client);
    expect(trigger(el).textContent).to.contain('Current organization');
    expect(trigger(el).textContent).to.contain('Owner');
    expect(trigger(el).textContent).not.to.contain('Personal workspace');
    await openWith(el, 'ArrowDown');
    expect(items(el).map(label)).to.include('Try again');
    expect(items(el).find((i) => i.getAttribute('aria-checked') === 'true'), 'no row checked').to.equal(undefined);
    await expect(root(el)).to.be.accessible();
    heal();
    (items(el).find((i) => label(i) === 'Try again') as HTMLElement).click();
    await until(() => trigger(el).textContent!.includes('Acme'), 'the organization once the list loads');
  });

  it('200 organizations: one render to open, none while the arrows walk through all of them, rows off screen skipped', async function () {
    this.timeout(90_000);
    const server = await orgServer();
    const owner = await server.person();
    const orgs = organizations(owner.client);
    for (let i = 0; i < 200; i++) await orgs.create({ name: `Org ${String(i).padStart(3, '0')}`, slug: `${slug()}-${i}` });
    const el = await switcher(owner.client);
    await until(() => owner.client.getSnapshot().organizations.length === 200, 'every page of the list');
    await orgs.list.load();

    let updates = 0;
    const counted = el as unknown as { updated(c: unknown): void };
    const original = counted.updated.bind(el);
    counted.updated = (c) => {
      updates++;
      original(c);
    };
    await openWith(el, 'ArrowDown');
    expect(items(el).length).to.equal(202);
    // The refresh that opening starts lands once; wait for it so it is not counted as the walk's.
    await until(() => orgs.list.getSnapshot().status === 'ready', 'the refreshed list');
    await nextFrame();
    expect(updates, 'renders to open: the menu, the refresh starting and landing').to.be.at.most(3);

    const before = updates;
    const mutations: MutationRecord[] = [];
    const watcher = new MutationObserver((records) => mutations.push(...records));
    watcher.observe(root(el), { subtree: true, childList: true, attributes: true, characterData: true });
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    // One key press per task, as a user's would arrive (real key presses cost a round trip each).
    for (let i = 0; i < 200; i++) {
      press(focused()!, 'ArrowDown');
      await new Promise((resolve) => setTimeout(resolve));
    }
    expect(focusedLabel()).to.equal('Org 199');
    await nextFrame();
    watcher.disconnect();
    observer.disconnect();
    expect(updates - before, 'host renders while walking').to.equal(0);
    expect(mutations.length, 'DOM changes while walking').to.equal(0);
    expect(getComputedStyle(items(el)[100]!).contentVisibility).to.equal('auto');
    // Work per key that grew with the list (a layout of every row, a re-render) would make most of
    // the 200 key presses long tasks. A busy machine stretches some (22 of 200 with three other
    // test runs on the two cores), so the bound is "not most", not a count a quiet machine sets.
    expect(longTasks.length, `long tasks: ${longTasks.map(Math.round).join(', ')}`).to.be.below(100);
  });
});
