import { css, html, nothing, type TemplateResult } from 'lit';
import type { AuthStatus } from '@janua/core';
import { JanuaAuthElement } from './auth-element.ts';

/**
 * Shows its children only in one auth status. While the client is still `loading` it renders
 * nothing at all, so a returning user never sees a flash of signed-out content.
 */
export abstract class JanuaStatusGate extends JanuaAuthElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  protected abstract readonly showWhen: AuthStatus;

  protected override updated(): void {
    this.setState('active', this.auth.status === this.showWhen);
  }

  protected override render(): TemplateResult | typeof nothing {
    return this.auth.status === this.showWhen ? html`<slot></slot>` : nothing;
  }
}
