import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { askedForMagicLinkHere, completeMagicLink, enMagic, JanuaError, requestMagicLink, type JanuaClient, type PartialCatalog } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { card, CardChrome, displayName, focusHeading, noClient, signedInBody } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { Cooldown } from '../internal/cooldown.ts';
import { emit, JanuaMfaRequiredEvent, JanuaSignedInEvent, navigate } from '../internal/events.ts';
import { JanuaMagicLinkSentEvent } from '../internal/events-auth.ts';
import { FormController } from '../internal/form-controller.ts';
import { LightRegion } from '../internal/light-region.ts';
import { MfaStep } from '../internal/mfa-step.ts';
import { hostBase } from '../internal/styles.ts';
import { magicLinkStyles } from './magic-link.styles.ts';

type Phase = 'idle' | 'verifying' | 'confirm' | 'failed' | 'invalid' | 'missing' | 'sent';

/**
 * The page a sign-in link opens (`{frontend}/magic-link?token=…[&redirect_url=…]`). When the link
 * cannot be used, its light-DOM form asks for a new one: `janua-form`, `janua-field-email`,
 * `janua-input`, `janua-submit janua-button`; `janua-continue-button` (a link this browser did not
 * ask for, or someone signed in: asked first), `janua-resend-button` and `janua-retry-button`.
 *
 * @summary Completes a magic-link sign-in from the link's token (at once when this browser asked
 * for the link, after a Continue otherwise), takes the second factor when the account has one, and
 * follows the link's redirect through the redirect guard; a used or expired link says so and
 * offers a new one.
 * @tag janua-magic-link
 * @slot logo - Above the heading; by default the `logo-url` image, if set.
 * @csspart logo - The `logo-url` image (when the `logo` slot is not filled).
 * @csspart next - Signed in: the box with the continue link, "Not you?" and the sign-out button.
 * @csspart continue-link - Signed in: the link on to `redirect-url`.
 * @csspart sign-out-button - Signed in: the sign-out button's own `button` part.
 * @slot header - Replaces the heading and subtitle.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused at each step).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - The status and error region.
 * @cssprop [--janua-magic-link-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-magic-link-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-magic-link-max-width=26rem] - Card width limit.
 * @cssstate pending - The link is being checked, or a new one requested.
 * @event {JanuaSignedInEvent} janua-signed-in - Signed in from the link (second factor included); `detail.userId`.
 * @event {JanuaMfaRequiredEvent} janua-mfa-required - The account owes its second factor; the card shows the step.
 * @event {JanuaMfaVerifiedEvent} janua-mfa-verified - The second factor was accepted.
 * @event {JanuaMagicLinkSentEvent} janua-magic-link-sent - A new link was requested.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; after sign-in, to the link's `redirect_url` or else
 * `redirect-url` (both guarded; `reason: 'signed-in'`).
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaMagicLink extends CardChrome(JanuaAuthElement) {
  static override properties: PropertyDeclarations = {
    redirectUrl: { attribute: 'redirect-url' },
    token: {},
    resendCooldown: { attribute: 'resend-cooldown', type: Number },
    phase: { state: true },
  };
  static override styles = [hostBase, cardStyles, magicLinkStyles];
  static override messages: PartialCatalog = enMagic;

  /**
   * Where to go once signed in, when the link names no `redirect_url` of its own; either passes
   * the client's redirect guard (same origin or the allowlist, else the site root).
   */
  declare redirectUrl: string | undefined;
  /** The link's token; read from the page's `?token=` when unset (and then taken out of the address bar). */
  declare token: string | undefined;
  /** Seconds before a new link can be asked for again (the server's `Retry-After` wins when it gives one). */
  declare resendCooldown: number;
  private declare phase: Phase;
  /** The link's own `redirect_url`, which the new link asked for here carries on. */
  private linkRedirect: string | null = null;
  private used: string | undefined;
  private sentTo = '';
  private readonly form = new FormController(this);
  private readonly mfa = new MfaStep(this, (userId, client) => {
    if (client) void this.signedIn(client, userId);
  }, () => {
    this.phase = 'missing';
    void focusHeading(this);
  }, 'own');
  private readonly cooldown = new Cooldown(this);

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.token = undefined;
    this.resendCooldown = 30;
    this.phase = 'idle';
    new LightRegion(this, 'form', () => this.renderRegion());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const client = this.auth.client;
    // A token set later, or another one (a router's parameter): that link, from the start.
    if (changed.has('token') && this.token && this.token !== this.used && !this.form.pending) {
      this.phase = 'idle';
      this.form.reset();
    }
    if (!client || this.phase !== 'idle') return;
    const token = this.token ?? this.takeToken();
    if (token) void this.land(client, token);
    else this.phase = 'missing';
  }

  /**
   * Signs in at once only with a link this browser asked for, nobody signed in. Any other link is
   * a question first ("Continue"): one someone else asked for, for their own account, would sign
   * this browser into it unseen (a login CSRF), over the session it had; and a mail scanner that
   * opens links does not use it up.
   */
  private async land(client: JanuaClient, token: string): Promise<void> {
    this.used = token;
    this.phase = 'verifying';
    await client.ready;
    if (client.status === 'signed-out' && askedForMagicLinkHere(client)) return this.verify(client, token);
    this.phase = 'confirm';
    await focusHeading(this);
  }

  /** The token (and redirect) of the address, taken out of the address bar: a link works once. */
  private takeToken(): string | undefined {
    if (typeof location === 'undefined') return undefined;
    const url = new URL(location.href);
    const token = url.searchParams.get('token') ?? undefined;
    this.linkRedirect = url.searchParams.get('redirect_url');
    if (!token) return undefined;
    url.searchParams.delete('token');
    url.searchParams.delete('redirect_url');
    history.replaceState(history.state, '', url.href);
    return token;
  }

  private async verify(client: JanuaClient, token: string): Promise<void> {
    this.used = token;
    this.phase = 'verifying';
    await client.ready;
    const ok = await this.form.run(async () => {
      this.form.setNotice(this.t('magicLink.verifying'));
      let result;
      try {
        result = await completeMagicLink(client, token);
      } catch (error) {
        if (JanuaError.is(error) && error.code === 'INVALID_TOKEN') {
          this.phase = 'invalid';
          return;
        }
        throw error;
      }
      this.form.setNotice('');
      if (result.status === 'needs_mfa') {
        this.mfa.claim();
        emit(this, new JanuaMfaRequiredEvent({ methods: [...result.methods] }));
        return;
      }
      await this.signedIn(client, result.user.id);
    });
    if (!ok) this.phase = 'failed';
    // Set inside the run: read back as any phase.
    const phase = this.phase as Phase;
    // A failure's alert has focus already (the form's run), with "Try again" after it.
    if (phase === 'invalid') await focusHeading(this);
  }

  /** Announces the sign-in, then follows the link's redirect (or `redirect-url`) through the guard. */
  private async signedIn(client: JanuaClient, userId: string): Promise<void> {
    emit(this, new JanuaSignedInEvent({ userId }));
    const target = this.linkRedirect || this.redirectUrl;
    if (target) {
      this.form.setNotice(this.t('signedIn.redirecting'));
      if (navigate(this, client.resolveRedirect(target), 'signed-in')) return;
    }
    await focusHeading(this);
  }

  private onRequest(event: SubmitEvent): void {
    event.preventDefault();
    const email = (this.form.values()['email'] ?? '').trim();
    this.request(email);
  }

  private request(email: string): void {
    const client = this.auth.client;
    if (!client || !email) return;
    const redirectUrl = this.linkRedirect ?? (this.redirectUrl ? new URL(client.resolveRedirect(this.redirectUrl), location.href).href : null);
    const again = this.phase === 'sent';
    void this.form.run(async () => {
      try {
        await requestMagicLink(client, { email, ...(redirectUrl ? { redirectUrl } : {}) });
      } catch (error) {
        if (JanuaError.is(error) && error.retryAfter) this.cooldown.start(error.retryAfter);
        throw error;
      }
      this.cooldown.start(this.resendCooldown);
      emit(this, new JanuaMagicLinkSentEvent());
      this.sentTo = email;
      this.phase = 'sent';
      if (again) this.form.setNotice(this.t('magicLink.resent'));
      else await focusHeading(this);
    });
  }

  private renderRegion(): TemplateResult | typeof nothing {
    const f = this.form;
    if (this.mfa.held) return this.mfa.render();
    if (this.phase === 'confirm' && this.used) {
      const client = this.auth.client;
      return html`<button type="button" class="janua-button janua-continue-button" ?disabled=${f.pending}
        @click=${() => client && this.used && void this.verify(client, this.used)}>${this.t('signedIn.continue')}</button>`;
    }
    if (this.auth.status === 'signed-in' && this.phase !== 'sent') return nothing;
    if (this.phase === 'failed' && this.used) {
      const client = this.auth.client;
      return html`<button type="button" class="janua-button janua-retry-button" ?disabled=${f.pending}
        @click=${() => client && this.used && void this.verify(client, this.used)}>${this.t('magicLink.retry')}</button>`;
    }
    if (this.phase === 'sent') {
      const wait = this.cooldown.remaining;
      return html`<button type="button" class="janua-button janua-resend-button" data-variant="secondary"
        ?disabled=${f.pending || wait > 0} @click=${() => this.request(this.sentTo)}>${wait > 0
          ? this.t('magicLink.resendIn', { seconds: wait }) : this.t('magicLink.resend')}</button>`;
    }
    if (this.phase !== 'invalid' && this.phase !== 'missing') return nothing;
    return html`<form class="janua-form" method="post" @submit=${this.onRequest} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        ${f.input({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'username', required: true, spellcheck: false })}
        ${f.submit({ label: this.t('magicLink.request'), pendingLabel: this.t('signIn.magicLinkPending') })}
      </fieldset>
    </form>`;
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) return noClient(this);
    if (this.mfa.held) return html`<slot></slot>`;
    const signedIn = this.auth.status === 'signed-in' ? this.auth.snapshot?.user : null;
    const user = this.phase !== 'sent' && this.phase !== 'confirm' ? signedIn : null;
    const [heading, subtitle] = this.phase === 'confirm' ? [this.t('magicLink.missingTitle'), this.l10n.join(
      askedForMagicLinkHere(this.auth.client) ? '' : this.t('magicLink.confirm'),
      signedIn ? this.t('magicLink.confirmSwitch', { name: displayName(signedIn) }) : '')]
      : user ? [this.t('signedIn.title'), this.t('signedIn.as', { name: displayName(user) })]
      : this.phase === 'invalid' ? [this.t('magicLink.invalidTitle'), this.t('magicLink.invalid')]
        : this.phase === 'missing' ? [this.t('magicLink.missingTitle'), this.t('magicLink.missing')]
          // Not "Signing you in" once that failed: the alert says why.
          : this.phase === 'failed' ? [this.t('magicLink.missingTitle'), undefined]
          : this.phase === 'sent' ? [this.t('magicLink.sentTitle'), this.t('magicLink.sentSubtitle', { email: this.sentTo })]
            : [this.t('magicLink.title'), undefined];
    return card({
      host: this,
      heading,
      subtitle,
      form: this.form,
      body: user ? signedInBody(this) : html`<slot></slot>`,
    });
  }
}
