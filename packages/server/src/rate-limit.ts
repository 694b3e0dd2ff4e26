import { usersTable } from './auth/users.ts';
import { addressKey } from './http/address.ts';
import { defineTable, type Store, type Table } from './store/types.ts';

export interface LimitRule {
  limit: number;
  windowMs: number;
}

/** Progressive lockout of one account after consecutive failed sign-ins. */
export interface LockoutRule {
  /** Failures in a row answered with a plain 401; the last of them starts the first lock. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  firstLockMs: number;
  maxLockMs: number;
  /** After this many failures in a row the account stays locked until its password is reset. */
  hardLimit: number;
}

export interface RateLimitOptions {
  /** Every sign-in attempt from one IP address. */
  signinIp: LimitRule;
  /** Failed sign-ins against one account, from anywhere; a success clears them. */
  signinAccount: LimitRule;
  /** Sign-ups from one IP address. */
  signupIp: LimitRule;
  lockout: LockoutRule;
}

/** What `AppOptions.rateLimit` takes: any rule replaced, the lockout field by field. */
export type RateLimitConfig = Partial<Omit<RateLimitOptions, 'lockout'>> & { lockout?: Partial<LockoutRule> };

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  signinIp: { limit: 50, windowMs: 5 * 60_000 },
  signinAccount: { limit: 10, windowMs: 15 * 60_000 },
  signupIp: { limit: 30, windowMs: 10 * 60_000 },
  // 30 s, 1 min, 2 min … 1 h: a typo costs seconds, while reaching the hard limit takes days.
  lockout: { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 60 * 60_000, hardLimit: 100 },
};

/**
 * A sliding-window log: exact (no burst at a window edge, unlike fixed windows) and, at these
 * limits, small. In-memory and per process; a cluster would put it in shared storage.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly rule: LimitRule,
    private readonly now: () => number,
    /** Also run by `reset`, so whoever clears the window (a success, a password reset) clears what hangs on it. */
    private readonly onReset?: (key: string) => void,
    /** Turns a caller's key into the one counted under; per-address limiters pass `addressKey`. */
    private readonly keyOf: (key: string) => string = (key) => key,
  ) {}

  /**
   * Seconds until `key` may try again, or 0 if it may now. Does not count an attempt.
   * `underWay` attempts, not yet settled, are counted as if they had failed already.
   */
  retryAfter(key: string, underWay = 0): number {
    const times = this.prune(this.keyOf(key));
    if (times.length + underWay < this.rule.limit) return 0;
    // Only unsettled attempts fill the window: they settle within moments, and the answer is known then.
    if (times.length < this.rule.limit) return 1;
    return Math.max(1, Math.ceil((times[0]! + this.rule.windowMs - this.now()) / 1000));
  }

  record(key: string): void {
    const k = this.keyOf(key);
    const times = this.prune(k);
    times.push(this.now());
    this.hits.set(k, times);
    if (this.hits.size > 10_000) this.sweep();
  }

  reset(key: string): void {
    const k = this.keyOf(key);
    this.hits.delete(k);
    this.onReset?.(k);
  }

  private prune(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (times.length) this.hits.set(key, times);
    else this.hits.delete(key);
    return times;
  }

  private sweep(): void {
    for (const key of [...this.hits.keys()]) this.prune(key);
  }
}

export interface LockoutRow {
  /** The limiter key: `user:<id>` for an account, `login:<typed login>` for a name no account has. */
  id: string;
  user_id: string | null;
  failures: number;
  last_failed_at: number;
  /** null while failures are free, and once the hard limit is reached (locked until reset). */
  locked_until: number | null;
}

export const lockoutsTable = defineTable<LockoutRow>({
  name: 'signin_lockouts',
  columns: {
    id: { type: 'text' },
    user_id: { type: 'text', nullable: true },
    failures: { type: 'integer' },
    last_failed_at: { type: 'integer' },
    locked_until: { type: 'integer', nullable: true },
  },
  indexes: [{ fields: ['user_id'] }, { fields: ['last_failed_at'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

export type LockState = { locked: false } | { locked: true; retryAfter: number | null; failures: number };

/**
 * Consecutive failed sign-ins per account, kept in the store so a restart does not hand an
 * attacker a fresh allowance. Names that match no account are counted the same way, so a 423
 * says nothing about whether an account exists.
 */
export class AccountLockout {
  readonly table: Table<LockoutRow>;

  constructor(
    private readonly store: Store,
    private readonly rule: LockoutRule,
    private readonly now: () => number,
  ) {
    this.table = store.table(lockoutsTable);
  }

  /**
   * Whether `more` failures on top of the count would lock the account: an attempt whose
   * verification is still under way may not be joined by one that the lock would have refused.
   */
  wouldLock(key: string, more: number): boolean {
    const failures = this.table.get(key)?.failures ?? 0;
    return more > 0 && failures + more >= Math.min(this.rule.freeFailures, this.rule.hardLimit);
  }

  /** Reads only; a locked account's attempts are refused without being counted. */
  status(key: string): LockState {
    const row = this.table.get(key);
    if (!row) return { locked: false };
    if (row.failures >= this.rule.hardLimit) return { locked: true, retryAfter: null, failures: row.failures };
    const now = this.now();
    if (row.locked_until !== null && row.locked_until > now) {
      return { locked: true, retryAfter: Math.max(1, Math.ceil((row.locked_until - now) / 1000)), failures: row.failures };
    }
    return { locked: false };
  }

  /** Counts a failure and returns the lock it brings, if any. */
  fail(key: string, userId: string | null): LockState {
    const now = this.now();
    this.store.transaction(() => {
      // Read inside the write lock: another process sharing the database may have counted meanwhile.
      const row = this.table.get(key);
      const failures = Math.min(this.rule.hardLimit, (row?.failures ?? 0) + 1);
      const locked_until = this.lockUntil(failures, now);
      if (row) this.table.update(key, { failures, last_failed_at: now, locked_until });
      else this.table.insert({ id: key, user_id: userId, failures, last_failed_at: now, locked_until });
      this.prune(now);
    });
    return this.status(key);
  }

  private lockUntil(failures: number, now: number): number | null {
    const over = failures - this.rule.freeFailures + 1;
    if (over <= 0 || failures >= this.rule.hardLimit) return null;
    return now + Math.min(this.rule.maxLockMs, this.rule.firstLockMs * 2 ** Math.min(over - 1, 40));
  }

  clear(key: string): void {
    this.table.delete(key);
  }

  private lastPrune = 0;

  /** Rows of names no account has, quiet for a day, go; an account's count stays until a success. */
  private prune(now: number): void {
    if (now - this.lastPrune < 60 * 60_000) return;
    this.lastPrune = now;
    this.table.deleteWhere({ user_id: null, last_failed_at: { lt: now - 24 * 3600_000 }, failures: { lt: this.rule.hardLimit } });
  }
}

/** Why a password may not be checked now: 429 (a window is full) or 423 (the account is locked). */
export type AttemptRefusal = { status: 429; retryAfter: number } | { status: 423; retryAfter: number | null };

/**
 * Password checks against one account (sign-in and the re-confirmation before a sensitive
 * change), under the per-account window and the lockout. The hash verification is awaited, so
 * an attempt counts as a failure from the moment it starts until it settles: requests sent
 * together get no more verifications, and the lockout no more failures, than the same requests
 * sent one after another. One at a time, nothing changes.
 */
export class PasswordAttempts {
  private readonly underWay = new Map<string, number>();

  constructor(
    private readonly window: SlidingWindowLimiter,
    private readonly lockout: AccountLockout,
  ) {}

  /** Starts an attempt, or says why it may not start; a started one must be settled exactly once. */
  begin(key: string): AttemptRefusal | null {
    const pending = this.underWay.get(key) ?? 0;
    const wait = this.window.retryAfter(key, pending);
    if (wait > 0) return { status: 429, retryAfter: wait };
    const lock = this.lockout.status(key);
    if (lock.locked) return { status: 423, retryAfter: lock.retryAfter };
    // Had the unsettled attempts failed already, this one would meet a lock: wait for them instead.
    if (this.lockout.wouldLock(key, pending)) return { status: 429, retryAfter: 1 };
    this.underWay.set(key, pending + 1);
    return null;
  }

  /** A wrong password: counted in the window and towards the lockout. */
  failed(key: string, userId: string | null): void {
    this.settle(key);
    this.window.record(key);
    this.lockout.fail(key, userId);
  }

  /** A right password; `clear` empties the window and the lockout, as a sign-in does. */
  passed(key: string, clear: boolean): void {
    this.settle(key);
    if (clear) this.window.reset(key);
  }

  /** The verification itself failed (not the password): nothing is counted. */
  dropped(key: string): void {
    this.settle(key);
  }

  private settle(key: string): void {
    const pending = (this.underWay.get(key) ?? 0) - 1;
    if (pending > 0) this.underWay.set(key, pending);
    else this.underWay.delete(key);
  }
}

export interface RateLimiters {
  /** Every sign-in attempt from one address (password, passkey, social); keyed by `addressKey`. */
  signinIp: SlidingWindowLimiter;
  signinAccount: SlidingWindowLimiter;
  /** Sign-ups from one address; keyed by `addressKey`. */
  signupIp: SlidingWindowLimiter;
  lockout: AccountLockout;
  /** Password checks, counted against `signinAccount` and the lockout before they are awaited. */
  passwords: PasswordAttempts;
  /**
   * A limiter by name, made on first use and shared by every caller of that name, so feature
   * modules (MFA verify, password reset, …) add their limits without editing this file. They
   * are off, like the rest, with `rateLimit: false`. A limiter `by: 'address'` counts each key
   * (a client address) through `addressKey`.
   */
  named(name: string, rule: LimitRule, by?: 'key' | 'address'): SlidingWindowLimiter;
}

export function createRateLimiters(
  options: false | RateLimitConfig | undefined,
  now: () => number,
  store: Store,
): RateLimiters | null {
  if (options === false) return null;
  const rules = { ...DEFAULT_RATE_LIMITS, ...options, lockout: { ...DEFAULT_RATE_LIMITS.lockout, ...options?.lockout } };
  const lockout = new AccountLockout(store, rules.lockout, now);
  // A success or a password reset clears the window through reset(); the lockout goes with it.
  const signinAccount = new SlidingWindowLimiter(rules.signinAccount, now, (key) => lockout.clear(key));
  const named = new Map<string, SlidingWindowLimiter>();
  return {
    signinIp: new SlidingWindowLimiter(rules.signinIp, now, undefined, addressKey),
    signinAccount,
    signupIp: new SlidingWindowLimiter(rules.signupIp, now, undefined, addressKey),
    lockout,
    passwords: new PasswordAttempts(signinAccount, lockout),
    named(name, rule, by = 'key') {
      let limiter = named.get(name);
      if (!limiter) named.set(name, (limiter = new SlidingWindowLimiter(rule, now, undefined, by === 'address' ? addressKey : undefined)));
      return limiter;
    },
  };
}
