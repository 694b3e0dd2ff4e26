import { JanuaAccountSections, sectionStyles } from '../user-profile/account-sections.ts';

/**
 * The address and its button are in light DOM (`[data-janua-region="email"]`); the card is in the
 * shadow root. While the session restores the row holds its loaded size.
 *
 * @summary The email section of `<janua-user-profile>` on its own: the account's address, verified or
 * not, and a button that mails a new verification link while it is not.
 * @tag janua-email-settings
 * @slot logo - Signed out: shown above the card's heading.
 * @slot header - Signed out: replaces the card's heading and message.
 * @csspart section - The card (also `email-section`, as in `<janua-user-profile>`).
 * @csspart heading - Its heading.
 * @csspart alert - Status and error messages.
 * @csspart card - The card shown while signed out.
 * @csspart header - Its heading area.
 * @csspart subtitle - Its message.
 * @cssprop [--janua-email-settings-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-email-settings-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-email-settings-max-width=36rem] - Card width limit.
 * @event {JanuaVerificationSentEvent} janua-verification-sent - A new verification link was mailed.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaEmailSettings extends JanuaAccountSections {
  static override styles = sectionStyles('email-settings');
  protected override get only(): 'email' {
    return 'email';
  }
}
