import { defineElement } from '../internal/define.ts';
import { JanuaDivider } from './divider.ts';

defineElement('janua-divider', JanuaDivider);

declare global {
  interface HTMLElementTagNameMap {
    'janua-divider': JanuaDivider;
  }
}

export { JanuaDivider };
