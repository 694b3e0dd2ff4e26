/**
 * @janua/ssr: what the SSR wrappers share and a server hands to the page. No DOM, no jose here
 * (the verifier is `@janua/ssr/server`), so browser bundles can import it.
 */
import type { AuthSnapshot, Organization, Session, User } from '@janua/core';

export { SSR_COOKIE_NAME } from '@janua/core';

/**
 * The visitor as the app's server sees them, once the access-token cookie has been verified
 * (`Astro.locals.janua`, SvelteKit's `event.locals.janua`). Plain data, safe to hand to the page
 * (it never holds the token).
 */
export interface JanuaLocals {
  /** The signed-in user (from `GET /auth/me` with the verified token), or null. */
  user: User | null;
  /** The session the token belongs to (`sid`, expiry, organization claims), or null. */
  session: Session | null;
  userId: string | null;
  /** The active organization's id (`org_id` claim), or null for the personal workspace. */
  orgId: string | null;
  orgRole: string | null;
}

export const SIGNED_OUT: JanuaLocals = Object.freeze({ user: null, session: null, userId: null, orgId: null, orgRole: null });

/** What a server knew about the visitor when it rendered the page (a `JanuaLocals` will do). */
export interface InitialAuthState {
  user: User | null;
  session?: Session | null;
  organizations?: readonly Organization[];
  activeOrganization?: Organization | null;
}

const LOADING: AuthSnapshot = Object.freeze({
  status: 'loading',
  user: null,
  session: null,
  organizations: Object.freeze([]) as readonly Organization[],
  activeOrganization: null,
  pending: null,
  error: null,
});

/** The snapshot before the client has restored: `loading`, or what the server knew. */
export function serverSnapshot(initial: InitialAuthState | null | undefined): AuthSnapshot {
  if (!initial) return LOADING;
  return Object.freeze({
    ...LOADING,
    status: initial.user ? 'signed-in' : 'signed-out',
    user: initial.user,
    session: initial.session ?? null,
    organizations: initial.organizations ?? LOADING.organizations,
    activeOrganization: initial.activeOrganization ?? null,
  });
}

/** One cookie's value from a `Cookie` request header, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

/**
 * Where a guard sends a signed-out visitor: `signInUrl` with `redirect_to` set to the page they
 * asked for (path and query only, so the sign-in page's redirect guard keeps them on this site).
 */
export function signInRedirect(signInUrl: string, requested: URL): string {
  const target = new URL(signInUrl, requested);
  target.searchParams.set('redirect_to', `${requested.pathname}${requested.search}`);
  return target.origin === requested.origin ? `${target.pathname}${target.search}${target.hash}` : target.href;
}
