import { defineElement } from '../internal/define.ts';
import { JanuaSignOutButton } from './sign-out-button.ts';
import '../button/define.ts';

defineElement('janua-sign-out-button', JanuaSignOutButton);

declare global {
  interface HTMLElementTagNameMap {
    'janua-sign-out-button': JanuaSignOutButton;
  }
}

export { JanuaSignOutButton };
