import { defineElement } from '../internal/define.ts';
import { JanuaChangePassword } from './change-password.ts';
import '../alert/define.ts';

defineElement('janua-change-password', JanuaChangePassword);

declare global {
  interface HTMLElementTagNameMap {
    'janua-change-password': JanuaChangePassword;
  }
}

export { JanuaChangePassword };
