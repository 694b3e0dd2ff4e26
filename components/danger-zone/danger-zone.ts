import { JanuaAccountSections, sectionStyles } from '../user-profile/account-sections.ts';

/**
 * The buttons and the confirmation form are in light DOM (`[data-janua-region="danger"]`), where
 * password managers see the password field; the card is in the shadow root. A server without the
 * export (ext) loses the download button, and the user is told why.
 *
 * @summary The danger zone of `<janua-user-profile>` on its own: download my data (JSON) and delete the
 * account, after the password.
 * @tag janua-danger-zone
 * @slot logo - Signed out: shown above the card's heading.
 * @slot header - Signed out: replaces the card's heading and message.
 * @csspart section - The card (also `danger-section`, as in `<janua-user-profile>`).
 * @csspart heading - Its heading.
 * @csspart alert - Status and error messages.
 * @csspart card - The card shown while signed out.
 * @csspart header - Its heading area.
 * @csspart subtitle - Its message.
 * @cssprop [--janua-danger-zone-gap=var(--janua-space)] - Vertical rhythm.
 * @cssprop [--janua-danger-zone-padding=calc(1.5 * var(--janua-space))] - Card padding.
 * @cssprop [--janua-danger-zone-max-width=36rem] - Card width limit.
 * @event {JanuaAccountDeletedEvent} janua-account-deleted - The account is gone; signed out in every tab. The card then says so.
 * @event {JanuaErrorEvent} janua-error - A request failed; `detail.code`, `detail.status`.
 */
export class JanuaDangerZone extends JanuaAccountSections {
  static override styles = sectionStyles('danger-zone');
  protected override get only(): 'danger' {
    return 'danger';
  }
}
