import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { JanuaError, type Invitation, type Member, type Organization, type OrgRole } from '@janua/core';
import { focusHeading } from '../internal/card.ts';
import { emit } from '../internal/events.ts';
import {
  JanuaInvitationRevokedEvent, JanuaInvitationSentEvent, JanuaMemberRemovedEvent, JanuaMemberUpdatedEvent,
  JanuaOrgDeletedEvent, JanuaOrgLeftEvent, JanuaOrgUpdatedEvent,
} from '../internal/events-org.ts';
import { grantable, isManager, orgsOf, roleName, Watch } from '../internal/org.ts';
import type { JanuaOrgProfile, OrgProfileTab } from './org-profile.ts';

const nameOf = (m: Member): string => [m.firstName, m.lastName].filter(Boolean).join(' ') || m.email;

/**
 * What the tabs of <janua-org-profile> show and do, loaded on first use. It renders into the
 * element's light-DOM region and keeps its state (search, confirmations) on itself.
 */
export class Panels implements ReactiveController {
  private query = '';
  /** A confirmation on screen: a member's id (remove or leave), or `delete`. */
  private confirming = '';
  private orgId = '';
  /** A selector to focus once the next render is in the page. */
  private focusNext = '';
  private readonly members: Watch<readonly Member[]>;
  private readonly invitations: Watch<readonly Invitation[]>;

  constructor(private readonly host: JanuaOrgProfile) {
    host.addController(this);
    const org = () => host.org;
    this.members = new Watch(host, () => (org() && host.tab === 'members' ? orgsOf(host)?.members(org()!.id) : undefined));
    this.invitations = new Watch(host, () =>
      (org() && host.tab === 'invitations' && isManager(org()!.role) ? orgsOf(host)?.invitations(org()!.id) : undefined));
  }

  hostUpdate(): void {
    const id = this.host.org?.id ?? '';
    if (id !== this.orgId) {
      this.orgId = id;
      this.confirming = this.query = '';
    }
  }

  hostUpdated(): void {
    if (!this.focusNext) return;
    this.host.querySelector<HTMLElement>(this.focusNext)?.focus();
    this.focusNext = '';
  }

  private t(key: Parameters<JanuaOrgProfile['l10n']['t']>[0], params?: Record<string, string | number>): string {
    return this.host.l10n.t(key, params);
  }

  private id(name: string): string {
    return `${this.host.base}-${name}`;
  }

  private set(patch: Partial<{ confirming: string; focusNext: string; query: string }>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** Runs a change with the shared form state; `done` says what happened, in the alert. */
  private async act(action: () => Promise<string>): Promise<boolean> {
    let said = '';
    const ok = await this.host.form.run(async () => {
      said = await action();
    });
    if (ok && said) this.host.form.setNotice(said);
    return ok;
  }

  render(org: Organization, tab: OrgProfileTab): TemplateResult {
    return tab === 'members' ? this.renderMembers(org) : tab === 'invitations' ? this.renderInvitations(org) : this.renderGeneral(org);
  }

  // General ---------------------------------------------------------------------------------

  private renderGeneral(org: Organization): TemplateResult {
    const f = this.host.form;
    if (this.confirming === 'delete') return this.renderDelete(org);
    const editable = isManager(org.role);
    return html`${editable ? html`<form class="janua-form" @submit=${(e: SubmitEvent) => this.save(e, org)} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        ${f.input({ name: 'name', label: this.t('org.field.name'), autocomplete: 'organization', required: true, maxlength: 100, value: org.name })}
        ${f.input({ name: 'slug', label: this.t('org.field.slug'), autocomplete: 'off', required: true, maxlength: 63, spellcheck: false,
          value: org.slug, hint: this.t('org.field.slugHint') })}
        ${f.input({ name: 'logo_url', type: 'url', label: this.t('org.field.logo'), autocomplete: 'url', optional: true, value: org.logoUrl ?? '' })}
        ${f.submit({ label: this.t('org.save'), pendingLabel: this.t('org.saving') })}
      </fieldset>
    </form>` : html`<dl class="janua-facts">
      <dt>${this.t('org.field.name')}</dt><dd>${org.name}</dd>
      <dt>${this.t('org.field.slug')}</dt><dd>${org.slug}</dd>
    </dl>`}
    ${org.role === 'owner' ? html`<div class="janua-danger"><button type="button" class="janua-button janua-delete" data-variant="danger"
      ?disabled=${f.pending} @click=${() => this.set({ confirming: 'delete', focusNext: 'input[name="confirm"]' })}
      >${this.t('org.delete')}</button></div>` : nothing}`;
  }

  private save(event: SubmitEvent, org: Organization): void {
    event.preventDefault();
    const { name = '', slug = '', logo_url: logo = '' } = this.host.form.values();
    void this.act(async () => {
      await orgsOf(this.host)!.update(org.id, { name: name.trim(), slug: slug.trim(), logoUrl: logo.trim() || null });
      emit(this.host, new JanuaOrgUpdatedEvent({ organizationId: org.id }));
      return this.t('org.saved');
    });
  }

  private renderDelete(org: Organization): TemplateResult {
    const f = this.host.form;
    return html`<form class="janua-form janua-confirm" @submit=${(e: SubmitEvent) => this.remove(e, org)} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        <p class="janua-warning">${this.t('org.delete.text', { name: org.name })}</p>
        ${f.input({ name: 'confirm', label: this.t('org.delete.confirm', { slug: org.slug }), autocomplete: 'off', required: true, spellcheck: false })}
        <div class="janua-actions">
          <button type="submit" class="janua-button" data-variant="danger" aria-busy=${f.pending ? 'true' : nothing}
            >${this.t(f.pending ? 'org.delete.pending' : 'org.delete')}</button>
          <button type="button" class="janua-button" data-variant="secondary"
            @click=${() => { f.reset(); this.set({ confirming: '', focusNext: '.janua-delete' }); }}>${this.t('org.cancel')}</button>
        </div>
      </fieldset>
    </form>`;
  }

  private remove(event: SubmitEvent, org: Organization): void {
    event.preventDefault();
    const f = this.host.form;
    if ((f.values()['confirm'] ?? '').trim() !== org.slug) {
      f.setErrors({ confirm: this.t('org.delete.mismatch', { slug: org.slug }) });
      void this.host.updateComplete.then(() => f.focusFirstInvalid());
      return;
    }
    void f.run(async () => {
      await orgsOf(this.host)!.remove(org.id);
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
    if (!state?.data) return this.waiting(state?.status === 'error', () => orgsOf(this.host)?.members(org.id).refresh());
    const all = state.data;
    const owners = all.filter((m) => m.role === 'owner').length;
    const q = this.query.trim().toLocaleLowerCase();
    const shown = q ? all.filter((m) => `${nameOf(m)} ${m.email}`.toLocaleLowerCase().includes(q)) : all;
    return html`<div class="janua-field">
        <label class="janua-label" for=${this.id('search')}>${this.t('org.search')}</label>
        <input class="janua-input" type="search" id=${this.id('search')} autocomplete="off" .value=${live(this.query)}
          @input=${(e: InputEvent) => this.set({ query: (e.target as HTMLInputElement).value })}>
      </div>
      <ul class="janua-members" aria-label=${this.t('org.tab.members')}>${shown.map((m) => this.renderMember(org, m, owners))}</ul>
      <p class="janua-muted" role="status">${shown.length ? '' : this.t('org.noMatch')}</p>`;
  }

  private renderMember(org: Organization, m: Member, owners: number): TemplateResult {
    const f = this.host.form;
    const self = m.userId === this.host.auth.snapshot?.user?.id;
    const name = nameOf(m);
    const lastOwner = m.role === 'owner' && owners < 2;
    // Admins manage everyone but owners; nobody demotes or removes the last owner.
    const manage = isManager(org.role) && (org.role === 'owner' || m.role !== 'owner');
    const roles = manage && !lastOwner ? grantable(org.role) : [];
    const action = self ? (lastOwner ? '' : 'leave') : manage ? 'remove' : '';
    return html`<li class="janua-member">
      <span class="janua-who"><span class="janua-name">${name}${self ? ` ${this.t('org.you')}` : ''}</span>
        <span class="janua-muted">${m.email}</span></span>
      ${roles.length ? html`<select class="janua-input janua-select janua-compact" aria-label=${this.t('org.roleOf', { name })}
        ?disabled=${f.pending} .value=${live(m.role)} @change=${(e: Event) => this.setRole(org, m, (e.target as HTMLSelectElement).value as OrgRole)}
        >${roles.map((r) => html`<option value=${r} ?selected=${r === m.role}>${roleName(this.host, r)}</option>`)}</select>`
        : html`<span class="janua-role">${roleName(this.host, m.role)}</span>`}
      ${this.confirming === m.userId ? this.renderConfirm(org, m, self)
        : action ? html`<button type="button" class="janua-button janua-compact" data-variant="secondary" data-user=${m.userId}
          ?disabled=${f.pending} aria-label=${self ? nothing : this.t('org.removeName', { name })}
          @click=${() => this.set({ confirming: m.userId, focusNext: '.janua-confirm [data-variant="secondary"]' })}
          >${this.t(self ? 'org.leave' : 'org.remove')}</button>`
        : self && lastOwner ? html`<span class="janua-muted janua-note">${this.t('org.lastOwner')}</span>` : nothing}
    </li>`;
  }

  private renderConfirm(org: Organization, m: Member, self: boolean): TemplateResult {
    const f = this.host.form;
    const name = nameOf(m);
    return html`<div class="janua-confirm" role="group" aria-labelledby=${this.id('confirm-text')}>
      <p id=${this.id('confirm-text')}>${self ? this.t('org.leave.confirm', { org: org.name })
        : this.t('org.remove.confirm', { name, org: org.name })}</p>
      <div class="janua-actions">
        <button type="button" class="janua-button janua-compact" data-variant="danger" ?disabled=${f.pending}
          @click=${() => this.removeMember(org, m, self)}>${this.t(self ? 'org.leave' : 'org.remove')}</button>
        <button type="button" class="janua-button janua-compact" data-variant="secondary" ?disabled=${f.pending}
          @click=${() => this.set({ confirming: '', focusNext: `[data-user="${m.userId}"]` })}>${this.t('org.cancel')}</button>
      </div>
    </div>`;
  }

  private setRole(org: Organization, m: Member, role: OrgRole): void {
    void this.act(async () => {
      await orgsOf(this.host)!.setRole(org.id, m.userId, role);
      emit(this.host, new JanuaMemberUpdatedEvent({ organizationId: org.id, userId: m.userId, role }));
      return this.t('org.roleChanged', { name: nameOf(m), role: roleName(this.host, role) });
    });
  }

  private removeMember(org: Organization, m: Member, self: boolean): void {
    const orgs = orgsOf(this.host)!;
    if (self) {
      void this.host.form.run(async () => {
        await orgs.leave(org.id);
        this.end(this.t('org.left', { org: org.name }));
        emit(this.host, new JanuaOrgLeftEvent({ organizationId: org.id }));
      });
      return;
    }
    void this.act(async () => {
      await orgs.removeMember(org.id, m.userId);
      this.set({ confirming: '', focusNext: `#${this.id('search')}` });
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
    const date = new Intl.DateTimeFormat(this.host.l10n.lang, { dateStyle: 'medium' });
    return html`<form class="janua-form" @submit=${(e: SubmitEvent) => this.invite(e, org)} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        <h3 class="janua-subheading">${this.t('org.invite')}</h3>
        <div class="janua-row">
          ${f.input({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'off', required: true, spellcheck: false })}
          ${f.select({ name: 'role', label: this.t('org.field.role'), value: 'member',
            options: roles.map((r) => ({ value: r, label: roleName(this.host, r) })) })}
        </div>
        ${f.submit({ label: this.t('org.invite.submit'), pendingLabel: this.t('org.invite.pending') })}
      </fieldset>
    </form>
    <h3 class="janua-subheading" id=${this.id('pending')} tabindex="-1">${this.t('org.pending')}</h3>
    ${!pending ? this.waiting(state?.status === 'error', () => orgsOf(this.host)?.invitations(org.id).refresh())
      : pending.length ? html`<ul class="janua-invitations" aria-labelledby=${this.id('pending')}>${pending.map((i) => html`<li class="janua-invitation">
        <span class="janua-who"><span class="janua-name">${i.email}</span><span class="janua-muted">${roleName(this.host, i.role)} ·
          ${this.t('org.expires', { date: date.format(new Date(i.expiresAt)) })}</span></span>
        <span class="janua-actions">
          ${roles.includes(i.role) ? html`<button type="button" class="janua-button janua-compact" data-variant="secondary" ?disabled=${f.pending}
            aria-label=${this.t('org.resendTo', { email: i.email })} @click=${() => this.send(org, i.email, i.role, true)}
            >${this.t('org.resend')}</button>` : nothing}
          <button type="button" class="janua-button janua-compact" data-variant="secondary" ?disabled=${f.pending}
            aria-label=${this.t('org.revokeFor', { email: i.email })} @click=${() => this.revoke(org, i)}>${this.t('org.revoke')}</button>
        </span>
      </li>`)}</ul>` : html`<p class="janua-muted">${this.t('org.pending.none')}</p>`}`;
  }

  private invite(event: SubmitEvent, org: Organization): void {
    event.preventDefault();
    const { email = '', role = 'member' } = this.host.form.values();
    void this.send(org, email.trim(), role as OrgRole, false);
  }

  /** Invites (again: the new invitation replaces the pending one, with a fresh link). */
  private async send(org: Organization, email: string, role: OrgRole, again: boolean): Promise<void> {
    const ok = await this.act(async () => {
      try {
        const sent = await orgsOf(this.host)!.invite({ organizationId: org.id, email, role });
        emit(this.host, new JanuaInvitationSentEvent({ organizationId: org.id, invitationId: sent.id }));
      } catch (error) {
        // The server's field error reads "already taken" (as for sign-up); say what it means here.
        if (JanuaError.is(error) && error.code === 'ALREADY_MEMBER') {
          throw new JanuaError({ code: error.code, status: error.status, message: error.message });
        }
        throw error;
      }
      return this.t('org.invite.sent', { email });
    });
    if (ok && !again) this.host.form.form?.reset();
  }

  private revoke(org: Organization, i: Invitation): void {
    void this.act(async () => {
      await orgsOf(this.host)!.revokeInvitation(i.id);
      this.set({ focusNext: `#${this.id('pending')}` });
      emit(this.host, new JanuaInvitationRevokedEvent({ organizationId: org.id, invitationId: i.id }));
      return this.t('org.revoked', { email: i.email });
    });
  }

  private waiting(failed: boolean, retry: () => unknown): TemplateResult {
    return failed ? html`<p class="janua-muted">${this.t('org.loadFailed')}
      <button type="button" class="janua-button janua-compact" data-variant="secondary" @click=${retry}>${this.t('org.retry')}</button></p>`
      : html`<p class="janua-muted">${this.t('common.loading')}</p>`;
  }
}
