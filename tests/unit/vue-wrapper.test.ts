import { expect } from '@open-wc/testing';
import { createApp, createCommentVNode, createSSRApp, h, nextTick, ref, version, type App, type VNode } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { janua, SignIn } from '../../wrappers/vue/src/index.ts';
import { startServer, until } from './helpers.ts';

/*
 * The Vue wrapper in a browser, with the Vue the repository installs: server-rendered HTML
 * hydrates as it is, a named slot whose content renders nothing leaves the element its own
 * content, and an app's listener for the element's own event name is called along with the emit.
 */

let app: App | null = null;
let host: HTMLElement | null = null;

afterEach(() => {
  app?.unmount();
  host?.remove();
  app = host = null;
});

async function mount(render: () => VNode): Promise<HTMLElement> {
  const { client } = await startServer();
  host = document.body.appendChild(document.createElement('div'));
  app = createApp({ render }).use(janua, { client });
  app.mount(host);
  return host.firstElementChild as HTMLElement;
}

describe(`@janua/vue on Vue ${version}`, () => {
  it('hydrates server-rendered HTML as it is: no mismatch, the same element, the form added after', async () => {
    const { client } = await startServer();
    const appName = ref('Acme');
    const root = { render: () => h('main', null, [h(SignIn, { appName: appName.value, signUpUrl: '/sign-up' }), h('p', null, 'after')]) };
    host = document.body.appendChild(document.createElement('div'));
    // The element is defined already (the wrapper imports it), so it upgrades as the HTML lands,
    // before Vue hydrates: the moment it used to put its form where Vue looks.
    host.innerHTML = await renderToString(createSSRApp(root).use(janua, { client }));
    const served = host.querySelector('janua-sign-in')!;
    expect(served.hasAttribute('data-janua-hold'), 'rendered with the hold').to.equal(true);
    expect(served.children.length, 'nothing of its own while held').to.equal(0);
    const problems: string[] = [];
    const { warn, error } = console;
    console.warn = console.error = (...args: unknown[]) => problems.push(args.map(String).join(' '));
    try {
      app = createSSRApp(root).use(janua, { client });
      app.mount(host);
      await until(() => served.querySelector('form input[name="email"]'), 'the form, once Vue has the element');
    } finally {
      Object.assign(console, { warn, error });
    }
    expect(problems).to.deep.equal([]);
    expect(host.querySelector('janua-sign-in'), 'the element the server rendered, not a new one').to.equal(served);
    expect(served.hasAttribute('data-janua-hold')).to.equal(false);
    // A re-render patches what changed, and the hold was no change.
    appName.value = 'Acme & Co';
    await nextTick();
    expect(served.getAttribute('app-name')).to.equal('Acme & Co');
    expect(served.hasAttribute('data-janua-hold')).to.equal(false);
  });

  it('a named slot whose content renders nothing leaves the element its own; content fills it', async () => {
    const show = ref(false);
    // What a template's `<template #footer><p v-if="show">` compiles to.
    const el = await mount(() => h(SignIn, { signUpUrl: '/sign-up' }, { footer: () => [show.value ? h('p', 'Custom footer') : createCommentVNode('v-if', true)] }));
    const link = () => el.shadowRoot?.querySelector('[part~="sign-up-link"]')?.getClientRects().length;
    await until(link, 'the element\'s own "Create an account" link');
    expect(el.querySelector('[slot]'), 'nothing in the footer slot').to.equal(null);
    show.value = true;
    await until(() => el.querySelector('p[slot="footer"]')?.textContent === 'Custom footer', 'the footer slotted');
    await until(() => !link(), 'the element\'s own footer replaced');
  });

  it('an app listener written with the element\'s event name is called, and so is the emit\'s', async () => {
    const heard: string[] = [];
    const el = await mount(() => h(SignIn, { onJanuaSignedIn: () => heard.push('@janua-signed-in'), onSignedIn: () => heard.push('@signed-in') }));
    el.dispatchEvent(new CustomEvent('janua-signed-in', { detail: { userId: 'u1' } }));
    expect(heard.sort()).to.deep.equal(['@janua-signed-in', '@signed-in']);
  });
});
