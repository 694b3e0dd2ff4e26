import type { MfaMethod } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { internals } from '../internal.ts';
import { DEFAULT_MFA_METHODS } from '../pending.ts';

const KNOWN: readonly string[] = ['totp', 'sms', 'backup_code'];

/**
 * Takes up a second-factor step handed over in a redirect's fragment: a social or SSO sign-in of
 * an MFA account comes back to `redirect_to#mfa_token=…&mfa_methods=totp,sms`. Opens the pending
 * step (the token stays inside the client) and returns whether there was one; the caller then
 * removes the fragment from the address bar (`history.replaceState`).
 */
export function resumeChallenge(client: JanuaClient, fragment: string, via: 'social' | 'sso' = 'social'): boolean {
  const params = new URLSearchParams(String(fragment ?? '').replace(/^#/, ''));
  const token = params.get('mfa_token');
  if (!token) return false;
  const methods = (params.get('mfa_methods') ?? '').split(',').filter((m) => KNOWN.includes(m)) as MfaMethod[];
  internals(client).beginChallenge(token, methods.length ? methods : DEFAULT_MFA_METHODS, via);
  return true;
}
