import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { en, enAccount, enOrg } from '@janua/core';
import { avatar, avatarStyles } from '../../components/internal/avatar.ts';
import { buttonBase, buttonHover, buttonSecondary } from '../../components/internal/button-look.ts';
import { uid } from '../../components/internal/ids.ts';
import { JanuaElement } from '../../components/internal/janua-element.ts';
import { PopupController, type PopupPlacement } from '../../components/internal/popup.ts';
import { popupStyles } from '../../components/internal/popup.styles.ts';
import { RovingFocus } from '../../components/internal/roving-focus.ts';
import { hostBase } from '../../components/internal/styles.ts';
import { focusRing, spaceS, spaceXs } from '../../components/internal/tokens.ts';

/*
 * The kit's popover and menu have no tag of their own: <janua-org-switcher> and
 * <janua-user-button> build them from `PopupController` (the floating panel in the top layer,
 * placed by position.ts, closed by Escape, Tab, a click outside or focus leaving), the `.popup`,
 * `.item` and `.separator` rules of popup.styles.ts, and `RovingFocus` (arrows, Home, End,
 * type-ahead). This story-only host composes those very modules the same way, around a trigger
 * that wears the kit's button look, so each state of the two primitives can be shown on its own.
 */

export type PopupKind = 'menu' | 'panel';

const WORKSPACES = [
  { id: 'personal', name: enOrg['org.personal'] },
  { id: 'acme', name: 'Acme' },
  { id: 'globex', name: 'Globex' },
] as const;

export class StoryPopup extends JanuaElement {
  static override properties: PropertyDeclarations = {
    kind: {},
    placement: {},
    checked: {},
  };
  static override styles = [hostBase, popupStyles, avatarStyles, css`
    :host {
      display: inline-block;
    }
    .trigger {
      ${buttonBase}
      ${buttonSecondary}
      inline-size: auto;
    }
    .trigger:hover {
      ${buttonHover}
    }
    .trigger:focus-visible {
      ${focusRing}
    }
    .popup {
      --_avatar-size: 1.75rem;
      --_avatar-radius: 0.375rem;
    }
    .intro {
      margin: 0;
      padding-block: ${spaceXs};
      padding-inline: ${spaceS};
      font-size: 0.875em;
    }
    .item[aria-checked='true']::after {
      content: '✓' / '';
      margin-inline-start: auto;
    }
  `];

  /** `menu`: the panel is a menu (the org switcher's shape); `panel`: text, then a menu (the user button's). */
  declare kind: PopupKind;
  /** Where the panel opens before it flips. */
  declare placement: PopupPlacement;
  /** The checked workspace of the menu. */
  declare checked: string;

  private readonly base = uid();
  private readonly popup = new PopupController(this, {
    trigger: () => this.renderRoot?.querySelector<HTMLElement>('.trigger'),
    panel: () => this.renderRoot?.querySelector<HTMLElement>('.popup'),
    placement: () => this.placement,
  });
  // Rows that show initials before the name are matched by the name alone (type-ahead).
  private readonly nav = new RovingFocus(() => [...this.renderRoot.querySelectorAll<HTMLElement>('[role^="menuitem"]')], 'vertical',
    (item) => item.dataset['label'] ?? item.textContent ?? '');

  constructor() {
    super();
    this.kind = 'menu';
    this.placement = 'bottom-start';
    this.checked = 'acme';
  }

  /** Opens the panel with focus on the checked row (else the first), or on the last. */
  async show(which: 'first' | 'last' = 'first'): Promise<void> {
    await this.popup.show();
    const checked = this.renderRoot.querySelector<HTMLElement>('[aria-checked="true"]');
    this.nav.focus(which === 'first' && checked ? checked : which);
  }

  private readonly onTriggerKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.show(event.key === 'ArrowUp' ? 'last' : 'first');
  };

  private readonly onTriggerClick = (): void => {
    if (this.popup.open) this.popup.close(true);
    else void this.show();
  };

  private choose(id?: string): void {
    if (id) this.checked = id;
    this.popup.close(true);
  }

  private command(label: string): TemplateResult {
    return html`<button type="button" class="item" role="menuitem" tabindex="-1" @click=${() => this.choose()}>${label}</button>`;
  }

  private menu(): TemplateResult {
    if (this.kind === 'panel') {
      return html`<p class="intro"><strong>Ada Lovelace</strong><br>ada@example.com</p>
        <hr class="separator">
        <div role="menu" id="${this.base}-menu" aria-labelledby="${this.base}-trigger">
          ${this.command(enAccount['account.manage'])}${this.command(enAccount['account.organizations'])}${this.command(en['signOut.label'])}
        </div>`;
    }
    return html`<div role="group" aria-label=${enOrg['org.menu']}>${WORKSPACES.map((w) => html`<button type="button" class="item"
        role="menuitemradio" tabindex="-1" data-label=${w.name} aria-checked=${w.id === this.checked} @click=${() => this.choose(w.id)}
        >${avatar({ name: w.name, seed: w.id })}${w.name}</button>`)}</div>
      <hr class="separator">
      ${this.command(enOrg['org.create'])}${this.command(enOrg['org.manage'])}`;
  }

  protected override render(): TemplateResult {
    const menu = this.kind === 'menu';
    return html`<button type="button" class="trigger" id="${this.base}-trigger" aria-haspopup="menu"
        aria-controls="${this.base}-${menu ? 'popup' : 'menu'}" @click=${this.onTriggerClick} @keydown=${this.onTriggerKeydown}
        >${menu ? 'Acme' : 'Ada Lovelace'}</button>
      <div class="popup" id="${this.base}-popup" role=${menu ? 'menu' : nothing} aria-label=${menu ? enOrg['org.menu'] : nothing} hidden
        @keydown=${(e: KeyboardEvent) => this.nav.handle(e)}>${this.menu()}</div>`;
  }
}
if (!customElements.get('story-popup')) customElements.define('story-popup', StoryPopup);
