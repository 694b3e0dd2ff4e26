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
  subject: { userId: string; sessionId: string; email: string; orgId?: string; orgRole?: AccessClaims['org_role'] },
): Promise<string> {
  const { kid, key } = await options.keys.active();
  const iat = Math.floor(options.now() / 1000);
  const claims: Record<string, unknown> = { sid: subject.sessionId, email: subject.email, type: 'access' };
  const org = subject.orgId ? subject : options.organizationOf?.(subject.sessionId, subject.userId);
  if (org?.orgId) {
    claims['org_id'] = org.orgId;
    claims['org_role'] = org.orgRole;
  }
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
    return payload as unknown as AccessClaims;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
