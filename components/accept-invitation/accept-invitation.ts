import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enOrg, errorKey, JanuaError, type InvitationCheck } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { card, CardChrome, focusHeading, noClient } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { emit } from '../internal/events.ts';
import { JanuaInvitationAcceptedEvent, JanuaOrgSwitchedEvent } from '../internal/events-org.ts';
import { FormController } from '../internal/form-controller.ts';
import { LightRegion } from '../internal/light-region.ts';
import { orgsOf, roleName } from '../internal/org.ts';
import { adoptLightStyles, hostBase } from '../internal/styles.ts';
import { acceptInvitationLightStyles, acceptInvitationStyles } from './accept-invitation.styles.ts';

type Step = 'checking' | 'failed' | 'unavailable' | 'accept' | 'other-user' | 'sign-up' | 'sign-in' | 'joined';

/**
 * Signed out, the invitation is shown on a `<janua-sign-up>` (or, one click away, a
 * `<janua-sign-in>`) rendered in light DOM, so password managers see its fields; once the
 * invited address is signed in through it, the invitation is accepted at once. A user already
 * signed in accepts with a button. Signed in as someone else, they are told whom it is for.
 * The organization becomes the active one.
 *
 * @summary The page an invitation email links to: reads `?token=` from the address, shows the
 * organization and the role, and joins the user to it, through sign-up or sign-in when needed;
 * expired, withdrawn, used and unknown invitations each say so.
 * @tag janua-accept-invitation
 * @slot logo - Above the heading; by default the `logo-url` image, if set.
 * @csspart logo - The `logo-url` image (when the `logo` slot is not filled).
 * @slot header - Replaces the heading and subtitle of the card (not of the sign-up form).
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused after joining).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - Status and error messages.
 * @csspart continue-link - The link to `continue-url`, once joined.
 * @csspart retry-button - "Try again", when the invitation could not be checked.
 * @cssprop [--janua-accept-invitation-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-accept-invitation-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-accept-invitation-max-width=26rem] - Card width limit.
 * @cssstate pending - Joining.
 * @event {JanuaInvitationAcceptedEvent} janua-invitation-accepted - The user joined; `detail.organizationId`.
 * @event {JanuaOrgSwitchedEvent} janua-org-switched - The organization is now the active one.
 * @event {JanuaSignedInEvent} janua-signed-in - From the embedded sign-in or sign-up form.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaAcceptInvitation extends CardChrome(JanuaAuthElement) {
  static override properties: PropertyDeclarations = {
    token: {},
    continueUrl: { attribute: 'continue-url' },
  };
  static override styles = [hostBase, cardStyles, acceptInvitationStyles];
  static override messages = enOrg;

  /** The invitation token; by default the `token` query parameter of the page's address. */
  declare token: string | undefined;
  /** Where "Continue" leads once joined (through the client's redirect guard); no link without it. */
  declare continueUrl: string | undefined;

  private check: InvitationCheck | null = null;
  private checked: string | undefined;
  private failed = '';
  private joined: string | null = null;
  /** Signed out, the user chose the sign-in form over the sign-up one. */
  private signIn = false;
  /** A sign-in or sign-up form of ours was on screen: its success means "accept". */
  private viaForm = false;
  private readonly form = new FormController(this);

  constructor() {
    super();
    this.token = undefined;
    this.continueUrl = undefined;
    new LightRegion(this, 'invitation', () => this.renderRegion());
  }

  private get tokenValue(): string {
    return this.token ?? new URLSearchParams(location.search).get('token') ?? '';
  }

  private get step(): Step {
    const status = this.auth.status;
    if (this.joined) return 'joined';
    if (this.failed && !this.check) return 'failed';
    if (!this.check || status === 'loading' || !status) return 'checking';
    if (!this.check.valid) return 'unavailable';
    if (status === 'signed-out') return this.signIn ? 'sign-in' : 'sign-up';
    return this.check.email?.toLowerCase() === this.auth.snapshot?.user?.email.toLowerCase() ? 'accept' : 'other-user';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightStyles(this, acceptInvitationLightStyles);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const token = this.tokenValue;
    if (this.auth.client && token !== this.checked) {
      this.checked = token;
      this.check = null;
      this.joined = null;
      void this.validate(token);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const step = this.step;
    if (step === 'sign-up' || step === 'sign-in') this.viaForm = true;
    // Signed in through our form as the invited address: that was the "yes".
    if (step === 'accept' && this.viaForm && !this.form.pending) {
      this.viaForm = false;
      void this.accept();
    }
  }

  /** Focus on the form the step now shows (the other one, or the one after signing out). */
  private readonly toForm = (): void => {
    void this.updateComplete.then(async () => {
      const next = this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('janua-sign-in, janua-sign-up');
      // Made just now: its form exists once it has rendered.
      await next?.updateComplete;
      next?.focus();
    });
  };

  private readonly retry = (): void => {
    this.checked = undefined;
    this.requestUpdate();
  };

  private async validate(token: string): Promise<void> {
    this.failed = '';
    try {
      const check = token ? await orgsOf(this)!.validateInvitation(token) : null;
      if (token !== this.checked) return;
      this.check = check ?? { valid: false, organizationName: null, email: null, role: null, status: null, expiresAt: null };
    } catch (error) {
      if (token !== this.checked) return;
      this.failed = this.t(errorKey(JanuaError.is(error) ? error.code : undefined));
    }
    this.requestUpdate();
  }

  private async accept(event?: SubmitEvent): Promise<void> {
    event?.preventDefault();
    const orgs = orgsOf(this);
    const token = this.tokenValue;
    if (!orgs) return;
    const ok = await this.form.run(async () => {
      const { organizationId } = await orgs.acceptInvitation(token);
      emit(this, new JanuaInvitationAcceptedEvent({ organizationId }));
      this.joined = organizationId;
      const active = await orgs.switch(organizationId).catch(() => null);
      if (active) emit(this, new JanuaOrgSwitchedEvent({ organizationId, role: active.role }));
    });
    if (ok) await focusHeading(this);
  }

  private renderRegion(): TemplateResult | typeof nothing {
    const step = this.step;
    const check = this.check;
    const client = this.auth.client;
    if (step === 'accept') {
      const f = this.form;
      return html`<form class="janua-form" @submit=${(e: SubmitEvent) => void this.accept(e)}>
        <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
          ${f.submit({ label: this.t('org.accept'), pendingLabel: this.t('org.accept.pending') })}
        </fieldset></form>`;
    }
    if (step !== 'sign-up' && step !== 'sign-in' || !check) return nothing;
    // The invitation heads the form; the footer offers the other form.
    const header = html`<div slot="header" class="janua-invite-header">
      <h2 class="janua-invite-heading">${this.t('org.join', { org: check.organizationName ?? '' })}</h2>
      <p class="janua-invite-text">${this.t('org.invited', { email: check.email ?? '', role: check.role ?? '' })}
        ${this.t('org.invited.signIn', { email: check.email ?? '' })}</p>
    </div>`;
    const other = () => {
      this.signIn = !this.signIn;
      this.requestUpdate();
      this.toForm();
    };
    const footer = html`<p slot="footer" class="janua-invite-switch">${this.t(step === 'sign-up' ? 'org.haveAccount' : 'org.newHere')}
      <button type="button" class="janua-link-button" @click=${other}>${this.t(step === 'sign-up' ? 'org.signIn' : 'org.signUp')}</button></p>`;
    return step === 'sign-up' ? html`<janua-sign-up .client=${client} .locale=${this.locale} .strings=${this.strings}>${header}${footer}</janua-sign-up>`
      : html`<janua-sign-in .client=${client} .locale=${this.locale} .strings=${this.strings}>${header}${footer}</janua-sign-in>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.auth.client) return noClient(this);
    const step = this.step;
    if (step === 'sign-up' || step === 'sign-in') return html`<slot></slot>`;
    const check = this.check;
    const org = check?.organizationName ?? '';
    const role = roleName(this, check?.role);
    if (step === 'checking' || step === 'failed') {
      return card({ host: this, heading: this.t('org.checking'), body: this.failed ? html`<p class="text">${this.failed}</p>
        <button type="button" class="again" part="retry-button" @click=${this.retry}>${this.t('org.retry')}</button>` : nothing });
    }
    if (step === 'unavailable') {
      const key = check?.status === 'expired' ? 'org.expired' : check?.status === 'revoked' ? 'org.revokedInvite'
        : check?.status === 'accepted' ? 'org.used' : 'org.invalid';
      return card({ host: this, heading: this.t('org.unavailable'), body: html`<p class="text">${this.t(key, { org })}</p>` });
    }
    if (step === 'joined') {
      const next = this.continueUrl ? this.auth.client.resolveRedirect(this.continueUrl) : '';
      return card({ host: this, heading: this.t('org.joined', { org }), subtitle: this.t('org.yourRole', { role }), form: this.form,
        body: next ? html`<a class="continue" part="continue-link" href=${next}>${this.t('org.continue')}</a>` : nothing });
    }
    if (step === 'other-user') {
      return card({ host: this, heading: this.t('org.join', { org }), body: html`<p class="text">${this.t('org.otherUser',
        { email: check?.email ?? '', me: this.auth.snapshot?.user?.email ?? '' })}</p>
        <janua-sign-out-button .client=${this.auth.client} @janua-signed-out=${this.toForm}></janua-sign-out-button>` });
    }
    return card({ host: this, heading: this.t('org.join', { org }),
      subtitle: this.t('org.invited', { email: check?.email ?? '', role: check?.role ?? '' }), form: this.form, body: html`<slot></slot>` });
  }
}
