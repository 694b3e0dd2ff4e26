import { html, nothing, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { JanuaElement } from '../internal/janua-element.ts';
import { hostBase } from '../internal/styles.ts';
import { buttonStyles } from './button.styles.ts';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/**
 * The native button lives in the shadow root and the label is slotted, so the element never moves
 * (or removes) nodes it does not own: a framework that swaps or drops its own label text keeps
 * working. It is form-associated: `type="submit"` submits the form it sits in through
 * `requestSubmit()` (native validation runs), `type="reset"` resets it, and Enter in one of that
 * form's fields submits it when the form has no native submit button of its own.
 *
 * @summary A button with variants and a pending state.
 * @tag janua-button
 * @slot - The label, when `label` is not set.
 * @csspart button - The native `<button>`.
 * @csspart spinner - The pending spinner.
 * @cssprop [--janua-color-primary=#4338ca] - Background of the primary variant.
 * @cssprop [--janua-color-danger=#b91c1c] - Background of the danger variant.
 * @cssstate pending - An action is in flight; the button shows a spinner and is `aria-busy`.
 */
export class JanuaButton extends JanuaElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...JanuaElement.shadowRootOptions, delegatesFocus: true };
  static override properties: PropertyDeclarations = {
    variant: { reflect: true },
    type: {},
    pending: { type: Boolean },
    disabled: { type: Boolean, reflect: true },
    label: {},
    pendingLabel: { attribute: 'pending-label' },
    inline: { type: Boolean, reflect: true },
  };
  static override styles = [hostBase, buttonStyles];

  /** Look: `primary`, `secondary`, `ghost` or `danger`. */
  declare variant: ButtonVariant;
  /** `submit` submits the form the element sits in, `reset` resets it. */
  declare type: 'button' | 'submit' | 'reset';
  /** Shows a spinner, sets `aria-busy` and blocks clicks. */
  declare pending: boolean;
  declare disabled: boolean;
  /** Text label; the slotted content is used when unset. */
  declare label: string | undefined;
  /** Text shown while pending, e.g. "Signing in…". */
  declare pendingLabel: string | undefined;
  /** Sizes to its content instead of the full row. */
  declare inline: boolean;
  private form: HTMLFormElement | null = null;

  constructor() {
    super();
    this.variant = 'primary';
    this.type = 'button';
    this.pending = false;
    this.disabled = false;
    this.label = undefined;
    this.pendingLabel = undefined;
    this.inline = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.form = this.internals?.form ?? this.closest('form');
    this.form?.addEventListener('keydown', this.onFormKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.form?.removeEventListener('keydown', this.onFormKeydown);
    this.form = null;
  }

  /** Disabled by an ancestor `<fieldset disabled>`, as a native button would be. */
  formDisabledCallback(): void {
    this.requestUpdate();
  }

  /** `:disabled`: the browser's own answer (the `disabled` attribute, or a disabled fieldset). */
  private get blocked(): boolean {
    return this.disabled || this.pending || this.matches(':disabled');
  }

  private readonly onClick = (event: MouseEvent): void => {
    if (this.blocked) {
      event.stopImmediatePropagation();
      return;
    }
    if (this.type === 'submit') this.form?.requestSubmit();
    else if (this.type === 'reset') this.form?.reset();
  };

  /** Implicit submission, which browsers only give forms that hold a native submit button. */
  private readonly onFormKeydown = (event: KeyboardEvent): void => {
    const field = event.target as HTMLInputElement;
    if (event.key !== 'Enter' || event.defaultPrevented || this.type !== 'submit' || this.blocked) return;
    if (field.localName !== 'input' || field.form !== this.form) return;
    if (this.form?.querySelector('button[type="submit"], button:not([type]), input[type="submit"]')) return;
    event.preventDefault();
    this.form?.requestSubmit();
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setState('pending', this.pending);
    // Lit renders before it reflects: `disabled` switched off rendered while the attribute (and so
    // `:disabled`) was still there, and the fieldset callback that followed fell inside that update.
    if (this.renderRoot.querySelector('button')?.disabled !== this.blocked) this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const label = this.pending && this.pendingLabel ? this.pendingLabel : this.label;
    return html`<button class="janua-button" part="button" type="button" ?disabled=${this.blocked}
      aria-busy=${this.pending ? 'true' : nothing} @click=${this.onClick}
      >${this.pending ? html`<span class="janua-spinner" part="spinner" aria-hidden="true"></span>` : nothing}<span
      class="janua-button-label">${label ?? html`<slot></slot>`}</span></button>`;
  }
}
