import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaElement } from '../internal/janua-element.ts';
import { hostBase } from '../internal/styles.ts';
import { linkStyles } from './link.styles.ts';

/**
 * @summary A themed link, used for "Forgot password?" and "Create an account".
 * @tag janua-link
 * @slot - The link text.
 * @csspart link - The native anchor.
 * @cssprop [--janua-link-color=var(--janua-color-primary)] - Text colour.
 */
export class JanuaLink extends JanuaElement {
  static override properties: PropertyDeclarations = { href: {} };
  static override styles = [hostBase, linkStyles];

  declare href: string;

  constructor() {
    super();
    this.href = '';
  }

  override focus(options?: FocusOptions): void {
    // Never connected: no shadow root yet, so nothing to focus.
    this.renderRoot?.querySelector('a')?.focus(options);
  }

  protected override render(): TemplateResult {
    return html`<a part="link" href=${this.href}><slot></slot></a>`;
  }
}
