import { defineElement } from '../internal/define.ts';
import { JanuaUserProfile } from './user-profile.ts';
import '../alert/define.ts';
import '../mfa-setup/define.ts';
import '../passkey-manager/define.ts';
import '../session-list/define.ts';

defineElement('janua-user-profile', JanuaUserProfile);

declare global {
  interface HTMLElementTagNameMap {
    'janua-user-profile': JanuaUserProfile;
  }
}

export { JanuaUserProfile };
