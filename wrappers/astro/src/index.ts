/**
 * @janua/astro: the integration. `integrations: [janua({ api })]` adds
 *  - a middleware that verifies the access-token cookie on every request and sets
 *    `Astro.locals.janua` (`status`, `user`, `session`, `userId`, `orgId`, `orgRole`), redirects
 *    signed-out visitors of `protect`ed paths to sign-in, and answers them 503 while the session
 *    cannot be checked;
 *  - a page script that creates the browser's client with `ssrCookie` on, so the server sees the
 *    session (off with `clientScript: false`, then call `configure` from `@janua/astro/client`);
 *  - the typings of `Astro.locals.janua`, and the config the components read (`api`).
 * Components: `@janua/astro/components` (`<SignIn>`, `<SignedIn>`, …, generated from the manifest).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import type { SsrCookieOptions } from '@janua/core';
import { signInRedirect, type JanuaLocals } from '@janua/ssr';
import { isSignInPage, sessionUnavailable } from '@janua/ssr/server';

export interface JanuaAstroOptions {
  /** Base URL of the Janua server as the browser reaches it. */
  api: string;
  /** The same server as this Astro server reaches it (keys, `/auth/me`); default `api`. */
  serverApi?: string;
  /** The `iss` tokens must carry; default `api`. */
  issuer?: string;
  /** The `aud` tokens must carry; default the issuer. */
  audience?: string | string[];
  /** Accepted signature algorithms; default ES256 and EdDSA. */
  algorithms?: string[];
  /** Milliseconds the keys or `GET /auth/me` may take before a check gives up as `unknown`; default 5000. */
  timeout?: number;
  /** Read the user from `GET /auth/me` (default true); false gives `user: null` with the claims only. */
  loadUser?: boolean;
  /** The access-token cookie (default on, `janua_access`); the server reads what the browser writes. */
  ssrCookie?: true | SsrCookieOptions;
  /** Path prefixes only signed-in visitors may see (`['/dashboard']`); others go to `signInUrl`. */
  protect?: string[];
  /** Where to sign in; default `/sign-in`. The requested page goes along as `redirect_to`. */
  signInUrl?: string;
  /** Inject the page script that creates the client (default true). */
  clientScript?: boolean;
}

const VIRTUAL = 'virtual:janua/config';

export default function janua(options: JanuaAstroOptions): AstroIntegration {
  if (!options?.api) throw new TypeError('janua({ api }): `api` (the Janua server URL) is required');
  const cookie = options.ssrCookie ?? true;
  const cookieName = cookie === true ? undefined : cookie.name;
  return {
    name: '@janua/astro',
    hooks: {
      'astro:config:setup': ({ addMiddleware, createCodegenDir, injectScript, updateConfig }) => {
        const dir = createCodegenDir();
        mkdirSync(dir, { recursive: true });
        const middleware = new URL('middleware.mjs', dir);
        const settings = {
          api: options.serverApi ?? options.api,
          issuer: options.issuer ?? options.api,
          ...(options.audience ? { audience: options.audience } : {}),
          ...(options.algorithms ? { algorithms: options.algorithms } : {}),
          ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
          ...(options.loadUser !== undefined ? { loadUser: options.loadUser } : {}),
          ...(cookieName ? { cookieName } : {}),
          protect: options.protect ?? [],
          signInUrl: options.signInUrl ?? '/sign-in',
        };
        writeFileSync(middleware, `import { createMiddleware } from '@janua/astro/middleware';\nexport const onRequest = createMiddleware(${JSON.stringify(settings)});\n`);
        addMiddleware({ entrypoint: middleware, order: 'pre' });
        if (options.clientScript !== false) {
          injectScript('page', `import { configure } from '@janua/astro/client';\nconfigure(${JSON.stringify({ api: options.api, ssrCookie: cookie })});`);
        }
        const config = `export default ${JSON.stringify({ api: options.api })};`;
        updateConfig({
          vite: {
            plugins: [{
              name: '@janua/astro:config',
              resolveId: (id: string) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
              load: (id: string) => (id === `\0${VIRTUAL}` ? config : undefined),
            }],
          },
        });
      },
      'astro:config:done': ({ injectTypes }) => {
        injectTypes({ filename: 'janua.d.ts', content: '/// <reference types="@janua/astro/env" />\n' });
      },
    },
  };
}

export { janua };

/** What `protect` needs of the `Astro` global (or an endpoint's context). */
export interface ProtectContext {
  locals: object;
  url: URL;
  redirect(path: string, status?: 301 | 302 | 303 | 307 | 308): Response;
}

/**
 * Guards one page: a signed-out visitor gets a redirect to sign-in (with `redirect_to`), a
 * signed-in one `undefined`, and while the session cannot be checked (`status: 'unknown'`) a
 * 503: sign-in would find the visitor signed in and send them back. The sign-in page is
 * `signInUrl` if given, else the integration's (`janua({ signInUrl })`), else `/sign-in`, and is
 * never guarded.
 *
 *   const guard = protect(Astro); if (guard) return guard;
 */
export function protect(astro: ProtectContext, options: { signInUrl?: string } = {}): Response | undefined {
  const locals = astro.locals as { janua?: JanuaLocals } & Record<symbol, string | undefined>;
  if (locals.janua?.userId) return undefined;
  const signInUrl = options.signInUrl ?? locals[Symbol.for('janua.astro.signInUrl')] ?? '/sign-in';
  if (isSignInPage(signInUrl, astro.url)) return undefined;
  if (locals.janua?.status === 'unknown') return sessionUnavailable();
  return astro.redirect(signInRedirect(signInUrl, astro.url), 303);
}

export type { JanuaLocals } from '@janua/ssr';
