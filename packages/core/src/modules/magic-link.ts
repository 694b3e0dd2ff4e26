import type { ApiSignInResponse } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { internals } from '../internal.ts';
import type { SignInResult } from '../types.ts';
import { noteLinkAsked } from './magic-link-mark.ts';

/*
 * The two halves of a magic-link sign-in as plain functions, so the sign-in surface carries them
 * without the rest of `account(client)` (whose `requestMagicLink`/`completeMagicLink` are the
 * same calls).
 */

/**
 * Mails a sign-in link to `email`. The answer is the same whether or not the account exists.
 * `redirectUrl` (absolute, on an origin the server allows) rides along in the link; the landing
 * page still passes it through its redirect guard. 429 carries `retryAfter`.
 */
export async function requestMagicLink(client: JanuaClient, params: { email: string; redirectUrl?: string }): Promise<void> {
  await internals(client).call('POST', '/auth/magic-link', { email: params.email, redirect_url: params.redirectUrl }, { auth: false });
  noteLinkAsked(client, true);
}

/**
 * Signs in with the token of a mailed link. A used, expired or unknown link is INVALID_TOKEN; an
 * MFA account gets the pending step (`via: 'magic-link'`).
 */
export async function completeMagicLink(client: JanuaClient, token: string): Promise<SignInResult> {
  const i = internals(client);
  const answer = await i.call<ApiSignInResponse>('POST', '/auth/magic-link/verify', { token }, { auth: false, cookie: true });
  noteLinkAsked(client, false);
  return i.completeSignIn(answer, 'magic-link');
}
