import { defineElement } from '../internal/define.ts';
import { JanuaProvider } from './provider.ts';

defineElement('janua-provider', JanuaProvider);

declare global {
  interface HTMLElementTagNameMap {
    'janua-provider': JanuaProvider;
  }
}

export { JanuaProvider };
