import { html, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { JanuaElement } from '../internal/janua-element.ts';
import { hostBase } from '../internal/styles.ts';
import { alertStyles } from './alert.styles.ts';

export type AlertVariant = 'info' | 'success' | 'error';

/**
 * @summary A live region for status and error messages. It stays in the page while empty, so
 * screen readers announce a message the moment it appears.
 * @tag janua-alert
 * @slot - Extra content after the message.
 * @csspart base - The region itself.
 * @csspart message - The message text.
 * @cssprop [--janua-alert-color=var(--janua-color-text)] - Text colour (danger for errors).
 * @cssprop [--janua-alert-accent=var(--janua-color-primary)] - Border colour.
 * @cssstate empty - Nothing to show; the region takes no space.
 */
export class JanuaAlert extends JanuaElement {
  static override properties: PropertyDeclarations = {
    variant: { reflect: true },
    message: {},
    hasSlotted: { state: true },
  };
  static override styles = [hostBase, alertStyles];

  /** `error` uses `role="alert"`; `info` and `success` use `role="status"`. */
  declare variant: AlertVariant;
  declare message: string;
  private declare hasSlotted: boolean;

  constructor() {
    super();
    this.variant = 'info';
    this.message = '';
    this.hasSlotted = false;
  }

  /** Focus lands on the region so that keyboard users start right at the message. */
  override focus(options?: FocusOptions): void {
    // Never connected (rendered into a detached tree): there is no shadow root to focus into.
    this.renderRoot?.querySelector<HTMLElement>('.base')?.focus(options);
  }

  protected override render(): TemplateResult {
    const empty = this.isEmpty;
    return html`<div class="base ${empty ? 'empty' : ''}" part="base" tabindex="-1"
      role=${this.variant === 'error' ? 'alert' : 'status'} aria-live="polite" aria-atomic="true"
      ><span part="message">${this.message}</span><slot @slotchange=${this.onSlotChange}></slot></div>`;
  }

  private get isEmpty(): boolean {
    return !this.message && !this.hasSlotted;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setState('empty', this.isEmpty);
  }

  private onSlotChange(event: Event): void {
    this.hasSlotted = (event.target as HTMLSlotElement).assignedNodes({ flatten: true })
      .some((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
  }
}
