import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../components/index.ts';
import { nextFrame } from './helpers.ts';

/*
 * Every button answers the pointer, under every theme sheet: the sheets turn the hover filter
 * off, so a variant whose hover background was its own background did not change at all
 * (secondary and ghost: Cancel, Use a backup code, Send a new code…).
 */

const THEMES = ['', 'light', 'dark', 'high-contrast', 'paper', 'terminal'];
const VARIANTS = ['primary', 'secondary', 'ghost', 'danger'];

async function sheet(name: string): Promise<CSSStyleSheet | null> {
  if (!name) return null;
  const res = await fetch(`/themes/${name}.css`);
  expect(res.ok, `/themes/${name}.css`).to.equal(true);
  const s = new CSSStyleSheet();
  s.replaceSync(await res.text());
  return s;
}

/** What the pointer changes on a button: its background and filter, read after a frame. */
async function look(button: HTMLElement, over: boolean): Promise<string> {
  const box = button.getBoundingClientRect();
  await sendMouse({ type: 'move', position: over ? [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] : [0, 0] });
  await nextFrame();
  const style = getComputedStyle(button);
  return `${style.backgroundColor} ${style.filter}`;
}

describe('buttons under the pointer', () => {
  let theme: CSSStyleSheet | null = null;
  afterEach(async () => {
    // Only the theme goes: the kit's own light styles stay adopted for the page.
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== theme);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  for (const name of THEMES) {
    it(`change in every variant, ${name ? `under ${name}.css` : 'with no theme sheet'}`, async () => {
      theme = await sheet(name);
      if (theme) document.adoptedStyleSheets = [...document.adoptedStyleSheets, theme];
      const stage = await fixture<HTMLDivElement>(html`<div style="padding: 40px; --janua-motion-duration: 0s">
        ${VARIANTS.map((v) => html`<janua-button variant=${v}>Button</janua-button>`)}
        <form class="janua-form" data-probe><button type="button" class="janua-button" data-variant="secondary">Light</button>
          <button type="button" class="janua-button" data-variant="ghost">Light</button></form>
      </div>`);
      // The light-DOM buttons wear the kit's light styles where a kit element adopts them.
      const host = document.createElement('janua-sign-in');
      stage.append(host);
      await (host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const buttons = [
        ...[...stage.querySelectorAll('janua-button')].map((b) => b.shadowRoot!.querySelector<HTMLElement>('button')!),
        ...stage.querySelectorAll<HTMLElement>('form[data-probe] .janua-button'),
      ];
      expect(buttons.length).to.equal(6);
      const still: string[] = [];
      for (const button of buttons) {
        const rest = await look(button, false);
        const hovered = await look(button, true);
        const host = (button.getRootNode() as ShadowRoot).host;
        if (rest === hovered) still.push(`${host ? `<janua-button variant="${host.getAttribute('variant')}">` : `light DOM ${button.dataset['variant']}`}: ${rest}`);
      }
      expect(still, 'buttons that do not change under the pointer').to.deep.equal([]);
    });
  }
});
