import { defineElement } from '../internal/define.ts';
import { JanuaForgotPassword } from './forgot-password.ts';
import '../alert/define.ts';

defineElement('janua-forgot-password', JanuaForgotPassword);

declare global {
  interface HTMLElementTagNameMap {
    'janua-forgot-password': JanuaForgotPassword;
  }
}

export { JanuaForgotPassword };
