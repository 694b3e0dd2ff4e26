import { html, nothing, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { JanuaError, requestMagicLink, startSso, supportsPasskeys, type JanuaClient, type SignInResult } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { announceSignIn, card, CardChrome, cardRow, displayName, focusHeading, noClient, signedInBody } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { Cooldown } from '../internal/cooldown.ts';
import { announceLink, emit, JanuaMfaRequiredEvent, navigate } from '../internal/events.ts';
import { JanuaMagicLinkSentEvent } from '../internal/events-auth.ts';
import { FormController } from '../internal/form-controller.ts';
import { LightRegion } from '../internal/light-region.ts';
import { MfaStep } from '../internal/mfa-step.ts';
import { SocialButtons } from '../internal/providers.ts';
import { returnAddress } from '../internal/return-check.ts';
import { hostBase } from '../internal/styles.ts';
import { PasskeyAutofill } from './passkey-autofill.ts';
import { SsoLookup } from './sso-discovery.ts';
import { signInStyles } from './sign-in.styles.ts';

/** The sign-in methods beside email and password that `methods` can name. */
export type SignInMethod = 'passkey' | 'magic-link' | 'social' | 'sso';
const ALL_METHODS: readonly SignInMethod[] = ['passkey', 'magic-link', 'social', 'sso'];
/** A ceremony the user ended, or one this browser cannot hold: said quietly, never as an error. */
const QUIET = ['PASSKEY_CANCELLED', 'PASSKEY_UNSUPPORTED'];

/** The sign-in cards in the page: one that sees a sign-in another is making leaves the redirect to it. */
const cards = new Set<JanuaSignIn>();

/**
 * Whether sending a signed-in visitor on to `url` would go round in a loop: sent there twice in
 * the last 30 s by this tab, and back each time, because the server behind that page does not
 * see the session (a session check that fails, a cookie it is not sent). The card then stays,
 * with its Continue link. What is kept (in `sessionStorage`) is addresses and times, nothing else.
 */
function goingRound(url: string): boolean {
  try {
    const now = Date.now();
    const seen = (JSON.parse(sessionStorage.getItem('janua:forwarded') ?? '[]') as [string, number][])
      .filter(([to, at]) => to === url && now - at < 30_000);
    sessionStorage.setItem('janua:forwarded', JSON.stringify([...seen, [url, now]]));
    return seen.length > 1;
  } catch {
    return false;
  }
}

/**
 * The card, heading, alert and links are in the shadow root and styled through the parts below.
 * The form itself is in light DOM, where `::part()` cannot reach; its stable hooks are classes:
 * `janua-form` (the `<form>`), `janua-field` and `janua-field-<name>` (each field wrapper),
 * `janua-label`, `janua-input`, `janua-field-error` (the message under a field), `janua-reveal`
 * (the show/hide password toggle), `janua-submit` and `janua-button` (the native submit `<button>`),
 * `janua-alternatives` (the other ways to sign in under the form), `janua-passkey-button`,
 * `janua-magic-link-button`, `janua-providers` and `janua-provider-button` (one per social
 * provider, `data-provider` its id). Select them under the tag, e.g. `janua-sign-in .janua-input`.
 *
 * @summary Sign-in by password, passkey (button and autofill), emailed link, social provider or
 * enterprise SSO, with the second factor as a step of its own. Inputs are in light DOM so
 * password managers fill them.
 * @tag janua-sign-in
 * @slot logo - Above the heading; by default the `logo-url` image, if set.
 * @csspart logo - The `logo-url` image (when the `logo` slot is not filled).
 * @csspart next - Signed in: the box with the continue link, "Not you?" and the sign-out button.
 * @csspart continue-link - Signed in: the link on to `redirect-url`.
 * @csspart sign-out-button - Signed in: the sign-out button's own `button` part.
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
 * @csspart links - The row under the form with the forgot-password link (hidden when it has none).
 * @csspart forgot-password-link - The default forgot-password link (when `forgot-password-url` is set).
 * @csspart sign-up-link - The default sign-up link (when `sign-up-url` is set).
 * @cssprop [--janua-sign-in-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-sign-in-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-sign-in-max-width=26rem] - Card width limit.
 * @cssstate pending - A sign-in request is in flight.
 * @event {JanuaSignedInEvent} janua-signed-in - Signed in (by any method, second factor included); `detail.userId`.
 * @event {JanuaMfaRequiredEvent} janua-mfa-required - The first factor was right and a second one is
 * needed; `detail.methods`. The card then shows `<janua-mfa-challenge>` as its next step.
 * @event {JanuaMfaVerifiedEvent} janua-mfa-verified - The second factor was accepted (from the step it shows).
 * @event {JanuaMagicLinkSentEvent} janua-magic-link-sent - A sign-in link was requested.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; about to go to `detail.url`: after sign-in (`redirect-url`, guarded;
 * `reason: 'signed-in'`), to a social provider (`'social'`) or an organization's identity provider (`'sso'`), or on a plain
 * click of a default link (`reason: 'sign-up' | 'forgot-password'`). Cancel it to route with your own router.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaSignIn extends CardChrome(JanuaAuthElement) {
  static override properties: PropertyDeclarations = {
    redirectUrl: { attribute: 'redirect-url' },
    signUpUrl: { attribute: 'sign-up-url' },
    forgotPasswordUrl: { attribute: 'forgot-password-url' },
    methods: {},
    resendCooldown: { attribute: 'resend-cooldown', type: Number },
    step: { state: true },
  };
  static override styles = [hostBase, cardStyles, signInStyles];

  /** Where to go after signing in; passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  /** Where "Create an account" leads; the link is hidden without it (unless slotted). */
  declare signUpUrl: string | undefined;
  /** Where "Forgot password?" leads; the link is hidden without it (unless slotted). */
  declare forgotPasswordUrl: string | undefined;
  /**
   * The ways to sign in offered besides the password, space-separated: `passkey`, `magic-link`,
   * `social`, `sso`. All of them when the attribute is absent; none when it is empty
   * (`methods=""`: the password alone, as on `<janua-sign-up>`). Each also needs the server (and,
   * for passkeys, the browser) to support it.
   */
  declare methods: string | undefined;
  /** Seconds before a sign-in link can be sent again (the server's `Retry-After` wins when it gives one). */
  declare resendCooldown: number;
  private declare step: 'form' | 'link-sent';
  /** The status of the last update, to see it change. */
  private seen: string | undefined;
  /** `redirect-url` has been followed (or announced) once; never again from this element. */
  private redirected = false;
  /** The address a link was sent to (shown on the "check your email" step). */
  private linkEmail = '';
  private returnChecked = false;

  private readonly form = new FormController(this, {
    // `/sso/discover` failed even when asked again: the password stayed here, and the form says why.
    describe: (error) => (this.sso.failed(error) ? this.t('sso.unknown') : undefined),
  });
  private readonly cooldown = new Cooldown(this);
  private readonly social = new SocialButtons(this, this.form, () => this.offers('social'));
  private readonly sso = new SsoLookup(this, () => this.offers('sso'), (slug) => this.ssoChanged(slug));
  private readonly onForgotPasswordClick = announceLink(this, 'forgot-password');
  private readonly onSignUpClick = announceLink(this, 'sign-up');
  private readonly autofill: PasskeyAutofill;
  private readonly mfa = new MfaStep(this, (userId, client) => void this.mfaVerified(userId, client), () => void this.backToForm());
  /** The modal passkey ceremony in progress, withdrawn if the card leaves the page. */
  private ceremony: AbortController | undefined;

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.signUpUrl = undefined;
    this.forgotPasswordUrl = undefined;
    this.methods = undefined;
    this.resendCooldown = 30;
    this.step = 'form';
    new LightRegion(this, 'form', () => (this.left ? nothing : this.renderRegion()));
    // After the region: conditional mediation needs the `webauthn` input in the page.
    this.autofill = new PasskeyAutofill(this, () => this.autofillWanted,
      (client, result) => void this.completed(client, result, false), (error) => void this.form.fail(error));
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

  private offers(method: SignInMethod): boolean {
    // Absent (undefined, or null once the attribute is removed) offers every method; empty, none.
    const listed = this.methods == null ? ALL_METHODS : this.methods.trim().split(/\s+/);
    return listed.includes(method);
  }

  private get passkeysOffered(): boolean {
    return this.offers('passkey') && supportsPasskeys();
  }

  private get autofillWanted(): boolean {
    return this.passkeysOffered && !this.signedIn && !this.mfa.held && this.step === 'form' && !this.form.pending;
  }

  /** Focuses the first field of the current step (or, once done, the heading), as `delegatesFocus` would. */
  override focus(options?: FocusOptions): void {
    const challenge = this.mfa.element;
    if (challenge) return challenge.focus(options);
    if (this.step === 'form' && this.form.focusFirstField(options)) return;
    this.renderRoot?.querySelector<HTMLElement>('.heading')?.focus(options);
  }

  /** Submits the form the way a click on its button would, running native validation first. */
  submit(): void {
    this.form.form?.requestSubmit();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    cards.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cards.delete(this);
    this.ceremony?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const status = this.auth.status;
    // Signed out again (here or in another tab): the form comes back clean.
    if (this.seen === 'signed-in' && status === 'signed-out') {
      this.left = false;
      this.step = 'form';
      this.form.reset();
    }
    // The second-factor step owns this sign-in: announced here when it was the step's own code
    // (`mfaVerified`), and there by an element elsewhere that verified it. Never twice.
    if (status === 'signed-in' && this.mfa.held) this.redirected = true;
    this.seen = status;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const client = this.auth.client;
    // Back from a social provider or an identity provider: read what it says, once.
    if (client && !this.returnChecked) {
      this.returnChecked = true;
      const href = returnAddress();
      if (href) void this.readReturn(client, href);
    }
    // Already signed in when the page loaded (or in another tab): where a signed-in visitor of a
    // sign-in page belongs is `redirect-url`, as with Clerk's SignIn.
    if (this.signedIn && this.redirectUrl && client && !this.redirected && !this.form.pending) {
      this.redirected = true;
      // Made by another card of this page (a dialog's, say) that has a redirect-url of its own:
      // that one announces it and follows it; two would push the page twice.
      if ([...cards].some((card) => card.auth.client === client && card.redirectUrl && (card.form.pending || card.mfa.held))) return;
      const url = client.resolveRedirect(this.redirectUrl);
      if (!goingRound(url)) navigate(this, url, 'signed-in');
      else console.warn(`[janua] ${url} sent this signed-in visitor back here twice: its server does not see the session`);
    }
  }

  /**
   * Any method's sign-in came back: signed in, or a second factor is owed (the step takes over).
   * `client` is the one captured when it began: the status change may already have taken the
   * element out of the page, and a detached element lets go of its client.
   */
  private async completed(client: JanuaClient, result: SignInResult, byPassword: boolean): Promise<void> {
    if (result.status === 'needs_mfa') {
      emit(this, new JanuaMfaRequiredEvent({ methods: [...result.methods] }));
      return;
    }
    this.redirected = true;
    if (byPassword) this.left = true;
    // The form leaves in the same update that says who is signed in.
    this.requestUpdate();
    if (announceSignIn(this, client, result.user, 'signed-in', this.form)) return;
    await focusHeading(this);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const client = this.auth.client;
    if (!client) return;
    const { email = '', password = '' } = this.form.values();
    const address = email.trim();
    this.autofill.stop();
    void this.form.run(async () => {
      // An SSO domain never gets a password, even one typed before the answer came; an address
      // whose lookup gets no answer (even asked twice) gets none either, until it does.
      const found = await this.sso.settle(address);
      if (found.sso && found.organizationSlug) {
        const { url } = await startSso(client, { organizationSlug: found.organizationSlug, returnTo: location.href });
        navigate(this, url, 'sso');
        return;
      }
      await this.completed(client, await client.signIn({ email: address, password }), true);
    });
  }

  private onPasskey(): void {
    const client = this.auth.client;
    if (!client) return;
    this.autofill.stop();
    const input = this.form.form?.elements.namedItem('email');
    const email = input instanceof HTMLInputElement && input.value.trim() && input.validity.valid ? input.value.trim() : undefined;
    const ceremony = (this.ceremony = new AbortController());
    void this.form.run(async () => {
      let result: SignInResult;
      try {
        const { passkeySignIn } = await import('./passkey-path.ts');
        result = await passkeySignIn(client, { ...(email ? { email } : {}), signal: ceremony.signal });
      } catch (error) {
        if (!JanuaError.is(error) || !QUIET.includes(error.code)) throw error;
        if (this.isConnected) {
          this.form.setNotice(this.t(error.code === 'PASSKEY_CANCELLED' ? 'signIn.passkeyCancelled' : 'signIn.passkeyUnavailable'));
        }
        return;
      } finally {
        if (this.ceremony === ceremony) this.ceremony = undefined;
      }
      await this.completed(client, result, false);
    });
  }

  /**
   * The password field gave way to SSO (or came back): said in the polite region, as other step
   * changes are; the field's own hint says it too. Not while a submit runs: it speaks for itself.
   */
  private ssoChanged(slug: string | null): void {
    if (this.form.pending || this.form.message) return;
    const found = this.t('sso.found');
    if (slug) this.form.setNotice(found);
    else if (this.form.notice === found) this.form.setNotice('');
  }

  /** The address in the field, once native validation accepts it (its message shows otherwise). */
  private validEmail(): string | null {
    const input = this.form.form?.elements.namedItem('email');
    if (!(input instanceof HTMLInputElement)) return null;
    if (!input.checkValidity()) return null;
    return input.value.trim();
  }

  private sendLink(resend: boolean): void {
    const client = this.auth.client;
    const email = resend ? this.linkEmail : this.validEmail();
    if (!client || !email) return;
    const redirectUrl = this.redirectUrl ? new URL(client.resolveRedirect(this.redirectUrl), location.href).href : undefined;
    void this.form.run(async () => {
      try {
        await requestMagicLink(client, { email, ...(redirectUrl ? { redirectUrl } : {}) });
      } catch (error) {
        if (JanuaError.is(error) && error.retryAfter) this.cooldown.start(error.retryAfter);
        throw error;
      }
      this.cooldown.start(this.resendCooldown);
      emit(this, new JanuaMagicLinkSentEvent());
      if (resend) {
        this.form.setNotice(this.t('magicLink.resent'));
        return;
      }
      this.autofill.stop();
      this.linkEmail = email;
      this.step = 'link-sent';
      await focusHeading(this);
    });
  }

  private async backToForm(): Promise<void> {
    this.step = 'form';
    this.form.reset();
    await this.updateComplete;
    this.form.focusFirstField();
  }

  private async mfaVerified(userId: string, client: JanuaClient | undefined): Promise<void> {
    const user = client?.getSnapshot().user;
    this.left = true;
    this.requestUpdate();
    if (!client || !user || user.id !== userId) return;
    if (announceSignIn(this, client, user, 'signed-in', this.form)) return;
    await focusHeading(this);
  }

  private async readReturn(client: JanuaClient, href: string): Promise<void> {
    await this.form.run(async () => {
      this.form.setNotice(this.t('social.returning'));
      const { takeAuthReturn } = await import('../internal/auth-return.ts');
      const result = await takeAuthReturn(client, href);
      this.form.setNotice('');
      if (!result) return;
      if (result.status === 'error') throw result.error;
      await this.completed(client, result.status === 'complete' ? { status: 'complete', user: result.user }
        : { status: 'needs_mfa', mfaToken: '', methods: result.methods }, false);
    });
  }

  private renderRegion(): TemplateResult {
    const showMfa = this.mfa.held;
    return html`${this.renderForm(showMfa || this.step !== 'form' || this.signedIn)}
      ${this.step === 'link-sent' && !showMfa && !this.signedIn ? this.renderLinkSent() : nothing}
      ${this.mfa.render()}`;
  }

  private renderForm(hidden: boolean): TemplateResult {
    const f = this.form;
    const sso = this.offers('sso') ? this.sso.slug : null;
    const passkey = this.passkeysOffered;
    const link = this.offers('magic-link') && !sso;
    const others = passkey || link || this.social.shown;
    return html`<form class="janua-form" method="post" ?hidden=${hidden} @submit=${this.onSubmit} @invalid=${f.onInvalid}>
        <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
          ${f.input({ name: 'email', type: 'email', label: this.t('field.email'),
            autocomplete: passkey && this.autofill.offered ? 'username webauthn' : 'username', required: true, spellcheck: false,
            onInput: this.sso.onInput, hint: sso ? html`<span class="janua-sso-hint">${this.t('sso.hint')}</span>` : undefined })}
          ${sso ? nothing : f.input({ name: 'password', type: 'password',
            label: this.t('field.password'), autocomplete: 'current-password', required: true })}
          ${sso ? f.submit({ label: this.t('sso.submit'), pendingLabel: this.t('sso.pending') })
            : f.submit({ label: this.t('signIn.submit'), pendingLabel: this.t('signIn.pending') })}
        </fieldset>
      </form>
      ${others ? html`<div class="janua-alternatives" role="group" aria-label=${this.t('signIn.otherWays')} ?hidden=${hidden}>
        <janua-divider label=${this.t('common.or')}></janua-divider>
        ${passkey ? html`<button type="button" class="janua-button janua-passkey-button" data-variant="secondary"
          ?disabled=${f.pending} @click=${this.onPasskey}>${this.t('signIn.passkey')}</button>` : nothing}
        ${link ? html`<button type="button" class="janua-button janua-magic-link-button" data-variant="secondary"
          ?disabled=${f.pending} @click=${() => this.sendLink(false)}>${this.t('signIn.magicLink')}</button>` : nothing}
        ${this.social.render()}
      </div>` : nothing}`;
  }

  private renderLinkSent(): TemplateResult {
    const wait = this.cooldown.remaining;
    const f = this.form;
    return html`<div class="janua-link-sent">
      <button type="button" class="janua-button janua-resend-button" data-variant="secondary" ?disabled=${f.pending || wait > 0}
        @click=${() => this.sendLink(true)}>${wait > 0 ? this.t('magicLink.resendIn', { seconds: wait }) : this.t('magicLink.resend')}</button>
      <button type="button" class="janua-button janua-back-button" data-variant="ghost" ?disabled=${f.pending}
        @click=${() => void this.backToForm()}>${this.t('magicLink.back')}</button>
    </div>`;
  }

  private renderFooter(): TemplateResult | typeof nothing {
    if (this.signedIn || this.step !== 'form') return nothing;
    const forgot = this.sso.slug ? undefined : this.forgotPasswordUrl;
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
    // The second-factor step wears its own card; this one steps aside meanwhile.
    if (this.mfa.held) return html`<slot></slot>`;
    const user = this.signedIn ? this.auth.snapshot?.user : null;
    const sent = !user && this.step === 'link-sent';
    return card({
      host: this,
      heading: user ? this.t('signedIn.title') : sent ? this.t('magicLink.sentTitle')
        : this.appName ? this.t('signIn.titleApp', { app: this.appName }) : this.t('signIn.title'),
      subtitle: user ? this.t('signedIn.as', { name: displayName(user) })
        : sent ? this.t('magicLink.sentSubtitle', { email: this.linkEmail }) : this.t('signIn.subtitle'),
      form: this.form,
      body: user ? signedInBody(this) : html`<slot></slot>`,
      footer: this.renderFooter(),
    });
  }
}
