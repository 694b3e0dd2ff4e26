import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enMfa, type JanuaClient, type JanuaError, type MfaMethod, type PartialCatalog, type PendingChallenge } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { deepActive } from '../internal/janua-element.ts';
import { announceSignIn, card, CardChrome, displayName, focusHeading, noClient, signedInBody } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { Cooldown } from '../internal/cooldown.ts';
import { emit, navigate } from '../internal/events.ts';
import { JanuaMfaCancelledEvent, JanuaMfaVerifiedEvent } from '../internal/events-auth.ts';
import { FormController } from '../internal/form-controller.ts';
import { LightRegion } from '../internal/light-region.ts';
import { returnAddress } from '../internal/return-check.ts';
import { hostBase } from '../internal/styles.ts';
import { mfaChallengeStyles } from './mfa-challenge.styles.ts';
import { describeCodeError, normalizeCode, rememberCode, sanitizeDigits, wellFormed } from './codes.ts';

/** A texted code lives 5 minutes on the server (API.md). */
const SMS_TTL_MS = 5 * 60_000;
const ORDER: readonly MfaMethod[] = ['totp', 'sms', 'backup_code'];

/**
 * The code field is in light DOM (`autocomplete="one-time-code"`, so the browser and password
 * managers can fill a texted code), with the form's classes: `janua-form`, `janua-field-code`,
 * `janua-input`, `janua-field-error`, `janua-submit janua-button`; the other choices under it are
 * `janua-alternatives` buttons (`janua-use-totp`, `janua-use-backup`, `janua-send-sms`,
 * `janua-start-over`). Select them under the tag, e.g. `janua-mfa-challenge .janua-input`.
 *
 * @summary Collects and checks a second factor during sign-in: a code from an authenticator app,
 * a texted code (with resend) or a backup code. Works on its own for any pending step of the
 * page's client, and as the step `<janua-sign-in>` shows.
 * @tag janua-mfa-challenge
 * @slot logo - Above the heading; by default the `logo-url` image, if set.
 * @csspart logo - The `logo-url` image (when the `logo` slot is not filled).
 * @csspart next - Signed in: the box with the continue link, "Not you?" and the sign-out button.
 * @csspart continue-link - Signed in: the link on to `redirect-url`.
 * @csspart sign-out-button - Signed in: the sign-out button's own `button` part.
 * @slot header - Replaces the heading.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading.
 * @csspart subtitle - The line under the heading (when there is no step, or it ended).
 * @csspart alert - The status and error region.
 * @csspart footer - The row under the card body that holds the way back to sign-in.
 * @csspart sign-in-link - The link back to the sign-in page (when `sign-in-url` is set).
 * @cssprop [--janua-mfa-challenge-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-mfa-challenge-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-mfa-challenge-max-width=26rem] - Card width limit.
 * @cssstate pending - A code is being checked or sent.
 * @event {JanuaMfaVerifiedEvent} janua-mfa-verified - The factor was accepted; `detail.userId`, `detail.method`.
 * @event {JanuaSignedInEvent} janua-signed-in - Signed in (on its own; as a step of a sign-in card, the card says it).
 * @event {JanuaMfaCancelledEvent} janua-mfa-cancelled - The user started over, or left a step that had ended.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; after sign-in to `redirect-url` (guarded, `reason: 'signed-in'`),
 * or to `sign-in-url` when the user starts over (`reason: 'sign-in'`).
 * @event {JanuaErrorEvent} janua-error - A check or a resend failed; `detail.code`, `detail.status`.
 */
export class JanuaMfaChallenge extends CardChrome(JanuaAuthElement) {
  static override properties: PropertyDeclarations = {
    redirectUrl: { attribute: 'redirect-url' },
    signInUrl: { attribute: 'sign-in-url' },
    resendCooldown: { attribute: 'resend-cooldown', type: Number },
    embedded: { attribute: false },
    method: { state: true },
  };
  static override styles = [hostBase, cardStyles, mfaChallengeStyles];
  static override messages: PartialCatalog = enMfa;

  /** Where to go once signed in (on its own); passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  /** Where "Start over" and "Sign in again" lead, on its own. */
  declare signInUrl: string | undefined;
  /** Seconds before another text can be asked for (the server's `Retry-After` wins when it gives one). */
  declare resendCooldown: number;
  /**
   * @internal Shown by a sign-in card, which announces the sign-in itself: this element then only
   * reports `janua-mfa-verified` and `janua-mfa-cancelled`.
   */
  declare embedded: boolean;
  /** The kind of code the field asks for. */
  private declare method: MfaMethod;

  /** The step this element last showed (the client's snapshot object), to see a new one come. */
  private step: PendingChallenge | null = null;
  /** A step was shown and is gone without a sign-in: say so until the user moves on. */
  private ended = false;
  private smsSentAt = 0;
  private returnChecked = false;
  private readonly cooldown = new Cooldown(this);
  private readonly form = new FormController(this, {
    codeFields: { INVALID_MFA_CODE: 'code' },
    describe: (error) => this.describe(error),
  });

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.signInUrl = undefined;
    this.resendCooldown = 30;
    this.embedded = false;
    this.method = 'totp';
    new LightRegion(this, 'form', () => this.renderRegion());
  }

  /** A code is being checked or sent (the sign-in card waits for the outcome before it moves on). */
  get busy(): boolean {
    return this.form.pending;
  }

  /** The step the client holds; also while someone is signed in (a link for another account, confirmed over their session). */
  private get pending(): PendingChallenge | null {
    return this.auth.snapshot?.pending ?? null;
  }

  /** Focuses the code field (or, without a step, the heading). */
  override focus(options?: FocusOptions): void {
    if (!this.form.focusFirstField(options)) this.renderRoot?.querySelector<HTMLElement>('.heading')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const pending = this.pending;
    if (pending && pending !== this.step) {
      // A new step (or the first): start from the best factor it offers, with a clean form.
      if (!this.step || pending.expiresAt !== this.step.expiresAt) {
        this.method = ORDER.find((m) => pending.methods.includes(m)) ?? 'totp';
        this.smsSentAt = 0;
        this.ended = false;
        this.form.reset();
        void this.arrived();
      }
      this.step = pending;
    } else if (!pending && this.step) {
      this.step = null;
      this.ended = this.auth.status !== 'signed-in';
      if (this.ended) {
        // Ran out (or was left in another tab): what was said about it goes, and focus, which was
        // in its code field, goes to the heading, which the subtitle saying so follows.
        this.form.reset();
        const active = deepActive();
        if (active && (this.contains(active) || this.renderRoot.contains(active))) void focusHeading(this);
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The client may have been found during this update (an element upgraded after its
    // properties were set): what its snapshot holds is taken up in the next one.
    if (this.pending !== this.step) this.requestUpdate();
    const client = this.auth.client;
    // On its own, this may be the page a social or SSO sign-in of an MFA account comes back to.
    if (client && !this.returnChecked && !this.embedded) {
      this.returnChecked = true;
      const href = returnAddress();
      if (href) void this.readReturn(client, href);
    }
  }

  /** A step arrived: focus goes to the code field, and the polite region says what is asked. */
  private async arrived(): Promise<void> {
    await this.updateComplete;
    if (!this.isConnected) return;
    this.form.focusFirstField();
    // A frame later, so the region is in the page before its message changes (and is read).
    // Only if nothing was said or started meanwhile: a frame can come late (WebKit, a page in the
    // background), and a quick "Send a code by SMS" must not have its notice replaced by this one.
    const step = this.step;
    requestAnimationFrame(() => {
      if (step && this.step === step && !this.form.message && !this.form.notice && !this.form.pending) {
        this.form.setNotice(this.t(step.via === 'password' ? 'signIn.mfaRequired' : 'mfa.notice'));
      }
    });
  }

  private async readReturn(client: JanuaClient, href: string): Promise<void> {
    await this.form.run(async () => {
      const { takeAuthReturn } = await import('../internal/auth-return.ts');
      const result = await takeAuthReturn(client, href);
      if (result?.status === 'error') throw result.error;
    });
  }

  private describe(error: JanuaError): string | undefined {
    if (error.code === 'INVALID_TOKEN') return this.t('error.MFA_EXPIRED');
    if (error.code !== 'INVALID_MFA_CODE' || !this.auth.client) return undefined;
    const sms = this.method === 'sms';
    const expired = sms && this.smsSentAt > 0 && Date.now() - this.smsSentAt > SMS_TTL_MS;
    return describeCodeError(this.l10n, error, this.auth.client, this.lastCode, this.method, expired);
  }

  private lastCode = '';

  private readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (this.method === 'backup_code') return;
    const digits = sanitizeDigits(input.value);
    if (digits !== input.value) input.value = digits;
    // The last digit submits: a typed, pasted or filled code needs no extra press.
    if (digits.length === 6) queueMicrotask(() => this.form.form?.requestSubmit());
  };

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const client = this.auth.client;
    if (!client || this.form.pending) return;
    const code = normalizeCode(this.form.values()['code'] ?? '', this.method);
    if (!wellFormed(code, this.method)) {
      this.form.setErrors({ code: this.t(this.method === 'backup_code' ? 'mfa.error.formatBackup' : 'mfa.error.format') });
      void this.updateComplete.then(() => this.form.focusFirstInvalid());
      return;
    }
    this.lastCode = code;
    const method = this.method;
    void this.form.run(async () => {
      const result = await client.verifyMfa({ code });
      rememberCode(client, code);
      if (result.status !== 'complete') return;
      emit(this, new JanuaMfaVerifiedEvent({ userId: result.user.id, method }));
      if (this.embedded) return;
      if (announceSignIn(this, client, result.user, 'signed-in', this.form)) return;
      await focusHeading(this);
    }).then((ok) => {
      // A refused code leaves the field for the next try, cleared of what was wrong.
      if (!ok && this.form.form) {
        const input = this.form.form.elements.namedItem('code');
        if (input instanceof HTMLInputElement) input.select();
      }
    });
  }

  private async use(method: MfaMethod): Promise<void> {
    this.method = method;
    this.form.reset();
    const input = this.form.form?.elements.namedItem('code');
    if (input instanceof HTMLInputElement) input.value = '';
    await this.updateComplete;
    this.form.focusFirstField();
  }

  private sendSms(): void {
    const client = this.auth.client;
    if (!client) return;
    void this.form.run(async () => {
      this.method = 'sms';
      try {
        await client.sendMfaCode({ method: 'sms' });
      } catch (error) {
        const wait = (error as JanuaError)?.retryAfter;
        if (wait) this.cooldown.start(wait);
        throw error;
      }
      this.smsSentAt = Date.now();
      this.cooldown.start(this.resendCooldown);
      this.form.setNotice(this.t('mfa.smsSent'));
    }).then(async (ok) => {
      if (!ok) return;
      await this.updateComplete;
      this.form.focusFirstField();
    });
  }

  private startOver(): void {
    const client = this.auth.client;
    this.ended = false;
    this.step = null;
    client?.cancelPending();
    emit(this, new JanuaMfaCancelledEvent());
    if (!this.embedded && this.signInUrl && client) {
      navigate(this, this.signInUrl, 'sign-in');
      return;
    }
    this.form.reset();
    this.requestUpdate();
    void focusHeading(this);
  }

  private renderRegion(): TemplateResult | typeof nothing {
    const pending = this.pending;
    if (this.ended && !pending) {
      return html`<div class="janua-alternatives"><button type="button" class="janua-button janua-start-over"
        @click=${this.startOver}>${this.t('mfa.signInAgain')}</button></div>`;
    }
    if (!pending) return nothing;
    const f = this.form;
    const method = this.method;
    const methods = pending.methods;
    const numeric = method !== 'backup_code';
    const smsWaiting = method === 'sms' && !this.smsSentAt;
    const wait = this.cooldown.remaining;
    const hint = method === 'sms' && smsWaiting ? this.t('mfa.subtitle.smsUnsent') : this.t(`mfa.subtitle.${method}`);
    return html`<form class="janua-form" method="post" @submit=${this.onSubmit} @invalid=${f.onInvalid}>
        <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
          ${f.input({
            name: 'code', label: this.t(`mfa.label.${method}`), autocomplete: 'one-time-code', required: true,
            inputmode: numeric ? 'numeric' : 'text', spellcheck: false, hint, onInput: this.onInput,
            ...(numeric ? {} : { maxlength: 32 }),
          })}
          ${f.submit({ label: this.t('mfa.submit'), pendingLabel: this.t('mfa.pending') })}
        </fieldset>
      </form>
      <div class="janua-alternatives">
        ${method !== 'totp' && methods.includes('totp') ? html`<button type="button" class="janua-button janua-use-totp"
          data-variant="ghost" ?disabled=${f.pending} @click=${() => void this.use('totp')}>${this.t('mfa.useTotp')}</button>` : nothing}
        ${methods.includes('sms') ? html`<button type="button" class="janua-button janua-send-sms" data-variant="secondary"
          ?disabled=${f.pending || wait > 0} @click=${this.sendSms}>${wait > 0 ? this.t('mfa.resendIn', { seconds: wait })
            : this.smsSentAt ? this.t('mfa.resendSms') : this.t('mfa.useSms')}</button>` : nothing}
        ${method !== 'backup_code' && methods.includes('backup_code') ? html`<button type="button" class="janua-button janua-use-backup"
          data-variant="ghost" ?disabled=${f.pending} @click=${() => void this.use('backup_code')}>${this.t('mfa.useBackup')}</button>` : nothing}
        <button type="button" class="janua-button janua-start-over" data-variant="ghost" ?disabled=${f.pending}
          @click=${this.startOver}>${this.t('mfa.startOver')}</button>
      </div>`;
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) return noClient(this);
    const user = this.auth.status === 'signed-in' && !this.embedded ? this.auth.snapshot?.user : null;
    const pending = this.pending;
    return card({
      host: this,
      heading: user ? this.t('signedIn.title') : this.t('mfa.title'),
      subtitle: user ? this.t('signedIn.as', { name: displayName(user) })
        : pending ? undefined : this.ended ? this.t('mfa.ended') : this.embedded ? undefined : this.t('mfa.none'),
      form: this.form,
      body: user ? signedInBody(this) : html`<slot></slot>`,
      footer: !user && !pending && !this.ended && this.signInUrl
        ? html`<div class="footer" part="footer"><a part="sign-in-link" href=${this.signInUrl}>${this.t('mfa.signInAgain')}</a></div>`
        : nothing,
    });
  }
}
