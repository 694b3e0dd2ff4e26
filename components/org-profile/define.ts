import { defineElement } from '../internal/define.ts';
import { JanuaOrgProfile } from './org-profile.ts';
import '../alert/define.ts';

defineElement('janua-org-profile', JanuaOrgProfile);

declare global {
  interface HTMLElementTagNameMap {
    'janua-org-profile': JanuaOrgProfile;
  }
}

export { JanuaOrgProfile };
