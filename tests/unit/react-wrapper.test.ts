import { expect } from '@open-wc/testing';
import { createElement as h, version } from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { BackupCodes, Button, OrgSwitcher, SignIn } from '../../wrappers/react/src/index.ts';
import { startServer, until } from './helpers.ts';

/*
 * The React wrapper in a browser, with the React the repository installs (19): boolean props reach
 * the element switched on and off. React 19 sets a custom element's property when the element has
 * one of the attribute's name (`pending`, `disabled`, `embedded`), so the value it is handed is
 * what the element gets; React 18 writes attributes (the react18 example runs there).
 */

let root: Root | null = null;
let host: HTMLElement | null = null;

afterEach(() => {
  root?.unmount();
  host?.remove();
  root = host = null;
});

async function render(node: ReturnType<typeof h>): Promise<HTMLElement> {
  host = document.body.appendChild(document.createElement('div'));
  root ??= createRoot(host);
  root.render(node);
  await until(() => host!.firstElementChild, 'the element');
  return host.firstElementChild as HTMLElement;
}

describe(`@janua/react on React ${version}`, () => {
  it('a true boolean prop switches the element on, false switches it off again', async () => {
    const button = await render(h(Button, { pending: true, disabled: true, inline: true }, 'Save')) as HTMLElement & Record<string, unknown>;
    expect([button['pending'], button['disabled'], button['inline']]).to.deep.equal([true, true, true]);
    await until(() => button.shadowRoot?.querySelector('button')?.disabled, 'the inner button disabled');
    root!.render(h(Button, { pending: false, disabled: false, inline: false }, 'Save'));
    await until(() => button['pending'] === false || button['pending'] === undefined || button['pending'] === null, `pending off, not ${String(button['pending'])}`);
    expect(Boolean(button['disabled']), 'disabled off').to.equal(false);
    await until(() => button.shadowRoot?.querySelector('button')?.disabled === false, 'the inner button enabled');
  });

  it('booleans whose attribute differs from the prop (hide-personal) and embedded reach the element', async () => {
    const codes = await render(h(BackupCodes, { embedded: true })) as HTMLElement & Record<string, unknown>;
    expect(codes['embedded']).to.equal(true);
    root!.unmount();
    root = null;
    host!.remove();
    const switcher = await render(h(OrgSwitcher, { hidePersonal: true })) as HTMLElement & Record<string, unknown>;
    expect(switcher['hidePersonal']).to.equal(true);
  });

  it('a property-only prop (strings) left out of a later render is cleared on the element', async () => {
    const { client } = await startServer();
    const el = await render(h(SignIn, { client, strings: { 'signIn.title': 'Welcome back, Acme' } })) as HTMLElement & Record<string, unknown>;
    const heading = () => el.shadowRoot?.querySelector('h1, h2, [part~="heading"]')?.textContent?.trim();
    await until(() => heading() === 'Welcome back, Acme', `the custom title, not ${heading()}`);
    root!.render(h(SignIn, { client }));
    await until(() => el['strings'] === undefined, 'strings cleared');
    await until(() => heading() !== 'Welcome back, Acme', 'the default title back');
    expect(el['client'], 'the props still given stay').to.equal(client);
  });

  it('hydrates server-rendered HTML as it is: no mismatch, the same element, the form added after', async () => {
    const { client } = await startServer();
    const tree = () => h('main', null, h(SignIn, { client, appName: 'Acme', signUpUrl: '/sign-up' }), h('p', null, 'after'));
    host = document.body.appendChild(document.createElement('div'));
    // The element is defined already (the wrapper imports it), so it upgrades as the HTML lands,
    // before React hydrates: the moment it used to put its form where React looks.
    host.innerHTML = renderToString(tree());
    const served = host.querySelector('janua-sign-in')!;
    expect(served.hasAttribute('data-janua-hold'), 'rendered with the hold').to.equal(true);
    expect(served.children.length, 'nothing of its own while held').to.equal(0);
    const problems: string[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => {
      problems.push(args.map(String).join(' '));
      error(...args);
    };
    try {
      root = hydrateRoot(host, tree(), { onRecoverableError: (e) => problems.push(`recoverable: ${String(e)}`) });
      await until(() => served.querySelector('form input[name="email"]'), 'the form, once React has the element');
    } finally {
      console.error = error;
    }
    expect(problems).to.deep.equal([]);
    expect(host.querySelector('janua-sign-in'), 'the element the server rendered, not a new one').to.equal(served);
    expect(served.hasAttribute('data-janua-hold')).to.equal(false);
  });
});
