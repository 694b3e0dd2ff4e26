import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { JanuaError, errorKey, type ApiValidationError, type MessageKey } from '@janua/core';
import { emit, JanuaErrorEvent } from './events.ts';
import { uid } from './ids.ts';
import type { LocalizeController } from './localize.ts';
import { deepActive, type JanuaElement } from './janua-element.ts';

type Params = Record<string, string | number>;

export interface FormOptions {
  /** Server error code → the input it is about (`EMAIL_TAKEN` → `email`), shown under that field. */
  codeFields?: Record<string, string>;
  /** Server field name → this form's input name, where they differ (`new_password` → `password`). */
  aliases?: Record<string, string>;
  /**
   * A message of the element's own for an error it knows better than the catalog (a reused
   * one-time code, say); `undefined` leaves the catalog's message for the code.
   */
  describe?: (error: JanuaError) => string | undefined;
  /**
   * Finds the host's form (default `form.janua-form`, the first in the host). An element that
   * holds other Janua elements in its light DOM narrows it (`:scope > .janua-region > form`), so
   * a child's form is never taken for its own.
   */
  selector?: string;
  /** The alert that takes focus after a form-level error (default: the host's first `janua-alert`). */
  alert?: string;
}

interface FieldBase {
  /** The `name` the server knows the value by (`email`, `password`, `first_name`, …). */
  name: string;
  label: string;
  required?: boolean;
  /** Adds "(optional)" to the label. */
  optional?: boolean;
  hint?: string | TemplateResult;
  /** The id of text outside the field that says what to type (the step's instructions), read first. */
  describedBy?: string;
  disabled?: boolean;
}

export interface InputField extends FieldBase {
  type?: 'text' | 'email' | 'password' | 'tel' | 'url';
  autocomplete: string;
  /** Prefills the field (its default value: what the user types afterwards is kept). */
  value?: string;
  inputmode?: 'text' | 'numeric' | 'email' | 'tel' | 'url';
  pattern?: string;
  minlength?: number;
  maxlength?: number;
  spellcheck?: boolean;
  onInput?: (event: InputEvent) => void;
  /** Shown instead of the generic "Check this field." when the value does not match `pattern`. */
  invalidMessage?: string;
}

export interface CheckboxField extends FieldBase {
  checked?: boolean;
}

export interface SelectField extends FieldBase {
  options: readonly { value: string; label: string }[];
  value?: string;
  autocomplete?: string;
}

export interface SubmitOptions {
  label: string;
  pendingLabel: string;
}

/** What a form element is to its form controller. */
export type FormHost = JanuaElement & { readonly l10n: LocalizeController };

/**
 * One light-DOM form's state and behaviour: the pending request, field and form-level errors,
 * native validation with localized messages, server errors placed under their fields (422
 * messages localized by their `type`), and the field templates that keep `id`, `<label for>`,
 * `aria-invalid` and `aria-describedby` consistent. The host renders the templates into a
 * `LightRegion`, and reads `pending`, `message` and `notice` for its own chrome.
 */
export class FormController implements ReactiveController {
  pending = false;
  /** Field name → message shown under that field. */
  errors: Record<string, string> = {};
  /** The form-level error (shown in the card's alert). */
  message = '';
  /** The server's `details.reason` for that error ('' when none), for a host that offers a way out. */
  reason = '';
  /** A form-level status line (not an error). */
  notice = '';
  private base: string | undefined;
  private followed: string | undefined;
  private followedId = '';
  private focusQueued = false;
  /** Per-field messages for a value that does not match its pattern (`InputField.invalidMessage`). */
  private readonly invalidMessages = new Map<string, string>();
  /** Password fields the user chose to show in clear text. */
  private readonly revealed = new Set<string>();

  constructor(private readonly host: FormHost, private readonly options: FormOptions = {}) {
    host.addController(this);
  }

  hostConnected(): void {
    // Taken at first connection, so an `id` the author set on the element is kept as the base.
    this.base ??= uid(this.host);
  }

  /** The light-DOM `<form>` the host rendered (the first one in it). */
  get form(): HTMLFormElement | null {
    return this.host.querySelector(this.options.selector ?? 'form.janua-form');
  }

  /** The id of the input called `name`. */
  id(name: string): string {
    return `${this.base ??= uid(this.host)}-${name}`;
  }

  private t(key: MessageKey, params?: Params): string {
    return this.host.l10n.t(key, params);
  }

  /** The form's values by input name (a checked checkbox gives its value, `on` by default). */
  values(): Record<string, string> {
    const out: Record<string, string> = {};
    const form = this.form;
    if (form) for (const [key, value] of new FormData(form)) if (typeof value === 'string') out[key] = value;
    return out;
  }

  setErrors(errors: Record<string, string>): void {
    this.errors = errors;
    this.host.requestUpdate();
  }

  /**
   * Names the data the fields are prefilled from (`value`, their default): `id` what it is about,
   * `key` its values. Once they have rendered, the fields show them again: every field for another
   * `id` (another organization), else those the user has not changed since (a save, another tab's
   * change), so nothing typed and unsaved is lost.
   */
  follow(id: string, key: string): void {
    if (key === this.followed) return;
    const form = this.form;
    if (form && this.followed !== undefined) {
      const whole = id !== this.followedId;
      const fields = [...form.querySelectorAll('input')].filter((input) => whole || input.value === input.defaultValue);
      void this.host.updateComplete.then(() => {
        for (const input of fields) input.value = input.defaultValue;
      });
    }
    this.followed = key;
    this.followedId = id;
  }

  /** Clears errors and notices, e.g. when the element moves to another step. */
  reset(): void {
    this.errors = {};
    this.message = '';
    this.reason = '';
    this.notice = '';
    this.revealed.clear();
    this.host.requestUpdate();
  }

  setNotice(notice: string): void {
    this.notice = notice;
    this.host.requestUpdate();
  }

  /**
   * Runs a submit: one call in flight, everything disabled meanwhile, revealed passwords masked,
   * errors placed and focused. Resolves true when `action` succeeded.
   */
  async run(action: () => Promise<void>): Promise<boolean> {
    if (this.pending) return false;
    // Disabling the fieldset would drop the focus it holds to <body> for the whole request.
    const had = deepActive() as HTMLElement | null;
    const held = had && this.form?.contains(had) ? had : null;
    this.pending = true;
    this.message = '';
    this.reason = '';
    this.notice = '';
    this.errors = {};
    this.revealed.clear();
    this.host.setState('pending', true);
    this.host.requestUpdate();
    // Meanwhile the submit button's hidden twin holds it, saying what is happening.
    if (held) void this.host.updateComplete.then(() => {
      if (this.pending) this.form?.querySelector<HTMLElement>('.janua-pending-focus')?.focus({ preventScroll: true });
    });
    let failure: { error: unknown } | null = null;
    let parked = false;
    try {
      await action();
    } catch (error) {
      failure = { error };
    } finally {
      // Still on the twin (the user has not gone elsewhere meanwhile): it goes back afterwards.
      parked = Boolean(held && deepActive()?.classList.contains('janua-pending-focus'));
      this.pending = false;
      this.host.setState('pending', false);
      this.host.requestUpdate();
    }
    // After `pending` is off: a field inside the disabled fieldset could not take focus.
    if (failure) await this.fail(failure.error);
    else if (parked) void this.host.updateComplete.then(() => setTimeout(() => {
      // Back where it was, unless the host has put it somewhere since (the next step's heading).
      const now = deepActive();
      if ((!now || now === document.body) && held!.isConnected && !held!.matches(':disabled') && held!.getClientRects().length) {
        held!.focus({ preventScroll: true });
      }
    }));
    return !failure;
  }

  /** Shows an error the way a failed `run` does: under its fields, or in the alert; then focuses it. */
  async fail(error: unknown): Promise<void> {
    const e = JanuaError.is(error) ? error : null;
    // Not a server or network answer but a defect: the user gets the generic message, developers the details.
    if (!e) console.error('[janua]', error);
    const code = e?.code ?? 'generic';
    const fields = this.fieldErrors(e);
    // A code the host ties to a field; else, for a rule the server says a field broke (400), that
    // field (a wrong password in a confirmation: not also sign-in's "email and password" line).
    // A 429's wait or a 423's advice stays in the alert.
    const fieldOfCode = this.options.codeFields?.[code]
      ?? (e?.status === 400 ? Object.keys(fields).find((name) => this.form?.elements.namedItem(name)) : undefined);
    // A code's message for the reason the server gave (`details.reason`), where the host has one.
    const reasoned = `error.${code}.${e?.details['reason']}`;
    const message = (e && this.options.describe?.(e)) || (code === 'RATE_LIMITED' && e?.retryAfter
      ? this.t('error.RATE_LIMITED_RETRY', { seconds: e.retryAfter })
      : this.t(this.host.l10n.has(reasoned) ? reasoned as MessageKey : errorKey(code)));
    if (fieldOfCode && !fields[fieldOfCode]) fields[fieldOfCode] = message;
    // Errors about values the user cannot see (no such input) go to the alert, or they would be lost.
    const unseen = Object.entries(fields).filter(([name]) => !this.form?.elements.namedItem(name));
    this.errors = fields;
    // A field error says it all under its field; the alert then only sums up.
    this.message = this.host.l10n.join(fieldOfCode ? '' : message, ...unseen.map(([, text]) => text));
    this.reason = String(e?.details['reason'] ?? '');
    this.host.requestUpdate();
    emit(this.host, new JanuaErrorEvent({ code, status: e?.status ?? 0, retryAfter: e?.retryAfter ?? null }));
    // Taken out of the page meanwhile: there is nobody to show it to, and nothing to focus.
    if (!this.host.isConnected) return;
    await this.host.updateComplete;
    if (!this.host.isConnected) return;
    if (!this.focusFirstInvalid()) this.host.renderRoot.querySelector<HTMLElement>(this.options.alert ?? 'janua-alert')?.focus();
  }

  /** A 422's field errors, keyed by this form's input names, in the page's language where we know the `type`. */
  private fieldErrors(e: JanuaError | null): Record<string, string> {
    const out: Record<string, string> = {};
    const list = e?.details['validation_errors'];
    if (!Array.isArray(list)) return out;
    for (const item of list as Partial<ApiValidationError>[]) {
      if (typeof item?.field !== 'string' || typeof item.message !== 'string') continue;
      const name = this.options.aliases?.[item.field] ?? item.field;
      out[name] ??= this.localizeServerError(name, item.type ?? '', item.message);
    }
    return out;
  }

  private localizeServerError(name: string, type: string, serverMessage: string): string {
    const input = this.form?.elements.namedItem(name);
    const field = input instanceof HTMLInputElement ? input : null;
    if (type === 'min_length' && field && field.minLength > 0) return this.t('field.tooShort', { min: field.minLength });
    if (type === 'max_length' && field && field.maxLength > 0) return this.t('field.tooLong', { max: field.maxLength });
    const l10n = this.host.l10n;
    for (const key of [`validation.${type}.${name}`, `validation.${type}`]) {
      if (l10n.has(key)) return l10n.t(key as MessageKey);
    }
    // A type this kit does not know yet: the server's own words beat a vague "check this field",
    // ended like the kit's own sentences.
    return /[\p{L}\p{N})]$/u.test(serverMessage) ? `${serverMessage}.` : serverMessage;
  }

  /** Masks every revealed password again. */
  concealAll(): void {
    if (!this.revealed.size) return;
    this.revealed.clear();
    this.host.requestUpdate();
  }

  /** Moves focus to the first field with an error; returns false when there is none. */
  focusFirstInvalid(): boolean {
    const first = this.form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Already there (Enter pressed in the field itself): focus it again, or a screen reader would
    // not read the field with the error it now describes.
    if (first && (first.getRootNode() as Document | ShadowRoot).activeElement === first) first.blur();
    first?.focus();
    return Boolean(first);
  }

  /** Focuses the form's first enabled field; returns false when there is none. */
  focusFirstField(options?: FocusOptions): boolean {
    const first = this.form?.querySelector<HTMLElement>('input:not([type="hidden"]):not([hidden]):not(:disabled), select:not(:disabled)');
    first?.focus(options);
    return Boolean(first);
  }

  /**
   * For `@invalid` on the form (capture): native constraint validation still decides (`required`,
   * `type=email`, `minlength`, `pattern`), but the browser's bubble is replaced by our localized
   * message under the field.
   */
  readonly onInvalid = {
    handleEvent: (event: Event): void => {
      const input = event.target as HTMLInputElement;
      event.preventDefault();
      this.errors = { ...this.errors, [input.name]: this.validityMessage(input) };
      this.host.requestUpdate();
      if (!this.focusQueued) {
        this.focusQueued = true;
        // Several `invalid` events arrive in one submit; focus once, after they have rendered.
        void this.host.updateComplete.then(() => {
          this.focusQueued = false;
          this.focusFirstInvalid();
        });
      }
    },
    capture: true,
  };

  private validityMessage(input: HTMLInputElement): string {
    const v = input.validity;
    if (v.valueMissing) return this.t(input.type === 'checkbox' ? 'field.mustCheck' : 'field.required');
    if (v.typeMismatch && input.type === 'email') return this.t('field.invalidEmail');
    if (v.tooShort) return this.t('field.tooShort', { min: input.minLength });
    if (v.tooLong) return this.t('field.tooLong', { max: input.maxLength });
    return this.invalidMessages.get(input.name) ?? this.t('field.invalid');
  }

  /** Drops a field's error once its value is valid (the field templates here and in `choice-fields.ts`). */
  readonly clearIfValid = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (this.errors[input.name] && input.validity.valid) {
      const rest = { ...this.errors };
      delete rest[input.name];
      this.setErrors(rest);
    }
  };

  private toggleReveal(name: string): void {
    if (!this.revealed.delete(name)) this.revealed.add(name);
    this.host.requestUpdate();
  }

  /** `aria-describedby` for a field: the step's instructions, its hint, then its error. */
  describedBy(o: FieldBase): string | typeof nothing {
    const id = this.id(o.name);
    return [o.describedBy, o.hint ? `${id}-hint` : '', this.errors[o.name] ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  }

  /** A field's `<label>`, with "(optional)" where it applies. */
  label(o: FieldBase): TemplateResult {
    return html`<label class="janua-label" for=${this.id(o.name)}>${o.label}${o.optional
      ? html`${this.host.l10n.space}<span class="janua-optional">${this.t('field.optional')}</span>` : nothing}</label>`;
  }

  /** What follows a field's control: its hint and its error line. */
  after(o: FieldBase): TemplateResult {
    const id = this.id(o.name);
    return html`${o.hint ? html`<p class="janua-hint" id="${id}-hint">${o.hint}</p>` : nothing}
      <p class="janua-field-error" id="${id}-error">${this.errors[o.name] ?? ''}</p>`;
  }

  /** A labelled text-like input with its hint and error; passwords get a show/hide toggle. */
  input(o: InputField): TemplateResult {
    const id = this.id(o.name);
    if (o.invalidMessage) this.invalidMessages.set(o.name, o.invalidMessage);
    else this.invalidMessages.delete(o.name);
    const secret = o.type === 'password';
    const shown = secret && this.revealed.has(o.name);
    // Addresses, numbers, codes and slugs read left to right even on a right-to-left page: `auto`
    // takes the direction of what is typed (left to right until a right-to-left letter comes).
    const auto = o.spellcheck === false || o.inputmode === 'numeric' || o.type === 'email' || o.type === 'tel' || o.type === 'url';
    const input = html`<input class="janua-input" id=${id} name=${o.name} dir=${auto ? 'auto' : nothing}
      type=${shown ? 'text' : o.type ?? 'text'} autocomplete=${o.autocomplete} ?required=${o.required ?? false}
      ?disabled=${o.disabled ?? false} value=${o.value ?? nothing} inputmode=${o.inputmode ?? nothing}
      pattern=${o.pattern ?? nothing} minlength=${o.minlength ?? nothing} maxlength=${o.maxlength ?? nothing}
      spellcheck=${o.spellcheck === false ? 'false' : nothing} autocapitalize=${o.spellcheck === false ? 'none' : nothing}
      aria-invalid=${this.errors[o.name] ? 'true' : nothing} aria-describedby=${this.describedBy(o)}
      @input=${(e: InputEvent) => { this.clearIfValid(e); o.onInput?.(e); }}>`;
    return html`<div class="janua-field janua-field-${o.name}">
      ${this.label(o)}
      ${secret ? html`<div class="janua-input-row">${input}<button type="button" class="janua-reveal"
        aria-controls=${id} aria-label=${this.t(shown ? 'field.hidePassword' : 'field.showPassword')}
        @click=${() => this.toggleReveal(o.name)}>${this.t(shown ? 'field.hide' : 'field.show')}</button></div>` : input}
      ${this.after(o)}
    </div>`;
  }

  /**
   * The form's submit button: a native `<button type="submit">` in the form itself, so Enter in a
   * field submits, native validation runs, and password managers recognise the form.
   */
  submit(o: SubmitOptions): TemplateResult {
    return html`<button class="janua-button janua-submit" type="submit" ?disabled=${this.pending}
      aria-busy=${this.pending ? 'true' : nothing}>${this.pending
        ? html`<span class="janua-spinner" aria-hidden="true"></span>` : nothing}<span
        class="janua-button-label">${this.pending ? o.pendingLabel : o.label}</span></button>${this.pending
      ? html`<span class="janua-pending-focus" tabindex="-1">${o.pendingLabel}</span>` : nothing}`;
  }
}
