/**
 * @janua/astro/middleware: verifies the access-token cookie (`@janua/ssr/server`: jose, the
 * server's JWKS, algorithm/issuer/audience pinned, `type: "access"`) and sets
 * `Astro.locals.janua`. The integration installs it; `createMiddleware` is for apps that compose
 * their own `src/middleware.ts` with `sequence()`.
 */
import type { MiddlewareHandler } from 'astro';
import { createVerifier, signInRedirect, underPrefixes, type VerifierOptions } from '@janua/ssr/server';

export interface JanuaMiddlewareOptions extends VerifierOptions {
  /** Path prefixes only signed-in visitors may see. */
  protect?: string[];
  /** Where to sign in; default `/sign-in`. */
  signInUrl?: string;
}

/** Where `locals` keeps the configured sign-in URL (a registered symbol: the same in every copy of the package). */
export const SIGN_IN_URL = Symbol.for('janua.astro.signInUrl');

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
    if (!janua.userId && !prerendered && underPrefixes(protect, context.url.pathname)) {
      return new Response(null, { status: 303, headers: { location: signInRedirect(signInUrl, context.url), 'cache-control': 'no-store' } });
    }
    return next();
  };
}
