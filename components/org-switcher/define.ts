import { defineElement } from '../internal/define.ts';
import { JanuaOrgSwitcher } from './org-switcher.ts';
import '../alert/define.ts';

// <janua-create-org> and <janua-org-profile> are loaded when the menu first asks for them.
defineElement('janua-org-switcher', JanuaOrgSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'janua-org-switcher': JanuaOrgSwitcher;
  }
}

export { JanuaOrgSwitcher };
