import { defineElement } from '../internal/define.ts';
import { JanuaCreateOrg } from './create-org.ts';
import '../alert/define.ts';

defineElement('janua-create-org', JanuaCreateOrg);

declare global {
  interface HTMLElementTagNameMap {
    'janua-create-org': JanuaCreateOrg;
  }
}

export { JanuaCreateOrg };
