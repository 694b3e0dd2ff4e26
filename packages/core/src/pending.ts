import type { MfaMethod } from './api-types.ts';
import type { ChallengeVia, PendingChallenge } from './types.ts';

/** The server's MFA token lives 5 minutes (API.md); the local step ends with it. */
const MFA_TTL = 5 * 60_000;
export const DEFAULT_MFA_METHODS: readonly MfaMethod[] = ['totp', 'backup_code'];

/**
 * The private half of a pending second factor: its MFA token and expiry timer. The public half
 * (`PendingChallenge`) goes into the snapshot; the token never leaves this object and the client.
 */
export class PendingStep {
  #token: string | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly expire: () => void) {}

  begin(token: string, methods: readonly MfaMethod[], via: ChallengeVia, now: number): PendingChallenge {
    this.drop();
    this.#token = token;
    this.#timer = setTimeout(this.expire, MFA_TTL);
    // In Node (SSR, tests) a pending step must not keep the process alive.
    (this.#timer as unknown as { unref?: () => void }).unref?.();
    return Object.freeze({ kind: 'mfa', methods: Object.freeze([...methods]) as MfaMethod[], expiresAt: now + MFA_TTL, via });
  }

  /** The token while `pending` (the snapshot's half) is current and unexpired, else null. */
  token(pending: PendingChallenge | null, now: number): string | null {
    return pending && now < pending.expiresAt ? this.#token : null;
  }

  holds(token: string): boolean {
    return token === this.#token;
  }

  /** Forgets the token; returns the snapshot patch that goes with it. */
  drop(): { pending: null } {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#token = null;
    return { pending: null };
  }
}
