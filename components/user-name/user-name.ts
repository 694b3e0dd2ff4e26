import { nothing, type PropertyDeclarations } from 'lit';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { personName } from '../internal/person-name.ts';

/**
 * @summary The signed-in user's name (first and last; family name first for a name in Chinese,
 * Japanese or Korean script), or their email when no name is known.
 * Renders nothing while signed out or loading. The text goes into light DOM, so it inherits the
 * page's typography and `textContent` reads it.
 * @tag janua-user-name
 */
export class JanuaUserName extends JanuaAuthElement {
  static override properties: PropertyDeclarations = { format: {} };

  /** `full` (default) shows first and last name; `first` only the first name; `email` the email. */
  declare format: 'full' | 'first' | 'email';

  constructor() {
    super();
    this.format = 'full';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): string | typeof nothing {
    const user = this.auth.snapshot?.user;
    if (this.auth.status !== 'signed-in' || !user) return nothing;
    const name = this.format === 'email' ? ''
      : this.format === 'first' ? user.firstName ?? ''
      : personName(user.firstName, user.lastName);
    return name || user.email;
  }
}
