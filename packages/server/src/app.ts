import { Hono, type Context } from 'hono';
import { KeyRing } from './auth/keys.ts';
import { SessionService } from './auth/sessions.ts';
import { createStrengthPolicy } from './auth/strength.ts';
import { usersTable } from './auth/users.ts';
import type { AppConfig, AppContext, AppEnv, AppOptions } from './context.ts';
import { FEATURES } from './features.ts';
import { DEFAULT_BODY_LIMIT } from './http/body.ts';
import { ApiError, errorBody, notFound } from './http/errors.ts';
import { baseHeaders, bodyLimit, cookieCsrfGuard, cors } from './http/middleware.ts';
import { UserDataRegistry } from './gdpr/registry.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { Outbox } from './outbox.ts';
import { createRateLimiters } from './rate-limit.ts';
import { registerWellKnownRoutes } from './routes/well-known.ts';
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
  const config = resolveConfig(options);
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
