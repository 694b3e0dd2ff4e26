/**
 * @janua/ssr/server: checks the access-token cookie (`ssrCookie`) on the app's server. The
 * signature is verified with jose against the Janua server's JWKS (fetched once per URL and
 * cached; an unknown `kid` refetches, rate-limited), with the algorithm, `typ`, issuer and
 * audience pinned and `type: "access"` required. Then the user is read with that token from
 * `GET /auth/me`, which also refuses a session revoked since the token was issued.
 *
 * A check that cannot be made (the keys or `/auth/me` unreachable, slow or failing) gives
 * `status: 'unknown'`, never `signed-out`: a guard that sent that visitor to sign-in would loop.
 */
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { toUser, type ApiUser, type User } from '@janua/core';
import { readCookie, SSR_COOKIE_NAME, type JanuaLocals } from './index.ts';

/** A visitor without a valid session. */
export const SIGNED_OUT: JanuaLocals = Object.freeze({ status: 'signed-out', user: null, session: null, userId: null, orgId: null, orgRole: null });

/**
 * A visitor whose session could not be checked now. Nobody as far as the page goes, but not
 * signed out: guards answer 503 (`sessionUnavailable()`) rather than sending them to sign-in.
 */
export const SESSION_UNKNOWN: JanuaLocals = Object.freeze({ status: 'unknown', user: null, session: null, userId: null, orgId: null, orgRole: null });

export interface VerifierOptions {
  /** Base URL of the Janua server, as the app's server reaches it (`${api}/api/v1/…`, `${api}/.well-known/jwks.json`). */
  api: string;
  /**
   * The `iss` tokens must carry: the Janua server's public URL; default `api`. Set it when the
   * app's server reaches the Janua server under another name than the browser does (Docker,
   * Kubernetes: `api: 'http://janua:8787'`, `issuer: 'https://auth.example.com'`).
   */
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
  /** Milliseconds the keys or `GET /auth/me` may take before the check gives up as `unknown`; default 5000. */
  timeout?: number;
  /** For the keys and `/auth/me`; default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

export interface Verifier {
  /**
   * The visitor for a token: `signed-out` (SIGNED_OUT) for a missing, forged, expired or revoked
   * one, `unknown` (SESSION_UNKNOWN) when the Janua server could not answer. Never throws.
   */
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
function keySet(url: string, fetcher: typeof fetch | undefined, timeoutDuration: number): ReturnType<typeof createRemoteJWKSet> {
  const options = { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration };
  if (fetcher) return createRemoteJWKSet(new URL(url), { ...options, [customFetch]: fetcher });
  const key = `${timeoutDuration} ${url}`;
  let jwks = jwksCache.get(key);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(url), options);
    jwksCache.set(key, jwks);
  }
  return jwks;
}

/** Why a check could not be made: `reason` keys the one log line it gets. Thrown inside, never out of `verify`. */
class Unavailable extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

/** An error's message and its cause's code (`fetch failed (ECONNREFUSED)`), for a log line. */
function describe(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${message} (${code})` : message;
}

/**
 * `promise`, or an Unavailable once `ms` have passed: a `fetch` of the app's own may not honour
 * its `signal`, and a call that never settles would hold every request for that token.
 */
function deadline<T>(promise: Promise<T>, ms: number, reason: string, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Unavailable(reason, message)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const isTimeout = (error: unknown): boolean => error instanceof Error && (error.name === 'TimeoutError' || error instanceof errors.JWKSTimeout);

const USER_CACHE_MS = 30_000;
const USER_CACHE_SIZE = 500;

/**
 * A verifier for one Janua server: `verify(token)` or `fromCookies(header)` per request. Create
 * it once (it keeps the keys, recent users and what it has logged), not per request.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  if (!options?.api) throw new TypeError('createVerifier: `api` (the Janua server URL) is required');
  const api = new URL(options.api).href.replace(/\/+$/, '');
  const issuer = (options.issuer ?? api).replace(/\/+$/, '');
  const audience = options.audience ?? issuer;
  const algorithms = options.algorithms ?? ['ES256', 'EdDSA'];
  const refused = algorithms.filter((a) => !ALLOWED_ALGORITHMS.has(a));
  if (refused.length) throw new TypeError(`createVerifier: algorithm(s) ${refused.join(', ')} are not accepted (asymmetric signatures only)`);
  const jwksUrl = options.jwksUrl ?? `${api}/.well-known/jwks.json`;
  const meUrl = `${api}/api/v1/auth/me`;
  const loadUser = options.loadUser ?? true;
  const cookieName = options.cookieName ?? SSR_COOKIE_NAME;
  const timeout = options.timeout ?? 5_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const jwks = keySet(jwksUrl, options.fetch, timeout);
  // Recent answers of /auth/me per token, and the calls under way, so a page's burst of requests costs one call.
  const users = new Map<string, { user: User; until: number }>();
  const pending = new Map<string, Promise<User | null>>();
  // An outage or a wrong setting shows on every request: one line each is enough to act on.
  const logged = new Set<string>();
  const warnOnce = (reason: string, message: string) => {
    if (logged.has(reason)) return;
    logged.add(reason);
    console.warn(`[janua] ${message} (logged once)`);
  };

  // Keys that cannot be had leave the token unjudged; a key set without the token's `kid` refuses it.
  const keys: JWTVerifyGetKey = async (header, token) => {
    try {
      return await deadline(jwks(header, token), timeout, 'keys-timeout', `the key set ${jwksUrl} did not answer within ${timeout} ms`);
    } catch (error) {
      if (error instanceof Unavailable || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw isTimeout(error)
        ? new Unavailable('keys-timeout', `the key set ${jwksUrl} did not answer within ${timeout} ms`)
        : new Unavailable('keys', `the key set ${jwksUrl} could not be read: ${describe(error)}`);
    }
  };

  /** The token's claims, or null for a token this server must refuse. Throws Unavailable. */
  async function claims(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms,
        issuer,
        audience,
        // No \`typ\` pin: the contract promises the claims, not the header (the reference server
        // writes \`at+jwt\`, the platform may write \`JWT\` or none); \`type: "access"\` decides.
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        clockTolerance: options.clockTolerance ?? 5,
      });
      return payload['type'] === 'access' && typeof payload.sub === 'string' && typeof payload['sid'] === 'string' ? payload : null;
    } catch (error) {
      if (error instanceof Unavailable) throw error;
      // The signature held (jose checks claims after it), so the Janua server issued this token
      // for another name: most likely this app's setting, which would refuse every visitor.
      if (error instanceof errors.JWTClaimValidationFailed && (error.claim === 'iss' || error.claim === 'aud')) {
        const carried = JSON.stringify(error.payload[error.claim] ?? null).slice(0, 200);
        warnOnce(
          error.claim,
          error.claim === 'iss'
            ? `A token's issuer (iss) is ${carried}, but this server expects ${JSON.stringify(issuer)} (the \`issuer\` option; default \`api\`), so its visitor counts as signed out. If every visitor does, this server most likely reaches the Janua server under another name than the browser: set \`issuer\` to the Janua server's public URL`
            : `A token's audience (aud) is ${carried}, but this server expects ${JSON.stringify(audience)} (the \`audience\` option; default the issuer), so its visitor counts as signed out. If every visitor does, set \`audience\` to what the Janua server's tokens carry`,
        );
      }
      return null;
    }
  }

  /** The token's user from `GET /auth/me`, or null when the server refuses the token (401). Throws Unavailable. */
  async function fetchUser(token: string): Promise<User | null> {
    let res: Response;
    try {
      res = await doFetch(meUrl, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, signal: AbortSignal.timeout(timeout) });
    } catch (error) {
      throw isTimeout(error)
        ? new Unavailable('me-timeout', `GET ${meUrl} did not answer within ${timeout} ms`)
        : new Unavailable('me-network', `GET ${meUrl} failed: ${describe(error)}`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      // 401 is the server's word on this token (expired, revoked); any other answer says nothing about it.
      if (res.status === 401) return null;
      throw new Unavailable(`me-${res.status}`, `GET ${meUrl} answered ${res.status}`);
    }
    try {
      return toUser((await res.json()) as ApiUser);
    } catch (error) {
      throw isTimeout(error)
        ? new Unavailable('me-timeout', `GET ${meUrl} did not answer within ${timeout} ms`)
        : new Unavailable('me-body', `GET ${meUrl} answered ${res.status} without a user: ${describe(error)}`);
    }
  }

  /** `fetchUser`, from the cache or the call already under way for the same token. */
  function user(token: string, exp: number): Promise<User | null> {
    const known = users.get(token);
    if (known && known.until > Date.now()) return Promise.resolve(known.user);
    users.delete(token);
    let call = pending.get(token);
    if (!call) {
      call = deadline(fetchUser(token), timeout, 'me-timeout', `GET ${meUrl} did not answer within ${timeout} ms`).then((found) => {
        if (found) {
          if (users.size >= USER_CACHE_SIZE) users.delete(users.keys().next().value!);
          users.set(token, { user: found, until: Math.min(Date.now() + USER_CACHE_MS, exp * 1000) });
        }
        return found;
      });
      pending.set(token, call);
      // Failures are not kept: the next request asks again.
      const done = () => pending.delete(token);
      call.then(done, done);
    }
    return call;
  }

  async function verify(token: string | null | undefined): Promise<JanuaLocals> {
    if (!token || typeof token !== 'string') return SIGNED_OUT;
    try {
      const payload = await claims(token);
      if (!payload) return SIGNED_OUT;
      const found = loadUser ? await user(token, payload.exp!) : null;
      if (loadUser && (!found || found.id !== payload.sub)) return SIGNED_OUT;
      const orgId = typeof payload['org_id'] === 'string' ? payload['org_id'] : null;
      const orgRole = orgId && typeof payload['org_role'] === 'string' ? payload['org_role'] : null;
      return Object.freeze({
        status: 'signed-in',
        user: found,
        session: Object.freeze({ id: payload['sid'] as string, expiresAt: payload.exp! * 1000, orgId, orgRole }),
        userId: payload.sub!,
        orgId,
        orgRole,
      });
    } catch (error) {
      // Anything else is a fault of ours, not a verdict on the visitor: as unknown, it fails closed without a loop.
      const why = error instanceof Unavailable ? error : new Unavailable('error', `the check failed: ${describe(error)}`);
      warnOnce(why.reason, `Cannot check sessions now: ${why.message}. Protected pages answer 503 until the Janua server answers again; others render without the visitor`);
      return SESSION_UNKNOWN;
    }
  }

  return {
    verify,
    fromCookies: (header) => verify(readCookie(header, cookieName)),
    cookieName,
  };
}

/** Seconds a visitor is asked to wait (`Retry-After`) when their session could not be checked. */
const RETRY_AFTER_SECONDS = 5;

/**
 * What a guard answers for a protected page while the session cannot be checked
 * (`status: 'unknown'`): 503 with `Retry-After`, a short plain message, nothing cached. Neither
 * the page (the visitor may have been signed out) nor a redirect to sign-in (whose element,
 * finding them signed in, would send them back, and so on).
 */
export function sessionUnavailable(): Response {
  return new Response('Your session cannot be checked right now. Please try again in a few seconds.\n', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' },
  });
}

/** A path as the router matches it (percent-decoded, runs of slashes as one), or null if it does not decode. */
function routedPath(pathname: string): string | null {
  try {
    return pathname.split('%25').map(decodeURI).join('%25').replace(/\/{2,}/g, '/');
  } catch {
    return null;
  }
}

/**
 * Whether a request's path is under one of `prefixes` (`'/dashboard'`: itself and below it),
 * judged on the path the router matches: percent-decoded as SvelteKit and Astro decode it (so
 * `/%64ashboard` is `/dashboard`) with runs of slashes taken as one. A prefix written with a
 * trailing slash (`'/dashboard/'`) covers the bare path too, which both routers serve as the same
 * page. A path that does not decode counts as under them: a protection check fails closed.
 */
export function underPrefixes(prefixes: readonly string[], pathname: string): boolean {
  const path = routedPath(pathname);
  if (path === null) return prefixes.length > 0;
  return prefixes.some((p) => {
    const base = p.replace(/\/+$/, '');
    return path === base || path.startsWith(`${base}/`);
  });
}

/**
 * Whether `url` is the sign-in page: `signInUrl`'s path on this origin (with or without a
 * trailing slash, judged as `underPrefixes` judges). Guards never protect it, whatever `protect`
 * says: under `protect: ['/']` it would send its visitors to itself, `redirect_to` growing each
 * time. A path that does not decode is not it (the exemption fails closed).
 */
export function isSignInPage(signInUrl: string, url: URL): boolean {
  const target = new URL(signInUrl, url);
  const path = routedPath(url.pathname);
  return target.origin === url.origin && path !== null && path.replace(/\/+$/, '') === target.pathname.replace(/\/+$/, '');
}

/**
 * Whether a page's response sends the visitor to the sign-in page. While the session is
 * `unknown`, the wrappers answer `sessionUnavailable()` instead: a page's own guard
 * (`protect(Astro)`, a check of `locals.janua.user`) cannot tell unknown from signed out, and
 * the sign-in page's element would send a signed-in visitor straight back.
 */
export function redirectsToSignIn(response: Response, signInUrl: string, url: URL): boolean {
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  return location !== null && URL.canParse(location, url) && isSignInPage(signInUrl, new URL(location, url));
}

export { readCookie, signInRedirect, SSR_COOKIE_NAME, type JanuaLocals, type JanuaSessionStatus } from './index.ts';
