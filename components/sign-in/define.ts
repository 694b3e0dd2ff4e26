import { defineElement } from '../internal/define.ts';
import { JanuaSignIn } from './sign-in.ts';
import '../alert/define.ts';
import '../divider/define.ts';

// <janua-mfa-challenge>, the second-factor step, is loaded by the element when a step opens.
defineElement('janua-sign-in', JanuaSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'janua-sign-in': JanuaSignIn;
  }
}

export { JanuaSignIn };
