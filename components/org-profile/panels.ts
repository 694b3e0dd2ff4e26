import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { JanuaError, type Invitation, type Member, type MessageKey, type Organization, type OrgRole } from '@janua/core';
import { focusHeading } from '../internal/card.ts';
import { emit } from '../internal/events.ts';
import { choiceStyles, selectField } from '../internal/choice-fields.ts';
import { adoptLightStyles } from '../internal/styles.ts';
import {
  JanuaInvitationRevokedEvent, JanuaInvitationSentEvent, JanuaMemberRemovedEvent, JanuaMemberUpdatedEvent,
  JanuaOrgDeletedEvent, JanuaOrgLeftEvent, JanuaOrgUpdatedEvent,
} from '../internal/events-org.ts';
import { grantable, isManager, orgsOf, roleName, Watch } from '../internal/org.ts';
import { personName } from '../internal/person-name.ts';
import type { JanuaOrgProfile, OrgProfileTab } from './org-profile.ts';

const nameOf = (m: Member): string => personName(m.firstName, m.lastName) || m.email;
type Params = Record<string, string>;

/**
 * What the tabs of <janua-org-profile> show and do. It renders into the element's light-DOM
 * region and keeps its own state (search, the confirmation on screen). (A lazy chunk of its own
 * was measured: it cost the whole kit 2.3 KB gzip in chunk overhead to save 0.7 KB of first load.)
 */
export class Panels implements ReactiveController {
  private query = '';
  /** The confirmation on screen: a member's id (remove, or leave for oneself), or `delete`. */
  private confirming = '';
  private orgId = '';
  /** A selector to focus once the next render is in the page. */
  private focusNext = '';
  private readonly members: Watch<readonly Member[]>;
  private readonly invitations: Watch<readonly Invitation[]>;

  constructor(private readonly host: JanuaOrgProfile) {
    host.addController(this);
    const on = (tab: OrgProfileTab) => (host.tab === tab ? host.org : null);
    this.members = new Watch(host, () => {
      const org = on('members');
      return org ? orgsOf(host)?.members(org.id) : undefined;
    });
    this.invitations = new Watch(host, () => {
      const org = on('invitations');
      return org && isManager(org.role) ? orgsOf(host)?.invitations(org.id) : undefined;
    });
  }

  hostUpdate(): void {
    const id = this.host.org?.id ?? '';
    if (id === this.orgId) return;
    // Another organization: nothing said about the last one stays.
    if (this.orgId) this.host.form.reset();
    this.orgId = id;
    this.confirming = this.query = '';
  }

  hostUpdated(): void {
    if (this.focusNext) this.host.querySelector<HTMLElement>(this.focusNext)?.focus();
    this.focusNext = '';
  }

  private t(key: MessageKey, params?: Params): string {
    return this.host.l10n.t(key, params);
  }

  private set(patch: { confirming?: string; focusNext?: string; query?: string }): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  private get orgs() {
    return orgsOf(this.host)!;
  }

  /** Runs a change with the shared form state; what it resolves with is said in the alert. */
  private async act(action: () => Promise<string | void>): Promise<boolean> {
    let said: string | void = '';
    const ok = await this.host.form.run(async () => {
      said = await action();
    });
    if (ok && said) this.host.form.setNotice(said);
    return ok;
  }

  private button(label: string, click: () => unknown, o: { variant?: string; aria?: string; key?: string } = {}): TemplateResult {
    return html`<button type="button" class="janua-button janua-compact" data-variant=${o.variant ?? 'secondary'}
      data-key=${o.key ?? nothing} aria-label=${o.aria ?? nothing} ?disabled=${this.host.form.pending} @click=${click}>${label}</button>`;
  }

  render(org: Organization, tab: OrgProfileTab): TemplateResult {
    return tab === 'members' ? this.renderMembers(org) : tab === 'invitations' ? this.renderInvitations(org) : this.renderGeneral(org);
  }

  private form(submit: (values: Record<string, string>) => void, body: TemplateResult): TemplateResult {
    const f = this.host.form;
    return html`<form class="janua-form" @invalid=${f.onInvalid} @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      submit(f.values());
    }}><fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>${body}</fieldset></form>`;
  }

  private waiting(failed: boolean | undefined, retry: () => unknown): TemplateResult {
    return html`<p class="janua-muted">${this.t(failed ? 'org.loadFailed' : 'common.loading')}
      ${failed ? this.button(this.t('org.retry'), retry) : nothing}</p>`;
  }

  // General ---------------------------------------------------------------------------------

  private renderGeneral(org: Organization): TemplateResult {
    const f = this.host.form;
    if (this.confirming === 'delete') return this.renderDelete(org);
    f.follow(org.id, `${org.name} ${org.slug} ${org.logoUrl}`);
    return html`${isManager(org.role) ? this.form((v) => this.save(org, v), html`
        ${f.input({ name: 'name', label: this.t('org.field.name'), autocomplete: 'organization', required: true, maxlength: 100, value: org.name })}
        ${f.input({ name: 'slug', label: this.t('org.field.slug'), autocomplete: 'off', required: true, maxlength: 63, spellcheck: false,
          value: org.slug, hint: this.t('org.field.slugHint') })}
        ${f.input({ name: 'logo_url', type: 'url', label: this.t('org.field.logo'), autocomplete: 'url', optional: true, value: org.logoUrl ?? '' })}
        ${f.submit({ label: this.t('org.save'), pendingLabel: this.t('org.saving') })}`)
      : html`<dl class="janua-facts"><dt>${this.t('org.field.name')}</dt><dd>${org.name}</dd>
        <dt>${this.t('org.field.slug')}</dt><dd>${org.slug}</dd></dl>`}
      ${org.role === 'owner' ? html`<div class="janua-danger">${this.button(this.t('org.delete'),
        () => this.set({ confirming: 'delete', focusNext: '[name="confirm"]' }), { variant: 'danger', key: 'delete' })}</div>` : nothing}`;
  }

  private save(org: Organization, { name = '', slug = '', logo_url: logo = '' }: Record<string, string>): void {
    void this.act(async () => {
      await this.orgs.update(org.id, { name: name.trim(), slug: slug.trim(), logoUrl: logo.trim() || null });
      emit(this.host, new JanuaOrgUpdatedEvent({ organizationId: org.id }));
      return this.t('org.saved');
    });
  }

  private renderDelete(org: Organization): TemplateResult {
    const f = this.host.form;
    return this.form((v) => this.remove(org, v['confirm'] ?? ''), html`
      <p class="janua-warning">${this.t('org.delete.text', { name: org.name })}</p>
      ${f.input({ name: 'confirm', label: this.t('org.delete.confirm', { slug: org.slug }), autocomplete: 'off', required: true, spellcheck: false })}
      <div class="janua-actions"><button type="submit" class="janua-button" data-variant="danger">${this.t(f.pending
        ? 'org.delete.pending' : 'org.delete')}</button>${this.button(this.t('org.cancel'), () => {
        f.reset();
        this.set({ confirming: '', focusNext: '[data-key="delete"]' });
      })}</div>`);
  }

  private remove(org: Organization, typed: string): void {
    const f = this.host.form;
    if (typed.trim() !== org.slug) {
      f.setErrors({ confirm: this.t('org.delete.mismatch', { slug: org.slug }) });
      void this.host.updateComplete.then(() => f.focusFirstInvalid());
      return;
    }
    void this.act(async () => {
      await this.orgs.remove(org.id);
      this.end(this.t('org.deleted', { name: org.name }));
      emit(this.host, new JanuaOrgDeletedEvent({ organizationId: org.id }));
    });
  }

  /** The organization is gone for this user: the card says so, in place of the tabs. */
  private end(message: string): void {
    this.host.ended = message;
    this.confirming = '';
    void focusHeading(this.host);
  }

  // Members ---------------------------------------------------------------------------------

  private renderMembers(org: Organization): TemplateResult {
    const state = this.members.snapshot;
    if (!state?.data) return this.waiting(state?.status === 'error', () => this.orgs.members(org.id).refresh());
    const all = state.data;
    const owners = all.filter((m) => m.role === 'owner').length;
    const q = this.query.trim().toLocaleLowerCase();
    const shown = all.filter((m) => `${nameOf(m)} ${m.email}`.toLocaleLowerCase().includes(q));
    const id = `${this.host.base}-search`;
    return html`<div class="janua-field"><label class="janua-label" for=${id}>${this.t('org.search')}</label>
        <input class="janua-input" type="search" id=${id} autocomplete="off" .value=${this.query}
          @input=${(e: InputEvent) => this.set({ query: (e.target as HTMLInputElement).value })}></div>
      <ul class="janua-members" aria-label=${this.t('org.tab.members')}>${shown.map((m) => this.renderMember(org, m, owners))}</ul>
      <p class="janua-muted" role="status">${shown.length ? '' : this.t('org.noMatch')}</p>`;
  }

  private renderMember(org: Organization, m: Member, owners: number): TemplateResult {
    const self = m.userId === this.host.auth.snapshot?.user?.id;
    const name = nameOf(m);
    const lastOwner = m.role === 'owner' && owners < 2;
    // Admins manage everyone but owners; nobody demotes or removes the last owner.
    const manage = isManager(org.role) && (org.role === 'owner' || m.role !== 'owner');
    const roles = manage && !lastOwner ? grantable(org.role) : [];
    const verb = self ? 'org.leave' : 'org.remove';
    const act = !lastOwner && (self || manage);
    const params = { name, org: org.name };
    if (roles.length) adoptLightStyles(this.host, choiceStyles);
    return html`<li class="janua-member">
      <span class="janua-who"><span class="janua-name">${self ? this.host.l10n.join(name, this.t('org.you')) : name}</span>
        <span class="janua-muted">${m.email}</span></span>
      ${roles.length ? html`<select class="janua-input janua-select janua-compact" aria-label=${this.t('org.roleOf', { name })}
        ?disabled=${this.host.form.pending} .value=${m.role} @change=${(e: Event) => this.setRole(org, m, e.target as HTMLSelectElement)}
        >${roles.map((r) => html`<option value=${r} ?selected=${r === m.role}>${roleName(this.host, r)}</option>`)}</select>`
        : html`<span class="janua-role">${roleName(this.host, m.role)}</span>`}
      ${this.confirming === m.userId ? html`<div class="janua-confirm" role="group" aria-label=${this.t(verb)}>
          <p>${this.t(self ? 'org.leave.confirm' : 'org.remove.confirm', params)}</p>
          <div class="janua-actions">${this.button(this.t(verb), () => this.removeMember(org, m, self), { variant: 'danger' })}${
            this.button(this.t('org.cancel'), () => this.set({ confirming: '', focusNext: `[data-key="${m.userId}"]` }))}</div></div>`
        : act ? this.button(this.t(verb), () => this.set({ confirming: m.userId, focusNext: '.janua-confirm [data-variant="secondary"]' }),
          { key: m.userId, aria: self ? undefined : this.t('org.removeName', params) })
        : self ? html`<span class="janua-muted janua-note">${this.t('org.lastOwner')}</span>` : nothing}
    </li>`;
  }

  private async setRole(org: Organization, m: Member, select: HTMLSelectElement): Promise<void> {
    const role = select.value as OrgRole;
    const ok = await this.act(async () => {
      await this.orgs.setRole(org.id, m.userId, role);
      emit(this.host, new JanuaMemberUpdatedEvent({ organizationId: org.id, userId: m.userId, role }));
      return this.t('org.roleChanged', { name: nameOf(m), role });
    });
    // Refused: the list did not change, so nothing re-renders the choice back.
    if (!ok) select.value = m.role;
  }

  private removeMember(org: Organization, m: Member, self: boolean): void {
    void this.act(async () => {
      if (self) {
        await this.orgs.leave(org.id);
        this.end(this.t('org.left', { org: org.name }));
        emit(this.host, new JanuaOrgLeftEvent({ organizationId: org.id }));
        return;
      }
      await this.orgs.removeMember(org.id, m.userId);
      this.set({ confirming: '', focusNext: '[type="search"]' });
      emit(this.host, new JanuaMemberRemovedEvent({ organizationId: org.id, userId: m.userId }));
      return this.t('org.removed', { name: nameOf(m) });
    });
  }

  // Invitations -----------------------------------------------------------------------------

  private renderInvitations(org: Organization): TemplateResult {
    const f = this.host.form;
    const roles = grantable(org.role);
    const state = this.invitations.snapshot;
    const pending = state?.data?.filter((i) => i.status === 'pending');
    const id = `${this.host.base}-pending`;
    return html`${this.form((v) => void this.send(org, (v['email'] ?? '').trim(), v['role'] as OrgRole), html`
        <h3 class="janua-subheading">${this.t('org.invite')}</h3>
        <div class="janua-row">
          ${f.input({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'off', required: true, spellcheck: false })}
          ${selectField(this.host, f, { name: 'role', label: this.t('org.field.role'), value: 'member',
            options: roles.map((r) => ({ value: r, label: roleName(this.host, r) })) })}
        </div>
        ${f.submit({ label: this.t('org.invite.submit'), pendingLabel: this.t('org.invite.pending') })}`)}
      <h3 class="janua-subheading" id=${id} tabindex="-1">${this.t('org.pending')}</h3>
      ${!pending ? this.waiting(state?.status === 'error', () => this.orgs.invitations(org.id).refresh())
        : pending.length ? html`<ul class="janua-members" aria-labelledby=${id}>${pending.map((i) => html`<li class="janua-member janua-invitation">
          <span class="janua-who"><span class="janua-name">${i.email}</span><span class="janua-muted">${roleName(this.host, i.role)} ·
            ${this.t('org.expires', { date: this.host.l10n.date(i.expiresAt, { dateStyle: 'medium' }) })}</span></span>
          <span class="janua-actions">${roles.includes(i.role) ? this.button(this.t('org.resend'), () => this.send(org, i.email, i.role, true),
            { aria: this.t('org.resendTo', { email: i.email }) }) : nothing}${this.button(this.t('org.revoke'), () => this.revoke(org, i, id),
            { aria: this.t('org.revokeFor', { email: i.email }) })}</span>
        </li>`)}</ul>` : html`<p class="janua-muted">${this.t('org.pending.none')}</p>`}`;
  }

  /** Invites; again, the new invitation replaces the pending one, with a fresh link. */
  private async send(org: Organization, email: string, role: OrgRole, again = false): Promise<void> {
    const ok = await this.act(async () => {
      const sent = await this.orgs.invite({ organizationId: org.id, email, role }).catch((error: unknown) => {
        // The server's field error reads "already taken" (as for sign-up); say what it means here.
        throw JanuaError.is(error) && error.code === 'ALREADY_MEMBER'
          ? new JanuaError({ code: error.code, status: error.status, message: error.message }) : error;
      });
      emit(this.host, new JanuaInvitationSentEvent({ organizationId: org.id, invitationId: sent.id }));
      return this.t('org.invite.sent', { email });
    });
    if (ok && !again) this.host.form.form?.reset();
  }

  private revoke(org: Organization, i: Invitation, heading: string): void {
    void this.act(async () => {
      await this.orgs.revokeInvitation(i.id);
      this.set({ focusNext: `#${heading}` });
      emit(this.host, new JanuaInvitationRevokedEvent({ organizationId: org.id, invitationId: i.id }));
      return this.t('org.revoked', { email: i.email });
    });
  }
}
