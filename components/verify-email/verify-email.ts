import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { account, JanuaError } from '@janua/core';
import { accountStyles, button, cardKnobs, JanuaAccountElement, linkButton, signInFooter, takeTokenFromUrl, tokenFromUrl } from '../internal/account-element.ts';
import { focusHeading } from '../internal/card.ts';
import { emit } from '../internal/events.ts';
import { JanuaEmailVerifiedEvent, JanuaVerificationSentEvent } from '../internal/events-account.ts';

/**
 * The card is in the shadow root; the messages and buttons are in light DOM (`janua-text`,
 * `janua-button`).
 *
 * @summary The page a verification email links to: once the account is signed in (the server
 * confirms only the signed-in account's address), checks the token from the URL and says whether the
 * address is verified; an expired or used link offers a new one. Signed out, it asks to sign in
 * first. Without a token, a signed-in user with an unverified address can ask for a new link.
 * @tag janua-verify-email
 * @slot logo - Above the heading: a logo of the page's own (this card has no `logo-url`).
 * @slot header - Replaces the heading and its subtitle, if any.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading.
 * @csspart subtitle - The line under the heading.
 * @csspart alert - Status and error messages.
 * @csspart footer - The line with the sign-in link.
 * @csspart sign-in-link - The link to sign in (signed out, when `sign-in-url` is set).
 * @cssprop [--janua-verify-email-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-verify-email-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-verify-email-max-width=26rem] - Card width limit.
 * @cssstate pending - A request is in flight.
 * @event {JanuaEmailVerifiedEvent} janua-email-verified - The link checked out.
 * @event {JanuaVerificationSentEvent} janua-verification-sent - A new link was mailed.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; a plain click on Continue (`reason: 'signed-in'`) or sign-in.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code` (`INVALID_TOKEN` for an expired link).
 */
export class JanuaVerifyEmail extends JanuaAccountElement {
  static override properties: PropertyDeclarations = {
    token: {},
    continueUrl: { attribute: 'continue-url' },
    signInUrl: { attribute: 'sign-in-url' },
  };
  static override styles = [...accountStyles, cardKnobs('verify-email', '26rem')];

  /** The verification token; by default the `token` query parameter of the page's URL. */
  declare token: string | undefined;
  /** Where Continue leads once verified; no button without it. */
  declare continueUrl: string | undefined;
  /** Where a signed-out visitor signs in (to confirm the address, or to get a new link). */
  declare signInUrl: string | undefined;
  /** The token checked (or being checked) and whether signed in, so each is sent once a state. */
  private checked: string | null = null;
  /** A token the server has judged (used, or dead). */
  private spent: string | null = null;

  constructor() {
    super();
    this.forSignedOut = true;
    this.token = undefined;
    this.continueUrl = undefined;
    this.signInUrl = undefined;
  }

  protected heading(): string {
    return this.t('account.verifyEmail');
  }

  private get signedIn(): boolean {
    return this.auth.status === 'signed-in';
  }

  protected override footer(): TemplateResult | typeof nothing {
    return this.auth.status === 'signed-out' ? signInFooter(this) : nothing;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const client = this.auth.client;
    const token = this.token ?? tokenFromUrl();
    // Once restored, and again once signed in (possibly in another tab): the reference server
    // confirms only the signed-in account's address (401 signed out: nobody can be made to confirm
    // an account someone else opened), the platform the token alone.
    const key = `${token}|${this.signedIn}`;
    // One request at a time (a sign-in during the signed-out try sends again after it); a token
    // spent or dead is not sent again.
    if (!client || !token || key === this.checked || token === this.spent || this.auth.status === 'loading' || this.form.pending) return;
    this.checked = key;
    this.step = 'checking';
    const out = !this.signedIn;
    void this.form.run(async () => {
      try {
        await account(client).verifyEmail(token);
        this.step = 'done';
        emit(this, new JanuaEmailVerifiedEvent({}));
      } catch (error) {
        const e = JanuaError.is(error) ? error : null;
        // Sent signed out to a server that wants the session: "sign in to confirm" says it all.
        if (out && e?.status === 401) {
          this.step = '';
          return;
        }
        // No verdict on the link (no answer, a server fault): the alert says why, and it is sent
        // again on request.
        this.step = e?.is('INVALID_TOKEN') ? 'expired' : e?.is('FORBIDDEN') ? 'other' : 'failed';
        throw error;
      } finally {
        // Spent or dead: not sent again, and out of the address, so a reload or Back does not
        // send it either. (One for another account stays: it works once that account signs in.)
        if (this.step === 'done' || this.step === 'expired') {
          this.spent = token;
          if (!this.token) takeTokenFromUrl();
        }
      }
    });
  }

  private resend(): void {
    const client = this.auth.client!;
    void this.form.run(async () => {
      await account(client).resendVerification();
      emit(this, new JanuaVerificationSentEvent({}));
      this.form.setNotice(this.t('account.sent', { email: client.user?.email ?? '' }));
    });
  }

  /**
   * Every state is one status line (room for two lines) over one row of actions (room for a
   * button, even when it has none), and so is the placeholder: whatever the restore or the check
   * of the link ends in, nothing below moves.
   */
  private status(text: TemplateResult | string, actions: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`<p class="janua-text janua-status">${text}</p><div class="janua-actions janua-status-actions">${actions}</div>`;
  }

  protected body(): TemplateResult | typeof nothing {
    const t = this.t.bind(this);
    const user = this.signedIn ? this.auth.snapshot?.user : null;
    if (this.step === 'checking' || this.auth.status === 'loading') {
      return html`<div class="janua-text janua-status janua-skeleton" aria-busy="true"><span class="janua-sr">${t('common.loading')}</span></div>
        <div class="janua-actions janua-status-actions"><span class="janua-skeleton janua-skeleton-button"></span></div>`;
    }
    if (this.step === 'failed') {
      return this.status('', button(t('account.retry'), () => {
        this.checked = null;
        this.step = '';
        // The button gives way to the check: focus waits on the heading.
        void focusHeading(this);
      }));
    }
    if (this.step === 'done' || (user?.emailVerified && this.step !== 'other')) {
      // Through the redirect guard, as every "continue" of the kit: a `continue-url` an app fills
      // from its query string must not become a `javascript:` link or one to another site.
      const next = this.continueUrl && this.auth.client?.resolveRedirect(this.continueUrl);
      return this.status(t('account.emailVerified'), linkButton(this, next, 'account.continue', 'signed-in'));
    }
    // Signed out: a dead link says so (signing in would not help), a live one asks to sign in.
    if (!user) return this.status(t(this.step === 'expired' ? 'account.expired' : this.token ?? tokenFromUrl() ? 'account.signInToVerify' : 'account.signInFirst'));
    const text = this.step === 'expired' ? t('account.expired') : this.step === 'other' ? t('account.otherAccount')
      : t('account.checkInbox', { email: user.email });
    return this.status(text, this.step === 'other' ? nothing : button(t('account.resend'), () => this.resend(), 'primary', this.form.pending));
  }
}
