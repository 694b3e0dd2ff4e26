import { defineElement } from '../internal/define.ts';
import { JanuaUserButton } from './user-button.ts';

defineElement('janua-user-button', JanuaUserButton);

declare global {
  interface HTMLElementTagNameMap {
    'janua-user-button': JanuaUserButton;
  }
}

export { JanuaUserButton };
