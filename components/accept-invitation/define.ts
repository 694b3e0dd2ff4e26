import { defineElement } from '../internal/define.ts';
import { JanuaAcceptInvitation } from './accept-invitation.ts';
import '../alert/define.ts';
import '../sign-in/define.ts';
import '../sign-up/define.ts';
import '../sign-out-button/define.ts';

defineElement('janua-accept-invitation', JanuaAcceptInvitation);

declare global {
  interface HTMLElementTagNameMap {
    'janua-accept-invitation': JanuaAcceptInvitation;
  }
}

export { JanuaAcceptInvitation };
