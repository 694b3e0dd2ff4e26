import type { ApiMfaCodeRefusal, JanuaClient, JanuaError, MfaMethod } from '@janua/core';
import type { LocalizeController } from '../internal/localize.ts';
import { refusalMessage } from './refusal.ts';

/**
 * Digits only, at most six: what a typed, pasted ("123 456") or filled code becomes. Arabic-Indic and
 * full-width digits (an Arabic keyboard's, a Japanese or Chinese input method's) become 0-9, as the
 * server reads them: each block starts at a code point ending in 0 (the number returned is the digit).
 */
export function sanitizeDigits(value: string): string {
  return value.replace(/[\u0660-\u0669\uff10-\uff19]/g, (d) => (d.charCodeAt(0) & 15) + '').replace(/\D/g, '').slice(0, 6);
}

/** The code as the server compares it: digits for TOTP and SMS; a backup code without spaces, dashes or case. */
export function normalizeCode(value: string, method: MfaMethod): string {
  return method === 'backup_code' ? value.replace(/[\s-]/g, '').toLowerCase() : sanitizeDigits(value);
}

export function wellFormed(code: string, method: MfaMethod): boolean {
  return method === 'backup_code' ? /^[a-z0-9]{12}$/.test(code) : /^\d{6}$/.test(code);
}

/**
 * Codes accepted in this tab, per client. A one-time code is spent once accepted; when the same
 * one is refused later, the user is told it was already used rather than that it is wrong. They
 * stay in memory only (a spent code opens nothing), and only the last few.
 */
const accepted = new WeakMap<JanuaClient, string[]>();

export function rememberCode(client: JanuaClient, code: string): void {
  const list = accepted.get(client) ?? [];
  list.push(code);
  accepted.set(client, list.slice(-20));
}

/**
 * The message for a refused code: `refusalMessage` for the reason the server gives, with the
 * tries left when few remain. A server that gives no reason leaves guesses: a code accepted in
 * this tab before is "already used", a texted code older than its 5 minutes "expired".
 */
export function describeCodeError(
  l10n: LocalizeController, error: JanuaError, client: JanuaClient, code: string, method: MfaMethod, smsExpired: boolean,
): string {
  // Any reason the server gives wins over the guesses (one this kit does not know reads as wrong).
  const said = error.details['reason'];
  const reason = typeof said === 'string' ? said as ApiMfaCodeRefusal
    : (accepted.get(client) ?? []).includes(code) ? 'reused' : smsExpired && 'expired';
  const message = refusalMessage(l10n, reason, method);
  const left = error.details['attempts_remaining'];
  return typeof left === 'number' && left <= 3 ? l10n.join(message, l10n.t('mfa.error.attempts', { count: left })) : message;
}
