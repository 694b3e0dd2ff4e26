import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import { JanuaClient, organizations } from '@janua/core';
import '../../components/index.ts';
import { orgServer, orgWith } from './org-helpers.ts';
import { quietResizeLoopNotices, until } from './helpers.ts';

/*
 * The token test: every token and knob documented in docs/tokens.md (generated from the code by
 * scripts/tokens.mjs) changes the computed style of the surface it claims, on the real elements.
 * A token added to the table with no probe here fails the first test, so none goes untested.
 * Then: switching theme by one attribute restyles the elements with no re-render.
 */

interface Probe {
  /** The surface the token claims (for the failure message). */
  surface: string;
  /** The element whose computed style is read. */
  target: () => Element;
  prop: string;
  /** Value to set the token to (a colour by default). */
  value?: string;
  /** Pseudo-element to read (`::backdrop`). */
  pseudo?: string;
  /** Put the pointer on the target first (hover states). */
  hover?: boolean;
  /** Extra tokens the probe needs (e.g. no hover filter to read the hover colour). */
  with?: Record<string, string>;
  /** Brings the surface on screen (opens a menu or dialog), and puts it away after. */
  prepare?: () => Promise<void>;
  cleanup?: () => Promise<void>;
}

const userMenuOpen = async (): Promise<void> => {
  const root = $('janua-user-button').shadowRoot!;
  root.querySelector('.trigger')!.scrollIntoView({ block: 'start' });
  if (!root.querySelector('.popup:not([hidden]) .item')) (root.querySelector('.trigger') as HTMLElement).click();
  await until(() => root.querySelector('.popup:not([hidden]) .item'), 'the open user menu');
};
const createDialog = {
  async prepare(): Promise<void> {
    const root = $('janua-org-switcher').shadowRoot!;
    (root.querySelector('.trigger') as HTMLElement).click();
    await until(() => [...root.querySelectorAll('.popup .item')].find((i) => /create/i.test(i.textContent!)), 'the create item');
    ([...root.querySelectorAll('.popup .item')].find((i) => /create/i.test(i.textContent!)) as HTMLElement).click();
    await until(() => root.querySelector<HTMLDialogElement>('dialog')?.open, 'the open dialog');
  },
  async cleanup(): Promise<void> {
    $('janua-org-switcher').shadowRoot!.querySelector<HTMLDialogElement>('dialog')?.close();
  },
};

const RGB = 'rgb(1, 2, 3)';

let stage: HTMLElement;
let hovered: Element | null = null;
const $ = (sel: string, root: ParentNode = stage) => {
  const found = root.querySelector(sel);
  if (!found) throw new Error(`no ${sel}`);
  return found;
};
const shadow = (host: string, sel: string) => () => $(sel, $(host).shadowRoot!);
const light = (sel: string) => () => $(sel);

async function hover(el: Element | null): Promise<void> {
  if (!el && !hovered) return;
  hovered = el;
  if (!el) {
    await sendMouse({ type: 'move', position: [0, 0] });
    return;
  }
  el.scrollIntoView({ block: 'center' });
  // A floating panel settles after the popup places it: wait until its box stops moving.
  let box = el.getBoundingClientRect();
  for (let i = 0; i < 20; i++) {
    await new Promise(requestAnimationFrame);
    const next = el.getBoundingClientRect();
    if (next.x === box.x && next.y === box.y) break;
    box = next;
  }
  await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const card = (tag: string) => shadow(tag, '.card');
const KNOB_SURFACES: Record<string, (tag: string) => Omit<Probe, 'surface'> & { surface?: string }> = {
  gap: (tag) => ({ target: card(tag), prop: 'row-gap', value: '37px' }),
  padding: (tag) => ({ target: card(tag), prop: 'padding-top', value: '37px' }),
  'max-width': (tag) => ({ target: light(tag), prop: 'max-width', value: '371px' }),
};

const PROBES: Record<string, Probe> = {
  '--janua-color-primary': { surface: 'primary button background', target: light('janua-sign-in button[type="submit"]'), prop: 'background-color' },
  '--janua-color-primary-hover': {
    surface: 'primary button background under the pointer', target: light('janua-sign-in button[type="submit"]'),
    prop: 'background-color', hover: true, with: { '--janua-motion-duration': '0s' },
  },
  '--janua-color-primary-contrast': { surface: 'primary button label', target: light('janua-sign-in button[type="submit"]'), prop: 'color' },
  '--janua-color-surface': { surface: 'card background', target: card('janua-sign-in'), prop: 'background-color' },
  '--janua-color-surface-muted': { surface: 'backup codes fill', target: light('#probe-codes'), prop: 'background-color' },
  '--janua-color-input-background': { surface: 'input background', target: light('janua-sign-in .janua-input'), prop: 'background-color' },
  '--janua-color-text': { surface: 'field labels', target: light('janua-sign-in .janua-label'), prop: 'color' },
  '--janua-color-muted': { surface: 'divider text', target: shadow('janua-divider', '.base'), prop: 'color' },
  '--janua-color-border': { surface: 'input border', target: light('janua-sign-in .janua-input'), prop: 'border-top-color' },
  '--janua-color-border-subtle': { surface: 'card outline', target: card('janua-sign-in'), prop: 'border-top-color' },
  '--janua-color-danger-hover': {
    surface: 'danger button background under the pointer', target: light('janua-danger-zone button[data-variant="danger"]'),
    prop: 'background-color', hover: true, with: { '--janua-motion-duration': '0s' },
  },
  '--janua-color-danger': { surface: 'error alert text', target: shadow('#probe-error', '.base'), prop: 'color' },
  '--janua-color-success': { surface: 'success alert text', target: shadow('#probe-success', '.base'), prop: 'color' },
  '--janua-color-focus': { surface: 'focus ring', target: light('#probe-focus'), prop: 'outline-color' },
  '--janua-color-backdrop': { surface: 'dialog backdrop', target: shadow('janua-org-switcher', '.dialog'), prop: 'background-color', pseudo: '::backdrop', ...createDialog },
  '--janua-radius': { surface: 'card corners', target: card('janua-sign-in'), prop: 'border-top-left-radius', value: '13px' },
  '--janua-font-family': { surface: 'input text', target: light('janua-sign-in .janua-input'), prop: 'font-family', value: 'Probefont' },
  '--janua-font-family-mono': { surface: 'backup codes', target: light('#probe-codes'), prop: 'font-family', value: 'Probemono' },
  '--janua-font-size': { surface: 'input text', target: light('janua-sign-in .janua-input'), prop: 'font-size', value: '23px' },
  '--janua-space': { surface: 'card padding', target: card('janua-sign-in'), prop: 'padding-top', value: '10px' },
  '--janua-space-xs': { surface: 'tab list gap', target: shadow('janua-org-profile', '.tabs'), prop: 'column-gap', value: '13px' },
  '--janua-space-s': { surface: 'button block padding', target: light('janua-sign-in button[type="submit"]'), prop: 'padding-top', value: '13px' },
  '--janua-space-m': { surface: 'input inline padding', target: light('janua-sign-in .janua-input'), prop: 'padding-left', value: '13px' },
  '--janua-shadow': { surface: 'card shadow', target: card('janua-sign-in'), prop: 'box-shadow', value: `${RGB} 0px 0px 5px 0px` },
  '--janua-focus-ring-width': { surface: 'focus ring', target: light('#probe-focus'), prop: 'outline-width', value: '5px' },
  '--janua-focus-ring-offset': { surface: 'focus ring', target: light('#probe-focus'), prop: 'outline-offset', value: '7px' },
  '--janua-button-hover-filter': {
    surface: 'button under the pointer', target: light('janua-sign-in button[type="submit"]'), prop: 'filter', value: 'brightness(0.5)', hover: true,
  },
  '--janua-disabled-opacity': { surface: 'disabled button', target: light('#probe-disabled'), prop: 'opacity', value: '0.31' },
  '--janua-motion-duration': { surface: 'input transition', target: light('janua-sign-in .janua-input'), prop: 'transition-duration', value: '3s' },
  '--janua-popover-background': { prepare: userMenuOpen, surface: 'user menu panel', target: shadow('janua-user-button', '.popup'), prop: 'background-color' },
  '--janua-popover-border': { prepare: userMenuOpen, surface: 'user menu panel border', target: shadow('janua-user-button', '.popup'), prop: 'border-top-color' },
  '--janua-popover-shadow': { prepare: userMenuOpen, surface: 'user menu panel shadow', target: shadow('janua-user-button', '.popup'), prop: 'box-shadow', value: `${RGB} 0px 0px 5px 0px` },
  '--janua-popover-hover': { prepare: userMenuOpen, surface: 'menu row under the pointer', target: shadow('janua-user-button', '.popup .item'), prop: 'background-color', hover: true },
  '--janua-alert-accent': { surface: 'alert border', target: shadow('#probe-error', '.base'), prop: 'border-top-color' },
  '--janua-alert-color': { surface: 'alert text', target: shadow('#probe-error', '.base'), prop: 'color' },
  '--janua-avatar-text': { prepare: userMenuOpen, surface: 'avatar initials', target: shadow('janua-user-button', '.avatar'), prop: 'color' },
  '--janua-divider-color': { surface: 'divider lines', target: shadow('janua-divider', '.line'), prop: 'border-top-color' },
  '--janua-divider-gap': { surface: 'divider spacing', target: shadow('janua-divider', '.base'), prop: 'column-gap', value: '37px' },
  '--janua-link-color': { surface: 'link text', target: shadow('janua-link', 'a'), prop: 'color' },
  '--janua-org-switcher-max-width': { surface: 'switcher trigger', target: shadow('janua-org-switcher', '.trigger'), prop: 'max-width', value: '371px' },
  '--janua-tabs-gap': { surface: 'tab list', target: shadow('janua-org-profile', '.tabs'), prop: 'column-gap', value: '37px' },
  '--janua-user-button-size': { surface: 'user button', target: light('janua-user-button'), prop: 'width', value: '53px' },
};

/** The probe of a token: listed above, or a card knob `--janua-<element>-gap|padding|max-width`. */
function probeFor(token: string, avatarHue: string): Probe | undefined {
  if (token === '--janua-avatar-color-0') {
    // The table documents the family -0 … -7; the user's avatar shows one of them.
    return { surface: `avatar colour -${avatarHue}`, target: shadow('janua-user-button', '.avatar'), prop: 'background-color' };
  }
  if (PROBES[token]) return PROBES[token];
  const knob = /^--janua-([a-z-]+?)-(gap|padding|max-width)$/.exec(token);
  if (!knob) return undefined;
  return { surface: `<janua-${knob[1]}> ${knob[2]}`, ...KNOB_SURFACES[knob[2]!]!(`janua-${knob[1]}`) } as Probe;
}

async function documentedTokens(): Promise<{ name: string; paints: string }[]> {
  const md = await (await fetch('/docs/tokens.md')).text();
  return [...md.matchAll(/^\| `(--janua-[\w-]+)` \|(.*)\|$/gm)].map((m) => ({ name: m[1]!, paints: m[2]! }));
}

function read(p: Probe): string {
  return getComputedStyle(p.target(), p.pseudo ?? null).getPropertyValue(p.prop);
}

describe('tokens (docs/tokens.md) paint the surfaces they claim', function () {
  // Real password hashing and an organization in the page, then many probes: slow on a loaded machine.
  this.timeout(180000);
  let signedIn: JanuaClient;
  quietResizeLoopNotices();

  async function buildStage(): Promise<void> {
    const server = await orgServer();
    const owner = await server.person('Ada', 'Lovelace');
    const org = await orgWith(server, owner, [], 'Acme');
    await organizations(owner.client).switch(org.id);
    signedIn = owner.client;
    const offline = new JanuaClient({ api: 'http://tokens.test', restore: false, crossTab: false });
    // No transitions (the motion probe sets its own), so each read is the settled value.
    stage = await fixture(html`<div id="stage" style="--janua-motion-duration: 0s">
      <janua-sign-in .client=${offline} sign-up-url="/up" forgot-password-url="/forgot"></janua-sign-in>
      <janua-sign-up .client=${offline}></janua-sign-up>
      <janua-forgot-password .client=${offline}></janua-forgot-password>
      <janua-reset-password .client=${offline}></janua-reset-password>
      <janua-verify-email .client=${offline}></janua-verify-email>
      <janua-magic-link .client=${offline}></janua-magic-link>
      <janua-mfa-challenge .client=${offline}></janua-mfa-challenge>
      <janua-accept-invitation .client=${signedIn}></janua-accept-invitation>
      <janua-alert id="probe-error" variant="error" message="Wrong"></janua-alert>
      <janua-alert id="probe-success" variant="success" message="Done"></janua-alert>
      <janua-divider label="or"></janua-divider>
      <janua-link href="/x">Link</janua-link>
      <janua-user-button .client=${signedIn}></janua-user-button>
      <janua-org-switcher .client=${signedIn}></janua-org-switcher>
      <janua-org-profile .client=${signedIn}></janua-org-profile>
      <janua-create-org .client=${signedIn}></janua-create-org>
      <janua-user-profile .client=${signedIn} sections="profile"></janua-user-profile>
      <janua-profile-details .client=${signedIn}></janua-profile-details>
      <janua-email-settings .client=${signedIn}></janua-email-settings>
      <janua-change-password .client=${signedIn}></janua-change-password>
      <janua-danger-zone .client=${signedIn}></janua-danger-zone>
      <janua-session-list .client=${signedIn}></janua-session-list>
      <janua-passkey-manager .client=${signedIn}></janua-passkey-manager>
      <janua-mfa-setup .client=${signedIn}></janua-mfa-setup>
      <janua-backup-codes .client=${signedIn}></janua-backup-codes>
      <pre id="probe-codes" class="janua-codes">ABCD-EFGH</pre>
      <button id="probe-disabled" class="janua-button" disabled>Off</button>
      <input id="probe-focus" class="janua-input" aria-label="Focus probe">
    </div>`);
    await until(() => stage.querySelector('janua-user-button')!.shadowRoot!.querySelector('.trigger'), 'the user button');
    await until(() => stage.querySelector('janua-org-profile')!.shadowRoot!.querySelector('.tabs'), 'the org profile tabs');
    for (const el of stage.querySelectorAll('*')) if ('updateComplete' in el) await (el as { updateComplete: Promise<unknown> }).updateComplete;
    // Open the user menu (its panel and rows are surfaces) and focus the probe input.
    (stage.querySelector('janua-user-button')!.shadowRoot!.querySelector('.trigger') as HTMLElement).click();
    await until(() => stage.querySelector('janua-user-button')!.shadowRoot!.querySelector('.popup:not([hidden]) .item'), 'the open menu');
  }

  after(async () => {
    await hover(null);
  });

  it('every documented token has a probe here', async () => {
    const tokens = await documentedTokens();
    expect(tokens.length).to.be.greaterThan(60);
    const missing = tokens.filter((t) => !/Not painted by the elements/.test(t.paints) && !probeFor(t.name, '0')).map((t) => t.name);
    expect(missing, 'tokens with no probe').to.deep.equal([]);
  });

  it('each one changes the computed style of its surface', async () => {
    const tokens = await documentedTokens();
    // Built here: open-wc removes fixtures after each test.
    await buildStage();
    const hue = stage.querySelector('janua-user-button')!.shadowRoot!.querySelector('.avatar')!.getAttribute('data-hue')!;
    const failures: string[] = [];
    for (const { name, paints } of tokens) {
      if (/Not painted by the elements/.test(paints)) continue;
      const probe = probeFor(name, hue)!;
      const token = name === '--janua-avatar-color-0' ? `--janua-avatar-color-${hue}` : name;
      for (const [k, v] of Object.entries(probe.with ?? {})) stage.style.setProperty(k, v);
      if (name.startsWith('--janua-color-focus') || name.startsWith('--janua-focus-ring')) {
        // Only a focused window shows a focus ring (Firefox runs concurrent test pages in windows).
        await executeServerCommand('focus-window');
        ($('#probe-focus') as HTMLElement).focus();
      }
      try {
        await probe.prepare?.();
        await hover(probe.hover ? probe.target() : null);
        const before = read(probe);
        stage.style.setProperty(token, probe.value ?? RGB);
        await new Promise(requestAnimationFrame);
        const after = read(probe);
        if (after === before) {
          const box = probe.target().getBoundingClientRect();
          failures.push(`${name} (${probe.surface}): ${probe.prop} stayed ${before} (box ${Math.round(box.x)},${Math.round(box.y)} in ${innerWidth}x${innerHeight})`);
        }
        else if (!after.includes(probe.value ?? RGB) && !probe.value?.startsWith('Probe')) {
          // Lengths may come back resolved; colours and keywords come back as set.
          if (!/px|s$|^[\d.]+$/.test(probe.value ?? '')) failures.push(`${name} (${probe.surface}): ${probe.prop} is ${after}, not ${probe.value ?? RGB}`);
        }
      } catch (error) {
        failures.push(`${name} (${probe.surface}): ${(error as Error).message}`);
      } finally {
        await probe.cleanup?.();
        stage.style.removeProperty(token);
        for (const k of Object.keys(probe.with ?? {})) stage.style.removeProperty(k);
        stage.style.setProperty('--janua-motion-duration', '0s');
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});

describe('themes switch with one attribute and no re-render', () => {
  const sheets: CSSStyleSheet[] = [];
  before(async () => {
    for (const name of ['light', 'dark', 'high-contrast', 'paper', 'terminal']) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await (await fetch(`/themes/${name}.css`)).text());
      sheets.push(sheet);
    }
    document.adoptedStyleSheets = [...sheets, ...document.adoptedStyleSheets];
  });
  after(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => !sheets.includes(s));
  });

  it('restyles card, input and button on data-janua-theme, keeping the same nodes and no update', async () => {
    const offline = new JanuaClient({ api: 'http://tokens.test', restore: false, crossTab: false });
    // No transitions, so each read is the theme's settled value.
    const wrap = await fixture<HTMLElement>(html`<div data-janua-theme="light" style="--janua-motion-duration: 0s"><janua-sign-in .client=${offline}></janua-sign-in></div>`);
    const signIn = wrap.querySelector('janua-sign-in')! as unknown as HTMLElement & { updateComplete: Promise<unknown>; update(c: unknown): void };
    await signIn.updateComplete;
    const cardEl = signIn.shadowRoot!.querySelector('.card')!;
    const input = signIn.querySelector('.janua-input')!;
    const button = signIn.querySelector('button[type="submit"]')!;
    let updates = 0;
    const original = signIn.update.bind(signIn);
    signIn.update = (changed: unknown) => { updates++; original(changed); };
    const look = () => [getComputedStyle(cardEl).backgroundColor, getComputedStyle(input).backgroundColor,
      getComputedStyle(button).backgroundColor, getComputedStyle(cardEl).fontFamily, getComputedStyle(cardEl).borderTopLeftRadius].join(' | ');
    const seen = new Map<string, string>();
    for (const theme of ['light', 'dark', 'high-contrast', 'paper', 'terminal']) {
      wrap.dataset['januaTheme'] = theme;
      seen.set(theme, look());
    }
    expect(new Set(seen.values()).size, [...seen].join('\n')).to.equal(5);
    expect(seen.get('dark')).to.contain('rgb(21, 30, 46)');
    expect(seen.get('paper')).to.contain('Charter');
    expect(updates, 'no re-render').to.equal(0);
    expect(signIn.shadowRoot!.querySelector('.card')).to.equal(cardEl);
    expect(signIn.querySelector('.janua-input')).to.equal(input);
    // The class form works the same way.
    delete wrap.dataset['januaTheme'];
    wrap.className = 'janua-theme-dark';
    expect(look()).to.equal(seen.get('dark'));
  });
});
