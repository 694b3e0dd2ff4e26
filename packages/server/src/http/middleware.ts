import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { randomToken } from '../util.ts';
import { tooLarge } from './body.ts';
import { ApiError, forbidden, unauthorized } from './errors.ts';
import { verifyAccessToken } from '../auth/tokens.ts';

/**
 * Request id and the headers every answer carries. Set before the route runs, as prepared
 * headers that every answer made through the context (errors included) starts from: a header
 * set on a finished answer makes Hono copy the whole Response, once per header. A route that
 * wants caching sets its own Cache-Control over the `no-store` default.
 */
export function baseHeaders(ctx: AppContext): MiddlewareHandler<AppEnv> {
  const hsts = ctx.config.secureCookies ? 'max-age=31536000; includeSubDomains' : null;
  return async (c, next) => {
    const requestId = `req_${randomToken(12)}`;
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.header('Cache-Control', 'no-store');
    if (hsts) c.header('Strict-Transport-Security', hsts);
    await next();
  };
}

/**
 * Refuses a declared oversized body before any route reads it. Registered after the header
 * and CORS middleware so that this 413, like every error, carries their headers.
 */
export function bodyLimit(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > ctx.config.bodyLimit) throw tooLarge(ctx.config.bodyLimit);
    await next();
  };
}

const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOW_HEADERS = 'Authorization, Content-Type, X-Janua-Client';
const EXPOSE_HEADERS = 'Retry-After, X-Request-Id';

/**
 * CORS for an explicit allowlist only. An allowed origin gets itself echoed back with
 * credentials; any other origin gets no CORS headers (the browser then hides the answer) and
 * its preflights are refused. There is no wildcard mode.
 */
export function cors(ctx: AppContext): MiddlewareHandler<AppEnv> {
  const allowed = new Set(ctx.config.cors);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!ok) throw forbidden('Origin not allowed');
      c.header('Vary', 'Origin');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
    }
    // Before the route, like baseHeaders: the answer, whatever it is, is made with them.
    c.header('Vary', 'Origin', { append: true });
    if (ok) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Credentials', 'true');
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    await next();
  };
}

/** Same origin as this server, or on the allowlist: the CSRF check for cookie-borne calls. */
export function originAllowed(ctx: AppContext, c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (!origin) return false;
  return origin === ctx.config.origin || origin === new URL(c.req.url).origin || ctx.config.cors.includes(origin);
}

/** The user of a valid Bearer token for a live session, or undefined; for routes where signing in is optional. */
export async function sessionUser(ctx: AppContext, header: string | undefined) {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header ?? '');
  const claims = match ? await verifyAccessToken(ctx.tokens, match[1]!) : null;
  const session = claims ? ctx.sessions.live(claims.sid) : undefined;
  return session && session.user_id === claims!.sub ? ctx.users.get(claims!.sub) : undefined;
}

/** Requires a valid access token for a live session; puts the user and session on `c`. */
export function requireAuth(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match) throw unauthorized();
    const claims = await verifyAccessToken(ctx.tokens, match[1]!);
    if (!claims) throw unauthorized('The access token is invalid or expired');
    const session = ctx.sessions.live(claims.sid);
    const user = session && session.user_id === claims.sub ? ctx.users.get(claims.sub) : undefined;
    if (!session || !user) throw unauthorized('The session has ended');
    ctx.sessions.touch(session);
    c.set('auth', { user, session, claims });
    await next();
  };
}

export function retryAfterError(seconds: number): ApiError {
  return new ApiError(429, 'RATE_LIMITED', 'Too many attempts; try again later', { retry_after: seconds }, {
    'Retry-After': String(seconds),
  });
}

/** 423 for a locked account: with Retry-After while the lock is timed, without once only a password reset lifts it. */
export function accountLockedError(retryAfter: number | null): ApiError {
  if (retryAfter === null) {
    return new ApiError(423, 'ACCOUNT_LOCKED', 'This account is locked after too many failed sign-ins; reset the password to unlock it', {
      unlock: 'password_reset',
    });
  }
  return new ApiError(423, 'ACCOUNT_LOCKED', 'Too many failed sign-ins; try again later', { retry_after: retryAfter, unlock: 'wait' }, {
    'Retry-After': String(retryAfter),
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFRESH_COOKIE_NAME = 'janua_refresh_token';

/**
 * Defence in depth for the refresh cookie, which a browser attaches to any request to
 * `/api/v1/auth`, including one a foreign page makes: a state-changing call that carries the
 * cookie from an Origin we do not allow is refused before any route runs. Routes that
 * authenticate *with* the cookie (refresh, sign-out) also demand `X-Janua-Client: 1`.
 */
export function cookieCsrfGuard(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method) && c.req.header('origin') !== undefined && (c.req.header('cookie') ?? '').includes(`${REFRESH_COOKIE_NAME}=`)) {
      if (!originAllowed(ctx, c)) throw forbidden('Requests that carry the session cookie must come from an allowed origin');
    }
    await next();
  };
}
