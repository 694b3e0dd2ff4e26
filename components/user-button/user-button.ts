import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enAccount, type JanuaClient, type PartialCatalog } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { avatar, avatarStyles } from '../internal/avatar.ts';
import { displayName } from '../internal/card.ts';
import { announceLink, emit, JanuaSignedOutEvent, navigate, type NavigateReason } from '../internal/events.ts';
import { PopupController } from '../internal/popup.ts';
import { popupStyles } from '../internal/popup.styles.ts';
import { RovingFocus } from '../internal/roving-focus.ts';
import { hostBase } from '../internal/styles.ts';
import { userButtonStyles } from './user-button.styles.ts';

const watched = new WeakSet<JanuaClient>();

/**
 * A menu button (WAI-ARIA APG): Enter, Space or ArrowDown open it on the first item, ArrowUp on
 * the last; arrows, Home, End and type-ahead move; Escape and Tab close it and focus returns to
 * the button. The panel floats in the top layer below the button (above when there is no room),
 * shifted to stay on screen, following scrolling and resizing while open.
 *
 * @summary The signed-in user's avatar (their picture, or initials on a colour of their own),
 * opening a menu: name and email, "Manage account", their organizations, "Sign out". It keeps its
 * size while the session restores, so nothing around it moves; signed out, it takes no room.
 * @tag janua-user-button
 * @csspart trigger - The avatar button.
 * @csspart avatar - The avatar in the button.
 * @csspart placeholder - What holds the place while the session restores.
 * @csspart menu - The floating panel.
 * @csspart header - The name and email at the top of the panel.
 * @csspart item - Each menu item.
 * @cssprop [--janua-user-button-size=2.25rem] - The button's size (also while loading).
 * @cssprop [--janua-popover-background=var(--janua-color-surface)] - Panel background.
 * @cssprop [--janua-avatar-color-0=#1d4ed8] - First of the eight initials colours (`-0` … `-7`).
 * @cssprop [--janua-avatar-text=#ffffff] - Initials on those colours.
 * @cssstate open - The menu is open.
 * @cssstate signed-out - Nobody is signed in: the element takes no room.
 * @event {JanuaSignedOutEvent} janua-signed-out - Signed out from the menu (every tab).
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; a plain click on a menu link (`reason: 'manage-account' |
 * 'organizations'`), or after sign-out with `after-sign-out-url` (`'signed-out'`).
 */
export class JanuaUserButton extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    profileUrl: { attribute: 'profile-url' },
    organizationsUrl: { attribute: 'organizations-url' },
    afterSignOutUrl: { attribute: 'after-sign-out-url' },
  };
  static override styles = [hostBase, popupStyles, avatarStyles, userButtonStyles];
  static override messages: PartialCatalog = enAccount;

  /** Where "Manage account" leads (a page with `<janua-user-profile>`); no item without it. */
  declare profileUrl: string | undefined;
  /** Where "Organizations" leads; shown when set and the user belongs to an organization. */
  declare organizationsUrl: string | undefined;
  /** Where to go after signing out from the menu; passed through the client's redirect guard. */
  declare afterSignOutUrl: string | undefined;

  private readonly popup = new PopupController(this, {
    trigger: () => this.renderRoot?.querySelector('.trigger'),
    panel: () => this.renderRoot?.querySelector('.popup'),
    placement: 'bottom-end',
    onToggle: (open) => this.setState('open', open),
  });
  private readonly nav = new RovingFocus(() => [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')]);

  constructor() {
    super();
    this.profileUrl = undefined;
    this.organizationsUrl = undefined;
    this.afterSignOutUrl = undefined;
  }

  /** Opens the menu with focus on its first (or last) item. */
  async open(which: 'first' | 'last' = 'first'): Promise<void> {
    await this.popup.show();
    this.nav.focus(which);
  }

  /** Closes the menu; focus goes back to the button. */
  close(): void {
    this.popup.close(true);
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('.trigger')?.focus(options);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { client, status } = this.auth;
    this.setState('signed-out', status === 'signed-out' || !client);
    if (status !== 'signed-in' && this.popup.open) this.popup.close(false);
    if (client && status === 'signed-in' && this.organizationsUrl && !watched.has(client)) {
      watched.add(client);
      void import('./organizations.ts').then((m) => m.watchOrganizations(client));
    }
  }

  private onTriggerKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    void this.open(event.key === 'ArrowUp' ? 'last' : 'first');
  }

  private link(url: string | undefined, key: 'account.manage' | 'account.organizations', reason: NavigateReason) {
    const announce = announceLink(this, reason);
    return url ? html`<a class="item" part="item" role="menuitem" tabindex="-1" href=${url}
      @click=${(e: MouseEvent) => { announce(e); this.popup.close(false); }}>${this.t(key)}</a>` : nothing;
  }

  private async signOut(): Promise<void> {
    const client = this.auth.client;
    if (!client) return;
    this.popup.close(false);
    await client.signOut();
    emit(this, new JanuaSignedOutEvent());
    if (this.afterSignOutUrl) navigate(this, client.resolveRedirect(this.afterSignOutUrl), 'signed-out');
  }

  protected override render(): TemplateResult | typeof nothing {
    const { snapshot, status } = this.auth;
    const user = status === 'signed-in' ? snapshot?.user : null;
    if (!user) return status === 'loading' ? html`<span class="placeholder" part="placeholder"></span>` : nothing;
    const name = displayName(user);
    // Named by hidden text, not aria-label: the initials drawn in it are a picture, not a label.
    return html`<button class="trigger" part="trigger" id="trigger" type="button" aria-haspopup="menu" aria-controls="menu"
        @click=${() => void (this.popup.open ? this.close() : this.open())} @keydown=${this.onTriggerKey}>${
        avatar({ name, seed: user.id, imageUrl: user.profileImageUrl })}<span class="sr">${this.t('account.menu', { name })}</span></button>
      <div class="popup" part="menu" hidden>
        <div class="who" part="header"><p class="name">${name}</p>${name !== user.email ? html`<p class="email">${user.email}</p>` : nothing}</div>
        <div class="separator"></div>
        <div role="menu" id="menu" aria-labelledby="trigger" @keydown=${(e: KeyboardEvent) => this.nav.handle(e)}>
          ${this.link(this.profileUrl, 'account.manage', 'manage-account')}
          ${snapshot?.organizations.length ? this.link(this.organizationsUrl, 'account.organizations', 'organizations') : nothing}
          <button class="item" part="item" role="menuitem" tabindex="-1" type="button"
            @click=${() => void this.signOut()}>${this.t('signOut.label')}</button>
        </div>
      </div>`;
  }
}
