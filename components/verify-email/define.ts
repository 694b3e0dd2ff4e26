import { defineElement } from '../internal/define.ts';
import { JanuaVerifyEmail } from './verify-email.ts';
import '../alert/define.ts';

defineElement('janua-verify-email', JanuaVerifyEmail);

declare global {
  interface HTMLElementTagNameMap {
    'janua-verify-email': JanuaVerifyEmail;
  }
}

export { JanuaVerifyEmail };
