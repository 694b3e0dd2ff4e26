import { defineElement } from '../internal/define.ts';
import { JanuaDangerZone } from './danger-zone.ts';
import '../alert/define.ts';

defineElement('janua-danger-zone', JanuaDangerZone);

declare global {
  interface HTMLElementTagNameMap {
    'janua-danger-zone': JanuaDangerZone;
  }
}

export { JanuaDangerZone };
