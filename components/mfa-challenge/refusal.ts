import type { ApiMfaCodeRefusal, MfaMethod } from '@janua/core';
import type { LocalizeController } from '../internal/localize.ts';

/*
 * A module of its own so that <janua-mfa-setup> takes only this (and the strings) from the
 * second-factor step, not its field and memory of accepted codes.
 */

/**
 * What to say for a code refused for `reason` (`details.reason`, ext), in the words of the factor
 * asked for: wrong, already used, expired, or replaced by a newer text. `<janua-mfa-setup>` says
 * the same for its first code.
 */
export function refusalMessage(l10n: LocalizeController, reason: ApiMfaCodeRefusal | false, method: MfaMethod): string {
  const backup = method === 'backup_code';
  const sms = method === 'sms';
  return l10n.t(reason === 'reused' ? (backup ? 'mfa.error.reusedBackup' : sms ? 'mfa.error.reusedSms' : 'mfa.error.reused')
    : reason === 'replaced' ? 'mfa.error.replaced'
      : reason === 'expired' && !backup ? (sms ? 'mfa.error.expiredSms' : 'mfa.error.expired')
        : backup ? 'mfa.error.wrongBackup' : 'mfa.error.wrong');
}
