import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enOrg, type Organization } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { card, noClient } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { FormController } from '../internal/form-controller.ts';
import { uid } from '../internal/ids.ts';
import { LightRegion } from '../internal/light-region.ts';
import { isManager, orgsOf, roleName, Watch } from '../internal/org.ts';
import { adoptLightStyles, hostBase } from '../internal/styles.ts';
import { Tabs, tabsStyles, type Tab } from '../internal/tabs.ts';
import { orgProfileLightStyles, orgProfileStyles } from './org-profile.styles.ts';
import { Panels } from './panels.ts';

export type OrgProfileTab = 'general' | 'members' | 'invitations';

/**
 * Tabs (the ARIA tabs pattern): Left/Right move between them and select (mirrored in RTL), Home
 * and End jump, Tab leaves the tab list for the panel. Only what the user's role may do is
 * offered: members and viewers read the organization and its members and may leave; admins also
 * rename, invite, change roles and remove (never an owner); owners also make owners and delete.
 * The server refuses the rest anyway.
 *
 * The panels are in light DOM with stable classes (`janua-form`, `janua-input`, `janua-members`,
 * `janua-member` (a member or a pending invitation, then also `janua-invitation`), `janua-facts`, `janua-danger`,
 * `janua-confirm`); select them under the tag, e.g. `janua-org-profile .janua-member`.
 *
 * @summary An organization's settings in three tabs: General (name, address, logo URL, delete with
 * a typed confirmation), Members (search, change role, remove, leave) and Invitations (invite by
 * email with a role, pending invitations, resend, revoke).
 * @tag janua-org-profile
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and subtitle.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The organization's name (focused after it is deleted or left).
 * @csspart subtitle - Your role.
 * @csspart alert - Status and error messages.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart tab-panel - The panel of the selected tab.
 * @csspart retry-button - "Try again", when the organization could not be loaded.
 * @cssprop [--janua-org-profile-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-org-profile-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-org-profile-max-width=38rem] - Card width limit.
 * @cssprop [--janua-tabs-gap=var(--janua-space-xs)] - Space between tabs.
 * @cssstate pending - A change is in flight.
 * @event {JanuaOrgUpdatedEvent} janua-org-updated - Name, address or logo saved; `detail.organizationId`.
 * @event {JanuaOrgDeletedEvent} janua-org-deleted - The organization is gone; `detail.organizationId`.
 * @event {JanuaOrgLeftEvent} janua-org-left - You left it; `detail.organizationId`.
 * @event {JanuaMemberUpdatedEvent} janua-member-updated - A role changed; `detail.userId`, `detail.role`.
 * @event {JanuaMemberRemovedEvent} janua-member-removed - A member was removed; `detail.userId`.
 * @event {JanuaInvitationSentEvent} janua-invitation-sent - An invitation went out; `detail.invitationId`.
 * @event {JanuaInvitationRevokedEvent} janua-invitation-revoked - An invitation was revoked; `detail.invitationId`.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaOrgProfile extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    organizationId: { attribute: 'organization-id' },
    tab: {},
  };
  static override styles = [hostBase, cardStyles, tabsStyles, orgProfileStyles];
  static override messages = enOrg;

  /** The organization to show; by default the active one. */
  declare organizationId: string | undefined;
  /** The selected tab: `general` (default), `members` or `invitations` (owners and admins only). */
  declare tab: OrgProfileTab;

  /** @internal */
  readonly form = new FormController(this, { codeFields: { SLUG_TAKEN: 'slug', ALREADY_MEMBER: 'email' } });
  /** @internal Unique id prefix of the tabs and of the light-DOM fields. */
  readonly base = uid();
  /** @internal What ended this profile (deleted, left): the message shown instead of the tabs. */
  ended = '';
  /** @internal The organization as last shown, for the message once it is gone. */
  last: Organization | null = null;
  private readonly panels: Panels;
  private readonly list = new Watch(this, () => orgsOf(this)?.list);
  private readonly tabs = new Tabs<OrgProfileTab>(() => this.renderRoot, (id) => {
    this.tab = id;
  });

  constructor() {
    super();
    this.organizationId = undefined;
    this.tab = 'general';
    new LightRegion(this, 'panel', () => (this.org && !this.ended ? this.panels.render(this.org, this.visibleTab) : nothing));
    // After the region: its focus moves run once the region has rendered.
    this.panels = new Panels(this);
  }

  /** The organization shown, with the user's role in it; null when there is none (yet). */
  get org(): Organization | null {
    const s = this.auth.snapshot;
    if (s?.status !== 'signed-in') return null;
    return this.organizationId ? s.organizations.find((o) => o.id === this.organizationId) ?? null : s.activeOrganization;
  }

  /** The selected tab, or General when the user's role has no such tab. */
  private get visibleTab(): OrgProfileTab {
    return this.tab === 'invitations' && !isManager(this.org?.role) ? 'general' : this.tab;
  }

  /** Focuses the selected tab (or the heading, when there are no tabs). */
  override focus(options?: FocusOptions): void {
    const tab = this.renderRoot?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    (tab ?? this.renderRoot?.querySelector<HTMLElement>('.heading'))?.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this, orgProfileLightStyles);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const org = this.org;
    // Another organization to show (the active one changed, or `organization-id`): a fresh start.
    if (org && this.ended && org.id !== this.last?.id) this.ended = '';
    if (org) this.last = org;
  }

  private readonly retry = (): void => {
    orgsOf(this)?.list.refresh().catch(() => undefined);
  };

  protected override render(): TemplateResult | typeof nothing {
    if (!this.auth.client) return noClient(this);
    const s = this.auth.snapshot;
    if (s?.status !== 'signed-in') return nothing;
    const org = this.org;
    const listed = this.list.snapshot;
    const waiting = !org && !this.ended && (s.session?.orgId || this.organizationId) && listed?.status !== 'error' && !listed?.data;
    // The last organization's name only heads the message about it (left, deleted); switched
    // elsewhere, the card heads what it shows.
    const name = org?.name ?? (this.ended ? this.last?.name : '') ?? '';
    const tabs: Tab<OrgProfileTab>[] = [
      { id: 'general', label: this.t('org.tab.general') },
      { id: 'members', label: this.t('org.tab.members') },
      ...(isManager(org?.role) ? [{ id: 'invitations' as const, label: this.t('org.tab.invitations') }] : []),
    ];
    const state = { label: this.t('org.tabs'), base: this.base, tabs, selected: this.visibleTab };
    // An organization is asked for (the session's, or `organization-id`) and the list failed.
    const failed = !org && (s.session?.orgId || this.organizationId) && listed?.status === 'error';
    const body = this.ended ? html`<p class="ended">${this.ended}</p>`
      : waiting ? html`<p class="ended">${this.t('common.loading')}</p>`
      : failed ? html`<p class="ended">${this.t('org.loadOneFailed')}</p><button type="button" class="again" part="retry-button"
          @click=${this.retry}>${this.t('org.retry')}</button>`
      : !org ? html`<p class="ended">${this.t('org.none')}</p>`
      : html`${this.tabs.list(state)}${this.tabs.panel(state, html`<slot></slot>`)}`;
    return card({
      host: this,
      heading: name || this.t('org.manage'),
      subtitle: org && !this.ended ? this.t('org.yourRole', { role: roleName(this, org.role) }) : undefined,
      form: this.form,
      body,
    });
  }
}
