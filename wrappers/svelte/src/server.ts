/**
 * @janua/svelte/server: a SvelteKit `handle` hook that verifies the access-token cookie the
 * browser's client keeps (`configure` turns `ssrCookie` on) and puts the visitor on
 * `event.locals.janua`, and optionally sends signed-out visitors of protected paths to sign-in.
 *
 *   // src/hooks.server.ts
 *   export const handle = januaHandle({ api: env.JANUA_API, protect: ['/dashboard'] });
 *   // src/routes/+layout.server.ts
 *   export const load = ({ locals }) => ({ janua: locals.janua });
 */
import { createVerifier, signInRedirect, underPrefixes, type JanuaLocals, type VerifierOptions } from '@janua/ssr/server';

/** The part of SvelteKit's `RequestEvent` the hook uses. */
export interface HandleEvent {
  request: Request;
  url: URL;
  locals: object;
}

export interface JanuaHandleOptions extends VerifierOptions {
  /** Path prefixes (`'/dashboard'`) or a test; a signed-out visitor is redirected to `signInUrl`. */
  protect?: readonly string[] | ((url: URL) => boolean);
  /** Where to sign in; default `/sign-in`. The requested page goes along as `redirect_to`. */
  signInUrl?: string;
}

export type JanuaHandle = <E extends HandleEvent>(input: { event: E; resolve: (event: E) => Response | Promise<Response> }) => Promise<Response>;

export function januaHandle(options: JanuaHandleOptions): JanuaHandle {
  const verifier = createVerifier(options);
  const guarded = typeof options.protect === 'function' ? options.protect : (url: URL) => underPrefixes((options.protect as readonly string[] | undefined) ?? [], url.pathname);
  const signInUrl = options.signInUrl ?? '/sign-in';
  return async ({ event, resolve }) => {
    const janua = await verifier.fromCookies(event.request.headers.get('cookie'));
    (event.locals as { janua: JanuaLocals }).janua = janua;
    if (!janua.user && !janua.userId && guarded(event.url)) {
      return new Response(null, { status: 303, headers: { location: signInRedirect(signInUrl, event.url), 'cache-control': 'no-store' } });
    }
    return resolve(event);
  };
}

/** For a `load` function: where to send a signed-out visitor, or null when signed in (`redirect(303, to)`). */
export function requireUser(locals: { janua?: JanuaLocals }, url: URL, signInUrl = '/sign-in'): string | null {
  return locals.janua?.userId ? null : signInRedirect(signInUrl, url);
}

export { createVerifier, type JanuaLocals, type VerifierOptions };
