import { SignJWT, errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import type { AccessClaims } from '../../../core/src/api-types.ts';
import { randomToken } from '../util.ts';
import { KeyRing, SIGNING_ALG } from './keys.ts';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenIssuer {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  keys: KeyRing;
  now: () => number;
  /**
   * The organization claims of a session, read afresh at every issue (so a refresh drops a
   * role that was taken away). Set by the organizations feature; consulted when the caller
   * names no organization.
   */
  organizationOf?: (sessionId: string, userId: string) => { orgId: string; orgRole: NonNullable<AccessClaims['org_role']> } | null;
}

export async function signAccessToken(
  options: AccessTokenIssuer,
  subject: {
    userId: string;
    sessionId: string;
    email: string;
    orgId?: string;
    orgRole?: AccessClaims['org_role'];
    /**
     * The session's `active_org_id` when the caller has just read the row: null means no
     * organization is active, so the claims hook (another session read) is skipped.
     */
    activeOrgId?: string | null;
  },
): Promise<string> {
  const { kid, key } = await options.keys.active();
  const iat = Math.floor(options.now() / 1000);
  const claims: Record<string, unknown> = { sid: subject.sessionId, email: subject.email, type: 'access' };
  const org = subject.orgId ? subject : subject.activeOrgId === null ? null : options.organizationOf?.(subject.sessionId, subject.userId);
  if (org?.orgId) {
    claims['org_id'] = org.orgId;
    claims['org_role'] = org.orgRole;
  }
  // jose signs everywhere (Web Crypto): one well-kept implementation of JWS, on Node and in browsers.
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: ACCESS_TOKEN_TYPE })
    .setSubject(subject.userId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(randomToken(16))
    .sign(key);
}

/**
 * Checks signature, algorithm (only ES256: never `none`, never an HMAC keyed with the public
 * key), `typ`, issuer, audience, expiry and the `type` claim. Whether the session is still
 * alive is the caller's second check. Returns null for any bad token: callers answer 401
 * without telling which check failed.
 */
export async function verifyAccessToken(options: AccessTokenIssuer, token: string): Promise<AccessClaims | null> {
  const cache = verifiedCache(options);
  const known = cache.get(token);
  if (known) {
    if (known.exp * 1000 > options.now()) return known;
    cache.delete(token);
    return null;
  }
  const claims = await verifySignature(options, token);
  if (claims) {
    if (cache.size >= VERIFIED_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(token, claims);
  }
  return claims;
}

/**
 * Tokens whose signature and claims already checked out, until they expire. A client sends
 * the same access token for its whole lifetime, and an ECDSA verification costs more than the
 * rest of a request; the exact token string (signature included) is the key, so a token
 * differing by one byte is verified afresh. Only successes are kept, so junk cannot fill it.
 * The session is still checked on every request by the caller.
 */
const VERIFIED_CACHE_SIZE = 10_000;
const verified = new WeakMap<AccessTokenIssuer, Map<string, AccessClaims>>();

function verifiedCache(options: AccessTokenIssuer): Map<string, AccessClaims> {
  let cache = verified.get(options);
  if (!cache) verified.set(options, (cache = new Map()));
  return cache;
}

/** How far in the future an `iat` may be (clock skew between servers sharing a key). */
export const IAT_SKEW_MS = 60_000;

async function verifySignature(options: AccessTokenIssuer, token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header: JWTHeaderParameters) => {
        const key = header.kid ? await options.keys.verificationKey(header.kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        issuer: options.issuer,
        audience: options.audience,
        typ: ACCESS_TOKEN_TYPE,
        currentDate: new Date(options.now()),
        requiredClaims: ['sub', 'sid', 'iat', 'exp', 'jti'],
      },
    );
    if (payload['type'] !== 'access' || typeof payload['sid'] !== 'string' || typeof payload.sub !== 'string') {
      return null;
    }
    // jose checks `exp` and `nbf` but not an `iat` in the future. This server never issues one,
    // so such a token was made with a stolen key or a broken clock: refused beyond a small skew.
    if (typeof payload.iat !== 'number' || payload.iat * 1000 > options.now() + IAT_SKEW_MS) return null;
    return payload as unknown as AccessClaims;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
