import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { account, enAccount, enPassword, JanuaError, type PartialCatalog } from '@janua/core';
import { accountStyles, cardKnobs, JanuaAccountElement, linkButton, signInFooter, stepForm, takeTokenFromUrl } from '../internal/account-element.ts';
import { emit } from '../internal/events.ts';
import { JanuaPasswordResetEvent } from '../internal/events-account.ts';
import { newPasswordField } from '../internal/new-password.ts';
import type { Strength } from '../internal/strength.ts';

/**
 * The token taken out of this page's address, and the page: an element that replaces the one that
 * took it (a framework re-rendering, a route mounted again) finds it here, not in the address.
 */
let taken: { path: string; token: string } | null = null;

/**
 * The card is in the shadow root; the form is in light DOM with the classes of `<janua-sign-up>`
 * (`janua-form`, `janua-input`, `janua-hint`, `janua-strength`, …).
 *
 * @summary The page a password-reset email links to: takes the token out of the URL, asks for a new
 * password with the same rules and strength hint as sign-up, then leads to sign-in. An expired or
 * used link says so and offers a new one.
 * @tag janua-reset-password
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused once done).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - Status and error messages.
 * @csspart footer - The line with the sign-in link.
 * @csspart sign-in-link - The link to sign-in (when `sign-in-url` is set).
 * @cssprop [--janua-reset-password-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-reset-password-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-reset-password-max-width=26rem] - Card width limit.
 * @cssstate pending - The request is in flight.
 * @event {JanuaPasswordResetEvent} janua-password-reset - The password was changed; every session of the account ended.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; a plain click on a link (`reason: 'sign-in' | 'forgot-password'`).
 * @event {JanuaErrorEvent} janua-error - The request failed (`INVALID_TOKEN`, `WEAK_PASSWORD`, …).
 */
export class JanuaResetPassword extends JanuaAccountElement {
  static override properties: PropertyDeclarations = {
    token: {},
    signInUrl: { attribute: 'sign-in-url' },
    forgotPasswordUrl: { attribute: 'forgot-password-url' },
  };
  static override styles = [...accountStyles, cardKnobs('reset-password', '26rem')];
  static override messages: PartialCatalog = { ...enAccount, ...enPassword };

  /** The reset token; by default the `token` query parameter of the page's URL, which it takes out of the address bar. */
  declare token: string | undefined;
  /** Where to sign in once done. */
  declare signInUrl: string | undefined;
  /** Where to ask for a new link when this one is expired. */
  declare forgotPasswordUrl: string | undefined;
  private readonly strength: { strength: Strength } = { strength: 'empty' };
  /**
   * The address's token, kept here once taken out of it: a reset link left open on a shared
   * computer would otherwise let the next person at it set the password, for an hour, from the
   * history. A reload then shows the way to a new link.
   */
  private urlToken: string | null = null;

  constructor() {
    super({ codeFields: { WEAK_PASSWORD: 'new_password' } });
    this.forSignedOut = true;
    this.token = undefined;
    this.signInUrl = undefined;
    this.forgotPasswordUrl = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const token = takeTokenFromUrl();
    if (token) taken = { path: location.pathname, token };
    this.urlToken ??= taken?.path === location.pathname ? taken.token : null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Another token (a router's parameter): the form again, for that link.
    if (changed.has('token') && this.step) {
      this.step = '';
      this.form.reset();
    }
  }

  protected heading(): string {
    return this.t('account.newPassword');
  }

  protected override footer(): TemplateResult | typeof nothing {
    return this.step === 'done' ? nothing : signInFooter(this);
  }

  protected body(): TemplateResult | typeof nothing {
    const t = this.t.bind(this);
    const token = this.token ?? this.urlToken;
    if (this.step === 'done') {
      return html`<p class="janua-text">${t('account.resetDone')}</p>${linkButton(this, this.signInUrl, 'signIn.submit', 'sign-in')}`;
    }
    if (!token || this.step === 'expired') {
      return html`<p class="janua-text">${t('account.expired')}</p>${linkButton(this, this.forgotPasswordUrl, 'account.newLink', 'forgot-password')}`;
    }
    return stepForm(this, this.form, {
      fields: newPasswordField(this, this.form, this.strength),
      submit: t('account.save'),
      run: async (v) => {
        const client = this.auth.client!;
        try {
          await account(client).resetPassword({ token, newPassword: v['new_password']! });
        } catch (error) {
          // The alert says why; the form gives way to the way out.
          if (JanuaError.is(error) && error.is('INVALID_TOKEN')) {
            this.step = 'expired';
            taken = null;
          }
          throw error;
        }
        // Used: an element mounted on this page later asks for a new link.
        taken = null;
        // The server ended every session of that account: if this page's user was theirs, the next
        // call fails and the client signs out here and in every tab.
        if (client.status === 'signed-in') await client.request('GET', '/auth/me').catch(() => undefined);
        emit(this, new JanuaPasswordResetEvent({}));
        return () => this.go('done');
      },
    });
  }
}
