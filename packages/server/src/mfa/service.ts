import type { ApiSignInResponse, MfaMethod } from '../../../core/src/api-types.ts';
import { toApiUser, type UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { retryAfterError } from '../http/middleware.ts';
import { codeHash, oneTimeTokens, type OneTimeTokenRow, type OneTimeTokens, type TokenPurpose } from '../recovery/one-time-tokens.ts';
import type { Table } from '../store/types.ts';
import { constantTimeEqual, randomBytes, randomToken, sha256, utf8, uuid } from '../util.ts';
import { backupCodesTable, mfaSettingsTable, type BackupCodeRow, type MfaSettingsRow } from './tables.ts';
import { base32Decode, base32Encode, checkTotp, type CodeRefusal } from './totp.ts';

export const MFA_TOKEN_TTL_MS = 5 * 60_000;
export const SMS_CODE_TTL_MS = 5 * 60_000;
/** Wrong codes one `mfa_token` (or one SMS code) survives; then it is spent and sign-in starts over. */
export const MAX_ATTEMPTS_PER_TOKEN = 10;
export const BACKUP_CODE_COUNT = 10;
/** Wrong codes in a row that lock the account's second factor, and the first lock's length. */
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

/** What a checked code was, so the caller can spend exactly that in its transaction. */
export type CodeMatch =
  | { kind: 'totp'; step: number }
  | { kind: 'sms'; row: OneTimeTokenRow }
  | { kind: 'backup_code'; row: BackupCodeRow };

/** A checked code: what it matched, or why it was refused (the `reason` a 400 carries). */
export type CodeCheck<M extends CodeMatch = CodeMatch> = { ok: true; match: M } | { ok: false; reason: CodeRefusal };

/**
 * Whether a refusal counts as a failed try (the `mfa_token`'s attempts and the account's
 * lockout). Only `invalid` does: a code that was once right (used, expired, replaced by a
 * resend) is what a user types by mistake, and a guesser lands on one of those few codes (about
 * 20 TOTP steps and a handful of texts among 10^6) too rarely to gain tries from it (docs/api.md).
 */
export const countsAsGuess = (reason: CodeRefusal): boolean => reason === 'invalid';

/** The `data` flag of an SMS code a resend superseded. */
const REPLACED = 'replaced';

const BACKUP_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 12 base32 characters (60 bits), shown as `xxxx-xxxx-xxxx`. */
function newBackupCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += BACKUP_ALPHABET[byte & 31];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * People type codes with spaces, dashes, either case, and the digits their keyboard has: Arabic-Indic,
 * Persian and full-width ones become 0-9 (each block starts at a code point ending in 0).
 */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) & 15)).toLowerCase();
}

export function newSmsCode(): string {
  const bytes = randomBytes(4);
  // 2^32 is not a multiple of 10^6; the bias this leaves (under 0.03%) does not help a guesser.
  return String(new DataView(bytes.buffer).getUint32(0) % 1_000_000).padStart(6, '0');
}

/** The MFA state of every user, and the checks a second factor goes through. */
export class MfaService {
  readonly settings: Table<MfaSettingsRow>;
  readonly backupCodes: Table<BackupCodeRow>;
  readonly tokens: OneTimeTokens;

  constructor(private readonly ctx: AppContext) {
    this.settings = ctx.store.table(mfaSettingsTable);
    this.backupCodes = ctx.store.table(backupCodesTable);
    this.tokens = oneTimeTokens(ctx);
  }

  of(userId: string): MfaSettingsRow | undefined {
    return this.settings.findOne({ user_id: userId });
  }

  /** The row for a user, made empty on first use; call inside a transaction. */
  ensure(userId: string): MfaSettingsRow {
    const existing = this.of(userId);
    if (existing) return existing;
    const now = this.ctx.now();
    return this.settings.insert({
      id: uuid(),
      user_id: userId,
      totp_secret: null,
      totp_verified: false,
      totp_last_step: 0,
      phone_number: null,
      sms_verified: false,
      last_used_at: null,
      backup_generated_at: null,
      failed_count: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    });
  }

  backupRemaining(userId: string): number {
    return this.backupCodes.count({ user_id: userId, used_at: null });
  }

  /** The factors a sign-in can be finished with, in the order a form offers them. */
  methods(userId: string): MfaMethod[] {
    const row = this.of(userId);
    const methods: MfaMethod[] = [];
    if (row?.totp_verified) methods.push('totp');
    if (row?.sms_verified) methods.push('sms');
    if (this.backupRemaining(userId) > 0) methods.push('backup_code');
    return methods;
  }

  newSecret(): string {
    return base32Encode(randomBytes(20));
  }

  /** A new set of backup codes and their hashes; the clear codes are shown to the user once, never stored. */
  async prepareBackupCodes(): Promise<{ codes: string[]; hashes: string[] }> {
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
    const hashes = await Promise.all(codes.map((c) => sha256(normalizeCode(c))));
    return { codes, hashes };
  }

  /** Swaps the user's backup codes for the new hashes (the old set stops working); inside a transaction. */
  replaceBackupCodes(userId: string, hashes: readonly string[]): number {
    const now = this.ctx.now();
    this.backupCodes.deleteWhere({ user_id: userId });
    for (const hash of hashes) {
      this.backupCodes.insert({ id: uuid(), user_id: userId, code_hash: hash, created_at: now, used_at: null });
    }
    this.settings.update(this.ensure(userId).id, { backup_generated_at: now, updated_at: now });
    return now;
  }

  /** Refuses with 429 while the account's second factor is locked after repeated wrong codes. */
  assertNotLocked(userId: string): void {
    const lockedUntil = this.of(userId)?.locked_until ?? null;
    const now = this.ctx.now();
    if (lockedUntil !== null && lockedUntil > now) throw retryAfterError(Math.ceil((lockedUntil - now) / 1000));
  }

  /**
   * Counts a wrong code. The fifth in a row locks the factor for 30 s, and each one after
   * that for twice as long as the last (1 min, 2 min, … up to 15 min), so guessing a 6-digit
   * code takes years while a user who mistypes a few times waits seconds.
   */
  recordFailure(userId: string): void {
    this.ctx.store.transaction(() => {
      const row = this.ensure(userId);
      const failed = row.failed_count + 1;
      const over = failed - FREE_FAILURES + 1;
      const lockedUntil = over > 0 ? this.ctx.now() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (over - 1)) : row.locked_until;
      this.settings.update(row.id, { failed_count: failed, locked_until: lockedUntil });
    });
  }

  /**
   * Finds which factor a code belongs to, without spending it. Six digits are tried as TOTP
   * and then as the newest SMS code; the longer form as a backup code. A refused code says why:
   * `reused` (the TOTP step last used, a spent SMS or backup code), `expired` (an older TOTP
   * step, an SMS code past its 5 minutes), `replaced` (an SMS code a resend superseded) or
   * `invalid`.
   */
  async check(userId: string, rawCode: string, smsPurpose: TokenPurpose = 'sms_signin'): Promise<CodeCheck> {
    const code = normalizeCode(rawCode);
    const row = this.of(userId);
    if (/^\d{6}$/.test(code)) {
      let reason: CodeRefusal = 'invalid';
      if (row?.totp_verified && row.totp_secret) {
        const totp = await checkTotp(base32Decode(row.totp_secret), code, this.ctx.now(), row.totp_last_step);
        if (totp.ok) return { ok: true, match: { kind: 'totp', step: totp.step } };
        reason = totp.reason;
      }
      if (row?.sms_verified) {
        const sms = await this.checkSms(userId, code, smsPurpose);
        if (sms.ok) return sms;
        if (reason === 'invalid') reason = sms.reason;
      }
      return { ok: false, reason };
    }
    if (/^[a-z2-7]{12}$/.test(code)) {
      const backup = this.backupCodes.findOne({ user_id: userId, code_hash: await sha256(code) });
      if (backup) return backup.used_at === null ? { ok: true, match: { kind: 'backup_code', row: backup } } : { ok: false, reason: 'reused' };
    }
    return { ok: false, reason: 'invalid' };
  }

  /**
   * Only the newest SMS code is accepted: a resend replaces every unspent code, so the one
   * unspent code within its 5 minutes is the latest text. Past them it is `expired`. Spent by a
   * sign-in, a code is `reused`; spent by too many wrong tries, `invalid` (the code was never
   * given a chance). One a resend replaced is `replaced` while it would still be live (so the
   * user is told to type the latest text rather than that the code is wrong), then `expired`.
   * `maxAttempts` is the wrong tries a code of `purpose` survives (`tokens.fail`), so a code they
   * spent is told apart from one a sign-in spent. The row's own state decides, never its rank by
   * `created_at`: texts sent in one millisecond tie on it.
   */
  async checkSms(userId: string, code: string, purpose: TokenPurpose, maxAttempts = MAX_ATTEMPTS_PER_TOKEN): Promise<CodeCheck<Extract<CodeMatch, { kind: 'sms' }>>> {
    // An account gets at most 5 texts per 15 minutes, so the last 8 rows hold every live code
    // and the latest expired ones. Every one is hashed and compared, without an early exit.
    const recent = this.tokens.table.find({ user_id: userId, purpose }, { orderBy: [{ field: 'created_at', direction: 'desc' }], limit: 8 });
    let sms: OneTimeTokenRow | undefined;
    for (const row of recent) {
      const same = constantTimeEqual(utf8(await codeHash(row.id, code)), utf8(row.token_hash));
      if (same && !sms) sms = row;
    }
    if (!sms) return { ok: false, reason: 'invalid' };
    const reason = this.smsRefusal(sms, maxAttempts);
    return reason ? { ok: false, reason } : { ok: true, match: { kind: 'sms', row: sms } };
  }

  /** Why the SMS code of `sms` is refused now (`checkSms`), or null while it can be spent. */
  private smsRefusal(sms: OneTimeTokenRow, maxAttempts: number): CodeRefusal | null {
    const live = sms.expires_at > this.ctx.now();
    if (sms.data[REPLACED]) return live ? 'replaced' : 'expired';
    if (sms.used_at !== null) return sms.attempts >= maxAttempts ? 'invalid' : 'reused';
    return live ? null : 'expired';
  }

  /**
   * Why a code that checked out could not be spent (`spend` gave false): what another request did
   * between the check and the spend, said as a check now would say it. A resend replaced the SMS
   * code, or wrong tries used it up; otherwise the code (or a later TOTP step) was used.
   */
  unspentReason(userId: string, found: CodeMatch, maxAttempts = MAX_ATTEMPTS_PER_TOKEN): CodeRefusal {
    if (found.kind === 'totp') return (this.of(userId)?.totp_last_step ?? 0) > found.step ? 'expired' : 'reused';
    const row = found.kind === 'sms' ? this.tokens.table.get(found.row.id) : undefined;
    return (row && this.smsRefusal(row, maxAttempts)) || 'reused';
  }

  /**
   * Spends what `match` found; false if a concurrent request spent it first (then the caller
   * must roll back). Clears the failure count. Call inside the caller's transaction.
   */
  spend(userId: string, found: CodeMatch): boolean {
    const now = this.ctx.now();
    const row = this.ensure(userId);
    let spent: boolean;
    if (found.kind === 'totp') {
      spent = this.settings.updateWhere({ id: row.id, totp_last_step: { lt: found.step } }, { totp_last_step: found.step }) === 1;
    } else if (found.kind === 'sms') {
      spent = this.tokens.spend(found.row.id);
    } else {
      spent = this.backupCodes.updateWhere({ id: found.row.id, used_at: null }, { used_at: now }) === 1;
    }
    if (spent) this.settings.update(row.id, { failed_count: 0, locked_until: null, last_used_at: now, updated_at: now });
    return spent;
  }

  /**
   * The answer to a correct first factor on an account with MFA on: no session yet, a
   * challenge token. `extra` runs in the same transaction (e.g. spending a magic link).
   */
  async beginChallenge(user: UserRow, extra?: () => void): Promise<ApiSignInResponse> {
    const token = randomToken(32);
    const hash = await sha256(token);
    this.ctx.store.transaction(() => {
      extra?.();
      this.tokens.insert('mfa_challenge', user.id, hash, MFA_TOKEN_TTL_MS);
    });
    return {
      user: toApiUser(this.ctx.users.get(user.id) ?? user),
      tokens: null,
      mfa_required: true,
      mfa_token: token,
      mfa_methods: this.methods(user.id),
    };
  }

  /**
   * Issues a fresh SMS code for `purpose` and texts it. Older ones stop working, marked as
   * replaced (rather than spent by a sign-in) so that typing one says to use the latest text.
   */
  async sendSmsCode(userId: string, phone: string, purpose: TokenPurpose, data: Record<string, unknown> = {}): Promise<void> {
    const code = newSmsCode();
    const id = uuid();
    const hash = await codeHash(id, code);
    this.ctx.store.transaction(() => {
      const now = this.ctx.now();
      for (const old of this.tokens.table.find({ user_id: userId, purpose, used_at: null })) {
        this.tokens.table.update(old.id, { used_at: now, data: { ...old.data, [REPLACED]: true } });
      }
      this.tokens.insert(purpose, userId, hash, SMS_CODE_TTL_MS, data, id);
    });
    await this.ctx.outbox.send({
      to: phone,
      subject: 'Janua verification code',
      text: `Your Janua code is ${code}. It expires in 5 minutes. Do not share it with anyone.`,
      html: '',
      code,
    });
  }

  /** Turns every factor off and forgets its secrets; inside a transaction. */
  removeAll(userId: string): void {
    this.backupCodes.deleteWhere({ user_id: userId });
    this.settings.deleteWhere({ user_id: userId });
    for (const purpose of ['sms_enrollment', 'sms_signin', 'mfa_challenge'] as const) this.tokens.spendAll(purpose, userId);
    this.ctx.users.update(userId, { mfa_enabled: false, updated_at: this.ctx.now() });
  }
}

const services = new WeakMap<AppContext, MfaService>();

/** One service per app, shared by the MFA routes and the sign-in hooks. */
export function mfaService(ctx: AppContext): MfaService {
  let service = services.get(ctx);
  if (!service) services.set(ctx, (service = new MfaService(ctx)));
  return service;
}
