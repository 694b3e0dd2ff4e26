import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { invalidResponse } from '../http.ts';
import { internals, seg } from '../internal.ts';

/** A social sign-in provider the server offers (`GET /auth/oauth/providers`, enabled ones only). */
export interface SocialProvider {
  /** The id in the API's paths (`google`, `github`, `acme`). */
  readonly id: string;
  /** What to call it on a button ("Google", "Acme ID"). */
  readonly name: string;
}

/** How a redirect sign-in comes back to the page; `readAuthReturn` reads it. */
export type ReturnVia = 'social' | 'sso';

/** The query parameter that marks a URL as the return of a sign-in this kit started. */
export const RETURN_PARAM = 'janua_return';

const providerLists = new WeakMap<JanuaClient, Promise<readonly SocialProvider[]>>();

/**
 * The enabled social providers, asked once per client (sign-in and sign-up on one page share the
 * answer). A server without the route (404) has none; a failed request is not remembered, so the
 * next caller asks again.
 */
export function socialProviders(client: JanuaClient): Promise<readonly SocialProvider[]> {
  let list = providerLists.get(client);
  if (!list) {
    list = internals(client).call<unknown>('GET', '/auth/oauth/providers', undefined, { auth: false }).then(
      (answer) => {
        if (!Array.isArray(answer)) throw invalidResponse();
        return Object.freeze(answer
          .filter((p): p is { provider: string; name?: unknown; enabled?: unknown } =>
            typeof p?.provider === 'string' && p.provider !== '' && p.enabled !== false)
          .map((p) => Object.freeze({ id: p.provider, name: typeof p.name === 'string' && p.name ? p.name : p.provider })));
      },
      (error: unknown) => {
        if (JanuaError.is(error) && error.status === 404) return Object.freeze([]) as readonly SocialProvider[];
        throw error;
      },
    );
    providerLists.set(client, list);
    list.catch(() => providerLists.delete(client));
  }
  return list;
}

/**
 * `returnTo` (absolute, or relative to `base`) with the return marker, so that the page the
 * provider sends the browser back to knows a sign-in of this kit came home.
 */
export function returnUrl(returnTo: string, via: ReturnVia, base?: string): string {
  const url = new URL(returnTo, base ?? globalThis.location?.href);
  url.searchParams.set(RETURN_PARAM, via);
  url.hash = '';
  return url.href;
}

/** The provider's URL from a start answer: only http(s), never a script. */
export function authorizationUrl(answer: unknown): string {
  const url = (answer as { authorization_url?: unknown } | null)?.authorization_url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw invalidResponse();
  return url;
}

/**
 * Starts a social sign-in: the server makes the state, the PKCE verifier and the nonce, keeps
 * them, and answers the provider's authorization URL; the caller sends the browser there. The
 * provider comes back through the server's callback to `returnTo` (default: this page), marked
 * for `readAuthReturn`. Credentials go along, so the server can bind the flow to this browser
 * (a cookie that the callback checks); the page must be on the API's site, as for the session.
 */
export async function startSocialSignIn(client: JanuaClient, params: { provider: string; returnTo?: string }): Promise<{ url: string }> {
  const redirectTo = returnUrl(params.returnTo ?? globalThis.location?.href ?? '/', 'social');
  const answer = await internals(client).call<unknown>(
    'POST', `/auth/oauth/authorize/${seg(params.provider)}?redirect_to=${encodeURIComponent(redirectTo)}`, undefined,
    { auth: false, cookie: true });
  return { url: authorizationUrl(answer) };
}
