import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaElement } from '../internal/janua-element.ts';
import { hostBase } from '../internal/styles.ts';
import { dividerStyles } from './divider.styles.ts';

/**
 * @summary A horizontal rule, optionally with a word in the middle ("or").
 * @tag janua-divider
 * @slot - Text in the middle; overrides `label`.
 * @csspart base - The row.
 * @csspart line - Each side line.
 * @csspart label - The text between the lines.
 * @cssprop [--janua-divider-color=var(--janua-color-border)] - Line colour.
 * @cssprop [--janua-divider-gap=var(--janua-space-m)] - Space between lines and text.
 */
export class JanuaDivider extends JanuaElement {
  static override properties: PropertyDeclarations = { label: {} };
  static override styles = [hostBase, dividerStyles];

  /** Text in the middle, e.g. "or". Without it the divider is a plain line. */
  declare label: string | undefined;

  constructor() {
    super();
    this.label = undefined;
  }

  protected override render(): TemplateResult {
    // A labelled divider reads its word; a bare one is a separator with nothing to say.
    return html`<div class="base" part="base" role=${this.label ? nothing : 'separator'}>
      <span class="line" part="line"></span><span class="label" part="label"><slot>${this.label ?? ''}</slot></span><span class="line" part="line"></span>
    </div>`;
  }
}
