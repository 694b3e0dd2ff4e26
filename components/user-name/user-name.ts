import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaAuthElement } from '../internal/janua-element.ts';
import { userNameStyles } from './user-name.styles.ts';

/**
 * @summary The signed-in user's name (first and last), or their email when no name is known.
 * Renders nothing while signed out or loading.
 * @tag janua-user-name
 * @csspart name - The text.
 */
export class JanuaUserName extends JanuaAuthElement {
  static override properties: PropertyDeclarations = { ...JanuaAuthElement.properties, format: {} };
  static override styles = userNameStyles;

  /** `full` (default) shows first and last name; `first` only the first name; `email` the email. */
  declare format: 'full' | 'first' | 'email';

  constructor() {
    super();
    this.format = 'full';
  }

  protected override render(): TemplateResult | typeof nothing {
    const user = this.auth.snapshot?.user;
    if (this.auth.status !== 'signed-in' || !user) return nothing;
    const name = this.format === 'email' ? ''
      : this.format === 'first' ? user.firstName ?? ''
      : [user.firstName, user.lastName].filter(Boolean).join(' ');
    return html`<span part="name">${name || user.email}</span>`;
  }
}
