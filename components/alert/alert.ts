import { html, nothing, type PropertyDeclarations, type TemplateResult, type PropertyValues } from 'lit';
import { JanuaElement } from '../internal/janua-element.ts';
import { hostBase } from '../internal/styles.ts';
import { alertStyles } from './alert.styles.ts';

export type AlertVariant = 'info' | 'success' | 'error';

/**
 * @summary A polite live region for status and error messages. It stays in the page while empty,
 * so screen readers announce a message the moment it appears.
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

  /** `info`, `success` or `error`: the colours, and for `error` a spoken "Error:" before the message. */
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
    // One polite region for every variant (role=alert would make errors assertive and clash with
    // aria-live=polite); errors are told apart in words, not only by colour.
    return html`<div class="base ${empty ? 'empty' : ''}" part="base" tabindex="-1" role="status" aria-atomic="true"
      >${this.variant === 'error' && !empty ? html`<span class="hidden">${this.t('common.errorPrefix')} </span>` : nothing}<span
      part="message">${this.message}</span><slot @slotchange=${this.onSlotChange}></slot></div>`;
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
