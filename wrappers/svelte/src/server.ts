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
import {
  createVerifier,
  isSignInPage,
  redirectsToSignIn,
  sessionUnavailable,
  signInRedirect,
  underPrefixes,
  type JanuaLocals,
  type JanuaSessionStatus,
  type VerifierOptions,
} from '@janua/ssr/server';

/** The part of SvelteKit's `RequestEvent` the hook uses. */
export interface HandleEvent {
  request: Request;
  url: URL;
  locals: object;
}

export interface JanuaHandleOptions extends VerifierOptions {
  /**
   * Path prefixes (`'/dashboard'`) or a test; a signed-out visitor is redirected to `signInUrl`.
   * The sign-in page itself is never protected.
   */
  protect?: readonly string[] | ((url: URL) => boolean);
  /** Where to sign in; default `/sign-in`. The requested page goes along as `redirect_to`. */
  signInUrl?: string;
}

export type JanuaHandle = <E extends HandleEvent>(input: { event: E; resolve: (event: E) => Response | Promise<Response> }) => Promise<Response>;

/** The locals of requests whose `requireUser` met an `unknown` session: their handle answers 503. */
const unavailable = new WeakSet<object>();

/**
 * What `requireUser` throws while the session cannot be checked (`status: 'unknown'`): the
 * `load` stops, so nothing protected renders, and `januaHandle` answers 503 with `Retry-After`.
 */
export class JanuaSessionUnavailableError extends Error {
  readonly status = 503;
  constructor() {
    super('Janua: the session cannot be checked right now (the Janua server did not answer); the page answers 503');
    this.name = 'JanuaSessionUnavailableError';
  }
}

/**
 * The hook: `event.locals.janua` on every request; for a protected path, a redirect to sign-in
 * when signed out, and 503 with `Retry-After` when the session cannot be checked now
 * (`status: 'unknown'`), as it also answers for a page that redirects to sign-in meanwhile or
 * whose `requireUser` met that state.
 */
export function januaHandle(options: JanuaHandleOptions): JanuaHandle {
  const verifier = createVerifier(options);
  const signInUrl = options.signInUrl ?? '/sign-in';
  const test = typeof options.protect === 'function' ? options.protect : (url: URL) => underPrefixes((options.protect as readonly string[] | undefined) ?? [], url.pathname);
  const guarded = (url: URL) => !isSignInPage(signInUrl, url) && test(url);
  return async ({ event, resolve }) => {
    const janua = await verifier.fromCookies(event.request.headers.get('cookie'));
    (event.locals as { janua: JanuaLocals }).janua = janua;
    if (guarded(event.url)) {
      if (janua.status === 'unknown') return sessionUnavailable();
      if (!janua.user && !janua.userId) {
        return new Response(null, { status: 303, headers: { location: signInRedirect(signInUrl, event.url), 'cache-control': 'no-store' } });
      }
    }
    const response = await resolve(event);
    if (janua.status !== 'unknown') return response;
    return unavailable.has(event.locals) || redirectsToSignIn(response, signInUrl, event.url)
      || await dataRedirectsToSignIn(event, response, signInUrl) ? sessionUnavailable() : response;
  };
}

/**
 * Whether a client-side navigation's data request (`__data.json`) answered a load's redirect to
 * sign-in: SvelteKit sends it as a 200 `{"type":"redirect","location":…}`, not a 3xx.
 */
async function dataRedirectsToSignIn(event: HandleEvent & { isDataRequest?: boolean }, response: Response, signInUrl: string): Promise<boolean> {
  if (!event.isDataRequest || !response.headers.get('content-type')?.includes('json')) return false;
  try {
    const body = JSON.parse(await response.clone().text()) as { type?: unknown; location?: unknown };
    return body.type === 'redirect' && typeof body.location === 'string'
      && redirectsToSignIn(new Response(null, { status: 303, headers: { location: body.location } }), signInUrl, event.url);
  } catch {
    return false;
  }
}

/**
 * For a `load` function: where to send a signed-out visitor, or null when signed in or on the
 * sign-in page itself (`redirect(303, to)`; a root layout's guard would otherwise send the
 * sign-in page to itself). While the session cannot be checked it throws
 * `JanuaSessionUnavailableError`: neither the page nor sign-in (which would send the visitor
 * back) is right, and `januaHandle` turns the request into a 503.
 */
export function requireUser(locals: { janua?: JanuaLocals }, url: URL, signInUrl = '/sign-in'): string | null {
  if (isSignInPage(signInUrl, url)) return null;
  if (locals.janua?.status === 'unknown') {
    unavailable.add(locals);
    throw new JanuaSessionUnavailableError();
  }
  return locals.janua?.userId ? null : signInRedirect(signInUrl, url);
}

export { createVerifier, type JanuaLocals, type JanuaSessionStatus, type VerifierOptions };
