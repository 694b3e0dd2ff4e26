import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css, type TemplateResult } from 'lit';
import { PopupController } from '../../components/internal/popup.ts';
import { popupStyles } from '../../components/internal/popup.styles.ts';
import { RovingFocus } from '../../components/internal/roving-focus.ts';
import { until } from './helpers.ts';

/** A menu button built from the two pieces exactly as the kit's menus are. */
class TestMenu extends LitElement {
  static override styles = [popupStyles, css`:host { display: inline-block; }`];
  picked: string[] = [];
  readonly popup = new PopupController(this, {
    trigger: () => this.renderRoot.querySelector<HTMLElement>('.trigger'),
    panel: () => this.renderRoot.querySelector<HTMLElement>('.popup'),
  });
  readonly nav = new RovingFocus(() => [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')]);

  private async openWith(which: 'first' | 'last'): Promise<void> {
    await this.popup.show();
    this.nav.focus(which);
  }

  private onTriggerKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') { e.preventDefault(); void this.openWith('first'); }
    if (e.key === 'ArrowUp') { e.preventDefault(); void this.openWith('last'); }
  }

  private pick(name: string): void {
    this.picked.push(name);
    this.popup.close(true);
  }

  protected override render(): TemplateResult {
    return html`<button class="trigger" aria-haspopup="menu" aria-controls="m" @keydown=${this.onTriggerKey}
      @click=${() => void this.openWith('first')}>Workspace</button>
      <div class="popup" id="m" role="menu" aria-label="Workspaces" hidden @keydown=${(e: KeyboardEvent) => this.nav.handle(e)}>
        ${['Acme', 'Apex', 'Beta', 'Gamma'].map((name) => html`<button class="item" role="menuitem" tabindex="-1"
          @click=${() => this.pick(name)}>${name}</button>`)}
      </div>`;
  }
}
customElements.define('test-menu', TestMenu);

const key = (target: Element, k: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
const active = (el: TestMenu) => el.shadowRoot!.activeElement?.textContent?.trim();
const panel = (el: TestMenu) => el.shadowRoot!.querySelector<HTMLElement>('.popup')!;
const trigger = (el: TestMenu) => el.shadowRoot!.querySelector<HTMLElement>('.trigger')!;

describe('popup and roving focus', () => {
  it('is accessible open', async () => {
    const el = await fixture<TestMenu>(html`<test-menu></test-menu>`);
    await el.popup.show();
    await expect(el).to.be.accessible();
  });

  it('opens on ArrowDown with focus on the first item; arrows wrap, Home/End jump, typing jumps', async () => {
    const el = await fixture<TestMenu>(html`<test-menu></test-menu>`);
    trigger(el).focus();
    key(trigger(el), 'ArrowDown');
    await until(() => active(el) === 'Acme', 'focus on the first item');
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    const p = panel(el);
    key(p, 'ArrowUp');
    expect(active(el)).to.equal('Gamma');
    key(p, 'ArrowDown');
    expect(active(el)).to.equal('Acme');
    key(p, 'End');
    expect(active(el)).to.equal('Gamma');
    key(p, 'Home');
    expect(active(el)).to.equal('Acme');
    key(p, 'a');
    expect(active(el), 'a letter moves to the next item starting with it').to.equal('Apex');
    key(p, 'p');
    expect(active(el), 'letters typed together search together').to.equal('Apex');
    key(p, 'x');
    expect(active(el), 'no match: focus stays').to.equal('Apex');
    key(p, 'Home');
    key(p, 'g');
    expect(active(el), 'Home ended the search; a new one starts').to.equal('Gamma');
  });

  it('closes on Escape and on Tab, handing focus back to the trigger', async () => {
    const el = await fixture<TestMenu>(html`<test-menu></test-menu>`);
    for (const k of ['Escape', 'Tab']) {
      trigger(el).focus();
      key(trigger(el), 'Enter');
      await until(() => active(el) === 'Acme', 'the menu open');
      key(panel(el), k);
      expect(panel(el).hidden, k).to.equal(true);
      expect(active(el), k).to.equal('Workspace');
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
    }
  });

  it('closes on a click outside without stealing focus back', async () => {
    const wrap = await fixture(html`<div><test-menu></test-menu><button id="elsewhere">Elsewhere</button></div>`);
    const el = wrap.querySelector<TestMenu>('test-menu')!;
    await el.popup.show();
    const outside = wrap.querySelector<HTMLButtonElement>('#elsewhere')!;
    outside.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(panel(el).hidden).to.equal(true);
  });

  it('selecting an item closes the menu and returns focus', async () => {
    const el = await fixture<TestMenu>(html`<test-menu></test-menu>`);
    trigger(el).click();
    await until(() => active(el) === 'Acme', 'the menu open');
    key(panel(el), 'ArrowDown');
    (el.shadowRoot!.activeElement as HTMLElement).click();
    expect(el.picked).to.deep.equal(['Apex']);
    expect(panel(el).hidden).to.equal(true);
    expect(active(el)).to.equal('Workspace');
  });

  it('sits in the top layer, flips above a trigger near the bottom, and follows scroll', async () => {
    const wrap = await fixture<HTMLElement>(html`<div style="block-size: 300vh; position: relative">
      <div style="overflow: hidden; block-size: 3rem; position: absolute; inset-block-start: calc(100vh - 4rem)">
        <test-menu></test-menu></div></div>`);
    const el = wrap.querySelector<TestMenu>('test-menu')!;
    await el.popup.show();
    const p = panel(el);
    await until(() => p.getBoundingClientRect().height > 0 && p.style.top !== '', 'positioned');
    expect(p.matches(':popover-open'), 'top layer: no ancestor overflow clips it').to.equal(true);
    const t = trigger(el).getBoundingClientRect();
    await until(() => p.getBoundingClientRect().bottom <= t.top + 1, 'flipped above the trigger');
    expect(p.getBoundingClientRect().top).to.be.at.least(0);
    window.scrollBy(0, 100);
    await until(() => Math.abs(p.getBoundingClientRect().bottom - trigger(el).getBoundingClientRect().top) < 10,
      'the panel follows its trigger on scroll');
    window.scrollTo(0, 0);
    el.popup.close(false);
  });
});

describe('avatar', () => {
  it('shows initials on a colour that depends only on the id, with 4.5:1 contrast', async () => {
    const { avatar, avatarStyles, initials } = await import('../../components/internal/avatar.ts');
    class TestAvatar extends LitElement {
      static override styles = avatarStyles;
      seed = 'u1';
      protected override render(): TemplateResult {
        return html`${avatar({ name: 'Ada Lovelace', seed: this.seed })}${avatar({ name: 'Ada Lovelace', seed: this.seed })}`;
      }
    }
    customElements.define('test-avatar', TestAvatar);
    const el = await fixture<TestAvatar>(html`<test-avatar></test-avatar>`);
    const [a, b] = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.avatar')];
    expect(a!.textContent!.trim()).to.equal('AL');
    expect(getComputedStyle(a!).backgroundColor).to.equal(getComputedStyle(b!).backgroundColor);
    expect([initials('acme'), initials('ada.lovelace@example.com'), initials('  ')]).to.deep.equal(['A', 'AL', '?']);
    const lum = (rgb: string) => {
      const [r, g, bl] = rgb.match(/\d+/g)!.slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
    };
    for (let i = 0; i < 8; i++) {
      a!.dataset['hue'] = String(i);
      const ratio = (1 + 0.05) / (lum(getComputedStyle(a!).backgroundColor) + 0.05);
      expect(ratio, `palette colour ${i}`).to.be.at.least(4.5);
    }
  });
});
