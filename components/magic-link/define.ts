import { defineElement } from '../internal/define.ts';
import { JanuaMagicLink } from './magic-link.ts';
import '../alert/define.ts';
import '../sign-out-button/define.ts';

// <janua-mfa-challenge> is loaded by the element when the account owes a second factor.
defineElement('janua-magic-link', JanuaMagicLink);

declare global {
  interface HTMLElementTagNameMap {
    'janua-magic-link': JanuaMagicLink;
  }
}

export { JanuaMagicLink };
