/**
 * @janua/astro/middleware: verifies the access-token cookie (`@janua/ssr/server`: jose, the
 * server's JWKS, algorithm/issuer/audience pinned, `type: "access"`) and sets
 * `Astro.locals.janua`. The integration installs it; `createMiddleware` is for apps that compose
 * their own `src/middleware.ts` with `sequence()`.
 */
import type { MiddlewareHandler } from 'astro';
import { createVerifier, isSignInPage, redirectsToSignIn, sessionUnavailable, signInRedirect, underPrefixes, type VerifierOptions } from '@janua/ssr/server';

export interface JanuaMiddlewareOptions extends VerifierOptions {
  /** Path prefixes only signed-in visitors may see (the sign-in page itself never is). */
  protect?: string[];
  /** Where to sign in; default `/sign-in`. */
  signInUrl?: string;
}

/** Where `locals` keeps the configured sign-in URL (a registered symbol: the same in every copy of the package). */
export const SIGN_IN_URL = Symbol.for('janua.astro.signInUrl');

/**
 * The middleware: `Astro.locals.janua` on every request; for a `protect`ed path, a redirect to
 * sign-in when signed out, and 503 with `Retry-After` when the session cannot be checked now
 * (`status: 'unknown'`), as it also answers for a page that redirects to sign-in meanwhile.
 */
export function createMiddleware(options: JanuaMiddlewareOptions): MiddlewareHandler {
  const verifier = createVerifier(options);
  const protect = options.protect ?? [];
  const signInUrl = options.signInUrl ?? '/sign-in';
  return async (context, next) => {
    // Prerendered pages have no visitor; reading their headers would only warn.
    const prerendered = (context as { isPrerendered?: boolean }).isPrerendered === true;
    const janua = await verifier.fromCookies(prerendered ? null : context.request.headers.get('cookie'));
    (context.locals as { janua: typeof janua }).janua = janua;
    // For `protect(Astro)`: the sign-in page the integration was given.
    (context.locals as unknown as Record<symbol, string>)[SIGN_IN_URL] = signInUrl;
    if (prerendered) return next();
    if (underPrefixes(protect, context.url.pathname) && !isSignInPage(signInUrl, context.url)) {
      if (janua.status === 'unknown') return sessionUnavailable();
      if (!janua.userId) {
        return new Response(null, { status: 303, headers: { location: signInRedirect(signInUrl, context.url), 'cache-control': 'no-store' } });
      }
    }
    const response = await next();
    return janua.status === 'unknown' && redirectsToSignIn(response, signInUrl, context.url) ? sessionUnavailable() : response;
  };
}
