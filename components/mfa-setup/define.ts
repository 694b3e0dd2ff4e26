import { defineElement } from '../internal/define.ts';
import { JanuaMfaSetup } from './mfa-setup.ts';
import '../alert/define.ts';
import '../backup-codes/define.ts';

defineElement('janua-mfa-setup', JanuaMfaSetup);

declare global {
  interface HTMLElementTagNameMap {
    'janua-mfa-setup': JanuaMfaSetup;
  }
}

export { JanuaMfaSetup };
