import { expect, fixture } from '@open-wc/testing';
import type { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import { codeBlocks, readmes } from './readme-files.ts';
import { PASSWORD, createAccount, startServer, until, watchPageErrors } from './helpers.ts';

/*
 * The HTML examples of the elements' READMEs (components/README.md and each components/<name>/README.md),
 * run as written against the in-page reference server: every attribute they use is one the element
 * reads, and the markup renders signed out and signed in without an error. Only what cannot run in
 * a test page changes: the script tag (the kit is loaded here), and the example's server: each
 * element gets the test server's client instead of `api="https://auth.example.com"`.
 * (The root README's examples are run by readme-examples.test.ts.)
 */

/** Attributes any element takes that are not the element's own. */
const GLOBAL = new Set(['id', 'class', 'slot', 'hidden', 'lang', 'dir', 'title']);

interface Example {
  path: string;
  markup: string;
}

async function examples(): Promise<Example[]> {
  const docs = (await readmes()).filter((d) => d.path.startsWith('/components/'));
  return docs.flatMap((d) => codeBlocks(d.text, 'html')
    .filter((b) => b.includes('<janua-'))
    .map((b) => ({ path: d.path, markup: b.replace(/<script[^>]*><\/script>/g, '').replace(/<!--[\s\S]*?-->/g, '') })));
}

const kitElements = (root: ParentNode) => [...root.querySelectorAll('*')].filter((el) => el.localName.startsWith('janua-'));

type Kit = HTMLElement & { client?: JanuaClient; updateComplete?: Promise<unknown> };


/** Puts the example on the page with every element on `client`, and waits until each has drawn. */
async function mount(markup: string, client: JanuaClient): Promise<HTMLElement> {
  const template = document.createElement('template');
  template.innerHTML = markup;
  for (const el of kitElements(template.content)) el.removeAttribute('api');
  const stage = await fixture<HTMLDivElement>('<div></div>');
  // Signed in, an element with a `redirect-url` leaves for it: the test page stays.
  stage.addEventListener('janua-navigate', (e) => e.preventDefault());
  for (const el of kitElements(template.content) as Kit[]) el.client = client;
  stage.append(template.content);
  for (const el of kitElements(stage) as Kit[]) {
    // Elements an element renders (the profile's sections) find the client on their own.
    el.client ??= client;
    await el.updateComplete;
  }
  return stage;
}

/** Whether every element has upgraded and rendered (into its shadow root, or itself where it has none). */
const drawn = (stage: HTMLElement) => (kitElements(stage) as (Kit & { hasUpdated?: boolean; renderRoot?: Node })[])
  .every((el) => el.hasUpdated === true && (el.renderRoot === el || el.shadowRoot !== null));

describe("the elements' README examples (HTML)", () => {
  it('use only attributes the elements read', async () => {
    const all = await examples();
    expect(all.length, 'examples found').to.be.greaterThan(15);
    const unknown: string[] = [];
    for (const { path, markup } of all) {
      const template = document.createElement('template');
      template.innerHTML = markup;
      const tags = kitElements(template.content);
      expect(tags.length, `${path}: an element`).to.be.greaterThan(0);
      for (const el of tags) {
        const ctor = customElements.get(el.localName) as (CustomElementConstructor & { observedAttributes?: string[] }) | undefined;
        expect(ctor, `${path}: <${el.localName}> is defined`).to.not.equal(undefined);
        const own = new Set(ctor!.observedAttributes ?? []);
        for (const { name } of el.attributes) {
          if (!own.has(name) && !GLOBAL.has(name) && !name.startsWith('aria-')) unknown.push(`${path}: <${el.localName} ${name}>`);
        }
      }
    }
    expect(unknown, 'attributes no element reads').to.deep.equal([]);
  });

  it('render signed out and signed in, without an error', async () => {
    const server = await startServer();
    const signedOut = server.makeClient();
    const signedIn = server.makeClient();
    const email = await createAccount(signedIn);
    await signedIn.signIn({ email, password: PASSWORD });
    for (const [state, client] of [['signed out', signedOut], ['signed in', signedIn]] as const) {
      await until(() => client.getSnapshot().status === (state === 'signed in' ? 'signed-in' : 'signed-out'), state);
      for (const { path, markup } of await examples()) {
        const errors = watchPageErrors();
        const stage = await mount(markup, client);
        await until(() => drawn(stage), `${path} (${state}): every element drawn`);
        expect(errors.stop(), `${path} (${state}): no error`).to.deep.equal([]);
        stage.remove();
      }
    }
  });

  it('do what they show', async () => {
    const server = await startServer();
    const client = server.makeClient();
    const all = await examples();
    const find = (pattern: RegExp) => {
      const found = all.find((e) => pattern.test(e.markup));
      expect(found, String(pattern)).to.not.equal(undefined);
      return found!.markup;
    };

    // sign-up: the extra fields reach the form, with their labels, required where it says so.
    const signUp = await mount(find(/<janua-sign-up fields=/), client);
    await until(() => signUp.querySelector('input[name="company"]'), 'the company field');
    const company = signUp.querySelector<HTMLInputElement>('input[name="company"]')!;
    const terms = signUp.querySelector<HTMLInputElement>('input[name="terms"]')!;
    expect(company.labels?.[0]?.textContent).to.contain('Company');
    expect([company.required, terms.type, terms.required]).to.deep.equal([true, 'checkbox', true]);
    expect(signUp.querySelector('[slot="legal"] a[href="/terms"]'), 'the legal slot').to.exist;

    // protect: without an organization role, the fallback shows and the admin link does not.
    const protect = await mount(find(/org-role="admin"/), client);
    const first = protect.querySelector('janua-protect')!;
    await until(() => first.shadowRoot!.querySelector('slot[name="fallback"]'), 'the fallback slot rendered');
    expect(first.shadowRoot!.querySelector('slot:not([name])'), 'the admin content not slotted').to.equal(null);

    // user-profile: `sections="password two-factor"` shows those two sections only.
    const email = await createAccount(client);
    await client.signIn({ email, password: PASSWORD });
    const profiles = await mount(find(/sections="password two-factor"/), client);
    const picked = profiles.querySelector<HTMLElement>('janua-user-profile[sections]')!;
    await until(() => picked.shadowRoot!.querySelector('h2'), 'the password section');
    expect([...picked.shadowRoot!.querySelectorAll('h2')].map((h) => h.textContent)).to.deep.equal(['Password']);
    expect(picked.querySelector('janua-mfa-setup'), 'the two-factor section').to.exist;
    expect(picked.querySelector('janua-session-list'), 'no sessions section').to.equal(null);
  });
});
