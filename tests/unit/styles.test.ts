import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import { JanuaElement } from '../../components/internal/janua-element.ts';
import type { JanuaSignIn } from '../../components/sign-in/sign-in.ts';
import { createAccount, PASSWORD, startServer, until } from './helpers.ts';

const offline = () => new JanuaClient({ api: 'http://styles.test', restore: false, crossTab: false });

/** A hostile host page: bare element rules and a Tailwind-preflight-like reset. */
const HOSTILE = `
  input { background: rgb(255, 0, 0) !important; }
  input, button { font-size: 40px; padding: 30px; border: 7px dashed rgb(0, 255, 0); border-radius: 0;
    color: rgb(0, 0, 255); text-transform: uppercase; letter-spacing: 9px; margin: 25px; }
  button, [type='submit'] { background-color: transparent; background-image: none; }
  label { font-size: 5px; }
  [type='email'], [type='password'] { box-shadow: 0 0 0 9px rgb(255, 0, 255); padding: 3px; }
`;

function pageSheet(cssText: string, root: Document | ShadowRoot = document): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
  return () => { root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet); };
}

const PROPS = ['font-size', 'padding-top', 'border-top-width', 'border-top-style', 'color', 'text-transform',
  'letter-spacing', 'margin-top', 'box-shadow', 'border-top-left-radius'];
const snapshot = (el: Element) => Object.fromEntries(PROPS.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]));

describe('styles', () => {
  it('is accessible', async () => {
    const el = await fixture(html`<div class="card"><janua-sign-in .client=${offline()}></janua-sign-in></div>`);
    await expect(el).to.be.accessible();
  });

  it('host-page rules for input, button and label do not restyle ours', async () => {
    const el = await fixture<HTMLElement>(html`<div class="card"><janua-sign-in .client=${offline()}></janua-sign-in></div>`);
    const input = el.querySelector('input')!;
    const button = el.querySelector('button[type="submit"]')!;
    const reveal = el.querySelector('button.janua-reveal')!;
    const label = el.querySelector('label')!;
    const before = { input: snapshot(input), button: snapshot(button), label: snapshot(label), reveal: snapshot(reveal),
      bg: getComputedStyle(button).backgroundColor };
    const remove = pageSheet(HOSTILE.replace(' !important', ''));
    try {
      expect(snapshot(input)).to.deep.equal(before.input);
      expect(snapshot(button)).to.deep.equal(before.button);
      expect(snapshot(label)).to.deep.equal(before.label);
      expect(snapshot(reveal)).to.deep.equal(before.reveal);
      expect(getComputedStyle(button).backgroundColor).to.equal(before.bg);
      expect(getComputedStyle(input).backgroundColor).to.equal('rgb(255, 255, 255)');
    } finally {
      remove();
    }
  });

  it('lets page CSS of ordinary specificity aimed at the kit\'s hooks win over its defaults', async () => {
    const el = await fixture<HTMLElement>(html`<div><janua-sign-in .client=${offline()}></janua-sign-in></div>`);
    const input = el.querySelector<HTMLElement>('.janua-input')!;
    const button = el.querySelector<HTMLElement>('.janua-submit')!;
    const remove = pageSheet(`janua-sign-in .janua-input { letter-spacing: 2px; padding-top: 1px; }
      janua-sign-in .janua-submit { text-transform: uppercase; border-top-width: 4px; }`);
    try {
      expect(getComputedStyle(input).letterSpacing).to.equal('2px');
      expect(getComputedStyle(input).paddingTop).to.equal('1px');
      expect(getComputedStyle(button).textTransform).to.equal('uppercase');
      expect(getComputedStyle(button).borderTopWidth).to.equal('4px');
    } finally {
      remove();
    }
  });

  it('themes through tokens set on any ancestor', async () => {
    const el = await fixture<HTMLElement>(html`<div class="themed"><janua-sign-in .client=${offline()}></janua-sign-in></div>`);
    const remove = pageSheet(`.themed { --janua-color-primary: rgb(10, 120, 60); --janua-radius: 3px; --janua-color-surface: rgb(20, 20, 20); }`);
    try {
      const button = el.querySelector('button[type="submit"]')!;
      // The button eases into a new background (a transition); WebKit starts one for a token change.
      await until(() => getComputedStyle(button).backgroundColor === 'rgb(10, 120, 60)', 'the themed button colour');
      expect(getComputedStyle(button).borderTopLeftRadius).to.equal('3px');
      const card = el.querySelector('janua-sign-in')!.shadowRoot!.querySelector('.card')!;
      expect(getComputedStyle(card).backgroundColor).to.equal('rgb(20, 20, 20)');
    } finally {
      remove();
    }
  });

  it('reads element knobs and exposes parts', async () => {
    const el = await fixture<JanuaSignIn>(html`<janua-sign-in class="knobbed" .client=${offline()}></janua-sign-in>`);
    const remove = pageSheet(`.knobbed { --janua-sign-in-padding: 7px; } .knobbed::part(heading) { color: rgb(1, 99, 2); }`);
    try {
      const card = el.shadowRoot!.querySelector('.card')!;
      expect(getComputedStyle(card).paddingTop).to.equal('7px');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part="heading"]')!).color).to.equal('rgb(1, 99, 2)');
      for (const part of ['card', 'header', 'heading', 'subtitle', 'alert']) {
        expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), part).to.exist;
      }
    } finally {
      remove();
    }
  });

  it('puts no part on light-DOM nodes (::part() cannot reach them); their janua- classes are the hooks', async () => {
    const wrap = await fixture(html`<div>
      <janua-sign-in .client=${offline()} sign-up-url="/up" forgot-password-url="/forgot"></janua-sign-in>
      <janua-sign-up .client=${offline()} sign-in-url="/in"></janua-sign-up></div>`);
    for (const form of wrap.querySelectorAll<JanuaSignIn>('janua-sign-in, janua-sign-up')) {
      await form.updateComplete;
      // Submitting empty renders the field errors too.
      form.submit();
      await form.updateComplete;
      const light = [...form.querySelectorAll('[part]')].map((n) => `${n.localName}[part=${n.getAttribute('part')}]`);
      expect(light, form.localName).to.deep.equal([]);
      for (const hook of ['janua-form', 'janua-field', 'janua-label', 'janua-input', 'janua-field-error', 'janua-reveal', 'janua-submit', 'janua-button']) {
        expect(form.querySelector(`.${hook}`), `${form.localName} .${hook}`).to.exist;
      }
    }
    expect(wrap.querySelector('janua-sign-up .janua-hint')).to.exist;
    for (const [tag, part] of [['janua-sign-in', 'forgot-password-link'], ['janua-sign-in', 'sign-up-link'], ['janua-sign-up', 'sign-in-link']]) {
      expect(wrap.querySelector(tag)!.shadowRoot!.querySelector(`a[part="${part}"]`), part).to.exist;
    }
  });

  it('lets the page style the sign-out button through ::part(button)', async () => {
    const server = await startServer();
    const email = await createAccount(server.client);
    await server.client.signIn({ email, password: PASSWORD });
    const el = await fixture<HTMLElement>(html`<janua-sign-out-button class="parted" .client=${server.client}></janua-sign-out-button>`);
    const remove = pageSheet('.parted::part(button) { letter-spacing: 3px; }');
    try {
      const native = el.shadowRoot!.querySelector('button')!;
      expect(native.getAttribute('part')).to.equal('button');
      expect(getComputedStyle(native).letterSpacing).to.equal('3px');
      // Only the native button: the wrapper element would otherwise match as well.
      expect(el.shadowRoot!.querySelectorAll('[part~="button"]')).to.have.length(1);
    } finally {
      remove();
    }
  });

  it('lays out with logical properties, so dir="rtl" mirrors it', async () => {
    const el = await fixture<HTMLElement>(html`<div dir="rtl"><janua-alert variant="error" message="خطأ"></janua-alert></div>`);
    const region = el.querySelector('janua-alert')!.shadowRoot!.querySelector('[part="base"]')!;
    expect(getComputedStyle(region).borderRightWidth).to.equal('4px');
    expect(getComputedStyle(region).borderLeftWidth).to.equal('1px');
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const el = await fixture<HTMLElement>(html`<div><janua-sign-in .client=${offline()}></janua-sign-in></div>`);
    const input = el.querySelector('input')!;
    // A user's window has focus; a test page may share the browser with another one (Firefox runs
    // them in separate windows), and an unfocused window matches no :focus at all.
    await executeServerCommand('focus-window');
    input.focus();
    expect(input.matches(':focus-visible')).to.equal(true);
    expect(getComputedStyle(input).outlineStyle).to.equal('solid');
    expect(parseFloat(getComputedStyle(input).outlineWidth)).to.be.greaterThan(1);
  });

  for (const theme of ['light', 'dark', 'auto', 'high-contrast', 'paper', 'terminal'] as const) {
    it(`themes/${theme}.css passes axe (colour contrast included) in its error state`, async () => {
      const css = await (await fetch(`/themes/${theme}.css`)).text();
      expect(css).to.contain('--janua-color-primary');
      // The sheet may only redefine tokens (every declaration is a --janua-* property), and say
      // which colour scheme the browser's own controls take.
      const props = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([\w-]+)\s*:[^;{}]+;/g)].map((m) => m[1]);
      expect(props.filter((p) => !p!.startsWith('--janua-') && p !== 'color-scheme')).to.deep.equal([]);
      expect(props.length).to.be.greaterThan(14);
      const remove = pageSheet(css + `.janua-theme-${theme} { background: var(--janua-color-background); padding: 1rem; }`);
      try {
        const el = await fixture<HTMLElement>(html`<div class="janua-theme-${theme}"><janua-sign-in .client=${offline()}
          sign-up-url="/up" forgot-password-url="/forgot"></janua-sign-in></div>`);
        const signIn = el.querySelector<JanuaSignIn>('janua-sign-in')!;
        signIn.submit();
        await signIn.updateComplete;
        await expect(el).to.be.accessible();
      } finally {
        remove();
      }
    });
  }

  it('opt-in cascade layer lets plain page CSS override the kit', async () => {
    // A fresh shadow root: the layer setting applies to roots that receive the sheet from now on.
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    JanuaElement.cssLayer = 'janua';
    try {
      const el = document.createElement('janua-sign-in') as JanuaSignIn;
      el.client = offline();
      root.append(el);
      await el.updateComplete;
      const input = el.querySelector('input')!;
      expect(getComputedStyle(input).fontSize).to.equal('16px');
      pageSheet('input { font-size: 22px; }', root);
      expect(getComputedStyle(input).fontSize).to.equal('22px');
    } finally {
      JanuaElement.cssLayer = null;
    }
  });
});
