import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaError, errorKey, type JanuaClient, type MessageKey, type User } from '@janua/core';
import { JanuaAuthElement } from './auth-element.ts';
import { LightForm } from './light-form.ts';
import { emit, JanuaErrorEvent, JanuaSignedInEvent, navigate, type NavigateReason } from './events.ts';
import { hostBase } from './styles.ts';
import { cardStyles } from './card.styles.ts';

/** Server error codes that belong under one field rather than above the form. */
const FIELD_OF_CODE: Record<string, string> = { EMAIL_TAKEN: 'email', WEAK_PASSWORD: 'password' };
/** The server names fields in snake_case; the client may hand them over in camelCase. */
const FIELD_ALIASES: Record<string, string> = { firstName: 'first_name', lastName: 'last_name', new_password: 'password' };

/**
 * Shared behaviour of the credential forms: card chrome in shadow DOM, the form itself in light
 * DOM, pending state, error placement and focus, and what happens after success.
 */
export abstract class JanuaFormElement extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    ...JanuaAuthElement.properties,
    redirectUrl: { attribute: 'redirect-url' },
    pending: { state: true },
    formError: { state: true },
    notice: { state: true },
    completed: { state: true },
  };

  static override styles = [hostBase, cardStyles];

  /** Where to go after success; passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  protected declare pending: boolean;
  protected declare formError: string;
  protected declare notice: string;
  protected declare completed: boolean;

  protected readonly light = new LightForm(this, () => (this.completed ? nothing : this.renderForm()),
    (key, params) => this.t(key, params));

  protected abstract readonly titleKey: MessageKey;
  protected abstract readonly subtitleKey: MessageKey;
  protected abstract renderForm(): TemplateResult;
  protected abstract renderFooter(): TemplateResult | typeof nothing;

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.pending = false;
    this.formError = '';
    this.notice = '';
    this.completed = false;
  }

  protected override willUpdate(): void {
    // Signed out again (here or in another tab): the confirmation is stale, bring the form back.
    if (this.completed && this.auth.status === 'signed-out') {
      this.completed = false;
      this.notice = '';
    }
  }

  /** Focuses the first field (or, once done, the heading), as `delegatesFocus` would. */
  override focus(options?: FocusOptions): void {
    const target = this.light.form?.querySelector('input') ?? this.renderRoot?.querySelector<HTMLElement>('.heading');
    target?.focus(options);
  }

  /** Submits the form the way a click on its button would, running native validation first. */
  submit(): void {
    this.light.form?.requestSubmit();
  }

  /** Runs a submit: one call in flight, everything disabled meanwhile, errors placed and focused. */
  protected async run(action: () => Promise<void>): Promise<void> {
    if (this.pending) return;
    this.pending = true;
    this.formError = '';
    this.notice = '';
    this.light.setErrors({});
    this.light.concealAll();
    this.setState('pending', true);
    let failure: { error: unknown } | null = null;
    try {
      await action();
    } catch (error) {
      failure = { error };
    } finally {
      this.pending = false;
      this.setState('pending', false);
    }
    // After `pending` is off: a field inside the disabled fieldset could not take focus.
    if (failure) await this.showError(failure.error);
  }

  private async showError(error: unknown): Promise<void> {
    const e = JanuaError.is(error) ? error : null;
    // Not a server or network answer but a defect: the user gets the generic message, developers the details.
    if (!e) console.error('[janua]', error);
    const code = e?.code ?? 'generic';
    const fields: Record<string, string> = {};
    for (const [name, message] of Object.entries(e?.fieldErrors ?? {})) fields[FIELD_ALIASES[name] ?? name] = message;
    const fieldOfCode = FIELD_OF_CODE[code];
    const message = code === 'RATE_LIMITED' && e?.retryAfter
      ? this.t('error.RATE_LIMITED_RETRY', { seconds: e.retryAfter })
      : this.t(errorKey(code));
    if (fieldOfCode && !fields[fieldOfCode]) fields[fieldOfCode] = message;
    // Errors about values the user cannot see (no such input) go to the alert, or they would be lost.
    const unseen = Object.entries(fields).filter(([name]) => !this.light.form?.elements.namedItem(name));
    this.light.setErrors(fields);
    // A field error says it all under its field; the alert then only sums up.
    this.formError = [fieldOfCode ? '' : message, ...unseen.map(([name, text]) => `${name}: ${text}`)]
      .filter(Boolean).join(' ');
    emit(this, new JanuaErrorEvent({ code, status: e?.status ?? 0, retryAfter: e?.retryAfter ?? null }));
    // Taken out of the page meanwhile: there is nobody to show it to, and nothing to focus.
    if (!this.isConnected) return;
    await this.updateComplete;
    if (!this.isConnected) return;
    if (!this.light.focusFirstInvalid()) this.renderRoot.querySelector<HTMLElement>('janua-alert')?.focus();
  }

  /**
   * After a sign-in or sign-up: announce it, then navigate or show the confirmation. `client` is
   * the one captured at submit: the status change may already have taken this element out of
   * the page, and a detached element lets go of its client.
   */
  protected async finish(client: JanuaClient, user: User, reason: NavigateReason): Promise<void> {
    emit(this, new JanuaSignedInEvent({ userId: user.id }));
    if (this.redirectUrl) {
      const url = client.resolveRedirect(this.redirectUrl);
      this.notice = this.t('signedIn.redirecting');
      if (navigate(this, url, reason)) return;
    }
    // Taking the form out of the page is what makes browsers offer to save the password.
    this.completed = true;
    if (!this.isConnected) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
  }

  protected override render(): TemplateResult {
    if (!this.auth.client) {
      const key = this.auth.problem === 'invalid-api' ? 'common.invalidApi' : 'common.noClient';
      return html`<janua-alert part="alert" variant="error" .message=${this.t(key)}></janua-alert>`;
    }
    const user = this.auth.snapshot?.user;
    const name = user ? [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email : '';
    return html`<div class="card" part="card">
      <div class="header" part="header">
        <slot name="header">
          <h2 class="heading" part="heading" tabindex="-1">${this.completed ? this.t('signedIn.title') : this.t(this.titleKey)}</h2>
          <p class="subtitle" part="subtitle">${this.completed
            ? this.t('signedIn.as', { name }) : this.t(this.subtitleKey)}</p>
        </slot>
      </div>
      <janua-alert part="alert" variant=${this.formError ? 'error' : 'info'}
        .message=${this.formError || this.notice}></janua-alert>
      <slot></slot>
      ${this.completed ? nothing : this.renderFooter()}
    </div>`;
  }
}
