import { JanuaAccountSections, sectionStyles } from '../user-profile/account-sections.ts';

/**
 * The form is in light DOM (`[data-janua-region="profile"]`), with the form classes of
 * `<janua-sign-in>`; the card is in the shadow root. A picture URL the server does not keep is said
 * under its field instead of a false "Saved".
 *
 * @summary The profile section of `<janua-user-profile>` on its own: first and last name, username and
 * picture URL, saved to the account.
 * @tag janua-profile-details
 * @slot logo - Signed out: shown above the card's heading.
 * @slot header - Signed out: replaces the card's heading and message.
 * @csspart section - The card (also `profile-section`, as in `<janua-user-profile>`).
 * @csspart heading - Its heading.
 * @csspart alert - Status and error messages.
 * @csspart card - The card shown while signed out.
 * @csspart header - Its heading area.
 * @csspart subtitle - Its message.
 * @cssprop [--janua-profile-details-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-profile-details-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-profile-details-max-width=36rem] - Card width limit.
 * @event {JanuaProfileUpdatedEvent} janua-profile-updated - Names, username or picture saved; `detail.userId`.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaProfileDetails extends JanuaAccountSections {
  static override styles = sectionStyles('profile-details');
  protected override get only(): 'profile' {
    return 'profile';
  }
}
