import type { JanuaClient } from '../client.ts';

/*
 * Whether this browser asked for a sign-in link: the one value of the client core kept in
 * script-readable storage (`localStorage`, so every tab sees it), and never a secret: the time of
 * the request, under a key named by the API. tests/core/storage.test.ts holds it to that.
 */

/** How long a mailed link works on the reference server, and so how long "asked for here" holds. */
const LINK_LIFETIME_MS = 15 * 60 * 1000;
const askedKey = (client: JanuaClient) => `janua:magic-link:${client.api}`;

/** Marks (or, once a link has been used, unmarks) that this browser asked for a link. */
export function noteLinkAsked(client: JanuaClient, asked: boolean): void {
  try {
    if (asked) globalThis.localStorage?.setItem(askedKey(client), String(Date.now()));
    else globalThis.localStorage?.removeItem(askedKey(client));
  } catch {
    // Storage blocked or full: the landing page then asks before it signs in, which is safe.
  }
}

/**
 * Whether this browser asked for a sign-in link in the last 15 minutes (in any tab). A landing
 * page signs in at once only then: a link someone else asked for (for their own account, opened
 * here to sign this browser into it, a login CSRF) or one asked for on another device gets a
 * question first. Another site cannot set the mark.
 */
export function askedForMagicLinkHere(client: JanuaClient): boolean {
  let at: number;
  try {
    at = Number(globalThis.localStorage?.getItem(askedKey(client)));
  } catch {
    return false;
  }
  return at > 0 && Date.now() - at < LINK_LIFETIME_MS;
}
