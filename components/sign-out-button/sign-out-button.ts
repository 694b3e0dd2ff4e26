import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { JanuaAuthElement } from '../internal/auth-element.ts';
import { emit, JanuaSignedOutEvent, navigate } from '../internal/events.ts';
import type { ButtonVariant } from '../button/button.ts';
import { signOutButtonStyles } from './sign-out-button.styles.ts';

/**
 * @summary Signs the user out (in every tab), then optionally navigates. Shown only while signed in.
 * @tag janua-sign-out-button
 * @csspart button - The native `<button>` (class `janua-button`).
 * @cssstate pending - Sign-out is in flight.
 * @event {JanuaSignedOutEvent} janua-signed-out - The session has ended in this and every other tab.
 * @event {JanuaNavigateEvent} janua-navigate - Cancelable; about to go to `detail.url` (`redirect-url`, guarded).
 */
export class JanuaSignOutButton extends JanuaAuthElement {
  static override properties: PropertyDeclarations = {
    ...JanuaAuthElement.properties,
    redirectUrl: { attribute: 'redirect-url' },
    variant: {},
    pending: { state: true },
  };
  static override styles = signOutButtonStyles;

  /** Where to go after signing out; passed through the client's redirect guard. */
  declare redirectUrl: string | undefined;
  /** Button look, as on `<janua-button>`; default `secondary`. */
  declare variant: ButtonVariant;
  private declare pending: boolean;

  constructor() {
    super();
    this.redirectUrl = undefined;
    this.variant = 'secondary';
    this.pending = false;
  }

  /** Focuses the button (the host itself is not focusable), e.g. when the status gate hands focus over. */
  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('janua-button')?.focus(options);
  }

  /** Signs out as a click would. */
  async signOut(): Promise<void> {
    const client = this.auth.client;
    if (!client || this.pending) return;
    this.pending = true;
    this.setState('pending', true);
    try {
      // The client clears local state even when the network call fails, so this cannot leave a
      // half-signed-in page behind.
      await client.signOut();
    } finally {
      this.pending = false;
      this.setState('pending', false);
    }
    emit(this, new JanuaSignedOutEvent());
    if (this.redirectUrl) navigate(this, client.resolveRedirect(this.redirectUrl), 'signed-out');
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.auth.status !== 'signed-in' && !this.pending) return nothing;
    return html`<janua-button inline variant=${this.variant} .pending=${this.pending}
      .label=${this.t('signOut.label')} .pendingLabel=${this.t('signOut.pending')}
      @click=${() => void this.signOut()}></janua-button>`;
  }
}
