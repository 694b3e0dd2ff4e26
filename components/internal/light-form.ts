import { html, nothing, render, type ReactiveController, type TemplateResult } from 'lit';
import type { MessageKey } from '@janua/core';
import { adoptLightStyles } from './styles.ts';
import { lightStyles } from './light.styles.ts';

let counter = 0;

export interface FieldHost extends HTMLElement {
  requestUpdate(): void;
  addController(controller: ReactiveController): void;
  readonly updateComplete: Promise<boolean>;
}

export interface FieldOptions {
  /** The `name` the server knows the value by (`email`, `password`, `first_name`, …). */
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  required?: boolean;
  optional?: string;
  hint?: string | TemplateResult;
  minlength?: number;
  maxlength?: number;
  onInput?: (event: InputEvent) => void;
}

/**
 * Renders an element's credential form into its light DOM, where password managers and
 * `document.querySelector` can reach the inputs, and keeps per-field error messages.
 * The host's shadow root shows it through its default slot.
 */
export class LightForm implements ReactiveController {
  /** Field name → message shown under that field. */
  errors: Record<string, string> = {};
  readonly uid = `janua-${++counter}`;
  private readonly container = document.createElement('div');
  private focusQueued = false;
  /** Password fields the user chose to show in clear text. */
  private readonly revealed = new Set<string>();

  constructor(
    private readonly host: FieldHost,
    private readonly template: () => TemplateResult | typeof nothing,
    private readonly message: (key: MessageKey, params?: Record<string, string | number>) => string,
  ) {
    this.container.className = 'janua-form-root';
    host.addController(this);
  }

  hostConnected(): void {
    adoptLightStyles(this.host, lightStyles);
    if (this.container.parentNode !== this.host) this.host.append(this.container);
  }

  hostUpdated(): void {
    render(this.template(), this.container, { host: this.host });
  }

  get form(): HTMLFormElement | null {
    return this.container.querySelector('form');
  }

  /** Reads the form's values by input name. */
  values(): Record<string, string> {
    const out: Record<string, string> = {};
    const form = this.form;
    if (!form) return out;
    for (const [key, value] of new FormData(form)) if (typeof value === 'string') out[key] = value;
    return out;
  }

  setErrors(errors: Record<string, string>): void {
    this.errors = errors;
    this.host.requestUpdate();
  }

  /** Masks every revealed password again, e.g. on submit, so nothing is saved or left on screen in clear. */
  concealAll(): void {
    if (!this.revealed.size) return;
    this.revealed.clear();
    this.host.requestUpdate();
  }

  private toggleReveal(name: string): void {
    if (!this.revealed.delete(name)) this.revealed.add(name);
    this.host.requestUpdate();
  }

  /** Moves focus to the first field with an error; returns false when there is none. */
  focusFirstInvalid(): boolean {
    const first = this.form?.querySelector<HTMLInputElement>('[aria-invalid="true"]');
    first?.focus();
    return Boolean(first);
  }

  /**
   * Native constraint validation still decides (`required`, `type=email`, `minlength`), but the
   * browser's bubble is replaced by our localized message under the field.
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
    if (v.valueMissing) return this.message('field.required');
    if (v.typeMismatch && input.type === 'email') return this.message('field.invalidEmail');
    if (v.tooShort) return this.message('field.tooShort', { min: input.minLength });
    if (v.tooLong) return this.message('field.tooLong', { max: input.maxLength });
    return this.message('field.invalid');
  }

  private clearIfValid = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    if (this.errors[input.name] && input.validity.valid) {
      const rest = { ...this.errors };
      delete rest[input.name];
      this.setErrors(rest);
    }
  };

  /** One labelled input with its hint and error, linked through `aria-describedby`. */
  field(o: FieldOptions): TemplateResult {
    const id = `${this.uid}-${o.name}`;
    const error = this.errors[o.name] ?? '';
    const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const secret = o.type === 'password';
    const shown = secret && this.revealed.has(o.name);
    const input = html`<input class="janua-input" id=${id} name=${o.name}
      type=${shown ? 'text' : o.type ?? 'text'} autocomplete=${o.autocomplete} ?required=${o.required ?? false}
      minlength=${o.minlength ?? nothing} maxlength=${o.maxlength ?? nothing}
      aria-invalid=${error ? 'true' : nothing} aria-describedby=${describedBy || nothing}
      @input=${(e: InputEvent) => { this.clearIfValid(e); o.onInput?.(e); }}>`;
    return html`<div class="janua-field janua-field-${o.name}">
      <label class="janua-label" for=${id}>${o.label}${o.optional
        ? html` <span class="janua-optional">${o.optional}</span>` : nothing}</label>
      ${secret ? html`<div class="janua-input-row">${input}<button type="button" class="janua-reveal"
        aria-controls=${id} aria-label=${this.message(shown ? 'field.hidePassword' : 'field.showPassword')}
        @click=${() => this.toggleReveal(o.name)}>${this.message(shown ? 'field.hide' : 'field.show')}</button></div>` : input}
      ${o.hint ? html`<p class="janua-hint" id="${id}-hint">${o.hint}</p>` : nothing}
      <p class="janua-field-error" id="${id}-error">${error}</p>
    </div>`;
  }
}
