import { defineElement } from '../internal/define.ts';
import { JanuaSignedIn } from './signed-in.ts';

defineElement('janua-signed-in', JanuaSignedIn);

declare global {
  interface HTMLElementTagNameMap {
    'janua-signed-in': JanuaSignedIn;
  }
}

export { JanuaSignedIn };
