import { defineElement } from '../internal/define.ts';
import { JanuaLink } from './link.ts';

defineElement('janua-link', JanuaLink);

declare global {
  interface HTMLElementTagNameMap {
    'janua-link': JanuaLink;
  }
}

export { JanuaLink };
