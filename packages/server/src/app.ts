import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { KeyRing } from './auth/keys.ts';
import { SessionService } from './auth/sessions.ts';
import { createStrengthPolicy } from './auth/strength.ts';
import { usersTable } from './auth/users.ts';
import type { AppConfig, AppContext, AppEnv, AppOptions } from './context.ts';
import { FEATURES } from './features.ts';
import { DEFAULT_BODY_LIMIT } from './http/body.ts';
import { ApiError, errorBody, forbidden, notFound, unauthorized } from './http/errors.ts';
import { baseHeaders, bodyLimit, cookieCsrfGuard, cors } from './http/middleware.ts';
import { UserDataRegistry } from './gdpr/registry.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { Outbox } from './outbox.ts';
import { createRateLimiters } from './rate-limit.ts';
import { registerWellKnownRoutes } from './routes/well-known.ts';
import { ConstraintError } from './store/types.ts';
import { logSafe, randomToken } from './util.ts';

export interface JanuaApp {
  /** The web-standard handler: give it a Request, get the Response. */
  fetch(request: Request, env?: unknown): Promise<Response>;
  readonly ctx: AppContext;
  readonly hono: Hono<AppEnv>;
  /** Settles once the signing key is loaded or created; requests wait for it on their own. */
  readonly ready: Promise<void>;
}

function resolveConfig(options: AppOptions): AppConfig {
  let url: URL;
  try {
    url = new URL(options.issuer);
  } catch {
    throw new Error(`createApp: issuer must be an absolute URL, got "${options.issuer}"`);
  }
  const issuer = options.issuer.replace(/\/+$/, '');
  const ttl = (value: number | undefined, fallback: number, name: string) => {
    const seconds = value ?? fallback;
    if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`createApp: ${name} must be a positive integer (seconds)`);
    return seconds;
  };
  return {
    issuer,
    audience: options.audience ?? issuer,
    origin: url.origin,
    dev: options.dev === true,
    cors: (options.cors ?? []).map((o) => o.replace(/\/+$/, '')),
    accessTokenTtl: ttl(options.accessTokenTtl, 15 * 60, 'accessTokenTtl'),
    refreshTokenTtl: ttl(options.refreshTokenTtl, 30 * 24 * 3600, 'refreshTokenTtl'),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    frontendUrl: (options.frontendUrl ?? issuer).replace(/\/+$/, ''),
    secureCookies: url.protocol === 'https:',
    ...relyingParty(options, issuer),
    oauth: options.oauth,
    ssoAllowPrivateIssuers: options.ssoAllowPrivateIssuers ?? options.dev === true,
    allowedHosts: null,
  };
}

/** A host name as the Host check compares it: lowercase, no brackets, no trailing dot. */
function bareHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/**
 * The host names the Host check accepts: the given ones and those of the server's own
 * configuration (issuer, front end, CORS list, passkey origins), which a proxy in front may
 * forward as they are.
 */
function hostAllowlist(options: AppOptions, config: Omit<AppConfig, 'allowedHosts'>): ReadonlySet<string> | null {
  if (!options.allowedHosts) return null;
  const hosts = new Set(options.allowedHosts.map(bareHost));
  for (const url of [config.issuer, config.frontendUrl, ...config.cors, ...config.origins]) {
    try {
      hosts.add(bareHost(new URL(url).hostname));
    } catch {
      // Not a URL (a CORS entry resolveConfig kept as given): nothing to allow.
    }
  }
  return hosts;
}

/**
 * Answers 403 to a request whose Host header names a host this server is not. A page on
 * attacker.example whose DNS name was rebound to 127.0.0.1 is same-origin with itself, so CORS
 * does not stop it reading the answers; its requests still say `Host: attacker.example`. 403
 * FORBIDDEN rather than 421 Misdirected Request: 421 would ask an HTTP/2 client to retry on
 * another connection (the attacker's page would simply retry), it is not in the contract's list
 * of statuses, and the kit already localizes FORBIDDEN.
 */
function hostGuard(ctx: AppContext): MiddlewareHandler<AppEnv> {
  const allowed = ctx.config.allowedHosts;
  return async (c, next) => {
    if (allowed) {
      const header = c.req.header('host');
      let host: string;
      try {
        host = bareHost(header ? new URL(`http://${header}`).hostname : new URL(c.req.url).hostname);
      } catch {
        host = '';
      }
      // *.localhost always resolves to loopback (browsers do not ask DNS), so no page elsewhere can own it.
      if (!allowed.has(host) && !host.endsWith('.localhost')) {
        throw forbidden('This server answers only requests addressed to its own host names');
      }
    }
    await next();
  };
}

/** WebAuthn binds credentials to a domain and checks the page origin; both default to where the kit runs. */
function relyingParty(options: AppOptions, issuer: string): Pick<AppConfig, 'rpId' | 'rpName' | 'origins'> {
  const frontend = new URL(options.frontendUrl ?? issuer);
  const asOrigin = (value: string) => {
    try {
      const origin = new URL(value).origin;
      return origin === value.replace(/\/+$/, '') ? origin : null;
    } catch {
      return null;
    }
  };
  let origins: string[];
  if (options.origins?.length) {
    origins = options.origins.map((o) => {
      const origin = asOrigin(o);
      if (!origin) throw new Error(`createApp: origins must be origins like https://app.example.com, got "${o}"`);
      return origin;
    });
  } else {
    // Derived defaults are only a convenience: an odd CORS entry is skipped, not fatal.
    const derived = [frontend.origin, new URL(issuer).origin, ...(options.cors ?? [])].map(asOrigin);
    origins = [...new Set(derived.filter((o): o is string => o !== null))];
  }
  if (options.rpId !== undefined && !/^[a-z0-9.-]+$/i.test(options.rpId)) {
    throw new Error(`createApp: rpId must be a domain name, got "${options.rpId}"`);
  }
  const rpId = options.rpId ?? frontend.hostname.replace(/^\[|\]$/g, '');
  return { rpId, rpName: options.rpName ?? 'Janua', origins };
}

export function createContext(options: AppOptions): AppContext {
  const resolved = resolveConfig(options);
  const config: AppConfig = { ...resolved, allowedHosts: hostAllowlist(options, resolved) };
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  const rotation = options.keyRotationAge ?? 0;
  if (!Number.isInteger(rotation) || rotation < 0) throw new Error('createApp: keyRotationAge must be a whole number of seconds');
  if (rotation > 0 && rotation < config.accessTokenTtl) throw new Error('createApp: keyRotationAge must be at least the access-token lifetime');
  // A minute past the token lifetime: a process that has not yet seen a rotation may sign with the old key for a few more seconds.
  const keys = options.keys ?? new KeyRing(options.store, now, config.accessTokenTtl * 1000 + 60_000, rotation * 1000);
  let dummy: Promise<string> | null = null;
  return {
    config,
    store: options.store,
    hasher: options.hasher,
    passwordPolicy: options.passwordPolicy ?? createStrengthPolicy(),
    now,
    log,
    outbox: new Outbox(now, log, options.mailer),
    keys,
    tokens: { issuer: config.issuer, audience: config.audience, ttlSeconds: config.accessTokenTtl, keys, now },
    users: options.store.table(usersTable),
    sessions: new SessionService(options.store, now, config.refreshTokenTtl * 1000),
    limits: createRateLimiters(options.rateLimit, now, options.store),
    clientIp: (request, env) => {
      const ip = options.clientIp
        ? options.clientIp(request, env)
        : (env as { ip?: unknown } | undefined)?.ip;
      return typeof ip === 'string' && ip ? ip : null;
    },
    dummyHash: () => (dummy ??= options.hasher.hash(randomToken(16))),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    resolveHost: options.resolveHost ?? null,
    userData: new UserDataRegistry(options.store),
  };
}

/** Builds the Janua v1 API as a `fetch` handler. No Node-only imports: it runs in browsers too. */
export function createApp(options: AppOptions): JanuaApp {
  const ctx = createContext(options);
  const app = new Hono<AppEnv>();

  const fail = (c: Context<AppEnv>, error: ApiError) =>
    c.json(errorBody(error, c.get('requestId') ?? 'unknown', ctx.now()), error.status, error.headers);

  app.use('*', baseHeaders(ctx));
  // Before CORS: a request for another host gets no CORS headers and reaches nothing.
  app.use('*', hostGuard(ctx));
  app.use('*', cors(ctx));
  app.use('*', bodyLimit(ctx));
  app.use('*', cookieCsrfGuard(ctx));
  const api = new Hono<AppEnv>();
  for (const feature of FEATURES) feature(api, ctx);
  registerOpenApiRoute(api, ctx);
  app.route('/api/v1', api);
  registerWellKnownRoutes(app, ctx);

  app.notFound((c) => fail(c, notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.onError((error, c) => {
    if (error instanceof ApiError) return fail(c, error);
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      return fail(c, new ApiError(503, 'SERVICE_UNAVAILABLE', 'The server is busy; try again', {}, { 'Retry-After': '1' }));
    }
    // A write for a row that went while the request awaited (its hashing, say): the account was
    // deleted or signed out meanwhile, or what the request names was removed. The transaction
    // was rolled back; the caller is told which, not "something went wrong".
    if (error instanceof ConstraintError && error.kind === 'foreign_key') {
      // Logged: a write with a wrong id would read the same, and must not go unseen.
      ctx.log(`[warn] ${c.get('requestId')} ${c.req.method} ${logSafe(c.req.path)}: ${error.message}`);
      const auth = c.get('auth');
      return fail(c, auth && !ctx.sessions.live(auth.session.id) ? unauthorized('The session has ended')
        : notFound('What this request refers to no longer exists'));
    }
    ctx.log(`[error] ${c.get('requestId')} ${c.req.method} ${logSafe(c.req.path)}: ${(error as Error)?.stack ?? String(error)}`);
    return fail(c, new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on our side'));
  });

  const ready = ctx.keys.active().then(() => ctx.dummyHash()).then(() => undefined);
  ready.catch((error) => ctx.log(`[error] startup: ${(error as Error)?.stack ?? error}`));
  return {
    fetch: async (request, env) => app.fetch(request, (env ?? {}) as object),
    ctx,
    hono: app,
    ready,
  };
}
