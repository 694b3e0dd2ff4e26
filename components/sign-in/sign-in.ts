import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaFormElement } from '../internal/form-element.ts';
import { announceLink, emit, JanuaMfaRequiredEvent } from '../internal/events.ts';
import { signInStyles } from './sign-in.styles.ts';

/**
 * The card, heading, alert and links are in the shadow root and styled through the parts below.
 * The form itself is in light DOM, where `::part()` cannot reach; its stable hooks are classes:
 * `janua-form` (the `<form>`), `janua-field` and `janua-field-<name>` (each field wrapper),
 * `janua-label`, `janua-input`, `janua-field-error` (the message under a field), `janua-reveal`
 * (the show/hide password toggle), `janua-submit` (the `<janua-button>`) and `janua-button` (its
 * native `<button>`). Select them under the tag, e.g. `janua-sign-in .janua-input`.
 *
 * @summary Email and password sign-in, with the inputs in light DOM so password managers fill them.
 * @tag janua-sign-in
 * @slot header - Replaces the heading and subtitle.
 * @slot forgot-password-link - Replaces the "Forgot password?" link.
 * @slot sign-up-link - Replaces the "Create an account" link.
 * @slot footer - Replaces the whole footer line.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused after success).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - The form-level message region.
 * @csspart footer - The line with the sign-up link.
 * @csspart forgot-password-link - The default forgot-password link (when `forgot-password-url` is set).
 * @csspart sign-up-link - The default sign-up link (when `sign-up-url` is set).
 * @cssprop [--janua-sign-in-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-sign-in-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-sign-in-max-width=26rem] - Card width limit.
 * @cssstate pending - A sign-in request is in flight.
 * @event janua-signed-in - Signed in; `detail.userId`.
 * @event janua-mfa-required - The password was right and a second factor is needed; `detail.methods`.
 * @event janua-navigate - Cancelable; about to go to `detail.url`: after sign-in (`redirect-url`, guarded;
 * `reason: 'signed-in'`) or on a plain click of a default link (`reason: 'sign-up' | 'forgot-password'`).
 * Cancel it to route with your own router.
 * @event janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaSignIn extends JanuaFormElement {
  static override properties: PropertyDeclarations = {
    ...JanuaFormElement.properties,
    signUpUrl: { attribute: 'sign-up-url' },
    forgotPasswordUrl: { attribute: 'forgot-password-url' },
  };
  static override styles = [...JanuaFormElement.styles, signInStyles];

  /** Where "Create an account" leads; the link is hidden without it (unless slotted). */
  declare signUpUrl: string | undefined;
  /** Where "Forgot password?" leads; the link is hidden without it (unless slotted). */
  declare forgotPasswordUrl: string | undefined;

  protected readonly titleKey = 'signIn.title';
  protected readonly subtitleKey = 'signIn.subtitle';
  /** Held for the MFA step; never leaves this element except towards the client. */
  private mfaToken: string | null = null;
  private readonly onForgotPasswordClick = announceLink(this, 'forgot-password');
  private readonly onSignUpClick = announceLink(this, 'sign-up');

  constructor() {
    super();
    this.signUpUrl = undefined;
    this.forgotPasswordUrl = undefined;
  }

  /** True once the password was accepted and a second factor is awaited. */
  get mfaPending(): boolean {
    return this.mfaToken !== null;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const client = this.auth.client;
    if (!client) return;
    const { email = '', password = '' } = this.light.values();
    void this.run(async () => {
      const result = await client.signIn({ email: email.trim(), password });
      if (result.status === 'needs_mfa') {
        this.mfaToken = result.mfaToken;
        this.notice = this.t('signIn.mfaRequired');
        emit(this, new JanuaMfaRequiredEvent({ methods: [...result.methods] }));
        return;
      }
      this.mfaToken = null;
      await this.finish(client, result.user, 'signed-in');
    });
  }

  protected renderForm(): TemplateResult {
    const f = this.light;
    return html`<form class="janua-form" method="post" @submit=${this.onSubmit}
      @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" ?disabled=${this.pending}>
        ${f.field({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'username', required: true })}
        ${f.field({ name: 'password', type: 'password', label: this.t('field.password'),
          autocomplete: 'current-password', required: true })}
        <janua-button class="janua-submit" type="submit" .pending=${this.pending}
          .label=${this.t('signIn.submit')} .pendingLabel=${this.t('signIn.pending')}></janua-button>
      </fieldset>
    </form>`;
  }

  protected renderFooter(): TemplateResult {
    return html`<div class="links"><slot name="forgot-password-link">${this.forgotPasswordUrl
      ? html`<a part="forgot-password-link" href=${this.forgotPasswordUrl} @click=${this.onForgotPasswordClick}>${this.t('signIn.forgotPassword')}</a>` : nothing}</slot></div>
      <p class="footer" part="footer"><slot name="footer">${this.signUpUrl
        ? html`<span>${this.t('signIn.noAccount')}</span><slot name="sign-up-link"><a part="sign-up-link" href=${this.signUpUrl} @click=${this.onSignUpClick}>${this.t('signIn.signUpLink')}</a></slot>`
        : html`<slot name="sign-up-link"></slot>`}</slot></p>`;
  }
}
