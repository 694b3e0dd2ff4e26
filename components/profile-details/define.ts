import { defineElement } from '../internal/define.ts';
import { JanuaProfileDetails } from './profile-details.ts';
import '../alert/define.ts';

defineElement('janua-profile-details', JanuaProfileDetails);

declare global {
  interface HTMLElementTagNameMap {
    'janua-profile-details': JanuaProfileDetails;
  }
}

export { JanuaProfileDetails };
