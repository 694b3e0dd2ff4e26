import { readAuthReturn, type AuthReturn, type JanuaClient } from '@janua/core';

/*
 * Reading the address a social or SSO sign-in came back to. Loaded only when the address looks
 * like such a return (`returnAddress`), so a plain sign-in page never downloads it.
 */

/** The address whose return is being read: one element reads it (the first to ask); the others see nothing. */
let claimed: string | null = null;

/**
 * The outcome of the sign-in `href` (the address `returnAddress()` saw) is the return of, or null
 * (not a return, or already taken). What was read leaves the address bar, so a reload or a
 * bookmark never replays it (the MFA token already left it in `returnAddress`).
 */
export async function takeAuthReturn(client: JanuaClient, href: string): Promise<Exclude<AuthReturn, { status: 'none' }> | null> {
  if (claimed === href) return null;
  claimed = href;
  const { result, url } = await readAuthReturn(client, href);
  if (url !== location.href) history.replaceState(history.state, '', url);
  return result.status === 'none' ? null : result;
}
