import type { ApiUser, MfaMethod, OrgRole } from './api-types.ts';
import type { JanuaError } from './errors.ts';
import { snake } from './internal.ts';
import type { SsrCookieOptions } from './ssr-cookie.ts';

export type { InvitationStatus, MfaMethod, OrgRole } from './api-types.ts';

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in';
export type RefreshTransport = 'cookie' | 'body';

export interface JanuaClientOptions {
  /** Server base URL; requests go to `${api}/api/v1/...`. Relative URLs resolve against the page. */
  api: string;
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Default `'cookie'` where `document` exists, else `'body'`. */
  refreshTransport?: RefreshTransport;
  /** BroadcastChannel sync between tabs; default true where BroadcastChannel exists. */
  crossTab?: boolean;
  /** Extra origins allowed as redirect targets. */
  redirectAllowlist?: string[];
  /** Default true: restore the session on construction. */
  restore?: boolean;
  /** Clock in ms; for tests that need a token to look near its expiry. Default `Date.now`. */
  now?: () => number;
  /**
   * Off by default. For server rendering only: keep the short-lived access JWT in a cookie on the
   * page's own origin (`janua_access`, `Path=/`, `SameSite=Lax`, `Secure` on https, expiring with
   * the token) so the app's server can verify it against the JWKS. Any script on the page can
   * read that cookie; see README.md, "Server rendering and the cookie", for the trade-off. `JanuaClient.for` switches it
   * on for an existing client too.
   */
  ssrCookie?: boolean | SsrCookieOptions;
}

/** camelCase form of the API's `User`. */
export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  profileImageUrl: string | null;
  locale: string | null;
  mfaEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
  metadata: Record<string, unknown>;
  /**
   * False only when the server says the account has no password (`has_password`, ext): its
   * sensitive changes ask for none. True when the server does not say.
   */
  hasPassword: boolean;
}

export interface Session {
  /** The `sid` claim: the same id `GET /sessions/` lists. */
  id: string;
  /** When the current access token expires, in ms since the epoch. */
  expiresAt: number;
  orgId: string | null;
  orgRole: string | null;
}

/** camelCase form of the API's `Organization`; `role` is the signed-in user's. */
export interface Organization {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  logoUrl: string | null;
  createdAt: string;
  updatedAt: string;
  memberCount: number;
  role: OrgRole;
}

/** How the sign-in that now owes a second factor began. */
export type ChallengeVia = 'password' | 'sign-up' | 'passkey' | 'magic-link' | 'social' | 'sso';

/**
 * A sign-in waiting for its second factor. The MFA token itself is never here (nor in any event,
 * tab message or storage): the client holds it and `verifyMfa` uses it.
 */
export interface PendingChallenge {
  readonly kind: 'mfa';
  readonly methods: MfaMethod[];
  /** Local clock, ms: when the step lapses (the server's MFA token lives 5 minutes). */
  readonly expiresAt: number;
  readonly via: ChallengeVia;
}

export interface AuthSnapshot {
  readonly status: AuthStatus;
  readonly user: User | null;
  readonly session: Session | null;
  /** Filled once `organizations(client)` has loaded the list; empty otherwise. */
  readonly organizations: readonly Organization[];
  /** The organization of `session.orgId` (with `session.orgRole`), once the list is loaded. */
  readonly activeOrganization: Organization | null;
  /** A sign-in owing its second factor; `status` stays `signed-out` meanwhile. */
  readonly pending: PendingChallenge | null;
  /** Why the last restore or refresh failed (e.g. NETWORK_ERROR), cleared on success. */
  readonly error: JanuaError | null;
}

export type SignInResult =
  | { status: 'complete'; user: User }
  /** `pending` is set too; `mfaToken` stays for older callers, elements use `verifyMfa({code})`. */
  | { status: 'needs_mfa'; mfaToken: string; methods: MfaMethod[] };

export interface SignInParams {
  email: string;
  password: string;
}

export interface SignUpParams {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  locale?: string;
  metadata?: Record<string, unknown>;
}

export interface UserPatch {
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  locale?: string | null;
  metadata?: Record<string, unknown>;
}

export function toUser(api: ApiUser): User {
  return Object.freeze({
    id: api.id,
    email: api.email,
    emailVerified: api.email_verified,
    username: api.username ?? null,
    firstName: api.first_name ?? null,
    lastName: api.last_name ?? null,
    profileImageUrl: api.profile_image_url ?? null,
    locale: api.locale ?? null,
    mfaEnabled: api.mfa_enabled,
    createdAt: api.created_at,
    updatedAt: api.updated_at,
    lastSignInAt: api.last_sign_in_at ?? null,
    metadata: Object.freeze({ ...(api.metadata ?? {}) }),
    hasPassword: api.has_password !== false,
  });
}

/** What a body of the API's user fields may carry (sign-in, sign-up, a profile change). */
const WIRE_KEYS: readonly string[] = ['firstName', 'lastName', 'username', 'locale', 'metadata', 'email', 'password'];

/** camelCase params → the API's snake_case body; unknown keys and `undefined` are dropped. */
export function toWire(params: object | null | undefined): Record<string, unknown> {
  return snake(params, WIRE_KEYS);
}
