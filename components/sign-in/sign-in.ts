import { html, nothing, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { announceSignIn, card, displayName, focusHeading, noClient } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { announceLink, emit, JanuaMfaRequiredEvent } from '../internal/events.ts';
import { FormController } from '../internal/form-controller.ts';
import { LightRegion } from '../internal/light-region.ts';
import { hostBase } from '../internal/styles.ts';
import { signInStyles } from './sign-in.styles.ts';

/**
 * The card, heading, alert and links are in the shadow root and styled through the parts below.
 * The form itself is in light DOM, where `::part()` cannot reach; its stable hooks are classes:
 * `janua-form` (the `<form>`), `janua-field` and `janua-field-<name>` (each field wrapper),
 * `janua-label`, `janua-input`, `janua-field-error` (the message under a field), `janua-reveal`
 * (the show/hide password toggle) and `janua-submit janua-button` (the native submit `<button>`).
 * Select them under the tag, e.g. `janua-sign-in .janua-input`.
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
 * @event {JanuaSignedInEvent} janua-signed-in - Signed in; `detail.userId`.
 * @event {JanuaMfaRequiredEvent} janua-mfa-required - The password was right and a second factor is
 * needed; `detail.methods`. The challenge waits in the client (`client.getSnapshot().pending`), where
 * any element on the page can take it up.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; about to go to `detail.url`: after sign-in (`redirect-url`, guarded;
 * `reason: 'signed-in'`) or on a plain click of a default link (`reason: 'sign-up' | 'forgot-password'`).
 * Cancel it to route with your own router.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaSignIn extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    redirectUrl: { attribute: 'redirect-url' },
    signUpUrl: { attribute: 'sign-up-url' },
    forgotPasswordUrl: { attribute: 'forgot-password-url' },
    completed: { state: true },
  };
  static override styles = [hostBase, cardStyles, signInStyles];

  /** Where to go after signing in; passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  /** Where "Create an account" leads; the link is hidden without it (unless slotted). */
  declare signUpUrl: string | undefined;
  /** Where "Forgot password?" leads; the link is hidden without it (unless slotted). */
  declare forgotPasswordUrl: string | undefined;
  /** Signed in here: the confirmation shows instead of the form. */
  private declare completed: boolean;

  private readonly form = new FormController(this);
  private readonly onForgotPasswordClick = announceLink(this, 'forgot-password');
  private readonly onSignUpClick = announceLink(this, 'sign-up');

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.signUpUrl = undefined;
    this.forgotPasswordUrl = undefined;
    this.completed = false;
    new LightRegion(this, 'form', () => (this.completed ? nothing : this.renderForm()));
  }

  /** True while a sign-in waits for its second factor (on this page, from any element). */
  get mfaPending(): boolean {
    return Boolean(this.auth.snapshot?.pending);
  }

  /** Focuses the first field (or, once done, the heading), as `delegatesFocus` would. */
  override focus(options?: FocusOptions): void {
    if (!this.form.focusFirstField(options)) this.renderRoot?.querySelector<HTMLElement>('.heading')?.focus(options);
  }

  /** Submits the form the way a click on its button would, running native validation first. */
  submit(): void {
    this.form.form?.requestSubmit();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Signed out again (here or in another tab): the confirmation is stale, bring the form back.
    if (this.completed && this.auth.status === 'signed-out') {
      this.completed = false;
      this.form.reset();
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const client = this.auth.client;
    if (!client) return;
    const { email = '', password = '' } = this.form.values();
    void this.form.run(async () => {
      const result = await client.signIn({ email: email.trim(), password });
      if (result.status === 'needs_mfa') {
        this.form.setNotice(this.t('signIn.mfaRequired'));
        emit(this, new JanuaMfaRequiredEvent({ methods: [...result.methods] }));
        return;
      }
      if (announceSignIn(this, client, result.user, 'signed-in', this.form)) return;
      // Taking the form out of the page is what makes browsers offer to save the password.
      this.completed = true;
      await focusHeading(this);
    });
  }

  private renderForm(): TemplateResult {
    const f = this.form;
    return html`<form class="janua-form" method="post" @submit=${this.onSubmit} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" ?disabled=${f.pending}>
        ${f.input({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'username', required: true, spellcheck: false })}
        ${f.input({ name: 'password', type: 'password', label: this.t('field.password'),
          autocomplete: 'current-password', required: true })}
        ${f.submit({ label: this.t('signIn.submit'), pendingLabel: this.t('signIn.pending') })}
      </fieldset>
    </form>`;
  }

  private renderFooter(): TemplateResult | typeof nothing {
    if (this.completed) return nothing;
    return html`<div class="links"><slot name="forgot-password-link">${this.forgotPasswordUrl
      ? html`<a part="forgot-password-link" href=${this.forgotPasswordUrl} @click=${this.onForgotPasswordClick}>${this.t('signIn.forgotPassword')}</a>` : nothing}</slot></div>
      <p class="footer" part="footer"><slot name="footer">${this.signUpUrl
        ? html`<span>${this.t('signIn.noAccount')}</span><slot name="sign-up-link"><a part="sign-up-link" href=${this.signUpUrl} @click=${this.onSignUpClick}>${this.t('signIn.signUpLink')}</a></slot>`
        : html`<slot name="sign-up-link"></slot>`}</slot></p>`;
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) return noClient(this);
    return card({
      heading: this.t(this.completed ? 'signedIn.title' : 'signIn.title'),
      subtitle: this.completed ? this.t('signedIn.as', { name: displayName(this.auth.snapshot?.user) }) : this.t('signIn.subtitle'),
      form: this.form,
      body: html`<slot></slot>`,
      footer: this.renderFooter(),
    });
  }
}
