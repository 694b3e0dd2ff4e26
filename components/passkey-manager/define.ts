import { defineElement } from '../internal/define.ts';
import { JanuaPasskeyManager } from './passkey-manager.ts';
import '../alert/define.ts';

defineElement('janua-passkey-manager', JanuaPasskeyManager);

declare global {
  interface HTMLElementTagNameMap {
    'janua-passkey-manager': JanuaPasskeyManager;
  }
}

export { JanuaPasskeyManager };
