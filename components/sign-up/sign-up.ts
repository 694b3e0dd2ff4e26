import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { PASSWORD_RULES } from '@janua/core';
import { JanuaFormElement } from '../internal/form-element.ts';
import { announceLink, emit, JanuaSignedUpEvent } from '../internal/events.ts';
import { passwordStrength, type Strength } from './strength.ts';
import { signUpStyles } from './sign-up.styles.ts';

/**
 * The card, heading, alert and link are in the shadow root and styled through the parts below.
 * The form itself is in light DOM, where `::part()` cannot reach; its stable hooks are classes:
 * `janua-form`, `janua-row` (the name fields side by side), `janua-field` and
 * `janua-field-<name>`, `janua-label`, `janua-optional`, `janua-input`, `janua-hint` (password
 * rules and strength), `janua-strength`, `janua-field-error`, `janua-reveal`, `janua-submit` (the
 * `<janua-button>`) and `janua-button` (its native `<button>`). Select them under the tag, e.g.
 * `janua-sign-up .janua-hint`.
 *
 * @summary Account creation: name, email and a new password with a live strength hint and the
 * server's password rules. Inputs live in light DOM so password managers offer to save them.
 * @tag janua-sign-up
 * @slot header - Replaces the heading and subtitle.
 * @slot sign-in-link - Replaces the "Sign in" link.
 * @slot footer - Replaces the whole footer line.
 * @csspart card - The surface around everything.
 * @csspart header - The heading area.
 * @csspart heading - The heading (focused after success).
 * @csspart subtitle - The line under the heading.
 * @csspart alert - The form-level message region.
 * @csspart footer - The line with the sign-in link.
 * @csspart sign-in-link - The default sign-in link (when `sign-in-url` is set).
 * @cssprop [--janua-sign-up-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-sign-up-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-sign-up-max-width=28rem] - Card width limit.
 * @cssstate pending - A sign-up request is in flight.
 * @event janua-signed-up - The account was created; `detail.userId`.
 * @event janua-signed-in - The new account is signed in; `detail.userId`.
 * @event janua-navigate - Cancelable; about to go to `detail.url`: after sign-up (`redirect-url`, guarded;
 * `reason: 'signed-up'`) or on a plain click of the default sign-in link (`reason: 'sign-in'`).
 * Cancel it to route with your own router.
 * @event janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaSignUp extends JanuaFormElement {
  static override properties: PropertyDeclarations = {
    ...JanuaFormElement.properties,
    signInUrl: { attribute: 'sign-in-url' },
    strength: { state: true },
  };
  static override styles = [...JanuaFormElement.styles, signUpStyles];

  /** Where "Sign in" leads; the link is hidden without it (unless slotted). */
  declare signInUrl: string | undefined;
  private declare strength: Strength;

  protected readonly titleKey = 'signUp.title';
  protected readonly subtitleKey = 'signUp.subtitle';
  private readonly onSignInClick = announceLink(this, 'sign-in');

  constructor() {
    super();
    this.signInUrl = undefined;
    this.strength = 'empty';
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const client = this.auth.client;
    if (!client) return;
    const v = this.light.values();
    void this.run(async () => {
      const result = await client.signUp({
        email: (v.email ?? '').trim(),
        password: v.password ?? '',
        firstName: v.first_name?.trim() || undefined,
        lastName: v.last_name?.trim() || undefined,
        locale: baseLocale(this.l10n.lang),
      });
      const user = result.status === 'complete' ? result.user : null;
      if (!user) return;
      emit(this, new JanuaSignedUpEvent({ userId: user.id }));
      await this.finish(client, user, 'signed-up');
    });
  }

  protected renderForm(): TemplateResult {
    const f = this.light;
    const rules = this.t('field.passwordRules', { min: PASSWORD_RULES.minLength, max: PASSWORD_RULES.maxLength });
    const optional = this.t('field.optional');
    return html`<form class="janua-form" method="post" @submit=${this.onSubmit}
      @invalid=${f.onInvalid}>
      <fieldset class="janua-fieldset" ?disabled=${this.pending}>
        <div class="janua-row">
          ${f.field({ name: 'first_name', label: this.t('field.firstName'), autocomplete: 'given-name', optional, maxlength: 100 })}
          ${f.field({ name: 'last_name', label: this.t('field.lastName'), autocomplete: 'family-name', optional, maxlength: 100 })}
        </div>
        ${f.field({ name: 'email', type: 'email', label: this.t('field.email'), autocomplete: 'username', required: true })}
        ${f.field({
          name: 'password', type: 'password', label: this.t('field.newPassword'), autocomplete: 'new-password',
          required: true, minlength: PASSWORD_RULES.minLength, maxlength: PASSWORD_RULES.maxLength,
          hint: html`${rules} <span class="janua-strength" data-strength=${this.strength}
            aria-live="polite">${this.t(`strength.${this.strength}`)}</span>`,
          onInput: (e) => { this.strength = passwordStrength((e.target as HTMLInputElement).value); },
        })}
        <janua-button class="janua-submit" type="submit" .pending=${this.pending}
          .label=${this.t('signUp.submit')} .pendingLabel=${this.t('signUp.pending')}></janua-button>
      </fieldset>
    </form>`;
  }

  protected renderFooter(): TemplateResult {
    return html`<p class="footer" part="footer"><slot name="footer">${this.signInUrl
      ? html`<span>${this.t('signUp.haveAccount')}</span><slot name="sign-in-link"><a part="sign-in-link" href=${this.signInUrl} @click=${this.onSignInClick}>${this.t('signUp.signInLink')}</a></slot>`
      : html`<slot name="sign-in-link"></slot>`}</slot></p>`;
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
