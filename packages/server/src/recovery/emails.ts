import type { UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { escapeHtml } from '../outbox.ts';
import { linkTo } from './common.ts';
import { oneTimeTokens } from './one-time-tokens.ts';

export const RESET_TOKEN_TTL_MS = 60 * 60_000;
export const VERIFICATION_TOKEN_TTL_MS = 24 * 60 * 60_000;
export const MAGIC_LINK_TTL_MS = 15 * 60_000;

/**
 * Front-end paths the links in emails open. The page there reads `token` from its query and
 * calls the matching API endpoint; a site that uses other paths proxies or redirects these.
 */
export const FRONTEND_PATHS = {
  resetPassword: 'reset-password',
  verifyEmail: 'verify-email',
  magicLink: 'magic-link',
} as const;

function greeting(user: Pick<UserRow, 'first_name'>): string {
  return user.first_name ? `Hello ${user.first_name},` : 'Hello,';
}

/** Who a link mail is for: an account, or (for a decoy) only the address that was typed. */
type Recipient = Pick<UserRow, 'email' | 'first_name'>;

/**
 * Hands the message to the outbox without waiting for the transport: the outbox has it at
 * once (and logs delivery failures itself), while a slow mail server must not show in the
 * answer's timing, which would tell whether an account exists. `deliver: false` composes the
 * same message and drops it (the decoy of an address without an account).
 */
function mail(ctx: AppContext, user: Recipient, subject: string, lines: string[], link: string, action: string, deliver = true): void {
  const text = `${greeting(user)}\n\n${lines.join('\n\n')}\n\n${action}: ${link}`;
  const html =
    `<p>${escapeHtml(greeting(user))}</p>` +
    lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>`;
  if (deliver) void ctx.outbox.send({ to: user.email, subject, text, html, link });
}

async function verificationLink(ctx: AppContext, user: UserRow): Promise<string> {
  const { token } = await oneTimeTokens(ctx).issue('email_verification', user.id, VERIFICATION_TOKEN_TTL_MS, { email: user.email }, true);
  return linkTo(ctx.config.frontendUrl, FRONTEND_PATHS.verifyEmail, { token });
}

/** The sign-up email: a welcome that also carries the address-confirmation link. */
export async function sendWelcomeEmail(ctx: AppContext, user: UserRow): Promise<void> {
  const link = await verificationLink(ctx, user);
  mail(ctx, user, 'Welcome to Janua', [
    `Your account ${user.email} is ready.`,
    'Please confirm that this email address is yours. The link works once, for 24 hours.',
  ], link, 'Confirm your email');
}

export async function sendVerificationEmail(ctx: AppContext, user: UserRow): Promise<void> {
  const link = await verificationLink(ctx, user);
  mail(ctx, user, 'Confirm your email address', [
    `Please confirm that ${user.email} is yours. The link works once, for 24 hours.`,
  ], link, 'Confirm your email');
}

/**
 * A new reset link replaces the user's older ones, so only the newest mail works. With `user`
 * null (no account has `email`), the same work is done against the decoy table and nothing is
 * sent: forgot-password answers an unknown address in the time it answers a known one.
 */
export async function sendPasswordResetEmail(ctx: AppContext, user: UserRow | null, base: string, email = user?.email ?? ''): Promise<void> {
  const tokens = oneTimeTokens(ctx);
  const { token } = user
    ? await tokens.issue('password_reset', user.id, RESET_TOKEN_TTL_MS, {}, true)
    : await tokens.issueDecoy('password_reset', RESET_TOKEN_TTL_MS, {}, true);
  const link = linkTo(base, FRONTEND_PATHS.resetPassword, { token });
  mail(ctx, user ?? { email, first_name: null }, 'Reset your Janua password', [
    'Someone (we hope you) asked to reset the password of this account. The link works once, for 1 hour.',
    'If it was not you, ignore this email: your password stays as it is.',
  ], link, 'Choose a new password', user !== null);
}

/** Like the reset mail: `user` null does the same work for an address without an account. */
export async function sendMagicLinkEmail(ctx: AppContext, user: UserRow | null, redirectUrl: string | null, email = user?.email ?? ''): Promise<void> {
  const tokens = oneTimeTokens(ctx);
  const { token } = user
    ? await tokens.issue('magic_link', user.id, MAGIC_LINK_TTL_MS, { redirect_url: redirectUrl }, true)
    : await tokens.issueDecoy('magic_link', MAGIC_LINK_TTL_MS, { redirect_url: redirectUrl }, true);
  const query: Record<string, string> = { token };
  if (redirectUrl) query['redirect_url'] = redirectUrl;
  const link = linkTo(ctx.config.frontendUrl, FRONTEND_PATHS.magicLink, query);
  mail(ctx, user ?? { email, first_name: null }, 'Your Janua sign-in link', [
    'Use this link to sign in. It works once, for 15 minutes.',
    'If you did not ask for it, ignore this email.',
  ], link, 'Sign in', user !== null);
}

/**
 * Tells the owner their password changed, so a change they did not make does not go unnoticed;
 * `added` for the first password of an account that had none (`user` as it was before).
 */
export function sendPasswordChangedEmail(ctx: AppContext, user: UserRow): void {
  const added = user.password_hash === null;
  const text = added
    ? `${greeting(user)}\n\nA password was just added to your Janua account ${user.email}: it can now sign in with it too. If this was not you, reset the password now and sign out your other devices.`
    : `${greeting(user)}\n\nThe password of your Janua account ${user.email} was just changed. If this was not you, reset it now.`;
  void ctx.outbox.send({
    to: user.email,
    subject: added ? 'A password was added to your Janua account' : 'Your Janua password was changed',
    text,
    html: text.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
  });
}

/** Tells the owner a passkey was added, so one they did not add (it signs in without the password) does not go unnoticed. */
export function sendPasskeyAddedEmail(ctx: AppContext, user: UserRow, name: string): void {
  const text = `${greeting(user)}\n\nA passkey ("${name}") was just added to your Janua account ${user.email}: it can sign in without your password. If this was not you, remove it from your account's passkeys, reset your password and sign out your other devices.`;
  void ctx.outbox.send({
    to: user.email,
    subject: 'A passkey was added to your Janua account',
    text,
    html: text.split('\n\n').map((p) => `<p>${escapeHtml(p)}</p>`).join(''),
  });
}
