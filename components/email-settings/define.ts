import { defineElement } from '../internal/define.ts';
import { JanuaEmailSettings } from './email-settings.ts';
import '../alert/define.ts';

defineElement('janua-email-settings', JanuaEmailSettings);

declare global {
  interface HTMLElementTagNameMap {
    'janua-email-settings': JanuaEmailSettings;
  }
}

export { JanuaEmailSettings };
