export interface LimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** Every sign-in attempt from one IP address. */
  signinIp: LimitRule;
  /** Failed sign-ins against one account, from anywhere; a success clears them. */
  signinAccount: LimitRule;
  /** Sign-ups from one IP address. */
  signupIp: LimitRule;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  signinIp: { limit: 50, windowMs: 5 * 60_000 },
  signinAccount: { limit: 10, windowMs: 15 * 60_000 },
  signupIp: { limit: 30, windowMs: 10 * 60_000 },
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
  ) {}

  /** Seconds until `key` may try again, or 0 if it may now. Does not count an attempt. */
  retryAfter(key: string): number {
    const times = this.prune(key);
    if (times.length < this.rule.limit) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.rule.windowMs - this.now()) / 1000));
  }

  record(key: string): void {
    const times = this.prune(key);
    times.push(this.now());
    this.hits.set(key, times);
    if (this.hits.size > 10_000) this.sweep();
  }

  reset(key: string): void {
    this.hits.delete(key);
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

export interface RateLimiters {
  signinIp: SlidingWindowLimiter;
  signinAccount: SlidingWindowLimiter;
  signupIp: SlidingWindowLimiter;
}

export function createRateLimiters(options: false | Partial<RateLimitOptions> | undefined, now: () => number): RateLimiters | null {
  if (options === false) return null;
  const rules = { ...DEFAULT_RATE_LIMITS, ...options };
  return {
    signinIp: new SlidingWindowLimiter(rules.signinIp, now),
    signinAccount: new SlidingWindowLimiter(rules.signinAccount, now),
    signupIp: new SlidingWindowLimiter(rules.signupIp, now),
  };
}
