import { verifyPasswordAttempt } from '../auth/password-attempts.ts';
import type { UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { ApiError, validationError, type ServerErrorCode } from '../http/errors.ts';
import { retryAfterError } from '../http/middleware.ts';
import type { LimitRule, SlidingWindowLimiter } from '../rate-limit.ts';

/** Rule violations of the MFA and recovery flows: 400s with a stable code, like `WEAK_PASSWORD`. */
export function ruleError(code: ServerErrorCode, message: string, details: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, code, message, details);
}

export const invalidToken = (message = 'The link or token is invalid, expired or already used') =>
  new ApiError(400, 'INVALID_TOKEN', message);

/** Limits of these flows; like the sign-in limits they are per process and off with `rateLimit: false`. */
const RULES = {
  /** `/mfa/challenge/verify` and `/mfa/verify` calls from one address. */
  mfaVerifyIp: { limit: 30, windowMs: 5 * 60_000 },
  /** SMS codes sent to one account (enrolment and sign-in together): texts cost money and annoy. */
  smsSend: { limit: 5, windowMs: 15 * 60_000 },
  /** SMS codes sent from one address, whatever the account: new accounts are cheap, texts are not (toll fraud). */
  smsSendIp: { limit: 10, windowMs: 15 * 60_000 },
  /** Forgot-password and magic-link requests from one address. */
  emailLinkIp: { limit: 10, windowMs: 15 * 60_000 },
  /** Links mailed to one address; over it the answer is unchanged but nothing is sent. */
  emailLinkAccount: { limit: 3, windowMs: 15 * 60_000 },
  /** Reset, verify and magic-link token redemptions from one address. */
  redeemIp: { limit: 30, windowMs: 15 * 60_000 },
  resendVerification: { limit: 3, windowMs: 15 * 60_000 },
} satisfies Record<string, LimitRule>;

/** The limits above that are keyed by the client's address: their keys are counted through `addressKey`. */
const BY_ADDRESS: ReadonlySet<string> = new Set<keyof typeof RULES>(['mfaVerifyIp', 'emailLinkIp', 'redeemIp', 'smsSendIp']);

export type FlowLimiters = { [K in keyof typeof RULES]: SlidingWindowLimiter };

/** The flows' limiters, from the context's shared registry (`ctx.limits.named` keeps one per name). */
export function flowLimiters(ctx: AppContext): FlowLimiters | null {
  const limits = ctx.limits;
  if (!limits) return null;
  return Object.fromEntries(Object.entries(RULES).map(([k, rule]) =>
    [k, limits.named(`flow:${k}`, rule, BY_ADDRESS.has(k) ? 'address' : 'key')])) as FlowLimiters;
}

/** Counts one attempt under `key`, or throws 429 when the window is full. */
export function hit(limiter: SlidingWindowLimiter | undefined, key: string): void {
  if (!limiter) return;
  const wait = limiter.retryAfter(key);
  if (wait > 0) throw retryAfterError(wait);
  limiter.record(key);
}

/** How recent a sign-in must be for an account without a password to make a sensitive change. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

/**
 * The password field of a sensitive change's body: required when the account has a password. An
 * account that signs in only through a provider, SSO, a link or a passkey has none to type.
 */
export function passwordRule(user: UserRow): { type: 'string'; required: boolean; trim: false; max: number } {
  return { type: 'string', required: user.password_hash !== null, trim: false, max: 1024 };
}

/**
 * Re-checks the password of a signed-in user before a sensitive change. A wrong one is 400,
 * not 401: to a client, a 401 on a Bearer call means "refresh and retry", and a retry would
 * only spend another guess. Attempts count like sign-in attempts: towards the same per-account
 * limit (429) and lockout (a locked account answers 423 `ACCOUNT_LOCKED`, as sign-in does), so
 * a stolen session is no faster way to guess the password. A right password leaves the count
 * as it is; a sign-in or a password reset clears it.
 *
 * An account without a password confirms by having signed in within the last 10 minutes (a
 * sign-in that asked for its second factor, if it has one); later it gets 403 with
 * `details.reason: "reauthentication_required"`; a password sent anyway is not checked.
 */
export async function confirmPassword(ctx: AppContext, auth: { user: UserRow; session: { created_at: number } },
  password: string | undefined, field = 'password'): Promise<void> {
  const { user } = auth;
  const hash = user.password_hash;
  if (hash === null) {
    if (ctx.now() - auth.session.created_at <= RECENT_SIGN_IN_MS) return;
    throw new ApiError(403, 'FORBIDDEN', 'This account has no password: sign in again, then make this change within ten minutes',
      { reason: 'reauthentication_required' });
  }
  if (!await verifyPasswordAttempt(ctx, `user:${user.id}`, user.id, () => ctx.hasher.verify(password!, hash), false)) {
    throw new ApiError(400, 'INVALID_CREDENTIALS', 'The password is not correct', {
      validation_errors: [{ field, message: 'The password is not correct', type: 'invalid' }],
    });
  }
}

/**
 * Where a mailed link may send people: the front-end's origin or an origin on the CORS
 * allowlist, over http(s). Anything else would make our emails an open redirect.
 */
export function allowedRedirect(ctx: AppContext, value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  const allowed = new Set([new URL(ctx.config.frontendUrl).origin, ...ctx.config.cors]);
  return allowed.has(url.origin) ? url : null;
}

export function redirectFieldError(field: string): ApiError {
  return validationError([
    { field, message: `${field === 'redirect_url' ? 'Redirect URL' : 'Redirect base'} must be on an allowed origin`, type: 'format' },
  ]);
}

/** Appends `path` to a base URL (keeping the base's own path) and sets the query. */
export function linkTo(base: string, path: string, query: Record<string, string>): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  url.search = new URLSearchParams(query).toString();
  url.hash = '';
  return url.toString();
}

/**
 * Ends sessions of a user (all of them, or all but `keep`), with their refresh families, in
 * one transaction. Access tokens die with them: every request checks its session.
 */
export function revokeSessions(ctx: AppContext, userId: string, keep?: string): number {
  return ctx.store.transaction(() => {
    const live = ctx.sessions.sessions.find({ user_id: userId, revoked_at: null });
    let count = 0;
    for (const session of live) {
      if (session.id === keep) continue;
      ctx.sessions.revoke(session.id);
      count++;
    }
    return count;
  });
}
