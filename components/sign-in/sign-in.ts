import { html, nothing, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { announceSignIn, card, CardChrome, cardRow, displayName, focusHeading, noClient, signedInBody } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { announceLink, emit, JanuaMfaRequiredEvent, navigate } from '../internal/events.ts';
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
export class JanuaSignIn extends CardChrome(JanuaAuthElement) {
  static override properties: PropertyDeclarations = {
    redirectUrl: { attribute: 'redirect-url' },
    signUpUrl: { attribute: 'sign-up-url' },
    forgotPasswordUrl: { attribute: 'forgot-password-url' },
  };
  static override styles = [hostBase, cardStyles, signInStyles];

  /** Where to go after signing in; passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  /** Where "Create an account" leads; the link is hidden without it (unless slotted). */
  declare signUpUrl: string | undefined;
  /** Where "Forgot password?" leads; the link is hidden without it (unless slotted). */
  declare forgotPasswordUrl: string | undefined;
  /** The status of the last update, to see it change. */
  private seen: string | undefined;
  /** `redirect-url` has been followed (or announced) once; never again from this element. */
  private redirected = false;

  private readonly form = new FormController(this);
  private readonly onForgotPasswordClick = announceLink(this, 'forgot-password');
  private readonly onSignUpClick = announceLink(this, 'sign-up');

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.signUpUrl = undefined;
    this.forgotPasswordUrl = undefined;
    new LightRegion(this, 'form', () => (this.left ? nothing : this.renderForm()));
  }

  /**
   * Signed in through this form: the form has left the page (which is what makes browsers offer to
   * save the password). Signed in some other way, the form only hides, keeping its nodes.
   */
  private left = false;

  /** Signed in (here, in another tab, or before the page loaded): the card shows who, not the form. */
  private get signedIn(): boolean {
    return this.auth.status === 'signed-in';
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
    const status = this.auth.status;
    // Signed out again (here or in another tab): the form comes back clean.
    if (this.seen === 'signed-in' && status === 'signed-out') {
      this.left = false;
      this.form.reset();
    }
    this.seen = status;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Already signed in when the page loaded (or in another tab): where a signed-in visitor of a
    // sign-in page belongs is `redirect-url`, as with Clerk's SignIn.
    const client = this.auth.client;
    if (this.signedIn && this.redirectUrl && client && !this.redirected && !this.form.pending) {
      this.redirected = true;
      navigate(this, client.resolveRedirect(this.redirectUrl), 'signed-in');
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
      this.redirected = true;
      this.left = true;
      if (announceSignIn(this, client, result.user, 'signed-in', this.form)) return;
      await focusHeading(this);
    });
  }

  private renderForm(): TemplateResult {
    const f = this.form;
    return html`<form class="janua-form" method="post" ?hidden=${this.signedIn} @submit=${this.onSubmit} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        ${f.input({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'username', required: true, spellcheck: false })}
        ${f.input({ name: 'password', type: 'password', label: this.t('field.password'),
          autocomplete: 'current-password', required: true })}
        ${f.submit({ label: this.t('signIn.submit'), pendingLabel: this.t('signIn.pending') })}
      </fieldset>
    </form>`;
  }

  private renderFooter(): TemplateResult | typeof nothing {
    if (this.signedIn) return nothing;
    const forgot = this.forgotPasswordUrl;
    const signUp = this.signUpUrl;
    return html`${cardRow(this, {
      cls: 'links', part: 'links', slots: ['forgot-password-link'], filled: Boolean(forgot),
      content: html`<slot name="forgot-password-link">${forgot ? html`<a part="forgot-password-link" href=${forgot}
        @click=${this.onForgotPasswordClick}>${this.t('signIn.forgotPassword')}</a>` : nothing}</slot>`,
    })}${cardRow(this, {
      cls: 'footer', part: 'footer', slots: ['footer', 'sign-up-link'], filled: Boolean(signUp),
      content: html`<slot name="footer">${signUp ? html`<span>${this.t('signIn.noAccount')}</span>` : nothing}<slot
        name="sign-up-link">${signUp ? html`<a part="sign-up-link" href=${signUp} @click=${this.onSignUpClick}>${this.t('signIn.signUpLink')}</a>` : nothing}</slot></slot>`,
    })}`;
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) return noClient(this);
    const user = this.signedIn ? this.auth.snapshot?.user : null;
    return card({
      host: this,
      heading: user ? this.t('signedIn.title')
        : this.appName ? this.t('signIn.titleApp', { app: this.appName }) : this.t('signIn.title'),
      subtitle: user ? this.t('signedIn.as', { name: displayName(user) }) : this.t('signIn.subtitle'),
      form: this.form,
      body: user ? signedInBody(this) : html`<slot></slot>`,
      footer: this.renderFooter(),
    });
  }
}
