import { defineElement } from '../internal/define.ts';
import { JanuaResetPassword } from './reset-password.ts';
import '../alert/define.ts';

defineElement('janua-reset-password', JanuaResetPassword);

declare global {
  interface HTMLElementTagNameMap {
    'janua-reset-password': JanuaResetPassword;
  }
}

export { JanuaResetPassword };
