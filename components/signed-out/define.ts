import { defineElement } from '../internal/define.ts';
import { JanuaSignedOut } from './signed-out.ts';
import '../alert/define.ts';

defineElement('janua-signed-out', JanuaSignedOut);

declare global {
  interface HTMLElementTagNameMap {
    'janua-signed-out': JanuaSignedOut;
  }
}

export { JanuaSignedOut };
