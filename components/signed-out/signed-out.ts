import { JanuaStatusGate } from '../internal/status-gate.ts';

/**
 * @summary Shows its content only while the user is signed-out; renders nothing while the session is
 * still being restored, and nothing when signed in.
 * @tag janua-signed-out
 * @slot - Content for signed-out users.
 * @cssstate active - The content is showing.
 */
export class JanuaSignedOut extends JanuaStatusGate {
  protected readonly showWhen = 'signed-out';
}
