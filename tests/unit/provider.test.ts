import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import type { JanuaProvider } from '../../components/provider/provider.ts';
import type { JanuaUserName } from '../../components/user-name/user-name.ts';
import { createAccount, PASSWORD, startServer, until } from './helpers.ts';

/** Three clients on one real server, each signed in as a different person. */
async function threeClients() {
  const server = await startServer();
  const people = ['Alice', 'Bob', 'Carol'];
  // Carol's client is the shared one for its api, as `api="…"` would find it.
  const apis = ['http://alice.test', 'http://bob.test', `http://carol-${Date.now()}.test`];
  const clients: JanuaClient[] = [];
  for (const [i, firstName] of people.entries()) {
    const client = i === 2
      ? JanuaClient.for(apis[2]!, { fetch: server.fetch, refreshTransport: 'body', crossTab: false })
      : server.makeClient(apis[i]);
    await client.ready;
    const email = await createAccount(client, { firstName, lastName: 'Test' });
    await client.signIn({ email, password: PASSWORD });
    clients.push(client);
  }
  return { clients, carolApi: apis[2]! };
}

const text = (el: Element) => el.textContent!.trim();

describe('client lookup', () => {
  it('is accessible', async () => {
    const el = await fixture(html`<janua-provider api="http://a11y.test"><janua-sign-in></janua-sign-in></janua-provider>`);
    await expect(el).to.be.accessible();
  });

  it('uses the client property, then the provider, then the api attribute', async () => {
    const { clients: [alice, bob], carolApi } = await threeClients();
    const provider = await fixture<JanuaProvider>(html`<janua-provider .client=${bob}>
      <janua-user-name api=${carolApi} .client=${alice}></janua-user-name></janua-provider>`);
    const name = provider.querySelector<JanuaUserName>('janua-user-name')!;
    await until(() => text(name) === 'Alice Test', 'the property client');
    name.client = undefined;
    await until(() => text(name) === 'Bob Test', 'the provider client');
    document.body.append(name);
    await until(() => text(name) === 'Carol Test', 'the api attribute client');
    name.remove();
  });

  it('follows a provider whose client changes, and a provider given only an api', async () => {
    const { clients: [alice, bob], carolApi } = await threeClients();
    const provider = await fixture<JanuaProvider>(html`<janua-provider .client=${alice}><janua-user-name></janua-user-name></janua-provider>`);
    const name = provider.querySelector('janua-user-name')!;
    await until(() => text(name) === 'Alice Test', 'Alice');
    provider.client = bob;
    await until(() => text(name) === 'Bob Test', 'Bob');
    provider.client = undefined;
    provider.api = carolApi;
    await until(() => text(name) === 'Carol Test', 'Carol through the provider api');
  });

  it('picks up a provider when moved into one, and lets go when moved out', async () => {
    const { clients: [alice] } = await threeClients();
    const host = await fixture(html`<div><janua-user-name></janua-user-name></div>`);
    const name = host.querySelector('janua-user-name')!;
    expect(text(name)).to.equal('');
    const real = document.createElement('janua-provider') as JanuaProvider;
    real.client = alice;
    host.replaceWith(real);
    real.append(name);
    await until(() => text(name) === 'Alice Test', 'the provider client');
    host.append(name);
    document.body.append(host);
    await until(() => text(name) === '', 'no client again');
    host.remove();
  });

  it('shows a localized error when no client can be found', async () => {
    const el = await fixture(html`<janua-sign-in></janua-sign-in>`);
    const alert = el.shadowRoot!.querySelector('janua-alert')!;
    expect(alert.getAttribute('variant')).to.equal('error');
    expect(alert.shadowRoot!.textContent).to.contain('not connected');
    expect(el.querySelector('form')!.checkVisibility()).to.equal(false);
  });

  it('says so, without throwing, when the api attribute is not a server URL', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const wrap = await fixture(html`<div><janua-sign-in api="javascript:alert(1)"></janua-sign-in>
        <janua-provider api="ftp://nope"><janua-signed-out><p>x</p></janua-signed-out></janua-provider></div>`);
      const alert = wrap.querySelector('janua-sign-in')!.shadowRoot!.querySelector('janua-alert')!;
      expect(alert.shadowRoot!.textContent).to.contain('not a valid server URL');
      expect(wrap.querySelector('p')!.checkVisibility()).to.equal(false);
      expect(warnings.some((w) => w.includes('<janua-sign-in>') && w.includes('http(s)'))).to.equal(true);
      expect(warnings.some((w) => w.includes('<janua-provider>'))).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });
});
