import { defineElement } from '../internal/define.ts';
import { JanuaSignUp } from './sign-up.ts';
import '../alert/define.ts';
import '../divider/define.ts';

defineElement('janua-sign-up', JanuaSignUp);

declare global {
  interface HTMLElementTagNameMap {
    'janua-sign-up': JanuaSignUp;
  }
}

export { JanuaSignUp };
