import { defineElement } from '../internal/define.ts';
import { JanuaOrgSwitcher } from './org-switcher.ts';
import '../alert/define.ts';
// The menu opens these in its dialog (the profile's panels still load on first use).
import '../create-org/define.ts';
import '../org-profile/define.ts';

defineElement('janua-org-switcher', JanuaOrgSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'janua-org-switcher': JanuaOrgSwitcher;
  }
}

export { JanuaOrgSwitcher };
