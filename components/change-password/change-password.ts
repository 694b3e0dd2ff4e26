import { JanuaAccountSections, sectionStyles } from '../user-profile/account-sections.ts';

/**
 * The form is in light DOM (`[data-janua-region="password"]`), where password managers see
 * `current-password` and `new-password` fields with the account's email as a hidden `username`;
 * the card is in the shadow root.
 *
 * @summary The password section of `<janua-user-profile>` on its own: the current password, a new one
 * (the sign-up rules and strength hint), optionally signing out the other devices.
 * @tag janua-change-password
 * @slot logo - Signed out: shown above the card's heading.
 * @slot header - Signed out: replaces the card's heading and message.
 * @csspart section - The card (also `password-section`, as in `<janua-user-profile>`).
 * @csspart heading - Its heading.
 * @csspart alert - Status and error messages.
 * @csspart card - The card shown while signed out.
 * @csspart header - Its heading area.
 * @csspart subtitle - Its message.
 * @cssprop [--janua-change-password-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-change-password-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-change-password-max-width=36rem] - Card width limit.
 * @event {JanuaPasswordChangedEvent} janua-password-changed - `detail.revokedCount` other devices were signed out.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaChangePassword extends JanuaAccountSections {
  static override styles = sectionStyles('change-password');
  protected override get only(): 'password' {
    return 'password';
  }
}
