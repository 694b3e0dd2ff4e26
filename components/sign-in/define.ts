import { defineElement } from '../internal/define.ts';
import { JanuaSignIn } from './sign-in.ts';
import '../alert/define.ts';

defineElement('janua-sign-in', JanuaSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'janua-sign-in': JanuaSignIn;
  }
}

export { JanuaSignIn };
