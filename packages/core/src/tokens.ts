import type { ApiTokens } from './api-types.ts';
import { invalidResponse } from './http.ts';
import type { Session } from './types.ts';

export interface AccessState {
  token: string;
  /** Local clock: when to treat the token as expired. */
  expiresAt: number;
  /** Lifetime in ms, which sets how early to refresh. */
  ttl: number;
  session: Session;
  sub: string;
}

/** How early to refresh: ~60 s, or 10% of the lifetime if smaller, at least 5 s. */
export function refreshLead(ttl: number): number {
  const lead = Math.max(Math.min(60_000, ttl * 0.1), 5_000);
  // A token shorter-lived than twice the lead would be "due" the moment it arrives and the
  // client would refresh in a loop; refreshing at half-life bounds that to one per half-TTL.
  return Math.min(lead, ttl / 2);
}

/**
 * The claims of a compact JWT, decoded and never verified (servers verify). Throws on anything
 * that is not three dot-separated base64url parts whose middle one is a JSON object. This is the
 * whole of what the client used `jose` for; its copy cost a sign-in page about 0.9 KB gzip.
 */
export function decodeClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  const payload = parts[1];
  if (parts.length !== 3 || !payload || !/^[A-Za-z0-9_-]+$/.test(payload)) throw new TypeError('not a compact JWT');
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const claims: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new TypeError('JWT claims are not an object');
  return claims as Record<string, unknown>;
}

/** Reads (never verifies: servers do) the access token's claims into what the client keeps. */
export function readAccess(tokens: ApiTokens, now: number): AccessState {
  if (!tokens || typeof tokens.access_token !== 'string') throw invalidResponse();
  let claims: Record<string, unknown>;
  try {
    claims = decodeClaims(tokens.access_token);
  } catch {
    throw invalidResponse();
  }
  const { sub, sid, exp, iat } = claims;
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') throw invalidResponse();
  // Lifetime from the token itself, applied to the local clock: a skewed device clock must not
  // make a fresh token look expired (or an old one look fresh).
  const seconds = typeof iat === 'number' ? exp - iat : Number(tokens.expires_in);
  const ttl = Math.max(1, Number.isFinite(seconds) ? seconds : 0) * 1000;
  const session: Session = Object.freeze({
    id: sid,
    expiresAt: exp * 1000,
    orgId: typeof claims.org_id === 'string' ? claims.org_id : null,
    orgRole: typeof claims.org_role === 'string' ? claims.org_role : null,
  });
  return { token: tokens.access_token, expiresAt: now + ttl, ttl, session, sub };
}
