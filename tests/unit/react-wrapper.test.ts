import { expect } from '@open-wc/testing';
import { createElement as h, version } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BackupCodes, Button, OrgSwitcher } from '../../wrappers/react/src/index.ts';
import { until } from './helpers.ts';

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
});
