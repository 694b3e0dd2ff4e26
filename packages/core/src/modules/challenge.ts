import type { MfaMethod } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { internals } from '../internal.ts';
import { DEFAULT_MFA_METHODS } from '../pending.ts';
import type { User } from '../types.ts';
import { RETURN_PARAM, type ReturnVia } from './social.ts';

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

/** What a page learns from the address a social or SSO sign-in came back to. */
export type AuthReturn =
  /** Not the return of a sign-in (or already read). */
  | { status: 'none' }
  | { status: 'complete'; via: ReturnVia; user: User }
  /** An MFA account: the pending step is open (`snapshot.pending`), finish with `verifyMfa`. */
  | { status: 'needs_mfa'; via: ReturnVia; methods: MfaMethod[] }
  /** `error.code` is the callback's `?error=` upper-cased (`access_denied` → `ACCESS_DENIED`). */
  | { status: 'error'; via: ReturnVia; error: JanuaError };

/**
 * The `?error=` codes the server's OAuth/SSO callback sends. A page may use `error` for its own
 * ends, so without this kit's return marker only these are taken as a sign-in's outcome.
 */
const CALLBACK_ERRORS: readonly string[] = [
  'invalid_request', 'unknown_provider', 'invalid_state', 'browser_mismatch', 'access_denied', 'provider_error', 'provider_unreachable', 'exchange_failed', 'invalid_id_token',
  'invalid_nonce', 'invalid_issuer', 'email_required', 'email_not_verified', 'account_exists',
  'account_unverified', 'email_domain_not_allowed', 'sso_disabled', 'server_error',
];

/**
 * Reads the address a social or SSO sign-in came back to (`location.href`): `?error=<code>`, a
 * second factor in `#mfa_token=…` (the pending step opens; the token never leaves the client), or
 * a session the server put in the refresh cookie (the first restore picks it up; this waits for
 * it). Returns the outcome and `url`, the same address without what was read: the caller puts
 * it in the address bar (`history.replaceState`), so a reload or a bookmark never replays it.
 */
export async function readAuthReturn(client: JanuaClient, href: string): Promise<{ result: AuthReturn; url: string }> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { result: { status: 'none' }, url: href };
  }
  const marker = url.searchParams.get(RETURN_PARAM);
  const via: ReturnVia = marker === 'sso' ? 'sso' : 'social';
  const rawError = url.searchParams.get('error');
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const hasChallenge = Boolean(fragment.get('mfa_token'));
  const isError = rawError !== null && (marker !== null || CALLBACK_ERRORS.includes(rawError));
  if (marker === null && !isError && !hasChallenge) return { result: { status: 'none' }, url: href };

  url.searchParams.delete(RETURN_PARAM);
  if (isError) url.searchParams.delete('error');
  if (hasChallenge) url.hash = '';
  const clean = url.href;

  // The page's first restore settles first, so the outcome is read against a settled status.
  await client.ready;
  if (isError) {
    const code = (rawError || 'server_error').replace(/[^a-z0-9_]/gi, '').slice(0, 64).toUpperCase() || 'SERVER_ERROR';
    return { result: { status: 'error', via, error: new JanuaError({ code, message: `The sign-in came back with "${code}"`, details: { callback_error: rawError } }) }, url: clean };
  }
  if (hasChallenge) {
    resumeChallenge(client, fragment.toString(), via);
    const pending = client.getSnapshot().pending;
    return { result: { status: 'needs_mfa', via, methods: [...(pending?.methods ?? DEFAULT_MFA_METHODS)] }, url: clean };
  }
  const snapshot = client.getSnapshot();
  if (snapshot.status === 'signed-in' && snapshot.user) return { result: { status: 'complete', via, user: snapshot.user }, url: clean };
  // The server opened a session, but this page could not pick it up (the page and the API on
  // different sites, say, so the cookie never comes along), or the network failed meanwhile.
  const error = snapshot.error ?? new JanuaError({ code: 'SESSION_NOT_RESTORED', message: 'The session the sign-in opened could not be restored here' });
  return { result: { status: 'error', via, error }, url: clean };
}
