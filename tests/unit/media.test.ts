import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';
import { CAN_EMULATE_MEDIA, until } from './helpers.ts';
import { orgServer } from './org-helpers.ts';

/*
 * The user's settings win over the kit's looks: `prefers-reduced-motion: reduce` stops every
 * transition (light DOM and shadow DOM, menus included) and calms the spinner, and
 * `forced-colors: active` keeps every control's edge and the focus ring visible in system colours.
 */
const offline = () => new JanuaClient({ api: 'http://media.test', restore: false, crossTab: false });
const seconds = (v: string) => Math.max(...v.split(',').map((d) => (d.trim().endsWith('ms') ? parseFloat(d) / 1000 : parseFloat(d))));

async function stage(): Promise<HTMLElement> {
  const server = await orgServer();
  const ada = await server.person('Ada', 'Lovelace');
  const el = await fixture<HTMLElement>(html`<div>
    <janua-sign-in .client=${offline()}></janua-sign-in>
    <janua-sign-up .client=${offline()}></janua-sign-up>
    <janua-button label="Wait" pending></janua-button>
    <janua-user-button .client=${ada.client}></janua-user-button>
    <janua-org-switcher .client=${ada.client}></janua-org-switcher>
  </div>`);
  await until(() => el.querySelector('janua-user-button')!.shadowRoot!.querySelector('.trigger'), 'the user button');
  await until(() => el.querySelector('janua-org-switcher')!.shadowRoot!.querySelector('.trigger'), 'the org switcher');
  const root = el.querySelector('janua-user-button')!.shadowRoot!;
  (root.querySelector('.trigger') as HTMLElement).click();
  await until(() => root.querySelector('.popup:not([hidden]) .item'), 'the user menu');
  return el;
}

describe('user media settings', function () {
  // Real password hashing and an organization in the page, then many probes: slow on a loaded machine.
  this.timeout(120000);
  before(function () {
    // The settings are emulated over the Chrome DevTools Protocol: Chromium only.
    if (!CAN_EMULATE_MEDIA) this.skip();
  });
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference', forcedColors: 'none' });
  });

  it('prefers-reduced-motion: no transition anywhere, a slow spinner', async () => {
    const el = await stage();
    const moving = () => [
      ['input', el.querySelector('janua-sign-in .janua-input')!],
      ['submit', el.querySelector('janua-sign-in button[type="submit"]')!],
      ['strength meter', el.querySelector('janua-sign-up .janua-meter > span') ?? el.querySelector('janua-sign-in .janua-input')!],
      ['<janua-button>', el.querySelector('janua-button')!.shadowRoot!.querySelector('.janua-button')!],
      ['menu row', el.querySelector('janua-user-button')!.shadowRoot!.querySelector('.popup .item')!],
      ['switcher trigger', el.querySelector('janua-org-switcher')!.shadowRoot!.querySelector('.trigger')!],
    ] as const;
    const before = moving().filter(([, node]) => seconds(getComputedStyle(node).transitionDuration) > 0.05).map(([n]) => n);
    expect(before, 'transitions exist to be stopped').to.include.members(['input', 'submit', '<janua-button>']);
    await emulateMedia({ reducedMotion: 'reduce' });
    const still = moving().filter(([, node]) => seconds(getComputedStyle(node).transitionDuration) > 0.001).map(([n, node]) => `${n}: ${getComputedStyle(node).transitionDuration}`);
    expect(still).to.deep.equal([]);
    const spinner = el.querySelector('janua-button')!.shadowRoot!.querySelector('.janua-spinner')!;
    expect(seconds(getComputedStyle(spinner).animationDuration)).to.be.greaterThan(2);
  });

  it('forced-colors: controls keep a visible edge and the focus ring stays', async () => {
    const el = await stage();
    await emulateMedia({ forcedColors: 'active' });
    const edges = [
      ['card', el.querySelector('janua-sign-in')!.shadowRoot!.querySelector('.card')!],
      ['input', el.querySelector('janua-sign-in .janua-input')!],
      ['submit', el.querySelector('janua-sign-in button[type="submit"]')!],
      ['<janua-button>', el.querySelector('janua-button')!.shadowRoot!.querySelector('.janua-button')!],
      ['menu', el.querySelector('janua-user-button')!.shadowRoot!.querySelector('.popup')!],
      ['switcher trigger', el.querySelector('janua-org-switcher')!.shadowRoot!.querySelector('.trigger')!],
    ] as const;
    const invisible = edges.filter(([, node]) => {
      const s = getComputedStyle(node);
      return s.borderTopStyle === 'none' || parseFloat(s.borderTopWidth) < 1;
    }).map(([n]) => n);
    expect(invisible).to.deep.equal([]);
    const input = el.querySelector<HTMLInputElement>('janua-sign-in .janua-input')!;
    input.focus();
    expect(getComputedStyle(input).outlineStyle).to.equal('solid');
    expect(parseFloat(getComputedStyle(input).outlineWidth)).to.be.at.least(2);
  });
});
