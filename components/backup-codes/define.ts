import { defineElement } from '../internal/define.ts';
import { JanuaBackupCodes } from './backup-codes.ts';
import '../alert/define.ts';

defineElement('janua-backup-codes', JanuaBackupCodes);

declare global {
  interface HTMLElementTagNameMap {
    'janua-backup-codes': JanuaBackupCodes;
  }
}

export { JanuaBackupCodes };
