import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { readJson } from '../http/body.ts';
import { ApiError, validationError } from '../http/errors.ts';
import { requireAuth, retryAfterError } from '../http/middleware.ts';
import { validate, type Schema } from '../http/validate.ts';
import { countsAsGuess, mfaService, MAX_ATTEMPTS_PER_TOKEN, normalizeCode, type CodeMatch } from '../mfa/service.ts';
import { base32Decode, checkTotp, provisioningUri, qrCodeDataUri, type CodeRefusal } from '../mfa/totp.ts';
import { confirmPassword, flowLimiters, hit, invalidToken, passwordRule, ruleError } from '../recovery/common.ts';
import { iso } from '../util.ts';
import { completeSignIn } from './auth.ts';

const E164 = /^\+[1-9]\d{6,14}$/;
/** Wrong guesses one SMS enrolment code survives. */
const MAX_SMS_ENROLMENT_ATTEMPTS = 5;
/** The name authenticator apps show above the account. */
const TOTP_ISSUER = 'Janua';

const CODE = { type: 'string', required: true, max: 64 } as const;
const MFA_TOKEN = { type: 'string', required: true, max: 512 } as const;

const REFUSALS: Record<CodeRefusal, string> = {
  reused: 'This code was already used',
  expired: 'This code has expired',
  replaced: 'A newer code was sent; use the latest one',
  invalid: 'The code is not correct',
};

/** A refused second factor, with why (`details.reason`, ext) and whatever else the caller adds. */
const refusedCode = (reason: CodeRefusal, details: Record<string, unknown> = {}) =>
  new ApiError(400, 'INVALID_MFA_CODE', REFUSALS[reason], { reason, ...details });

export function registerMfaRoutes(api: Hono<AppEnv>, ctx: AppContext): void {
  const mfa = mfaService(ctx);
  const body = async <T>(c: Context<AppEnv>, schema: Schema) => validate<T>(await readJson(c.req.raw, ctx.config.bodyLimit), schema);
  const ipOf = (c: Context<AppEnv>) => ctx.clientIp(c.req.raw, c.env) ?? 'unknown';
  /**
   * Before a text is sent: the account's limit and the address's (texts cost money, accounts do
   * not). Both are checked before either counts, so a request refused for its account does not
   * use up the address's texts (one user retrying behind a shared NAT would block the rest).
   */
  const textLimits = (c: Context<AppEnv>, userId: string) => {
    const limits = flowLimiters(ctx);
    if (!limits) return;
    const checks = [[limits.smsSend, userId], [limits.smsSendIp, ipOf(c)]] as const;
    for (const [limiter, key] of checks) {
      const wait = limiter.retryAfter(key);
      if (wait > 0) throw retryAfterError(wait);
    }
    for (const [limiter, key] of checks) limiter.record(key);
  };

  api.get('/mfa/status', requireAuth(ctx), (c) => {
    const { user } = c.get('auth');
    const row = mfa.of(user.id);
    return c.json({
      enabled: user.mfa_enabled,
      verified: row?.totp_verified ?? false,
      backup_codes_remaining: mfa.backupRemaining(user.id),
      last_used_at: iso(row?.last_used_at),
      methods: user.mfa_enabled ? mfa.methods(user.id) : [],
    });
  });

  api.post('/mfa/enable', requireAuth(ctx), async (c) => {
    const auth = c.get('auth');
    const { user } = auth;
    const { password } = await body<{ password?: string }>(c, { password: passwordRule(user) });
    await confirmPassword(ctx, auth, password);
    if (mfa.of(user.id)?.totp_verified) {
      throw ruleError('MFA_ALREADY_ENABLED', 'An authenticator app is already set up; disable it first to replace it');
    }
    const secret = mfa.newSecret();
    const { codes, hashes } = await mfa.prepareBackupCodes();
    ctx.store.transaction(() => {
      const row = mfa.ensure(user.id);
      mfa.settings.update(row.id, { totp_secret: secret, totp_verified: false, totp_last_step: 0, updated_at: ctx.now() });
      mfa.replaceBackupCodes(user.id, hashes);
    });
    const uri = provisioningUri(secret, user.email, TOTP_ISSUER);
    return c.json({ secret, qr_code: qrCodeDataUri(uri), backup_codes: codes, provisioning_uri: uri });
  });

  api.post('/mfa/verify', requireAuth(ctx), async (c) => {
    const { user } = c.get('auth');
    hit(flowLimiters(ctx)?.mfaVerifyIp, ipOf(c));
    const { code } = await body<{ code: string }>(c, { code: CODE });
    const row = mfa.of(user.id);
    if (row?.totp_verified) throw ruleError('MFA_ALREADY_ENABLED', 'The authenticator app is already verified');
    if (!row?.totp_secret) throw ruleError('MFA_NOT_ENABLED', 'Start with POST /mfa/enable to get a secret');
    const checked = await checkTotp(base32Decode(row.totp_secret), normalizeCode(code), ctx.now(), row.totp_last_step);
    if (!checked.ok) throw refusedCode(checked.reason);
    const { step } = checked;
    ctx.store.transaction(() => {
      const now = ctx.now();
      const claimed = mfa.settings.updateWhere(
        { id: row.id, totp_verified: false, totp_last_step: { lt: step } },
        { totp_verified: true, totp_last_step: step, last_used_at: now, updated_at: now },
      );
      // Another request turned it on first, with this code or a newer one.
      if (claimed !== 1) throw refusedCode('reused');
      ctx.users.update(user.id, { mfa_enabled: true, updated_at: now });
    });
    return c.json({ message: 'Two-factor authentication is on' });
  });

  /** Checks a second factor of a signed-in user; throws the 400/429 a wrong or locked one gets. */
  const requireCode = async (userId: string, code: string): Promise<CodeMatch> => {
    mfa.assertNotLocked(userId);
    const checked = await mfa.check(userId, code);
    // Checks sent side by side run at once (each awaits its hashing): a lock that another one set
    // meanwhile holds for this one too, or a batch would be judged past the lock.
    mfa.assertNotLocked(userId);
    if (!checked.ok) {
      if (countsAsGuess(checked.reason)) mfa.recordFailure(userId);
      throw refusedCode(checked.reason);
    }
    return checked.match;
  };

  api.post('/mfa/disable', requireAuth(ctx), async (c) => {
    const auth = c.get('auth');
    const { user } = auth;
    const input = await body<{ password?: string; code?: string }>(c, { password: passwordRule(user), code: { type: 'string', max: 64 } });
    await confirmPassword(ctx, auth, input.password);
    let found: CodeMatch | null = null;
    if (user.mfa_enabled) {
      if (!input.code) {
        const row = mfa.of(user.id);
        // An SMS-only account has no other code at hand: text one, and say so.
        const sent = row?.sms_verified && row.phone_number && !row.totp_verified && mfa.backupRemaining(user.id) === 0;
        if (sent) {
          textLimits(c, user.id);
          await mfa.sendSmsCode(user.id, row.phone_number!, 'sms_signin');
        }
        throw new ApiError(422, 'VALIDATION_ERROR', 'The request has invalid fields', {
          validation_errors: [{ field: 'code', message: 'A code from your second factor is required', type: 'required' }],
          ...(sent ? { sms_sent: true } : {}),
        });
      }
      found = await requireCode(user.id, input.code);
    }
    ctx.store.transaction(() => {
      if (found && !mfa.spend(user.id, found)) throw refusedCode(mfa.unspentReason(user.id, found));
      mfa.removeAll(user.id);
    });
    return c.json({ message: 'Two-factor authentication is off' });
  });

  api.post('/mfa/regenerate-backup-codes', requireAuth(ctx), async (c) => {
    const auth = c.get('auth');
    const { user } = auth;
    const { password } = await body<{ password?: string }>(c, { password: passwordRule(user) });
    await confirmPassword(ctx, auth, password);
    if (!user.mfa_enabled) throw ruleError('MFA_NOT_ENABLED', 'Two-factor authentication is not on');
    const { codes, hashes } = await mfa.prepareBackupCodes();
    const generated = ctx.store.transaction(() => mfa.replaceBackupCodes(user.id, hashes));
    return c.json({ backup_codes: codes, generated_at: iso(generated) });
  });

  api.post('/mfa/challenge/verify', async (c) => {
    hit(flowLimiters(ctx)?.mfaVerifyIp, ipOf(c));
    const input = await body<{ mfa_token: string; code: string }>(c, { mfa_token: MFA_TOKEN, code: CODE });
    const ticket = await mfa.tokens.find('mfa_challenge', input.mfa_token);
    const user = ticket.ok ? ctx.users.get(ticket.row.user_id) : undefined;
    if (!ticket.ok || !user) throw invalidToken('The sign-in has expired or was already completed; sign in again');
    mfa.assertNotLocked(user.id);
    const checked = await mfa.check(user.id, input.code);
    // Codes sent side by side are checked at once (each awaits its hashing): judge this one by the
    // token and the lock as they are now, so a batch counts try by try and stops at the lock and at
    // the token's last try, as codes sent one after another do.
    const live = mfa.tokens.check('mfa_challenge', mfa.tokens.table.get(ticket.row.id));
    if (!live.ok) throw invalidToken('The sign-in has expired or was already completed; sign in again');
    mfa.assertNotLocked(user.id);
    const left = (attempts: number) => ({ attempts_remaining: Math.max(0, MAX_ATTEMPTS_PER_TOKEN - attempts) });
    if (!checked.ok) {
      // A code that was once right costs no try; what is left is said as it is.
      let attempts = live.row.attempts;
      if (countsAsGuess(checked.reason)) {
        mfa.recordFailure(user.id);
        attempts = mfa.tokens.fail(live.row, MAX_ATTEMPTS_PER_TOKEN);
      }
      throw refusedCode(checked.reason, left(attempts));
    }
    const found = checked.match;
    const answer = await completeSignIn(ctx, c, user, () => {
      if (!mfa.tokens.spend(ticket.row.id)) throw invalidToken('This sign-in was already completed');
      // Another request spent the same code (or a resend replaced it) between the check and here.
      if (!mfa.spend(user.id, found)) throw refusedCode(mfa.unspentReason(user.id, found), left(mfa.tokens.table.get(ticket.row.id)!.attempts));
    });
    return c.json(answer);
  });

  api.post('/mfa/challenge/send', async (c) => {
    const input = await body<{ mfa_token: string; method: string }>(c, {
      mfa_token: MFA_TOKEN,
      method: { type: 'string', required: true, max: 32 },
    });
    if (input.method !== 'sms') {
      throw validationError([{ field: 'method', message: 'Method must be "sms"', type: 'format' }]);
    }
    const ticket = await mfa.tokens.find('mfa_challenge', input.mfa_token);
    const user = ticket.ok ? ctx.users.get(ticket.row.user_id) : undefined;
    if (!ticket.ok || !user) throw invalidToken('The sign-in has expired or was already completed; sign in again');
    const row = mfa.of(user.id);
    if (!row?.sms_verified || !row.phone_number) {
      throw ruleError('MFA_METHOD_UNAVAILABLE', 'This account has no phone number for codes');
    }
    textLimits(c, user.id);
    await mfa.sendSmsCode(user.id, row.phone_number, 'sms_signin');
    return c.json({ message: 'A code was sent to your phone' });
  });

  api.post('/mfa/sms/enable', requireAuth(ctx), async (c) => {
    const auth = c.get('auth');
    const { user } = auth;
    const input = await body<{ password?: string; phone_number: string }>(c, {
      password: passwordRule(user),
      phone_number: { type: 'string', required: true, max: 32 },
    });
    const phone = input.phone_number.replace(/[\s().-]/g, '');
    if (!E164.test(phone)) {
      throw validationError([
        { field: 'phone_number', message: 'Phone number must be in international format, such as +14155550123', type: 'format' },
      ]);
    }
    await confirmPassword(ctx, auth, input.password);
    if (mfa.of(user.id)?.sms_verified) {
      throw ruleError('MFA_ALREADY_ENABLED', 'A phone number is already set up; disable two-factor authentication to change it');
    }
    textLimits(c, user.id);
    await mfa.sendSmsCode(user.id, phone, 'sms_enrollment', { phone_number: phone });
    return c.json({ message: 'A code was sent to your phone' });
  });

  api.post('/mfa/sms/verify', requireAuth(ctx), async (c) => {
    const { user } = c.get('auth');
    hit(flowLimiters(ctx)?.mfaVerifyIp, ipOf(c));
    const { code } = await body<{ code: string }>(c, { code: CODE });
    const checked = await mfa.checkSms(user.id, normalizeCode(code), 'sms_enrollment', MAX_SMS_ENROLMENT_ATTEMPTS);
    if (!checked.ok) {
      // As at sign-in: only a wrong code costs a try of the code pending (none left: none pending).
      const pending = mfa.tokens.latest('sms_enrollment', user.id);
      let attempts = pending?.attempts ?? MAX_SMS_ENROLMENT_ATTEMPTS;
      if (pending && countsAsGuess(checked.reason)) attempts = mfa.tokens.fail(pending, MAX_SMS_ENROLMENT_ATTEMPTS);
      throw refusedCode(checked.reason, { attempts_remaining: Math.max(0, MAX_SMS_ENROLMENT_ATTEMPTS - attempts) });
    }
    const pending = checked.match.row;
    const phone = String(pending.data['phone_number']);
    ctx.store.transaction(() => {
      // Another request spent it, a resend replaced it or wrong tries used it up since the check.
      if (!mfa.tokens.spend(pending.id)) {
        const latest = mfa.tokens.latest('sms_enrollment', user.id);
        throw refusedCode(mfa.unspentReason(user.id, checked.match, MAX_SMS_ENROLMENT_ATTEMPTS), {
          attempts_remaining: MAX_SMS_ENROLMENT_ATTEMPTS - (latest?.attempts ?? MAX_SMS_ENROLMENT_ATTEMPTS),
        });
      }
      const now = ctx.now();
      const row = mfa.ensure(user.id);
      mfa.settings.update(row.id, { phone_number: phone, sms_verified: true, updated_at: now });
      ctx.users.update(user.id, { mfa_enabled: true, updated_at: now });
    });
    return c.json({ message: 'Text-message codes are on' });
  });
}
