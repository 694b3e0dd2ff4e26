import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enOrg, type Organization } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { avatar, avatarStyles } from '../internal/avatar.ts';
import { displayName } from '../internal/card.ts';
import { emit } from '../internal/events.ts';
import {
  JanuaOrgCreateRequestEvent, JanuaOrgManageRequestEvent, JanuaOrgSwitchedEvent,
} from '../internal/events-org.ts';
import { FormController } from '../internal/form-controller.ts';
import { uid } from '../internal/ids.ts';
import { orgsOf, roleName, Watch } from '../internal/org.ts';
import { PopupController, type PopupPlacement } from '../internal/popup.ts';
import { popupStyles } from '../internal/popup.styles.ts';
import { RovingFocus } from '../internal/roving-focus.ts';
import { hostBase } from '../internal/styles.ts';
import { orgSwitcherStyles } from './org-switcher.styles.ts';

const ITEMS = '.popup [role^="menuitem"]:not([aria-disabled="true"])';

/**
 * Keyboard (the ARIA menu button pattern): on the trigger, Enter, Space or ArrowDown opens the
 * menu on the active workspace (ArrowUp on the last item); in the menu, ArrowUp/ArrowDown move
 * (wrapping), Home and End jump, typing a name jumps to it, Enter or Space chooses, and Escape
 * or Tab close it with focus back on the trigger. A click outside closes it.
 *
 * Why a menu and not a listbox: the popup holds choices (the workspaces) and commands ("Create
 * organization", "Manage organization"). A listbox may only hold options, so the commands would
 * need a second keyboard stop outside it; a menu holds both under one arrow-key model. The
 * workspaces are `menuitemradio`s in a group, so screen readers say which one is checked, and
 * the active one also carries `aria-current`.
 *
 * Only the open menu is rendered, and its rows use `content-visibility: auto`, so a user in 200
 * organizations opens it in one render and moves through it without any re-render.
 *
 * @summary The active organization (logo or initials, name, your role) and a menu to switch to
 * another one, to the personal workspace, to create one or to manage the active one.
 * @tag janua-org-switcher
 * @slot trigger - Your own trigger (a `<button>`); it gets `aria-haspopup` and `aria-expanded`.
 * @csspart trigger - The default trigger button.
 * @csspart avatar - The logo or initials (in the trigger and in each row).
 * @csspart name - The workspace name in the trigger.
 * @csspart role - Your role under it.
 * @csspart menu - The popup menu.
 * @csspart item - Each row of the menu.
 * @csspart status - The `<janua-alert>` that reports a failed switch (and, unseen, announces a done one).
 * @csspart dialog - The dialog that holds `<janua-create-org>` or `<janua-org-profile>`.
 * @csspart close-button - The dialog's close button.
 * @cssprop [--janua-org-switcher-max-width=16rem] - Widest the trigger grows.
 * @cssprop [--janua-popover-background=var(--janua-color-surface)] - Menu background.
 * @cssprop [--janua-popover-border] - Menu border colour.
 * @cssprop [--janua-popover-shadow=var(--janua-shadow)] - Menu shadow.
 * @cssprop [--janua-popover-hover] - Background of the row under the pointer.
 * @cssprop [--janua-avatar-color-0=#1d4ed8] - First of the eight initials colours (`-0` … `-7`).
 * @cssprop [--janua-avatar-text=#ffffff] - Initials on those colours.
 * @cssstate open - The menu is open.
 * @cssstate pending - A switch is in flight.
 * @event {JanuaOrgSwitchedEvent} janua-org-switched - Another workspace is active; `detail.organizationId` (`null`
 * for the personal workspace) and `detail.role`.
 * @event {JanuaOrgCreateRequestEvent} janua-org-create-request - Cancelable; "Create organization" was chosen. Unless
 * canceled, a dialog with `<janua-create-org>` opens.
 * @event {JanuaOrgManageRequestEvent} janua-org-manage-request - Cancelable; "Manage organization" was chosen
 * (`detail.organizationId`). Unless canceled, a dialog with `<janua-org-profile>` opens.
 * @event {JanuaErrorEvent} janua-error - A switch failed; `detail.code`, `detail.status`.
 */
export class JanuaOrgSwitcher extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    hidePersonal: { type: Boolean, attribute: 'hide-personal' },
    placement: {},
  };
  static override styles = [hostBase, popupStyles, avatarStyles, orgSwitcherStyles];
  static override messages = enOrg;

  /**
   * Leaves the personal workspace out of the menu, for apps where everything happens inside an
   * organization. It only hides that row: it switches nobody and changes no session. A user with
   * no active organization (new, or after leaving one) sees "Choose an organization" on the
   * trigger until they pick one.
   */
  declare hidePersonal: boolean;
  /** Where the menu opens: `bottom-start` (default), `bottom-end`, `top-start` or `top-end`; it flips when there is no room. */
  declare placement: PopupPlacement;

  /** The switch in flight and its outcome (the alert under the trigger). */
  private readonly form = new FormController(this);
  private dialog: 'create' | 'manage' | null = null;
  /** The workspace chosen while a switch was running (undefined: none). */
  private next: string | null | undefined;
  private readonly base = uid();
  private readonly list = new Watch(this, () => orgsOf(this)?.list);
  /** The organization list failed, and has brought nothing since. */
  private listFailed = false;
  private readonly popup: PopupController;
  private readonly nav = new RovingFocus(() => [...this.renderRoot.querySelectorAll<HTMLElement>(ITEMS)], 'vertical',
    (item) => item.dataset['label'] ?? item.textContent ?? '');

  constructor() {
    super();
    this.hidePersonal = false;
    this.placement = 'bottom-start';
    this.popup = new PopupController(this, {
      trigger: () => this.trigger,
      panel: () => this.renderRoot?.querySelector<HTMLElement>('.popup'),
      placement: () => this.placement,
      onToggle: (open) => this.setState('open', open),
    });
  }

  /** The slotted trigger, else the default one. */
  private get trigger(): HTMLElement | null | undefined {
    return this.querySelector<HTMLElement>(':scope > [slot="trigger"]') ?? this.renderRoot?.querySelector<HTMLElement>('.trigger');
  }

  /** Whether the menu is open. */
  get open(): boolean {
    return this.popup.open;
  }

  /** Focuses the trigger. */
  override focus(options?: FocusOptions): void {
    this.trigger?.focus(options);
  }

  /** Opens the menu with focus on the active workspace (`last`: on the last item). */
  async show(which: 'active' | 'last' = 'active'): Promise<void> {
    // Roles change elsewhere; a fresh read corrects the menu (and the token) while it is open.
    orgsOf(this)?.list.refresh().catch(() => undefined);
    await this.popup.show();
    const checked = this.renderRoot.querySelector<HTMLElement>('.popup [aria-checked="true"]');
    this.nav.focus(which === 'active' && checked ? checked : which === 'last' ? 'last' : 'first');
  }

  /** Closes the menu; focus goes back to the trigger. */
  hide(): void {
    this.popup.close(true);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.querySelector(':scope > [slot="trigger"]')?.setAttribute('aria-haspopup', 'menu');
  }

  private readonly onTriggerClick = (event: Event): void => {
    if ((event.target as Element).closest?.('[aria-disabled="true"], :disabled')) return;
    if (this.popup.open) this.hide();
    else void this.show();
  };

  private readonly onTriggerKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if ((event.target as Element).closest?.('[aria-disabled="true"], :disabled')) return;
    void this.show(event.key === 'ArrowUp' ? 'last' : 'active');
  };

  private readonly onMenuKeydown = (event: KeyboardEvent): void => {
    this.nav.handle(event);
  };

  private readonly onMenuClick = (event: Event): void => {
    const item = (event.target as Element).closest<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])');
    if (!item) return;
    const { action, id } = item.dataset;
    if (action === 'retry') {
      orgsOf(this)?.list.refresh().catch(() => undefined);
      return;
    }
    this.hide();
    if (action === 'create' || action === 'manage') void this.openDialog(action);
    else void this.choose(id || null);
  };

  /**
   * Makes `id` (`null`: personal) the active workspace, as choosing it in the menu does. Chosen
   * while a switch runs, it is the next one: the last choice wins, none is dropped unsaid.
   */
  async choose(id: string | null): Promise<void> {
    const orgs = orgsOf(this);
    if (!orgs) return;
    if (this.form.pending) {
      this.next = id;
      return;
    }
    if (id === (this.auth.snapshot?.activeOrganization?.id ?? this.auth.snapshot?.session?.orgId ?? null)) return;
    await this.form.run(async () => {
      const org = await orgs.switch(id);
      // Said, not shown: the trigger shows it.
      this.form.setNotice(this.t('org.switched', { name: org?.name ?? this.t('org.personal') }));
      emit(this, new JanuaOrgSwitchedEvent({ organizationId: org?.id ?? null, role: org?.role ?? null }));
    });
    const next = this.next;
    this.next = undefined;
    if (next !== undefined) await this.choose(next);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A modal taken out of the page leaves the top layer but stays open: inline, without its
    // backdrop, when the element is put back. Closed instead.
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
  }

  private async openDialog(kind: 'create' | 'manage'): Promise<void> {
    const orgId = this.auth.snapshot?.activeOrganization?.id ?? '';
    const proceed = emit(this, kind === 'create' ? new JanuaOrgCreateRequestEvent({}) : new JanuaOrgManageRequestEvent({ organizationId: orgId }));
    if (!proceed) return;
    this.dialog = kind;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog')!;
    if (!dialog.open) dialog.showModal();
    const inner = dialog.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('janua-create-org, janua-org-profile');
    await inner?.updateComplete;
    inner?.focus();
  }

  private readonly closeDialog = (): void => {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
  };

  private readonly onDialogClose = (): void => {
    this.dialog = null;
    this.requestUpdate();
  };

  private row(o: { id: string | null; name: string; seed: string; logo?: string | null; role?: string; active: boolean }): TemplateResult {
    return html`<button type="button" class="item" part="item" role="menuitemradio" tabindex="-1" data-id=${o.id ?? ''}
      data-label=${o.name} aria-checked=${o.active} aria-current=${o.active ? 'true' : nothing}
      >${avatar({ name: o.name, seed: o.seed, imageUrl: o.logo })}<span class="text"><span class="name">${o.name}</span>${o.role
        ? html`<span class="role">${roleName(this, o.role)}</span>` : nothing}</span></button>`;
  }

  private renderMenu(active: Organization | null): TemplateResult {
    const snapshot = this.auth.snapshot!;
    const state = this.list.snapshot;
    const user = snapshot.user!;
    const waiting = !state?.data && state?.status !== 'error';
    return html`<div class="group" role="group" aria-label=${this.t('org.menu')}>
        ${this.hidePersonal ? nothing : this.row({ id: null, name: this.t('org.personal'), seed: user.id,
          logo: user.profileImageUrl, active: !active && !snapshot.session?.orgId })}
        ${snapshot.organizations.map((o) => this.row({ id: o.id, name: o.name, seed: o.id, logo: o.logoUrl,
          role: o.id === active?.id ? active.role : o.role, active: o.id === active?.id }))}
      </div>
      ${waiting ? html`<div class="item note" role="menuitem" aria-disabled="true">${this.t('common.loading')}</div>` : nothing}
      ${state?.status === 'error' && !state.data ? html`<div class="item note" role="menuitem" aria-disabled="true">${this.t('org.loadFailed')}</div>
        <button type="button" class="item" part="item" role="menuitem" tabindex="-1" data-action="retry">${this.t('org.retry')}</button>` : nothing}
      <hr class="separator">
      <button type="button" class="item" part="item" role="menuitem" tabindex="-1" data-action="create"
        data-label=${this.t('org.create')}><span class="icon" aria-hidden="true">+</span>${this.t('org.create')}</button>
      ${active ? html`<button type="button" class="item" part="item" role="menuitem" tabindex="-1" data-action="manage"
        data-label=${this.t('org.manage')}><span class="icon" aria-hidden="true">⚙</span>${this.t('org.manage')}</button>` : nothing}`;
  }

  private renderDialog(): TemplateResult {
    const client = this.auth.client;
    return html`<dialog class="dialog" part="dialog" aria-label=${this.t(this.dialog === 'manage' ? 'org.manage' : 'org.create')}
      @close=${this.onDialogClose} @janua-org-switched=${this.closeDialog} @janua-org-deleted=${this.closeDialog}
      @janua-org-left=${this.closeDialog}>
      <button type="button" class="close" part="close-button" aria-label=${this.t('org.close')} @click=${this.closeDialog}>×</button>
      ${this.dialog === 'create' ? html`<janua-create-org .client=${client} .locale=${this.locale} .strings=${this.strings}></janua-create-org>`
        : this.dialog === 'manage' ? html`<janua-org-profile .client=${client} .locale=${this.locale} .strings=${this.strings}></janua-org-profile>` : nothing}
    </dialog>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    const snapshot = this.auth.snapshot;
    if (!snapshot || snapshot.status === 'signed-out') return nothing;
    // The token names an organization the list has not brought yet. Once the list has failed, a
    // retry is not "loading" again: the trigger stays usable and the menu says what happens.
    const list = this.list.snapshot;
    if (list?.status === 'error' || list?.data || snapshot.status !== 'signed-in') this.listFailed = list?.status === 'error';
    const loading = snapshot.status === 'loading'
      || Boolean(snapshot.session?.orgId && !snapshot.activeOrganization && !list?.data && list?.status !== 'error' && !this.listFailed);
    const active = snapshot.activeOrganization;
    const user = snapshot.user;
    // In an organization the list could not bring: its name is unknown, its role is in the token.
    const unknown = !loading && !active && Boolean(snapshot.session?.orgId);
    const role = active?.role ?? (unknown ? snapshot.session?.orgRole : null);
    const name = loading ? this.t('common.loading') : active?.name
      ?? (unknown ? this.t('org.current') : this.hidePersonal ? this.t('org.choose') : this.t('org.personal'));
    const menuId = `${this.base}-menu`;
    return html`<slot name="trigger" @click=${this.onTriggerClick} @keydown=${this.onTriggerKeydown}>
        <button type="button" class="trigger" part="trigger" aria-haspopup="menu" aria-controls=${menuId}
          aria-disabled=${loading ? 'true' : nothing} aria-busy=${this.form.pending ? 'true' : nothing}
          ><span class="sr">${this.t('org.menu')} </span>${loading || unknown || (!active && this.hidePersonal) ? nothing
            : avatar(active ? { name: active.name, seed: active.id, imageUrl: active.logoUrl }
              : { name: displayName(user), seed: user?.id ?? '', imageUrl: user?.profileImageUrl })}<span class="text"
          ><span class="name" part="name">${name}</span>${role ? html`<span class="role" part="role">${roleName(this, role)}</span>`
            : nothing}</span><span class="chevron" aria-hidden="true"></span></button>
      </slot>
      <div class="popup" part="menu" id=${menuId} role="menu" aria-label=${this.t('org.menu')} hidden
        @keydown=${this.onMenuKeydown} @click=${this.onMenuClick}>${this.popup.open && !loading ? this.renderMenu(active) : nothing}</div>
      <janua-alert part="status" variant=${this.form.message ? 'error' : 'info'} .message=${this.form.message || this.form.notice}></janua-alert>
      ${this.dialog ? this.renderDialog() : nothing}`;
  }
}
