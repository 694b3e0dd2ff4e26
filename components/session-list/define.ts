import { defineElement } from '../internal/define.ts';
import { JanuaSessionList } from './session-list.ts';
import '../alert/define.ts';

defineElement('janua-session-list', JanuaSessionList);

declare global {
  interface HTMLElementTagNameMap {
    'janua-session-list': JanuaSessionList;
  }
}

export { JanuaSessionList };
