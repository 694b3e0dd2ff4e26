import { defineElement } from '../internal/define.ts';
import { JanuaProtect } from './protect.ts';

defineElement('janua-protect', JanuaProtect);

declare global {
  interface HTMLElementTagNameMap {
    'janua-protect': JanuaProtect;
  }
}

export { JanuaProtect };
