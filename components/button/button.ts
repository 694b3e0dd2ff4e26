import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaElement } from '../internal/janua-element.ts';
import { adoptLightStyles } from '../internal/styles.ts';
import { buttonStyles } from './button.styles.ts';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/**
 * It has no shadow root, so there is nothing for `::part()` to reach on it: style the native
 * button by its class, `.janua-button`. When it sits in another element's shadow root, the native
 * button carries the part name `button` so that element can offer it to `::part()` (as
 * `<janua-sign-out-button>` does).
 *
 * @summary A button with variants and a pending state. It renders a real `<button>` in light DOM,
 * so `type="submit"` submits the form it sits in, Enter in a field included.
 * @tag janua-button
 * @slot - The label (moved inside the native button when the element connects).
 * @cssprop [--janua-color-primary=#4338ca] - Background of the primary variant.
 * @cssstate pending - An action is in flight; the button shows a spinner and is `aria-busy`.
 */
export class JanuaButton extends JanuaElement {
  static override properties: PropertyDeclarations = {
    ...JanuaElement.properties,
    variant: { reflect: true },
    type: {},
    pending: { type: Boolean },
    disabled: { type: Boolean },
    label: {},
    pendingLabel: { attribute: 'pending-label' },
    inline: { type: Boolean, reflect: true },
  };

  /** Look: `primary`, `secondary`, `ghost` or `danger`. */
  declare variant: ButtonVariant;
  /** Native button type; `submit` submits the surrounding form. */
  declare type: 'button' | 'submit' | 'reset';
  /** Shows a spinner, sets `aria-busy` and blocks clicks. */
  declare pending: boolean;
  declare disabled: boolean;
  /** Text label; slotted content is used when unset. */
  declare label: string | undefined;
  /** Text shown while pending, e.g. "Signing in…". */
  declare pendingLabel: string | undefined;
  /** Sizes to its content instead of the full row. */
  declare inline: boolean;
  private content: Node[] | undefined;

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

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    adoptLightStyles(this, buttonStyles);
    // Light DOM has no slots: the author's label nodes are moved into the native button.
    if (!this.content) {
      this.content = [...this.childNodes];
      for (const node of this.content) this.removeChild(node);
    }
    super.connectedCallback();
  }

  override focus(options?: FocusOptions): void {
    this.querySelector('button')?.focus(options);
  }

  protected override updated(): void {
    this.setState('pending', this.pending);
  }

  protected override render(): TemplateResult {
    const text = this.pending && this.pendingLabel ? this.pendingLabel : this.label ?? this.content;
    // A part only means something inside a shadow root; in the page it would promise what ::part() cannot do.
    const part = this.getRootNode() instanceof ShadowRoot ? 'button' : nothing;
    return html`<button class="janua-button" part=${part} type=${this.type}
      ?disabled=${this.disabled || this.pending} aria-busy=${this.pending ? 'true' : nothing}
      >${this.pending ? html`<span class="janua-spinner" aria-hidden="true"></span>` : nothing}<span
      class="janua-button-label">${text}</span></button>`;
  }
}
