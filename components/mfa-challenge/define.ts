import { defineElement } from '../internal/define.ts';
import { JanuaMfaChallenge } from './mfa-challenge.ts';
import '../alert/define.ts';
import '../sign-out-button/define.ts';

defineElement('janua-mfa-challenge', JanuaMfaChallenge);

declare global {
  interface HTMLElementTagNameMap {
    'janua-mfa-challenge': JanuaMfaChallenge;
  }
}

export { JanuaMfaChallenge };
