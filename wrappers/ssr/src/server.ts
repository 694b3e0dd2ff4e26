/**
 * @janua/ssr/server: checks the access-token cookie (`ssrCookie`) on the app's server. The
 * signature is verified with jose against the Janua server's JWKS (fetched once per URL and
 * cached; an unknown `kid` refetches, rate-limited), with the algorithm, `typ`, issuer and
 * audience pinned and `type: "access"` required. Then the user is read with that token from
 * `GET /auth/me`, which also refuses a session revoked since the token was issued.
 */
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from 'jose';
import { toUser, type ApiUser, type User } from '@janua/core';
import { readCookie, SSR_COOKIE_NAME, type JanuaLocals } from './index.ts';

/** A visitor without a valid session. */
export const SIGNED_OUT: JanuaLocals = Object.freeze({ user: null, session: null, userId: null, orgId: null, orgRole: null });

export interface VerifierOptions {
  /** Base URL of the Janua server, as the app's server reaches it (`${api}/api/v1/…`, `${api}/.well-known/jwks.json`). */
  api: string;
  /** The `iss` tokens must carry; default `api`. */
  issuer?: string;
  /** The `aud` tokens must carry; default the issuer. */
  audience?: string | string[];
  /** Signature algorithms accepted; default ES256 and EdDSA (what a Janua server signs with). Never `none`, never HMAC. */
  algorithms?: string[];
  /** Where the keys are; default `${api}/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** Read the user from `GET /auth/me` (default true); false gives `user: null` with the claims only. */
  loadUser?: boolean;
  /** The cookie the client writes (default `janua_access`). */
  cookieName?: string;
  /** Seconds of clock skew tolerated on `exp`/`iat`; default 5. */
  clockTolerance?: number;
  /** For the keys and `/auth/me`; default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

export interface Verifier {
  /** The visitor for a token (SIGNED_OUT for a missing, forged, expired or revoked one). Never throws. */
  verify(token: string | null | undefined): Promise<JanuaLocals>;
  /** The same, from a request's `Cookie` header. */
  fromCookies(cookieHeader: string | null | undefined): Promise<JanuaLocals>;
  readonly cookieName: string;
}

const ALLOWED_ALGORITHMS = new Set(['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'RS256', 'PS256']);
const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * The key set of a JWKS URL, shared for the life of the process (jose caches the keys inside
 * it and refetches on an unknown `kid`, at most every 30 s); one of its own with a custom fetch.
 */
function keySet(url: string, fetcher: typeof fetch | undefined): ReturnType<typeof createRemoteJWKSet> {
  const options = { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 };
  if (fetcher) return createRemoteJWKSet(new URL(url), { ...options, [customFetch]: fetcher });
  let jwks = jwksCache.get(url);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(url), options);
    jwksCache.set(url, jwks);
  }
  return jwks;
}

const USER_CACHE_MS = 30_000;
const USER_CACHE_SIZE = 500;

export function createVerifier(options: VerifierOptions): Verifier {
  if (!options?.api) throw new TypeError('createVerifier: `api` (the Janua server URL) is required');
  const api = new URL(options.api).href.replace(/\/+$/, '');
  const issuer = (options.issuer ?? api).replace(/\/+$/, '');
  const audience = options.audience ?? issuer;
  const algorithms = options.algorithms ?? ['ES256', 'EdDSA'];
  const refused = algorithms.filter((a) => !ALLOWED_ALGORITHMS.has(a));
  if (refused.length) throw new TypeError(`createVerifier: algorithm(s) ${refused.join(', ')} are not accepted (asymmetric signatures only)`);
  const jwksUrl = options.jwksUrl ?? `${api}/.well-known/jwks.json`;
  const loadUser = options.loadUser ?? true;
  const cookieName = options.cookieName ?? SSR_COOKIE_NAME;
  const doFetch = options.fetch ?? globalThis.fetch;
  const jwks = keySet(jwksUrl, options.fetch);
  // Recent answers of /auth/me per token, so a page's burst of requests costs one call.
  const users = new Map<string, { user: User; until: number }>();

  async function claims(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms,
        issuer,
        audience,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        clockTolerance: options.clockTolerance ?? 5,
      });
      return payload['type'] === 'access' && typeof payload.sub === 'string' && typeof payload['sid'] === 'string' ? payload : null;
    } catch {
      return null;
    }
  }

  async function user(token: string, exp: number): Promise<User | null> {
    const now = Date.now();
    const known = users.get(token);
    if (known && known.until > now) return known.user;
    users.delete(token);
    try {
      const res = await doFetch(`${api}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
      if (!res.ok) {
        await res.body?.cancel();
        return null;
      }
      const found = toUser((await res.json()) as ApiUser);
      if (users.size >= USER_CACHE_SIZE) users.delete(users.keys().next().value!);
      users.set(token, { user: found, until: Math.min(now + USER_CACHE_MS, exp * 1000) });
      return found;
    } catch {
      // The server cannot be reached: render signed out; the page's client restores after load.
      return null;
    }
  }

  async function verify(token: string | null | undefined): Promise<JanuaLocals> {
    if (!token || typeof token !== 'string') return SIGNED_OUT;
    const payload = await claims(token);
    if (!payload) return SIGNED_OUT;
    const found = loadUser ? await user(token, payload.exp!) : null;
    if (loadUser && (!found || found.id !== payload.sub)) return SIGNED_OUT;
    const orgId = typeof payload['org_id'] === 'string' ? payload['org_id'] : null;
    const orgRole = orgId && typeof payload['org_role'] === 'string' ? payload['org_role'] : null;
    return Object.freeze({
      user: found,
      session: Object.freeze({ id: payload['sid'] as string, expiresAt: payload.exp! * 1000, orgId, orgRole }),
      userId: payload.sub!,
      orgId,
      orgRole,
    });
  }

  return {
    verify,
    fromCookies: (header) => verify(readCookie(header, cookieName)),
    cookieName,
  };
}

/**
 * Whether a request's path is under one of `prefixes` (`'/dashboard'`: itself and below it),
 * judged on the path the router matches: percent-decoded as SvelteKit and Astro decode it (so
 * `/%64ashboard` is `/dashboard`) with runs of slashes taken as one. A prefix written with a
 * trailing slash (`'/dashboard/'`) covers the bare path too, which both routers serve as the same
 * page. A path that does not decode counts as under them: a protection check fails closed.
 */
export function underPrefixes(prefixes: readonly string[], pathname: string): boolean {
  let path: string;
  try {
    path = pathname.split('%25').map(decodeURI).join('%25').replace(/\/{2,}/g, '/');
  } catch {
    return prefixes.length > 0;
  }
  return prefixes.some((p) => {
    const base = p.replace(/\/+$/, '');
    return path === base || path.startsWith(`${base}/`);
  });
}

export { readCookie, signInRedirect, SSR_COOKIE_NAME, type JanuaLocals } from './index.ts';
