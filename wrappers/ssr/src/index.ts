/**
 * @janua/ssr: what the wrappers share: the state a server hands to the page, and the element
 * specs the generated bindings are made of. No DOM, no jose here (the verifier is
 * `@janua/ssr/server`), so browser bundles import it.
 */
import type { AuthSnapshot, Organization, Session, User } from '@janua/core';

export { SSR_COOKIE_NAME } from '@janua/core';

/**
 * What a server's check of the access-token cookie found: a verified session (`signed-in`), none
 * or a refused one (`signed-out`: no cookie, a bad signature, another issuer or audience, expired,
 * revoked), or no answer (`unknown`: the Janua server or its keys could not be reached in time,
 * or it failed). `unknown` is not `signed-out`: sending that visitor to sign-in would loop, as
 * the sign-in page's element knows them signed in and sends them back.
 */
export type JanuaSessionStatus = 'signed-in' | 'signed-out' | 'unknown';

/**
 * The visitor as the app's server sees them, once the access-token cookie has been verified
 * (`Astro.locals.janua`, SvelteKit's `event.locals.janua`). Plain data, safe to hand to the page
 * (it never holds the token).
 */
export interface JanuaLocals {
  /**
   * What the check found. Always set by the verifier; optional in the type only so that a
   * `JanuaLocals` an app builds itself (a test, its own check) still compiles, and is then read
   * from `userId`. While `unknown`, `user` and `userId` are null: guards must not let the visitor
   * in, nor send them to sign-in.
   */
  status?: JanuaSessionStatus;
  /** The signed-in user (from `GET /auth/me` with the verified token), or null (also when `loadUser` is false). */
  user: User | null;
  /** The session the token belongs to (`sid`, expiry, organization claims), or null. */
  session: Session | null;
  /** The verified token's subject: set whenever `status` is `signed-in`, even without `user`. */
  userId: string | null;
  /** The active organization's id (`org_id` claim), or null for the personal workspace. */
  orgId: string | null;
  orgRole: string | null;
}

/** What a server knew about the visitor when it rendered the page (a `JanuaLocals` will do). */
export interface InitialAuthState {
  /** The server's verdict; without it, signed in when `user` or `userId` is set. */
  status?: JanuaSessionStatus;
  user: User | null;
  userId?: string | null;
  session?: Session | null;
  organizations?: readonly Organization[];
  activeOrganization?: Organization | null;
}

const EMPTY: readonly Organization[] = /* @__PURE__ */ Object.freeze([]);

/**
 * The snapshot before the client has restored: `loading`, or what the server knew. A server
 * that could not check the session (`unknown`) knew nothing, so the client decides (`loading`).
 */
export function serverSnapshot(initial: InitialAuthState | null | undefined): AuthSnapshot {
  return Object.freeze({
    status: !initial || initial.status === 'unknown' ? 'loading' : initial.status ?? (initial.user || initial.userId ? 'signed-in' : 'signed-out'),
    user: initial?.user ?? null,
    session: initial?.session ?? null,
    organizations: initial?.organizations ?? EMPTY,
    activeOrganization: initial?.activeOrganization ?? null,
    pending: null,
    error: null,
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
 * The path's leading slashes are taken as one: a request for `//evil.example/x` reached this
 * app, but as a `redirect_to` it would name another host.
 */
export function signInRedirect(signInUrl: string, requested: URL): string {
  const target = new URL(signInUrl, requested);
  target.searchParams.set('redirect_to', `${requested.pathname.replace(/^\/+/, '/')}${requested.search}`);
  return target.origin === requested.origin ? `${target.pathname}${target.search}${target.hash}` : target.href;
}

/**
 * One element's bindings as scripts/generate-wrappers.mjs writes them, compact because every
 * app ships them: space-separated lists of the props an attribute carries (`redirectUrl`, or
 * `name=attribute` when the attribute is not the kebab-case of the name), the props only a DOM
 * property takes (`client strings`), the DOM events (`janua-signed-in`), and the boolean props.
 */
export type PackedSpec = readonly [attributes: string, properties: string, events: string, booleans?: string];

export interface ElementSpec {
  /** Prop → attribute name, or null when only a DOM property takes it. */
  props: Record<string, string | null>;
  /** DOM event → its key: `janua-signed-in` → `SignedIn` (React/Svelte `onSignedIn`, Vue `signed-in`). */
  events: Record<string, string>;
  /** Event prop → DOM event: `onSignedIn` → `janua-signed-in`. */
  handlers: Record<string, string>;
  booleans: string[];
}

/** A packed list's items. */
export const words = (list = ''): string[] => list.split(' ').filter(Boolean);

export function readSpec([attributes, properties, events, booleans]: PackedSpec): ElementSpec {
  const props: Record<string, string | null> = {};
  for (const item of words(attributes)) {
    const [name, attribute] = item.split('=') as [string, string?];
    props[name] = attribute ?? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  }
  for (const name of words(properties)) props[name] = null;
  const keys: Record<string, string> = {};
  const handlers: Record<string, string> = {};
  for (const name of words(events)) {
    keys[name] = name.replace(/^janua-/, '').replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
    handlers[`on${keys[name]}`] = name;
  }
  return { props, events: keys, handlers, booleans: words(booleans) };
}
