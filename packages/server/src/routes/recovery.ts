import type { Context, Hono } from 'hono';
import { claimAccount, notifyClaim, type ClaimResult } from '../auth/claim.ts';
import { checkNewPassword, PASSWORD_RULES } from '../auth/password.ts';
import type { UserRow } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { requireAuth, sessionUser } from '../http/middleware.ts';
import { validate, type Schema } from '../http/validate.ts';
import { mfaService } from '../mfa/service.ts';
import { allowedRedirect, confirmPassword, flowLimiters, hit, invalidToken, passwordRule, redirectFieldError, revokeSessions } from '../recovery/common.ts';
import {
  sendMagicLinkEmail,
  sendPasswordChangedEmail,
  sendPasswordResetEmail,
  sendVerificationEmail,
} from '../recovery/emails.ts';
import { oneTimeTokens } from '../recovery/one-time-tokens.ts';
import { completeSignIn } from './auth.ts';

const EMAIL = { type: 'string', required: true, max: 254, format: 'email' } as const;
const TOKEN = { type: 'string', required: true, max: 512 } as const;
const NEW_PASSWORD = {
  type: 'string',
  required: true,
  trim: false,
  min: PASSWORD_RULES.minLength,
  max: PASSWORD_RULES.maxLength,
} as const;
const URL_FIELD = { type: 'string', max: 2048 } as const;

const FORGOT_ANSWER = { message: 'If an account exists for that email, we sent a link to reset its password' };
const MAGIC_ANSWER = { message: 'If an account exists for that email, we sent a sign-in link' };

export function registerRecoveryRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const tokens = oneTimeTokens(ctx);
  const body = async <T>(c: Context<AppEnv>, schema: Schema) => validate<T>(await readJson(c.req.raw, ctx.config.bodyLimit), schema);
  const ipOf = (c: Context<AppEnv>) => ctx.clientIp(c.req.raw, c.env) ?? 'unknown';

  /**
   * The shared shape of "mail a link to this address": the same answer, status and (near
   * enough) time whether or not the account exists. The mail transport is not waited for
   * (see emails.ts), and an unknown address costs the same hash as a known one.
   */
  const mailLink = async (c: Context<AppEnv>, email: string, send: (user: UserRow | null) => Promise<void>) => {
    const limits = flowLimiters(ctx);
    hit(limits?.emailLinkIp, ipOf(c));
    const user = ctx.users.findOne({ email });
    const key = email.toLowerCase();
    const allowed = !limits || limits.emailLinkAccount.retryAfter(key) === 0;
    limits?.emailLinkAccount.record(key);
    // Without an account (or over the mail limit) the same token, transaction and message are
    // made against the decoy table and nothing is sent: the answer's work does not depend on
    // whether the address has an account (the standing suite measures it).
    await send(user && allowed ? user : null);
  };

  api.post('/auth/password/forgot', async (c) => {
    const input = await body<{ email: string; redirect_base?: string }>(c, { email: EMAIL, redirect_base: URL_FIELD });
    let base = ctx.config.frontendUrl;
    if (input.redirect_base) {
      const url = allowedRedirect(ctx, input.redirect_base);
      if (!url) throw redirectFieldError('redirect_base');
      base = url.toString();
    }
    await mailLink(c, input.email, (user) => sendPasswordResetEmail(ctx, user, base, input.email));
    return c.json(FORGOT_ANSWER);
  });

  api.post('/auth/password/reset', async (c) => {
    hit(flowLimiters(ctx)?.redeemIp, ipOf(c));
    const input = await body<{ token: string; new_password: string }>(c, { token: TOKEN, new_password: NEW_PASSWORD });
    const found = await tokens.find('password_reset', input.token);
    const user = found.ok ? ctx.users.get(found.row.user_id) : undefined;
    if (!found.ok || !user) throw invalidToken('The reset link is invalid, expired or already used; ask for a new one');
    await checkNewPassword(ctx.passwordPolicy, input.new_password, { email: user.email, username: user.username }, 'new_password');
    const hash = await ctx.hasher.hash(input.new_password);
    const claim = ctx.store.transaction(() => {
      if (!tokens.spend(found.row.id)) throw invalidToken('The reset link was already used');
      tokens.spendAll('password_reset', user.id);
      // Following the mailed link proved the address: an unverified account is claimed first
      // (its earlier factors, passkeys and links removed), then gets the new password.
      const claimed = claimAccount(ctx, user, 'password_reset');
      ctx.users.update(user.id, { password_hash: hash, email_verified: true, updated_at: ctx.now() });
      revokeSessions(ctx, user.id);
      return claimed;
    });
    notifyClaim(ctx, claim, 'password_reset');
    ctx.limits?.signinAccount.reset(`user:${user.id}`);
    sendPasswordChangedEmail(ctx, user);
    return c.json({ message: 'Your password was reset; sign in with the new one' });
  });

  api.post('/auth/password/change', requireAuth(ctx), async (c) => {
    const auth = c.get('auth');
    const { user, session } = auth;
    const input = await body<{ current_password?: string; new_password: string; revoke_other_sessions?: boolean }>(c, {
      current_password: passwordRule(user),
      new_password: NEW_PASSWORD,
      revoke_other_sessions: { type: 'boolean' },
    });
    await confirmPassword(ctx, auth, input.current_password, 'current_password');
    await checkNewPassword(ctx.passwordPolicy, input.new_password, { email: user.email, username: user.username }, 'new_password');
    const hash = await ctx.hasher.hash(input.new_password);
    const revoked = ctx.store.transaction(() => {
      ctx.users.update(user.id, { password_hash: hash, updated_at: ctx.now() });
      tokens.spendAll('password_reset', user.id);
      return input.revoke_other_sessions ? revokeSessions(ctx, user.id, session.id) : 0;
    });
    // Anyone could try passwords on an account that had none: those failures do not lock out its first one.
    if (user.password_hash === null) ctx.limits?.signinAccount.reset(`user:${user.id}`);
    sendPasswordChangedEmail(ctx, user);
    return c.json({ message: 'Your password was changed', revoked_count: revoked });
  });

  /**
   * Confirms the address of the account that is signed in. The link proves control of the
   * mailbox; the Bearer token proves that the one clicking holds the account. Both are needed:
   * without the second, the owner of an address could be tricked into confirming an account
   * that someone else opened with it (and keeps a password and sessions on). Someone who did
   * not open the account takes it over with a magic link or a password reset instead
   * (auth/claim.ts). So: no Bearer, 401 with `details.reason: "sign_in_required"`; a Bearer of
   * another account, 403.
   */
  api.post('/auth/email/verify', async (c) => {
    hit(flowLimiters(ctx)?.redeemIp, ipOf(c));
    const input = await body<{ token: string }>(c, { token: TOKEN });
    const found = await tokens.find('email_verification', input.token);
    const user = found.ok ? ctx.users.get(found.row.user_id) : undefined;
    // A link mailed to an address the account no longer has proves nothing about the current one.
    if (!found.ok || !user || found.row.data['email'] !== user.email) {
      throw invalidToken('The verification link is invalid, expired or already used');
    }
    const holder = await sessionUser(ctx, c.req.header('authorization'));
    if (!holder) {
      throw new ApiError(401, 'UNAUTHORIZED', 'Sign in to the account to confirm its address; if you did not open this account, ask for a sign-in link instead', {
        reason: 'sign_in_required',
      });
    }
    if (holder.id !== user.id) throw forbidden('This link confirms the address of another account');
    ctx.store.transaction(() => {
      if (!tokens.spend(found.row.id)) throw invalidToken('The verification link was already used');
      ctx.users.update(user.id, { email_verified: true, updated_at: ctx.now() });
    });
    return c.json({ message: 'Your email address is verified' });
  });

  api.post('/auth/email/resend-verification', requireAuth(ctx), async (c) => {
    const { user } = c.get('auth');
    if (user.email_verified) return c.json({ message: 'Your email address is already verified' });
    hit(flowLimiters(ctx)?.resendVerification, user.id);
    await sendVerificationEmail(ctx, user);
    return c.json({ message: 'We sent a new verification link' });
  });

  api.post('/auth/magic-link', async (c) => {
    const input = await body<{ email: string; redirect_url?: string }>(c, { email: EMAIL, redirect_url: URL_FIELD });
    let redirect: string | null = null;
    if (input.redirect_url) {
      const url = allowedRedirect(ctx, input.redirect_url);
      if (!url) throw redirectFieldError('redirect_url');
      redirect = url.toString();
    }
    await mailLink(c, input.email, (user) => sendMagicLinkEmail(ctx, user, redirect, input.email));
    return c.json(MAGIC_ANSWER);
  });

  api.post('/auth/magic-link/verify', async (c) => {
    hit(flowLimiters(ctx)?.redeemIp, ipOf(c));
    const input = await body<{ token: string }>(c, { token: TOKEN });
    const found = await tokens.find('magic_link', input.token);
    const user = found.ok ? ctx.users.get(found.row.user_id) : undefined;
    if (!found.ok || !user) throw invalidToken('The sign-in link is invalid, expired or already used');
    const spend = () => {
      if (!tokens.spend(found.row.id)) throw invalidToken('The sign-in link was already used');
    };
    if (user.email_verified && user.mfa_enabled) {
      // The link stands in for the password only; the second factor is still asked for.
      return c.json(await mfaService(ctx).beginChallenge(user, spend));
    }
    // An unverified account is claimed by the link's holder (auth/claim.ts): the factors set up
    // before were not the owner's, so they are removed rather than asked for.
    let claim: ClaimResult | undefined;
    const answer = await completeSignIn(ctx, c, user, () => {
      spend();
      claim = claimAccount(ctx, user, 'magic_link');
    });
    if (claim) notifyClaim(ctx, claim, 'magic_link');
    return c.json(answer);
  });
}
