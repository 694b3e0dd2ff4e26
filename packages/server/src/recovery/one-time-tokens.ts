import { usersTable } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { defineTable, type Table } from '../store/types.ts';
import { randomToken, sha256, uuid } from '../util.ts';

/** What a one-time secret is for; a token issued for one purpose is never accepted for another. */
export type TokenPurpose =
  | 'password_reset'
  | 'email_verification'
  | 'magic_link'
  | 'mfa_challenge'
  | 'sms_enrollment'
  | 'sms_signin';

/**
 * Every single-use, expiring secret the server mails, texts or hands out: reset and
 * verification links, magic links, MFA sign-in tokens and SMS codes. One table, not one per
 * flow, so expiry, single use and hashing are written (and tested) once.
 */
export interface OneTimeTokenRow {
  id: string;
  purpose: TokenPurpose;
  user_id: string;
  /** SHA-256 of the secret (base64url). Never the secret itself. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  /** Wrong guesses against this row (MFA codes), so a row dies after too many. */
  attempts: number;
  data: Record<string, unknown>;
}

export const oneTimeTokensTable = defineTable<OneTimeTokenRow>({
  name: 'one_time_tokens',
  columns: {
    id: { type: 'text' },
    purpose: { type: 'text' },
    user_id: { type: 'text' },
    token_hash: { type: 'text' },
    created_at: { type: 'integer' },
    expires_at: { type: 'integer' },
    used_at: { type: 'integer', nullable: true },
    attempts: { type: 'integer', default: 0 },
    data: { type: 'json' },
  },
  indexes: [{ fields: ['token_hash'], unique: true }, { fields: ['user_id', 'purpose'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

/**
 * The same rows, without the user: what a reset or magic-link request for an address no account
 * has writes instead, so that both answers cost the same work (one hash, one transaction that
 * spends and inserts). Nobody ever receives these secrets; they are swept as they expire.
 */
export const oneTimeTokenDecoysTable = defineTable<OneTimeTokenRow>({
  name: 'one_time_token_decoys',
  columns: oneTimeTokensTable.columns,
  indexes: [{ fields: ['token_hash'], unique: true }, { fields: ['user_id', 'purpose'] }],
});

export type ConsumeResult = { ok: true; row: OneTimeTokenRow } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/**
 * Short numeric codes (SMS) have too few values to be looked up by hash alone, so they are
 * hashed together with their row id, and found by user and purpose instead.
 */
export function codeHash(rowId: string, code: string): Promise<string> {
  return sha256(`${rowId}:${code}`);
}

export class OneTimeTokens {
  readonly table: Table<OneTimeTokenRow>;
  readonly decoys: Table<OneTimeTokenRow>;
  private lastSweep = 0;

  constructor(private readonly ctx: AppContext) {
    this.table = ctx.store.table(oneTimeTokensTable);
    this.decoys = ctx.store.table(oneTimeTokenDecoysTable);
  }

  /**
   * Issues a 256-bit secret. `replace` first spends the user's other live tokens of the same
   * purpose, so only the newest reset link (say) works. Hashing is async, so this cannot run
   * inside a transaction; `insert` can, given a hash made beforehand.
   */
  async issue(purpose: TokenPurpose, userId: string, ttlMs: number, data: Record<string, unknown> = {}, replace = false): Promise<{ token: string; row: OneTimeTokenRow }> {
    return this.issueInto(this.table, purpose, userId, ttlMs, data, replace);
  }

  /**
   * The work of `issue` for an address that has no account, written to the decoy table: the
   * same hash, the same transaction shape (spend the key's older rows, insert one), and no
   * secret that anyone could ever use.
   */
  async issueDecoy(purpose: TokenPurpose, ttlMs: number, data: Record<string, unknown> = {}, replace = false): Promise<{ token: string; row: OneTimeTokenRow }> {
    return this.issueInto(this.decoys, purpose, uuid(), ttlMs, data, replace);
  }

  private async issueInto(table: Table<OneTimeTokenRow>, purpose: TokenPurpose, userId: string, ttlMs: number, data: Record<string, unknown>, replace: boolean) {
    const token = randomToken(32);
    const hash = await sha256(token);
    const row = this.ctx.store.transaction(() => {
      // Replaced links are deleted, not marked used: a user then has at most one live row per
      // purpose, so issuing costs the same for the hundredth link as for the first (and as for
      // a decoy), whatever the account's history.
      if (replace) table.deleteWhere({ user_id: userId, purpose, used_at: null });
      return this.insert(purpose, userId, hash, ttlMs, data, uuid(), table);
    });
    if (this.ctx.now() - this.lastSweep > 3600_000) {
      this.lastSweep = this.ctx.now();
      this.sweep();
    }
    return { token, row };
  }

  insert(purpose: TokenPurpose, userId: string, hash: string, ttlMs: number, data: Record<string, unknown> = {}, id = uuid(), table = this.table): OneTimeTokenRow {
    const now = this.ctx.now();
    return table.insert({
      id,
      purpose,
      user_id: userId,
      token_hash: hash,
      created_at: now,
      expires_at: now + ttlMs,
      used_at: null,
      attempts: 0,
      data,
    });
  }

  /** The live row for a secret, without spending it. */
  async find(purpose: TokenPurpose, token: string): Promise<ConsumeResult> {
    if (!token) return { ok: false, reason: 'unknown' };
    const row = this.table.findOne({ token_hash: await sha256(token) });
    return this.check(purpose, row);
  }

  check(purpose: TokenPurpose, row: OneTimeTokenRow | undefined): ConsumeResult {
    if (!row || row.purpose !== purpose) return { ok: false, reason: 'unknown' };
    if (row.used_at !== null) return { ok: false, reason: 'used' };
    if (row.expires_at <= this.ctx.now()) return { ok: false, reason: 'expired' };
    return { ok: true, row };
  }

  /**
   * Marks the row used if it still is live; false when another request got there first.
   * Call inside the transaction that makes the change the token allows.
   */
  spend(id: string): boolean {
    return this.table.updateWhere({ id, used_at: null }, { used_at: this.ctx.now() }) === 1;
  }

  spendAll(purpose: TokenPurpose, userId: string): number {
    return this.table.updateWhere({ user_id: userId, purpose, used_at: null }, { used_at: this.ctx.now() });
  }

  /** The newest live row of a purpose for a user (SMS codes, which are matched by user). */
  latest(purpose: TokenPurpose, userId: string): OneTimeTokenRow | undefined {
    const [row] = this.table.find(
      { user_id: userId, purpose, used_at: null, expires_at: { gt: this.ctx.now() } },
      { orderBy: [{ field: 'created_at', direction: 'desc' }], limit: 1 },
    );
    return row;
  }

  /** Counts a wrong guess; spends the row once it reaches `max`. Returns the attempts so far. */
  fail(row: OneTimeTokenRow, max: number): number {
    const attempts = row.attempts + 1;
    this.table.update(row.id, attempts >= max ? { attempts, used_at: this.ctx.now() } : { attempts });
    return attempts;
  }

  /** Drops rows that expired a day ago (at most hourly, from `issue`), so the table does not grow without end. */
  sweep(): number {
    this.decoys.deleteWhere({ expires_at: { lt: this.ctx.now() } });
    return this.table.deleteWhere({ expires_at: { lt: this.ctx.now() - 24 * 3600_000 } });
  }
}

const instances = new WeakMap<AppContext, OneTimeTokens>();

/** One instance per app, shared by every flow that issues or redeems tokens. */
export function oneTimeTokens(ctx: AppContext): OneTimeTokens {
  let tokens = instances.get(ctx);
  if (!tokens) instances.set(ctx, (tokens = new OneTimeTokens(ctx)));
  return tokens;
}
