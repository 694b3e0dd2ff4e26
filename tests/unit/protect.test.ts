import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient, organizations } from '@janua/core';
import '../../components/index.ts';
import type { JanuaProtect } from '../../components/protect/protect.ts';
import { API, PASSWORD, uniqueEmail, until } from './helpers.ts';
import { orgServer, orgWith, slug } from './org-helpers.ts';

const visible = (root: Element, id: string) => root.querySelector<HTMLElement>(`#${id}`)!.checkVisibility();

describe('<janua-protect>', () => {
  it('on a server without the switch (ext): the workspace the switcher chose, with the list\'s role', async () => {
    const server = await orgServer();
    const noSwitch = (input: RequestInfo | URL, init?: RequestInit) => /\/switch$/.test(new URL(new Request(input, init).url).pathname)
      ? Promise.resolve(Response.json({ detail: 'Not Found' }, { status: 404 })) : server.fetch(input, init);
    const client = new JanuaClient({ api: API, fetch: noSwitch, refreshTransport: 'body', crossTab: false });
    await client.signUp({ email: uniqueEmail(), password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    const org = await organizations(client).create({ name: 'Acme', slug: slug() });
    const el = await fixture<HTMLElement>(html`<div>
      <janua-org-switcher .client=${client}></janua-org-switcher>
      <janua-protect any-role="owner admin" .client=${client}><p id="in">Owners</p><p slot="fallback" id="out">No</p></janua-protect>
    </div>`);
    const switcher = el.querySelector('janua-org-switcher')!;
    await until(() => switcher.shadowRoot!.querySelector('.trigger:not([aria-disabled])'), 'the switcher ready');
    expect(visible(el, 'out')).to.equal(true);
    switcher.shadowRoot!.querySelector<HTMLButtonElement>('.trigger')!.click();
    const item = await (async () => {
      await until(() => [...switcher.shadowRoot!.querySelectorAll('[role="menuitemradio"], [role="menuitem"]')].some((i) => i.textContent!.includes('Acme')), 'the menu');
      return [...switcher.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitemradio"], [role="menuitem"]')].find((i) => i.textContent!.includes('Acme'))!;
    })();
    item.click();
    await until(() => visible(el, 'in'), 'the owners\' content');
    expect(client.getSnapshot().activeOrganization?.id).to.equal(org.id);
    expect(switcher.shadowRoot!.querySelector('.trigger')!.textContent).to.contain('Acme');
  });

  it('is accessible, and keeps the ARIA role attribute free', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const el = await fixture<HTMLElement>(html`<div><janua-protect org-role="admin" .client=${owner.client}>
      <p id="in">Admins only</p><p slot="fallback" id="out">Ask an admin</p></janua-protect></div>`);
    await expect(el).to.be.accessible();
    expect(el.querySelector('janua-protect')!.hasAttribute('role')).to.equal(false);
  });

  it('shows its content for the roles asked for, the fallback otherwise, and follows a switch without a reload', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const admin = await server.person('Grace', 'Hopper');
    const org = await orgWith(server, owner, [[admin, 'admin']]);
    const el = await fixture<HTMLElement>(html`<div>
      <janua-protect id="admin" org-role="admin" .client=${admin.client}><p id="a">A</p><p slot="fallback" id="a-no">not A</p></janua-protect>
      <janua-protect id="any" any-role="owner admin" .client=${admin.client}><p id="b">B</p></janua-protect>
      <janua-protect id="org" .client=${admin.client}><p id="c">C</p></janua-protect>
      <janua-protect id="viewer" org-role="viewer" .client=${admin.client}><p id="d">D</p></janua-protect>
    </div>`);
    // Personal workspace: no organization role at all.
    expect([visible(el, 'a'), visible(el, 'a-no'), visible(el, 'b'), visible(el, 'c'), visible(el, 'd')])
      .to.deep.equal([false, true, false, false, false]);

    await organizations(admin.client).switch(org.id);
    await until(() => visible(el, 'a'), 'the admin content');
    expect([visible(el, 'a-no'), visible(el, 'b'), visible(el, 'c'), visible(el, 'd')]).to.deep.equal([false, true, true, false]);
    expect(el.querySelector<JanuaProtect>('#admin')!.matches(':state(granted)')).to.equal(true);
    expect(el.querySelector<JanuaProtect>('#viewer')!.matches(':state(granted)')).to.equal(false);

    // An exact match: the owner is not an admin.
    await organizations(owner.client).switch(org.id);
    for (const p of el.querySelectorAll<JanuaProtect>('janua-protect')) p.client = owner.client;
    await until(() => visible(el, 'a-no'), 'the fallback for the owner');
    expect([visible(el, 'a'), visible(el, 'b'), visible(el, 'c')]).to.deep.equal([false, true, true]);

    await admin.client.signOut();
    for (const p of el.querySelectorAll<JanuaProtect>('janua-protect')) p.client = admin.client;
    await until(() => !visible(el, 'b'), 'signed out: nothing granted');
    expect(visible(el, 'a-no')).to.equal(true);
  });

  it('written role="admin" (the ARIA attribute, as other kits name it), shows the fallback to every role, with one console warning', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const member = await server.person('Grace', 'Hopper');
    const org = await orgWith(server, owner, [[member, 'member']]);
    await organizations(member.client).switch(org.id);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const el = await fixture<HTMLElement>(html`<div>
        <janua-protect id="aria" role="admin" .client=${member.client}><p id="in">Admins only</p><p slot="fallback" id="out">Ask an admin</p></janua-protect>
        <janua-protect id="right" org-role="member" .client=${member.client}><p id="m">Members</p></janua-protect>
      </div>`);
      // The element next to it, written right, shows that the session is restored and in the organization.
      await until(() => visible(el, 'm'), 'the member content');
      await until(() => visible(el, 'out'), 'the fallback for role="admin"');
      expect(visible(el, 'in')).to.equal(false);
      expect(warnings.filter((w) => w.includes('org-role=')).length).to.equal(1);
    } finally {
      console.warn = warn;
    }
  });

  it('shows nothing at all while the session is being restored', async () => {
    const server = await orgServer();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow = async (input: RequestInfo | URL, init?: RequestInit) => {
      await gate;
      return server.fetch(input, init);
    };
    const loading = new JanuaClient({ api: 'http://janua.test', fetch: slow, refreshTransport: 'cookie', crossTab: false });
    const el = await fixture<HTMLElement>(html`<div><janua-protect any-role="owner" .client=${loading}>
      <p id="in">In</p><p slot="fallback" id="out">Out</p></janua-protect></div>`);
    expect([visible(el, 'in'), visible(el, 'out')]).to.deep.equal([false, false]);
    open();
    await loading.ready;
    await until(() => visible(el, 'out'), 'the fallback once signed out');
  });
});
