/**
 * Opt-in for server rendering (`ssrCookie`): the short-lived access JWT mirrored into a cookie on
 * the page's own origin, so the app's server can verify it against the JWKS and render the
 * signed-in page. Off by default; the SSR wrappers switch it on. The refresh token never goes
 * here: it stays in the API's HttpOnly cookie (or in memory). This is the only place the core
 * writes a script-readable cookie.
 */

export interface SsrCookieOptions {
  /** Default `janua_access`. */
  name?: string;
  /** Default `/`. */
  path?: string;
}

export const SSR_COOKIE_NAME = 'janua_access';

/** Writes (`token` + lifetime in ms) or clears (`null`) the cookie; a no-op where there is no document. */
export type SsrCookieWriter = (token: string | null, ttl?: number) => void;

const TOKEN_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function ssrCookieWriter(option: boolean | SsrCookieOptions | undefined): SsrCookieWriter | null {
  if (!option) return null;
  const name = (option === true ? undefined : option.name) ?? SSR_COOKIE_NAME;
  const path = (option === true ? undefined : option.path) ?? '/';
  if (!TOKEN_NAME.test(name) || !path.startsWith('/') || /[;\s]/.test(path)) {
    throw new TypeError(`ssrCookie: "${name}" / "${path}" is not a cookie name and path`);
  }
  return (token, ttl = 0) => {
    const doc = (globalThis as { document?: { cookie: string } }).document;
    if (!doc) return;
    const secure = (globalThis as { location?: { protocol?: string } }).location?.protocol === 'https:' ? '; Secure' : '';
    // Only a JWT's characters (base64url and dots) ever reach the cookie.
    const value = token && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) ? token : '';
    const maxAge = value ? Math.max(0, Math.floor(ttl / 1000)) : 0;
    doc.cookie = `${name}=${value}; Path=${path}; Max-Age=${maxAge}; SameSite=Lax${secure}`;
  };
}
