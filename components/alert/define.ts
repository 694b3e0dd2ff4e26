import { defineElement } from '../internal/define.ts';
import { JanuaAlert } from './alert.ts';

defineElement('janua-alert', JanuaAlert);

declare global {
  interface HTMLElementTagNameMap {
    'janua-alert': JanuaAlert;
  }
}

export { JanuaAlert };
