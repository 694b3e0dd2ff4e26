import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ApiSignInResponse, ApiTokens } from '../../../core/src/api-types.ts';
import { checkNewPassword, PASSWORD_RULES } from '../auth/password.ts';
import { verifyPasswordAttempt } from '../auth/password-attempts.ts';
import { newRefreshToken, type SessionRow } from '../auth/sessions.ts';
import { signAccessToken, verifyAccessToken } from '../auth/tokens.ts';
import { toApiUser, type UserRow } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { ApiError, forbidden, invalidCredentials, validationError } from '../http/errors.ts';
import { originAllowed, requireAuth, retryAfterError } from '../http/middleware.ts';
import { validate, type Schema } from '../http/validate.ts';
import { mfaService } from '../mfa/service.ts';
import { sendWelcomeEmail } from '../recovery/emails.ts';
import { ConstraintError } from '../store/types.ts';
import { uuid } from '../util.ts';

export const REFRESH_COOKIE = 'janua_refresh_token';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** Profile fields shared by sign-up and PATCH /users/me. */
export const PROFILE_SCHEMA: Schema = {
  first_name: { type: 'string', nullable: true, max: 100 },
  last_name: { type: 'string', nullable: true, max: 100 },
  username: { type: 'string', nullable: true, min: 3, max: 32, format: 'username' },
  locale: { type: 'string', nullable: true, max: 35, format: 'locale' },
  metadata: { type: 'object', maxBytes: 4096 },
};

const SIGNUP_SCHEMA: Schema = {
  email: { type: 'string', required: true, max: 254, format: 'email' },
  password: { type: 'string', required: true, trim: false, min: PASSWORD_RULES.minLength, max: PASSWORD_RULES.maxLength },
  ...PROFILE_SCHEMA,
};

/** Sign-in does not restate the password rules (old passwords may predate them); 1024 caps KDF input. */
const SIGNIN_SCHEMA: Schema = {
  email: { type: 'string', max: 254 },
  username: { type: 'string', max: 254 },
  password: { type: 'string', required: true, trim: false, max: 1024 },
};

const REFRESH_SCHEMA: Schema = { refresh_token: { type: 'string', max: 512 } };

interface SignupBody {
  email: string;
  password: string;
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  locale?: string | null;
  metadata?: Record<string, unknown>;
}

/** Maps a unique-index collision on users to the API's rule-violation answer. */
export function takenError(error: unknown): unknown {
  if (!(error instanceof ConstraintError) || error.kind !== 'unique' || error.table !== 'users') return error;
  if (error.fields.includes('username')) {
    return new ApiError(400, 'USERNAME_TAKEN', 'That username is taken', {
      validation_errors: [{ field: 'username', message: 'That username is taken', type: 'taken' }],
    });
  }
  return new ApiError(400, 'EMAIL_TAKEN', 'An account with this email already exists', {
    validation_errors: [{ field: 'email', message: 'An account with this email already exists', type: 'taken' }],
  });
}

/** Signs the access token and sets the refresh cookie: the one way every sign-in hands out tokens. */
export async function issueTokens(ctx: AppContext, c: Context<AppEnv>, user: UserRow, session: SessionRow, refresh: string): Promise<ApiTokens> {
  const access = await signAccessToken(ctx.tokens, { userId: user.id, sessionId: session.id, email: user.email, activeOrgId: session.active_org_id });
  setCookie(c, REFRESH_COOKIE, refresh, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: ctx.config.secureCookies,
    path: REFRESH_COOKIE_PATH,
    maxAge: ctx.config.refreshTokenTtl,
  });
  return { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: ctx.config.accessTokenTtl };
}

/**
 * Opens a session for a user who has already proven who they are (passkey, social or SSO
 * sign-in), stamps `last_sign_in_at`, and answers like `/auth/signin`. `extra` runs inside the
 * same transaction, for writes that must land with the session or not at all.
 */
export async function completeSignIn(ctx: AppContext, c: Context<AppEnv>, user: UserRow, extra?: () => void): Promise<ApiSignInResponse> {
  const refresh = await newRefreshToken();
  const meta = { ip: ctx.clientIp(c.req.raw, c.env), userAgent: c.req.header('user-agent') ?? null };
  const { fresh, session } = ctx.store.transaction(() => {
    extra?.();
    return {
      fresh: ctx.users.update(user.id, { last_sign_in_at: ctx.now() })!,
      session: ctx.sessions.open(user.id, meta, refresh),
    };
  });
  return { user: toApiUser(fresh), tokens: await issueTokens(ctx, c, fresh, session, refresh.token), mfa_required: false, mfa_token: null };
}

export function registerAuthRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const meta = (c: Context<AppEnv>) => ({
    ip: ctx.clientIp(c.req.raw, c.env),
    userAgent: c.req.header('user-agent') ?? null,
  });

  const tokensFor = (c: Context<AppEnv>, user: UserRow, session: SessionRow, refresh: string) => issueTokens(ctx, c, user, session, refresh);

  const clearCookie = (c: Context<AppEnv>) =>
    deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: ctx.config.secureCookies, httpOnly: true, sameSite: 'Lax' });

  api.post('/auth/signup', async (c) => {
    const ip = ctx.clientIp(c.req.raw, c.env) ?? 'unknown';
    if (ctx.limits) {
      const wait = ctx.limits.signupIp.retryAfter(ip);
      if (wait > 0) throw retryAfterError(wait);
      ctx.limits.signupIp.record(ip);
    }
    const body = validate<SignupBody>(await readJson(c.req.raw, ctx.config.bodyLimit), SIGNUP_SCHEMA);
    await checkNewPassword(ctx.passwordPolicy, body.password, { email: body.email, username: body.username ?? null });
    if (ctx.users.findOne({ email: body.email })) throw takenError(new ConstraintError('unique', 'users', ['email']));
    const passwordHash = await ctx.hasher.hash(body.password);
    const refresh = await newRefreshToken();
    const now = ctx.now();
    let created: { user: UserRow; session: SessionRow };
    try {
      created = ctx.store.transaction(() => {
        const user = ctx.users.insert({
          id: uuid(),
          email: body.email,
          email_verified: false,
          username: body.username ?? null,
          first_name: body.first_name ?? null,
          last_name: body.last_name ?? null,
          profile_image_url: null,
          locale: body.locale ?? null,
          mfa_enabled: false,
          password_hash: passwordHash,
          metadata: body.metadata ?? {},
          created_at: now,
          updated_at: now,
          last_sign_in_at: now,
        });
        return { user, session: ctx.sessions.open(user.id, meta(c), refresh) };
      });
    } catch (error) {
      throw takenError(error);
    }
    const { user, session } = created;
    await sendWelcomeEmail(ctx, user);
    const body201: ApiSignInResponse = {
      user: toApiUser(user),
      tokens: await tokensFor(c, user, session, refresh.token),
      mfa_required: false,
      mfa_token: null,
    };
    return c.json(body201, 201);
  });

  api.post('/auth/signin', async (c) => {
    const ip = ctx.clientIp(c.req.raw, c.env) ?? 'unknown';
    if (ctx.limits) {
      const wait = ctx.limits.signinIp.retryAfter(ip);
      if (wait > 0) throw retryAfterError(wait);
      ctx.limits.signinIp.record(ip);
    }
    const body = validate<{ email?: string; username?: string; password: string }>(
      await readJson(c.req.raw, ctx.config.bodyLimit),
      SIGNIN_SCHEMA,
    );
    const login = body.email || body.username;
    if (!login) throw validationError([{ field: 'email', message: 'Email or username is required', type: 'required' }]);
    // People type their username into an email field too; without an "@" it cannot be an email.
    const user = login.includes('@') ? ctx.users.findOne({ email: login }) : ctx.users.findOne({ username: login });
    // Keyed by account when there is one, so email and username attempts count together.
    const accountKey = user ? `user:${user.id}` : `login:${login.toLowerCase()}`;
    // Unknown users cost one full verify too, so neither the answer nor its timing says which case it was.
    const verify = async () => (user?.password_hash
      ? ctx.hasher.verify(body.password, user.password_hash)
      : (await ctx.hasher.verify(body.password, await ctx.dummyHash())) && false);
    // Counted before the hash is awaited; a success clears the account's window and lockout.
    const ok = await verifyPasswordAttempt(ctx, accountKey, user?.id ?? null, verify, true);
    if (!user || !ok) throw invalidCredentials();
    // A hash from an older algorithm or weaker parameters is replaced now, while the password is at hand.
    const stored = user.password_hash!;
    if (ctx.hasher.needsRehash?.(stored)) {
      const rehashed = await ctx.hasher.hash(body.password);
      ctx.store.transaction(() => ctx.users.updateWhere({ id: user.id, password_hash: stored }, { password_hash: rehashed }));
    }
    // With a second factor on, the password alone opens no session: the answer is a challenge.
    if (user.mfa_enabled) return c.json(await mfaService(ctx).beginChallenge(user));
    const refresh = await newRefreshToken();
    const { fresh, session } = ctx.store.transaction(() => ({
      fresh: ctx.users.update(user.id, { last_sign_in_at: ctx.now() })!,
      session: ctx.sessions.open(user.id, meta(c), refresh),
    }));
    const answer: ApiSignInResponse = {
      user: toApiUser(fresh),
      tokens: await tokensFor(c, fresh, session, refresh.token),
      mfa_required: false,
      mfa_token: null,
    };
    return c.json(answer);
  });

  api.post('/auth/refresh', async (c) => {
    const body = validate<{ refresh_token?: string }>(await readJson(c.req.raw, ctx.config.bodyLimit), REFRESH_SCHEMA);
    let token = body.refresh_token;
    if (!token) {
      token = getCookie(c, REFRESH_COOKIE);
      // Our client probing for a session on page load: "none here" is an answer, not an error
      // (a red 401 in every signed-out visitor's console), and it tells a cookie that was never
      // sent (a cross-site page) apart from one that was refused.
      if (!token && c.req.header('x-janua-client') === '1') return c.body(null, 204);
      if (!token) throw new ApiError(401, 'INVALID_TOKEN', 'No refresh token was sent');
      // A cookie rides along on any request to this path, so prove the caller is our script on an allowed page.
      if (c.req.header('x-janua-client') !== '1' || !originAllowed(ctx, c)) {
        throw forbidden('A cookie refresh needs the X-Janua-Client header and an allowed Origin');
      }
    }
    const result = await ctx.sessions.rotate(token);
    if (!result.ok) {
      clearCookie(c);
      throw new ApiError(401, 'INVALID_TOKEN', 'The refresh token is invalid, expired or revoked');
    }
    return c.json(await tokensFor(c, result.user, result.session, result.token));
  });

  api.post('/auth/signout', async (c) => {
    const body = validate<{ refresh_token?: string }>(await readJson(c.req.raw, ctx.config.bodyLimit), REFRESH_SCHEMA);
    let sessionId: string | undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) sessionId = (await verifyAccessToken(ctx.tokens, bearer))?.sid;
    // Also accepted: the refresh token, so a client whose access token lapsed can still end its session.
    if (!sessionId) {
      let refresh = body.refresh_token;
      const cookie = getCookie(c, REFRESH_COOKIE);
      if (!refresh && cookie && c.req.header('x-janua-client') === '1' && originAllowed(ctx, c)) refresh = cookie;
      if (refresh) sessionId = (await ctx.sessions.sessionOf(refresh))?.id;
    }
    if (!sessionId) throw new ApiError(401, 'UNAUTHORIZED', 'Authentication required');
    ctx.sessions.revoke(sessionId);
    clearCookie(c);
    return c.json({ message: 'Signed out' });
  });

  api.get('/auth/me', requireAuth(ctx), (c) => c.json(toApiUser(c.get('auth').user)));
}
