import { JanuaStatusGate } from '../internal/status-gate.ts';

/**
 * @summary Shows its content only while the user is signed-in; renders nothing while the session is
 * still being restored, and nothing when signed out.
 * @tag janua-signed-in
 * @slot - Content for signed-in users.
 * @cssstate active - The content is showing.
 */
export class JanuaSignedIn extends JanuaStatusGate {
  protected readonly showWhen = 'signed-in';
}
