import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { html, render } from 'lit';
import { JanuaClient, organizations } from '@janua/core';
import '../../components/index.ts';
import type { JanuaOrgSwitcher } from '../../components/org-switcher/org-switcher.ts';
import type { JanuaUserButton } from '../../components/user-button/user-button.ts';
import { CAN_EMULATE_MEDIA, PASSWORD, uniqueEmail, until } from './helpers.ts';
import { startMethodsServer, totpAccount } from './methods-helpers.ts';
import { focused, slug } from './org-helpers.ts';

/*
 * The primitives are one family (docs/primitives.md): button, field, one-time code, popover,
 * menu, dialog, tabs, avatar and alert, each rendered here by the real element that hosts it,
 * draw the same focus ring from the ring tokens when the keyboard reaches them, take every gap
 * and padding from the one spacing scale (--janua-space and its steps), and move on the one
 * motion token or not at all, and not at all under prefers-reduced-motion.
 */

const SLOW = 180_000;
const FOCUS = 'rgb(37, 99, 235)';

let stage: HTMLElement;
const $ = <E extends Element = HTMLElement>(sel: string, root: ParentNode = stage): E => {
  const found = root.querySelector<E>(sel);
  if (!found) throw new Error(`no ${sel}`);
  return found;
};
const inShadow = <E extends Element = HTMLElement>(host: string, sel: string): E => $<E>(sel, $(host).shadowRoot!);
const switcher = () => $<JanuaOrgSwitcher>('janua-org-switcher');

async function buildStage(): Promise<void> {
  const server = await startMethodsServer();
  // A sign-in that owes its second factor: <janua-mfa-challenge> shows the one-time-code field.
  const { email } = await totpAccount(server);
  const mfa = server.makeClient();
  await mfa.ready;
  expect((await mfa.signIn({ email, password: PASSWORD })).status).to.equal('needs_mfa');
  // Someone in an organization: the user button, the switcher (and its dialog), the org profile's tabs.
  const ada = server.makeClient();
  await ada.ready;
  await ada.signUp({ email: uniqueEmail(), password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
  const org = await organizations(ada).create({ name: 'Acme', slug: slug() });
  await organizations(ada).switch(org.id);
  const offline = new JanuaClient({ api: 'http://family.test', restore: false, crossTab: false });
  stage = document.createElement('div');
  document.body.append(stage);
  render(html`<input id="start" aria-label="Start">
    <janua-button label="Continue"></janua-button>
    <janua-sign-in .client=${offline}></janua-sign-in>
    <janua-mfa-challenge .client=${mfa}></janua-mfa-challenge>
    <janua-user-button .client=${ada}></janua-user-button>
    <janua-org-switcher .client=${ada}></janua-org-switcher>
    <janua-org-profile .client=${ada}></janua-org-profile>
    <janua-alert variant="error" message="That did not work."></janua-alert>`, stage);
  await until(() => stage.querySelector('janua-mfa-challenge input[autocomplete="one-time-code"]'), 'the code field');
  await until(() => $('janua-user-button').shadowRoot!.querySelector('.trigger'), 'the user button');
  await until(() => $('janua-org-switcher').shadowRoot!.querySelector('.trigger:not([aria-disabled])'), 'the switcher');
  await until(() => $('janua-org-profile').shadowRoot!.querySelector('[role="tab"]'), 'the tabs');
}

/** Presses Tab from `from` until `target` has focus, as a keyboard user gets there. */
async function tabTo(target: Element, from: HTMLElement): Promise<void> {
  from.focus();
  for (let i = 0; i < 30 && focused() !== target; i++) await sendKeys({ press: 'Tab' });
  if (focused() !== target) throw new Error(`the keyboard never reached ${target.localName}.${target.className}, but ${focused()?.localName}`);
}

async function openMenu(host: 'janua-user-button' | 'janua-org-switcher'): Promise<void> {
  await tabTo(inShadow(host, '.trigger'), $('#start'));
  await sendKeys({ press: 'ArrowDown' });
  await until(() => focused()?.matches('.popup .item'), `focus in the ${host} menu`);
}

async function openDialog(): Promise<HTMLDialogElement> {
  await openMenu('janua-org-switcher');
  // The commands close the menu: "Create organization" is the one before the last.
  await sendKeys({ press: 'End' });
  await sendKeys({ press: 'ArrowUp' });
  await until(() => (focused() as HTMLElement | null)?.dataset['action'] === 'create', 'the create command');
  await sendKeys({ press: 'Enter' });
  await until(() => switcher().shadowRoot!.querySelector<HTMLDialogElement>('dialog')?.open, 'the open dialog');
  const dialog = inShadow<HTMLDialogElement>('janua-org-switcher', 'dialog');
  await until(() => dialog.querySelector('janua-create-org input') === focused(), 'focus in the dialog');
  return dialog;
}

async function closeDialog(): Promise<void> {
  switcher().shadowRoot!.querySelector('dialog')?.close();
  await until(() => !switcher().shadowRoot!.querySelector('dialog'), 'the dialog gone');
}

interface Ring {
  primitive: string;
  /** Brings keyboard focus to the control; returns it. */
  reach: () => Promise<Element>;
  /** Drawn inside the control's edge (rows and tabs in a scrolling list, the button inside a field). */
  inset?: boolean;
  after?: () => Promise<void>;
}

const RINGS: Ring[] = [
  { primitive: 'button (<janua-button>)', reach: async () => {
    const button = inShadow('janua-button', 'button');
    await tabTo(button, $('#start'));
    return button;
  } },
  { primitive: 'button (a form\'s native submit)', reach: async () => {
    const submit = $('janua-sign-in button[type="submit"]');
    await tabTo(submit, $('janua-sign-in input[type="password"]'));
    return submit;
  } },
  { primitive: 'field (input)', reach: async () => {
    const input = $('janua-sign-in .janua-input');
    await tabTo(input, $('#start'));
    return input;
  } },
  { primitive: 'field (show-password button)', inset: true, reach: async () => {
    const reveal = $('janua-sign-in .janua-reveal');
    await tabTo(reveal, $('janua-sign-in input[type="password"]'));
    return reveal;
  } },
  { primitive: 'one-time code', reach: async () => {
    const code = $('janua-mfa-challenge input[autocomplete="one-time-code"]');
    await tabTo(code, $('janua-sign-in input[type="password"]'));
    return code;
  } },
  { primitive: 'popover (its trigger)', reach: async () => {
    const trigger = inShadow('janua-org-switcher', '.trigger');
    await tabTo(trigger, $('#start'));
    return trigger;
  } },
  { primitive: 'avatar (the button it is drawn in)', reach: async () => {
    const trigger = inShadow('janua-user-button', '.trigger');
    await tabTo(trigger, $('#start'));
    return trigger;
  } },
  { primitive: 'menu (a row)', inset: true, reach: async () => {
    await openMenu('janua-user-button');
    return focused()!;
  }, after: async () => {
    await sendKeys({ press: 'Escape' });
  } },
  { primitive: 'tabs (the selected tab)', inset: true, reach: async () => {
    const tab = inShadow('janua-org-profile', '[role="tab"][aria-selected="true"]');
    await tabTo(tab, inShadow('janua-org-switcher', '.trigger'));
    return tab;
  } },
  { primitive: 'alert (focused after a failed submit)', reach: async () => {
    // The kit moves focus to the alert from script; the ring follows the focus that came before.
    await tabTo(inShadow('janua-button', 'button'), $('#start'));
    $('janua-alert').focus();
    return inShadow('janua-alert', '.base');
  } },
  { primitive: 'dialog (its close button)', reach: async () => {
    // Opened from the keyboard, focus in its first field; Shift+Tab would reach the close button,
    // a chord the WebKit and Firefox drivers cannot send: it is focused from the field instead,
    // which (as for the alert) keeps the keyboard's ring.
    const dialog = await openDialog();
    const close = $('.close', dialog);
    close.focus();
    return close;
  }, after: closeDialog },
];

function ring(el: Element): string {
  const s = getComputedStyle(el);
  return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} offset ${s.outlineOffset}; box-shadow ${s.boxShadow}`;
}

/** Reads a length, resolved to px. */
const px = (el: Element, prop: string) => getComputedStyle(el).getPropertyValue(prop);

interface Spacing {
  primitive: string;
  el: () => Element;
  /** Property → step of the scale (in units of --janua-space). */
  steps: Record<string, 0.25 | 0.5 | 0.75 | 1>;
}

const XS = 0.25;
const S = 0.5;
const M = 0.75;
const SPACING: Spacing[] = [
  { primitive: 'button (<janua-button>)', el: () => inShadow('janua-button', 'button'),
    steps: { 'padding-top': S, 'padding-bottom': S, 'padding-left': 1, 'padding-right': 1, 'column-gap': S } },
  { primitive: 'button (a form\'s native submit)', el: () => $('janua-sign-in button[type="submit"]'),
    steps: { 'padding-top': S, 'padding-left': 1, 'column-gap': S } },
  { primitive: 'field', el: () => $('janua-sign-in .janua-field'), steps: { 'row-gap': S } },
  { primitive: 'field (input)', el: () => $('janua-sign-in .janua-input'), steps: { 'padding-top': S, 'padding-left': M } },
  { primitive: 'field (show-password button)', el: () => $('janua-sign-in .janua-reveal'),
    steps: { top: XS, right: XS, 'padding-left': S, 'padding-right': S } },
  { primitive: 'one-time code', el: () => $('janua-mfa-challenge input[autocomplete="one-time-code"]'),
    steps: { 'padding-top': S, 'padding-bottom': S, 'padding-left': M, 'padding-right': M } },
  { primitive: 'popover', el: () => inShadow('janua-user-button', '.popup'), steps: { 'padding-top': XS, 'padding-left': XS } },
  { primitive: 'avatar (the trigger it sits in)', el: () => inShadow('janua-org-switcher', '.trigger'),
    steps: { 'padding-top': XS, 'padding-left': XS, 'padding-right': S, 'column-gap': S } },
  { primitive: 'menu (row)', el: () => inShadow('janua-user-button', '.popup .item'),
    steps: { 'padding-top': XS, 'padding-left': S, 'column-gap': S } },
  { primitive: 'menu (separator)', el: () => inShadow('janua-user-button', '.popup .separator'), steps: { 'margin-top': XS } },
  { primitive: 'tabs (list)', el: () => inShadow('janua-org-profile', '.tabs'), steps: { 'column-gap': XS } },
  { primitive: 'tabs (tab)', el: () => inShadow('janua-org-profile', '[role="tab"]'), steps: { 'padding-top': S, 'padding-left': M } },
  { primitive: 'popover (the account header)', el: () => inShadow('janua-user-button', '.who'), steps: { 'padding-top': XS, 'padding-left': S } },
  { primitive: 'alert', el: () => inShadow('janua-alert', '.base'), steps: { 'padding-top': S, 'padding-left': M, 'column-gap': S } },
  { primitive: 'dialog (close button)', el: () => inShadow('janua-org-switcher', '.close'), steps: { top: S, right: S } },
];

/** Every surface of the family whose motion is read: shadow and light DOM, open panels included. */
const MOVING: [string, () => Element][] = [
  ['button (<janua-button>)', () => inShadow('janua-button', 'button')],
  ['button (submit)', () => $('janua-sign-in button[type="submit"]')],
  ['field (input)', () => $('janua-sign-in .janua-input')],
  ['field (show-password button)', () => $('janua-sign-in .janua-reveal')],
  ['one-time code', () => $('janua-mfa-challenge input[autocomplete="one-time-code"]')],
  ['popover', () => inShadow('janua-user-button', '.popup')],
  ['popover (trigger)', () => inShadow('janua-org-switcher', '.trigger')],
  ['menu (row)', () => inShadow('janua-user-button', '.popup .item')],
  ['tabs (tab)', () => inShadow('janua-org-profile', '[role="tab"]')],
  ['avatar', () => inShadow('janua-user-button', '.avatar')],
  ['alert', () => inShadow('janua-alert', '.base')],
  ['dialog', () => inShadow('janua-org-switcher', 'dialog')],
  ['dialog (close button)', () => inShadow('janua-org-switcher', '.close')],
];
/**
 * Panels are read open, as they are seen (WebKit keeps the computed style of a closed panel from
 * before a token changed): the user menu with everything else, then the modal dialog on its own.
 */
const PHASES = [
  { shows: /^(?!dialog)/, open: async () => {
    await $<JanuaUserButton>('janua-user-button').open();
    await until(() => !inShadow('janua-user-button', '.popup').hidden, 'the open user menu');
  }, close: async () => $<JanuaUserButton>('janua-user-button').close() },
  { shows: /^dialog/, open: async () => { await openDialog(); }, close: closeDialog },
];
const seconds = (v: string) => Math.max(...v.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) / 1000 : parseFloat(d))));

describe('the primitives are one family', function () {
  this.timeout(SLOW);

  before(async function () {
    this.timeout(SLOW);
    await buildStage();
  });
  after(async () => {
    if (CAN_EMULATE_MEDIA) await emulateMedia({ reducedMotion: 'no-preference' });
    stage?.remove();
  });
  afterEach(() => {
    for (const token of ['--janua-space', '--janua-space-xs', '--janua-space-s', '--janua-space-m', '--janua-focus-ring-width',
      '--janua-focus-ring-offset', '--janua-color-focus', '--janua-motion-duration']) stage.style.removeProperty(token);
  });

  it('is accessible together', async () => {
    await expect(stage).to.be.accessible();
  });

  it('draws one focus ring, from the ring tokens, wherever the keyboard lands', async () => {
    // Only a focused window shows a focus ring (Firefox runs concurrent test pages in windows).
    await executeServerCommand('focus-window');
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const r of RINGS) {
      try {
        const el = await r.reach();
        expect(el.matches(':focus-visible'), `${r.primitive} matches :focus-visible`).to.equal(true);
        seen.push(`${r.primitive}: ${ring(el)}`);
        wanted.push(`${r.primitive}: solid 2px ${FOCUS} offset ${r.inset ? '-2px' : '2px'}; box-shadow none`);
        // The ring is the tokens': change them and every ring follows (an inset ring stays inside).
        stage.style.setProperty('--janua-focus-ring-width', '5px');
        stage.style.setProperty('--janua-focus-ring-offset', '7px');
        stage.style.setProperty('--janua-color-focus', 'rgb(1, 2, 3)');
        seen.push(`${r.primitive} (tokens set): ${ring(el)}`);
        wanted.push(`${r.primitive} (tokens set): solid 5px rgb(1, 2, 3) offset ${r.inset ? '-5px' : '7px'}; box-shadow none`);
      } finally {
        for (const t of ['--janua-focus-ring-width', '--janua-focus-ring-offset', '--janua-color-focus']) stage.style.removeProperty(t);
        await r.after?.();
      }
    }
    expect(seen).to.deep.equal(wanted);
  });

  it('takes every gap and padding from the one spacing scale', async () => {
    const expected = (entries: Spacing[], unit: number, override: Partial<Record<number, number>> = {}) => entries.flatMap((s) =>
      Object.entries(s.steps).map(([prop, step]) => `${s.primitive} ${prop}: ${override[step] ?? step * unit}px`));
    for (const phase of PHASES) {
      const entries = SPACING.filter((s) => phase.shows.test(s.primitive));
      const read = () => entries.flatMap((s) => Object.keys(s.steps).map((prop) => `${s.primitive} ${prop}: ${px(s.el(), prop)}`));
      await phase.open();
      try {
        // The defaults: 1rem is 16px here.
        expect(read()).to.deep.equal(expected(entries, 16));
        // Every step follows the unit…
        stage.style.setProperty('--janua-space', '20px');
        expect(read()).to.deep.equal(expected(entries, 20));
        stage.style.setProperty('--janua-space', '12px');
        expect(read()).to.deep.equal(expected(entries, 12));
        // …and each step can be set on its own, moving exactly the surfaces that use it.
        stage.style.setProperty('--janua-space-xs', '1px');
        stage.style.setProperty('--janua-space-s', '3px');
        stage.style.setProperty('--janua-space-m', '5px');
        expect(read()).to.deep.equal(expected(entries, 12, { [XS]: 1, [S]: 3, [M]: 5 }));
      } finally {
        for (const token of ['--janua-space', '--janua-space-xs', '--janua-space-s', '--janua-space-m']) stage.style.removeProperty(token);
        await phase.close();
      }
    }
  });

  it('moves on the one motion token, and stands still under prefers-reduced-motion', async () => {
    for (const phase of PHASES) {
      const moving = () => MOVING.filter(([name]) => phase.shows.test(name)).map(([name, el]) => [name, el()] as const);
      const durations = () => moving().map(([name, el]) => {
        const s = getComputedStyle(el);
        return `${name}: ${[...new Set(s.transitionDuration.split(',').map((d) => d.trim()))].join(',')}; animation ${s.animationName}`;
      });
      await phase.open();
      try {
        // What moves eases over the token; what does not move has no transition of its own.
        stage.style.setProperty('--janua-motion-duration', '3s');
        const lines = durations();
        expect(lines.filter((line) => !/: (0s|3s); animation none$/.test(line)), 'durations or animations not from --janua-motion-duration')
          .to.deep.equal([]);
        if (phase === PHASES[0]) {
          expect(lines.filter((line) => line.includes(': 3s;')).map((line) => line.split(':')[0]))
            .to.include.members(['button (<janua-button>)', 'button (submit)', 'field (input)', 'one-time code']);
        }
        if (!CAN_EMULATE_MEDIA) continue;
        // Media emulation goes through the DevTools protocol: Chromium only.
        await emulateMedia({ reducedMotion: 'reduce' });
        const still = moving().filter(([, el]) => seconds(getComputedStyle(el).transitionDuration) > 0.001)
          .map(([name, el]) => `${name}: ${getComputedStyle(el).transitionDuration}`);
        expect(still, 'transitions left under prefers-reduced-motion').to.deep.equal([]);
      } finally {
        stage.style.removeProperty('--janua-motion-duration');
        if (CAN_EMULATE_MEDIA) await emulateMedia({ reducedMotion: 'no-preference' });
        await phase.close();
      }
    }
  });
});
