import { defineElement } from '../internal/define.ts';
import { JanuaUserName } from './user-name.ts';

defineElement('janua-user-name', JanuaUserName);

declare global {
  interface HTMLElementTagNameMap {
    'janua-user-name': JanuaUserName;
  }
}

export { JanuaUserName };
