import { JanuaStatusGate } from '../internal/status-gate.ts';

/**
 * @summary Shows its content only while the user is signed-out; renders nothing while the session is
 * still being restored, and nothing when signed in. When the restore cannot reach the server it
 * says, quietly, that it is trying again (the session may be fine) rather than offering sign-in.
 * @tag janua-signed-out
 * @slot - Content for signed-out users.
 * @csspart status - The "trying to reach the server" message.
 * @cssstate active - The content is showing.
 */
export class JanuaSignedOut extends JanuaStatusGate {
  protected readonly showWhen = 'signed-out';
}
