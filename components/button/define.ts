import { defineElement } from '../internal/define.ts';
import { JanuaButton } from './button.ts';

defineElement('janua-button', JanuaButton);

declare global {
  interface HTMLElementTagNameMap {
    'janua-button': JanuaButton;
  }
}

export { JanuaButton };
