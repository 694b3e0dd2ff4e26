import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { account } from '@janua/core';
import { accountStyles, button, cardKnobs, JanuaAccountElement, signInFooter, stepForm } from '../internal/account-element.ts';
import { emit } from '../internal/events.ts';
import { JanuaPasswordResetRequestedEvent } from '../internal/events-account.ts';

/**
 * The card is in the shadow root; the form is in light DOM with the classes of `<janua-sign-in>`
 * (`janua-form`, `janua-field`, `janua-input`, `janua-submit`, …).
 *
 * @summary Asks for an email address and has the server mail a link to choose a new password. The
 * answer is the same whether or not the address has an account.
 * @tag janua-forgot-password
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused once the link is sent).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - Status and error messages.
 * @csspart footer - The line with the sign-in link.
 * @csspart sign-in-link - "Back to sign in" (when `sign-in-url` is set).
 * @cssprop [--janua-forgot-password-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-forgot-password-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-forgot-password-max-width=26rem] - Card width limit.
 * @cssstate pending - The request is in flight.
 * @event {JanuaPasswordResetRequestedEvent} janua-password-reset-requested - The server took the request (no address in it).
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; a plain click on "Back to sign in" (`reason: 'sign-in'`).
 * @event {JanuaErrorEvent} janua-error - The request failed (`RATE_LIMITED`, …); `detail.code`, `detail.status`.
 */
export class JanuaForgotPassword extends JanuaAccountElement {
  static override properties: PropertyDeclarations = {
    signInUrl: { attribute: 'sign-in-url' },
    redirectBase: { attribute: 'redirect-base' },
  };
  static override styles = [...accountStyles, cardKnobs('forgot-password', '26rem')];

  /** Where "Back to sign in" leads; no link without it. */
  declare signInUrl: string | undefined;
  /**
   * The front end's base URL for the mailed link, which opens `{redirect-base}/reset-password?token=…`
   * (where `<janua-reset-password>` should be). Without it the server uses its own front-end URL;
   * the server accepts only its front end's origin and its CORS origins.
   */
  declare redirectBase: string | undefined;
  private email = '';

  constructor() {
    super();
    this.forSignedOut = true;
    this.signInUrl = undefined;
    this.redirectBase = undefined;
  }

  protected heading(): string {
    return this.t('account.forgot');
  }

  protected override subtitle(): string | undefined {
    return this.step ? undefined : this.t('account.forgotText');
  }

  protected override footer(): TemplateResult | typeof nothing {
    return signInFooter(this);
  }

  protected body(): TemplateResult {
    const t = this.t.bind(this);
    if (this.step) {
      return html`<p class="janua-text">${t('account.linkSent', { email: this.email })}</p>
        <div class="janua-actions">${button(t('account.retry'), () => this.back())}</div>`;
    }
    return stepForm(this, this.form, {
      fields: this.form.input({ name: 'email', type: 'email', label: t('field.email'), autocomplete: 'username',
        required: true, spellcheck: false, value: this.email }),
      submit: t('account.sendLink'),
      run: async (v) => {
        this.email = v['email']!.trim();
        await account(this.auth.client!).requestPasswordReset({ email: this.email, redirectBase: this.redirectBase || undefined });
        emit(this, new JanuaPasswordResetRequestedEvent({}));
        return () => this.go('sent');
      },
    });
  }
}
