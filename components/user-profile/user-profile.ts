import type { PropertyDeclarations } from 'lit';
import { cardKnobs } from '../internal/account-element.ts';
import { cardStyles } from '../internal/card.styles.ts';
import { hostBase } from '../internal/styles.ts';
import { JanuaAccountSections, type ProfileSection } from './account-sections.ts';
import { userProfileStyles } from './user-profile.styles.ts';

/**
 * Each section's content is in light DOM (`janua-<section>-region`), where password managers
 * see the password fields, with the form classes of `<janua-sign-in>`; the section cards are in
 * the shadow root. Every section is also an element of its own: `<janua-profile-details>`,
 * `<janua-email-settings>`, `<janua-change-password>`, `<janua-mfa-setup>`,
 * `<janua-passkey-manager>`, `<janua-session-list>` and `<janua-danger-zone>`.
 *
 * @summary Everything a signed-in user manages about their account: profile (names, username,
 * picture), email (verified or not, a new link), password (optionally signing out the other
 * devices), two-step verification and backup codes, passkeys, devices, and a danger zone (download
 * my data as JSON, delete the account). Sensitive changes ask for the password again.
 * @tag janua-user-profile
 * @slot logo - Signed out: shown above the card's heading.
 * @slot header - Signed out: replaces the card's heading and message.
 * @csspart section - Each section's card (also `profile-section`, `email-section`, `password-section`,
 *   `danger-section`; two-factor, passkeys and sessions are elements with parts of their own).
 * @csspart heading - Each section's heading.
 * @csspart alert - Each section's status and error messages.
 * @csspart card - The card shown while signed out.
 * @csspart header - Its heading area.
 * @csspart subtitle - Its message.
 * @cssprop [--janua-user-profile-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-user-profile-padding=calc(1.5 * var(--janua-space))] - Section padding.
 * @cssprop [--janua-user-profile-max-width=40rem] - Width limit.
 * @event {JanuaProfileUpdatedEvent} janua-profile-updated - Names, username or picture saved; `detail.userId`.
 * @event {JanuaVerificationSentEvent} janua-verification-sent - A new verification link was mailed.
 * @event {JanuaPasswordChangedEvent} janua-password-changed - `detail.revokedCount` other devices were signed out.
 * @event {JanuaAccountDeletedEvent} janua-account-deleted - The account is gone; signed out in every tab.
 * @event {JanuaMfaEnabledEvent} janua-mfa-enabled - From the two-factor section.
 * @event {JanuaMfaDisabledEvent} janua-mfa-disabled - From the two-factor section.
 * @event {JanuaBackupCodesSavedEvent} janua-backup-codes-saved - From the two-factor section.
 * @event {JanuaPasskeyAddedEvent} janua-passkey-added - From the passkeys section; `detail.passkeyId`.
 * @event {JanuaPasskeyRenamedEvent} janua-passkey-renamed - From the passkeys section; `detail.passkeyId`.
 * @event {JanuaPasskeyRemovedEvent} janua-passkey-removed - From the passkeys section; `detail.passkeyId`.
 * @event {JanuaSessionRevokedEvent} janua-session-revoked - From the devices section.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaUserProfile extends JanuaAccountSections {
  static override properties: PropertyDeclarations = { sections: {} };
  static override styles = [hostBase, cardStyles, cardKnobs('user-profile', '40rem'), userProfileStyles];

  /** The sections to show, by name, space-separated (default all): `profile email password two-factor passkeys sessions danger`. */
  declare sections: string | undefined;

  constructor() {
    super();
    this.sections = undefined;
  }

  protected override shown(name: ProfileSection): boolean {
    const list = this.sections?.split(/[\s,]+/).filter(Boolean);
    return !list?.length || list.includes(name);
  }
}
