import { html, nothing, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { enPassword, enSignUp, PASSWORD_RULES, type JanuaClient, type PartialCatalog, type SignInResult } from '@janua/core';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { announceSignIn, card, CardChrome, cardRow, displayName, focusHeading, noClient, signedInBody } from '../internal/card.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { announceLink, emit, JanuaMfaRequiredEvent, JanuaSignedUpEvent } from '../internal/events.ts';
import { FormController } from '../internal/form-controller.ts';
import { nameOrder } from '../internal/person-name.ts';
import { strengthHint } from '../internal/strength.ts';
import { LightRegion } from '../internal/light-region.ts';
import { MfaStep } from '../internal/mfa-step.ts';
import { SocialButtons } from '../internal/providers.ts';
import { returnAddress } from '../internal/return-check.ts';
import { fieldsConverter, metadataOf, renderField, usableFields, type SignUpField } from './fields.ts';
import { hostBase } from '../internal/styles.ts';
import { passwordStrength, type Strength } from './strength.ts';
import { signUpStyles } from './sign-up.styles.ts';

/**
 * The card, heading, alert and link are in the shadow root and styled through the parts below.
 * The form itself is in light DOM, where `::part()` cannot reach; its stable hooks are classes:
 * `janua-form`, `janua-row` (the name fields side by side), `janua-field` and
 * `janua-field-<name>`, `janua-label`, `janua-optional`, `janua-input`, `janua-hint` (password
 * rules and strength), `janua-strength`, `janua-field-error`, `janua-reveal` and
 * `janua-submit` and `janua-button` (the native submit `<button>`). Select them under the tag, e.g.
 * `janua-sign-up .janua-hint`. Extra fields (`fields`) are `janua-field-<name>`; the social buttons
 * under the form are `janua-alternatives`, `janua-providers` and `janua-provider-button`.
 *
 * @summary Account creation: name, email and a new password with a live strength hint and the
 * server's password rules. Inputs live in light DOM so password managers offer to save them.
 * @tag janua-sign-up
 * @slot logo - Above the heading; by default the `logo-url` image, if set.
 * @csspart logo - The `logo-url` image (when the `logo` slot is not filled).
 * @csspart next - Signed in: the box with the continue link, "Not you?" and the sign-out button.
 * @csspart continue-link - Signed in: the link on to `redirect-url`.
 * @csspart sign-out-button - Signed in: the sign-out button's own `button` part.
 * @slot header - Replaces the heading and subtitle.
 * @slot sign-in-link - Replaces the "Sign in" link.
 * @slot footer - Replaces the whole footer line.
 * @slot legal - Terms and privacy links (or any text) shown under the form.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused after success).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - The form-level message region.
 * @csspart footer - The line with the sign-in link.
 * @csspart sign-in-link - The default sign-in link (when `sign-in-url` is set).
 * @csspart legal - The row around the `legal` slot (hidden while nothing is slotted).
 * @cssprop [--janua-sign-up-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-sign-up-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-sign-up-max-width=26rem] - Card width limit.
 * @cssstate pending - A sign-up request is in flight.
 * @event {JanuaSignedUpEvent} janua-signed-up - The account was created; `detail.userId`.
 * @event {JanuaSignedInEvent} janua-signed-in - The new account is signed in; `detail.userId`.
 * @event {JanuaMfaRequiredEvent} janua-mfa-required - The server wants a second factor before the
 * session opens; the challenge waits in the client (`client.getSnapshot().pending`).
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; about to go to `detail.url`: after sign-up (`redirect-url`, guarded;
 * `reason: 'signed-up'`), to a social provider (`'social'`), or on a plain click of the default sign-in link (`reason: 'sign-in'`).
 * Cancel it to route with your own router.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaSignUp extends CardChrome(JanuaAuthElement) {
  static override properties: PropertyDeclarations = {
    redirectUrl: { attribute: 'redirect-url' },
    signInUrl: { attribute: 'sign-in-url' },
    fields: { converter: fieldsConverter },
    methods: {},
    strength: { state: true },
  };
  static override styles = [hostBase, cardStyles, signUpStyles];
  static override messages: PartialCatalog = { ...enPassword, ...enSignUp };

  /** Where to go after signing up; passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  /** Where "Sign in" leads; the link is hidden without it (unless slotted). */
  declare signInUrl: string | undefined;
  /**
   * Extra fields after the password, whose values reach the server as the account's `metadata`:
   * `[{name, label, type?: 'text'|'email'|'tel'|'url'|'select'|'checkbox', required?, options?,
   * pattern?, minlength?, maxlength?, invalidMessage?, hint?, autocomplete?, value?, checked?}]`.
   * Labels, hints, options and messages are a string or one per language (`{en: '…', fr: '…'}`).
   * As an attribute, JSON.
   */
  declare fields: SignUpField[];
  /** `social` (the default) shows the server's social providers under the form; an empty value shows none. */
  declare methods: string | undefined;
  private seen: string | undefined;
  private declare strength: Strength;

  private readonly form = new FormController(this, {
    codeFields: { EMAIL_TAKEN: 'email', WEAK_PASSWORD: 'password' },
  });
  private readonly onSignInClick = announceLink(this, 'sign-in');
  private readonly social = new SocialButtons(this, this.form, () => (this.methods ?? 'social').split(/\s+/).includes('social'));
  private readonly mfa = new MfaStep(this, (userId, client) => void this.mfaVerified(userId, client), () => this.requestUpdate(), 'own');
  private returnChecked = false;

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.signInUrl = undefined;
    this.fields = [];
    this.methods = undefined;
    this.strength = 'empty';
    new LightRegion(this, 'form', () => (this.left ? nothing
      : html`${this.renderForm()}${this.social.shown ? html`<div class="janua-alternatives" ?hidden=${this.signedIn || this.mfa.held}>
        <janua-divider label=${this.t('common.or')}></janua-divider>${this.social.render()}</div>` : nothing}${this.mfa.render()}`));
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
    if (this.seen === 'signed-in' && status === 'signed-out') {
      this.strength = 'empty';
      this.left = false;
      this.form.reset();
    }
    this.seen = status;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const client = this.auth.client;
    // A social sign-up comes back to this page: read what the provider said, once.
    if (client && !this.returnChecked) {
      this.returnChecked = true;
      const href = returnAddress();
      if (href) void this.readReturn(client, href);
    }
  }

  private async readReturn(client: JanuaClient, href: string): Promise<void> {
    await this.form.run(async () => {
      this.form.setNotice(this.t('social.returning'));
      const { takeAuthReturn } = await import('../internal/auth-return.ts');
      const result = await takeAuthReturn(client, href);
      this.form.setNotice('');
      if (!result) return;
      if (result.status === 'error') throw result.error;
      if (result.status === 'needs_mfa') {
        this.mfa.claim();
        emit(this, new JanuaMfaRequiredEvent({ methods: [...result.methods] }));
        return;
      }
      await this.finish(client, { status: 'complete', user: result.user }, false);
    });
  }

  private async mfaVerified(userId: string, client: JanuaClient | undefined): Promise<void> {
    const user = client?.getSnapshot().user;
    if (client && user?.id === userId) await this.finish(client, { status: 'complete', user }, false);
  }

  private async finish(client: JanuaClient, result: Extract<SignInResult, { status: 'complete' }>, created: boolean): Promise<void> {
    if (created) emit(this, new JanuaSignedUpEvent({ userId: result.user.id }));
    this.left = created;
    this.requestUpdate();
    if (announceSignIn(this, client, result.user, created ? 'signed-up' : 'signed-in', this.form)) return;
    await focusHeading(this);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const client = this.auth.client;
    if (!client) return;
    const v = this.form.values();
    const metadata = metadataOf(usableFields(this.fields), v);
    void this.form.run(async () => {
      const result = await client.signUp({
        email: (v.email ?? '').trim(),
        password: v.password ?? '',
        firstName: v.first_name?.trim() || undefined,
        lastName: v.last_name?.trim() || undefined,
        locale: baseLocale(this.l10n.lang),
        ...(metadata ? { metadata } : {}),
      });
      if (result.status === 'needs_mfa') {
        this.form.setNotice(this.t('signIn.mfaRequired'));
        this.mfa.claim();
        emit(this, new JanuaMfaRequiredEvent({ methods: [...result.methods] }));
        return;
      }
      await this.finish(client, result, true);
    });
  }

  private renderForm(): TemplateResult {
    const f = this.form;
    const rules = this.t('field.passwordRules', { min: PASSWORD_RULES.minLength, max: PASSWORD_RULES.maxLength });
    const lang = this.l10n.lang;
    return html`<form class="janua-form" method="post" ?hidden=${this.signedIn || this.mfa.held} @submit=${this.onSubmit} @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" role="none" ?disabled=${f.pending}>
        <div class="janua-row">
          ${nameOrder(this, f.input({ name: 'first_name', label: this.t('field.firstName'), autocomplete: 'given-name', optional: true, maxlength: 100 }),
            f.input({ name: 'last_name', label: this.t('field.lastName'), autocomplete: 'family-name', optional: true, maxlength: 100 }))}
        </div>
        ${f.input({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'username', required: true, spellcheck: false })}
        ${f.input({
          name: 'password', type: 'password', label: this.t('field.newPassword'), autocomplete: 'new-password',
          required: true, minlength: PASSWORD_RULES.minLength, maxlength: PASSWORD_RULES.maxLength,
          hint: html`${rules} ${strengthHint(this, this.strength)}`,
          onInput: (e) => { this.strength = passwordStrength((e.target as HTMLInputElement).value); },
        })}
        ${usableFields(this.fields).map((field) => renderField(this, f, field, lang))}
        ${f.submit({ label: this.t('signUp.submit'), pendingLabel: this.t('signUp.pending') })}
      </fieldset>
    </form>`;
  }

  private renderFooter(): TemplateResult | typeof nothing {
    if (this.signedIn) return nothing;
    const signIn = this.signInUrl;
    return cardRow(this, {
      cls: 'footer', part: 'footer', slots: ['footer', 'sign-in-link'], filled: Boolean(signIn),
      content: html`<slot name="footer">${signIn ? html`<span>${this.t('signUp.haveAccount')}</span>` : nothing}<slot
        name="sign-in-link">${signIn ? html`<a part="sign-in-link" href=${signIn} @click=${this.onSignInClick}>${this.t('signUp.signInLink')}</a>` : nothing}</slot></slot>`,
    });
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) return noClient(this);
    // A returning social sign-in that owes a second factor: the step wears its own card.
    if (this.mfa.held) return html`<slot></slot>`;
    const user = this.signedIn ? this.auth.snapshot?.user : null;
    return card({
      host: this,
      heading: user ? this.t('signedIn.title')
        : this.appName ? this.t('signUp.titleApp', { app: this.appName }) : this.t('signUp.title'),
      subtitle: user ? this.t('signedIn.as', { name: displayName(user) }) : this.t('signUp.subtitle'),
      form: this.form,
      body: user ? signedInBody(this) : html`<slot></slot>${cardRow(this, {
        cls: 'legal', part: 'legal', slots: ['legal'], filled: false, content: html`<slot name="legal"></slot>`,
      })}`,
      footer: this.renderFooter(),
    });
  }
}

/**
 * The account's language as the server stores it: language[-script][-region] only (`fr-fr` →
 * `fr-FR`, `en-US-u-hc-h23` → `en-US`). Extensions and private use describe the page's
 * formatting, not the person, and the server refuses them; a tag the browser cannot read is
 * left out rather than sent.
 */
function baseLocale(tag: string): string | undefined {
  try {
    const { language, script, region } = new Intl.Locale(tag);
    return [language, script, region].filter(Boolean).join('-');
  } catch {
    return undefined;
  }
}
