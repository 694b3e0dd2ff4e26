import { defineTable, type Patch, type Store, type Table } from '../store/types.ts';
import { randomBytes, randomToken, sha256, uuid } from '../util.ts';
import { usersTable, type UserRow } from './users.ts';

export interface SessionRow {
  /** The `sid` claim of every access token issued for this session. */
  id: string;
  user_id: string;
  ip_address: string | null;
  user_agent: string | null;
  created_at: number;
  last_activity_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** The organization whose `org_id`/`org_role` claims this session's access tokens carry. */
  active_org_id: string | null;
}

export const sessionsTable = defineTable<SessionRow>({
  name: 'sessions',
  columns: {
    id: { type: 'text' },
    user_id: { type: 'text' },
    ip_address: { type: 'text', nullable: true },
    user_agent: { type: 'text', nullable: true },
    created_at: { type: 'integer' },
    last_activity_at: { type: 'integer' },
    expires_at: { type: 'integer' },
    revoked_at: { type: 'integer', nullable: true },
    active_org_id: { type: 'text', nullable: true },
  },
  indexes: [{ fields: ['user_id'] }],
  foreignKeys: [{ field: 'user_id', table: usersTable.name, onDelete: 'cascade' }],
});

/**
 * One row per refresh token ever issued. The family of a token is its session: every rotation
 * adds a row to the same session, and a second use of a spent row revokes them all.
 */
export interface RefreshTokenRow {
  id: string;
  session_id: string;
  /** SHA-256 of the token, base64url: a leaked database does not yield usable tokens. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  /** Set when the token was exchanged for its successor. */
  used_at: number | null;
  revoked_at: number | null;
}

export const refreshTokensTable = defineTable<RefreshTokenRow>({
  name: 'refresh_tokens',
  columns: {
    id: { type: 'text' },
    session_id: { type: 'text' },
    token_hash: { type: 'text' },
    created_at: { type: 'integer' },
    expires_at: { type: 'integer' },
    used_at: { type: 'integer', nullable: true },
    revoked_at: { type: 'integer', nullable: true },
  },
  indexes: [{ fields: ['token_hash'], unique: true }, { fields: ['session_id'] }],
  foreignKeys: [{ field: 'session_id', table: sessionsTable.name, onDelete: 'cascade' }],
});

/**
 * How often a session's `last_activity_at` (and, on refresh, its sliding `expires_at`) is
 * written. Activity is shown to the user in the sessions list, where a minute is exact enough.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

/**
 * Refresh-token row ids in time order (the UUID version 7 layout: 48 bits of milliseconds, then
 * random bits). Every rotation inserts a row; with random ids each insert lands on a random
 * page of the primary-key index, and SQLite writes a whole page to the WAL for it, while in
 * time order they append to the index's last page. Only the hash ever finds a token, so the id
 * says nothing a caller could use.
 */
export function timeOrderedId(ms: number): string {
  const b = randomBytes(16);
  let time = Math.max(0, Math.floor(ms));
  for (let i = 5; i >= 0; i--) {
    b[i] = time % 256;
    time = Math.floor(time / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface NewRefreshToken {
  token: string;
  hash: string;
}

export async function newRefreshToken(): Promise<NewRefreshToken> {
  const token = randomToken(32);
  return { token, hash: await sha256(token) };
}

interface PendingRotation {
  hash: string;
  next: NewRefreshToken;
  resolve: (result: RotateResult) => void;
  reject: (error: unknown) => void;
}

/** After the current event-loop turn's I/O callbacks (setImmediate on Node; a task elsewhere). */
const defer: (fn: () => void) => void =
  (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate ?? ((fn) => void setTimeout(fn, 0));

export type RotateResult =
  | { ok: true; session: SessionRow; user: UserRow; token: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/** Session and refresh-token bookkeeping. Every multi-row change is one store transaction. */
export class SessionService {
  readonly sessions: Table<SessionRow>;
  readonly refreshTokens: Table<RefreshTokenRow>;
  private readonly users: Table<UserRow>;
  /** Rotations waiting for this turn's group commit. */
  private pending: PendingRotation[] = [];
  /** A minute, or 1 % of a shorter refresh lifetime (tests, strict deployments). */
  private readonly slideSlackMs: number;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly refreshTtlMs: number,
  ) {
    this.sessions = store.table(sessionsTable);
    this.refreshTokens = store.table(refreshTokensTable);
    this.users = store.table(usersTable);
    this.slideSlackMs = Math.min(ACTIVITY_WRITE_INTERVAL_MS, Math.floor(refreshTtlMs / 100));
  }

  /** Inserts the session and its first refresh token; call inside the caller's transaction. */
  open(userId: string, meta: { ip: string | null; userAgent: string | null }, refresh: NewRefreshToken): SessionRow {
    const now = this.now();
    const session = this.sessions.insert({
      id: uuid(),
      user_id: userId,
      ip_address: meta.ip,
      user_agent: meta.userAgent?.slice(0, 512) ?? null,
      created_at: now,
      last_activity_at: now,
      expires_at: now + this.refreshTtlMs,
      revoked_at: null,
      active_org_id: null,
    });
    this.refreshTokens.insert({
      id: timeOrderedId(now),
      session_id: session.id,
      token_hash: refresh.hash,
      created_at: now,
      expires_at: now + this.refreshTtlMs,
      used_at: null,
      revoked_at: null,
    });
    return session;
  }

  private sweptAt = 0;

  /**
   * Every rotation leaves a spent row behind (reuse detection needs it); once a row is past
   * its own expiry it is refused either way, so at most hourly such rows are deleted.
   */
  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < 3600_000) return;
    this.sweptAt = now;
    this.store.transaction(() => this.refreshTokens.deleteWhere({ expires_at: { lt: now } }));
  }

  /** The live session for an access token's `sid`, or undefined if revoked or expired. */
  live(sessionId: string): SessionRow | undefined {
    const session = this.sessions.get(sessionId);
    if (!session || session.revoked_at !== null || session.expires_at <= this.now()) return undefined;
    return session;
  }

  /** Records activity at most once a minute, so reads do not turn into a write each. */
  touch(session: SessionRow): void {
    const now = this.now();
    if (now - session.last_activity_at >= ACTIVITY_WRITE_INTERVAL_MS) this.sessions.updateWhere({ id: session.id }, { last_activity_at: now });
  }

  /**
   * Exchanges a refresh token for a new one. A spent or revoked token presented again means
   * two parties hold the family; both are cut off by revoking the whole session.
   */
  async rotate(token: string): Promise<RotateResult> {
    const hash = await sha256(token);
    const next = await newRefreshToken();
    this.sweep();
    return new Promise<RotateResult>((resolve, reject) => {
      if (this.pending.push({ hash, next, resolve, reject }) === 1) defer(() => this.commitPending());
    });
  }

  /**
   * Group commit: the rotations that arrived during one event-loop turn share one write
   * transaction, so a burst of refreshes pays for one BEGIN/COMMIT (and one WAL write of the
   * pages they share) instead of one each. Every answer still waits for the commit, and the
   * batch is all or nothing: a rotation that throws (the database failed, never a refusal,
   * which is a result) rolls the whole batch back and every caller gets the error with its
   * token still unspent, so a retry works. Within the batch they run in arrival order, each
   * seeing the ones before it, exactly as one after another would.
   */
  private commitPending(): void {
    const batch = this.pending;
    this.pending = [];
    let results: RotateResult[];
    try {
      results = this.store.transaction(() => batch.map((item) => this.rotateNow(item.hash, item.next)));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }

  /** One rotation; call inside a transaction. */
  private rotateNow(hash: string, next: NewRefreshToken): RotateResult {
    const now = this.now();
    const row = this.refreshTokens.findOne({ token_hash: hash });
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.used_at !== null || row.revoked_at !== null) {
      const session = this.sessions.get(row.session_id);
      if (session && session.revoked_at === null) this.revoke(session.id);
      return { ok: false, reason: row.used_at !== null ? 'reused' : 'revoked' };
    }
    const session = this.live(row.session_id);
    if (!session) return { ok: false, reason: 'revoked' };
    if (row.expires_at <= now) return { ok: false, reason: 'expired' };
    // Read here, not after: the same snapshot, and no second lock round trip per refresh.
    const user = this.users.get(session.user_id);
    if (!user) return { ok: false, reason: 'revoked' };
    // Conditional on still being unspent, so a token can never be spent twice even if the
    // read above and this write ever stopped sharing a transaction.
    if (this.refreshTokens.updateWhere({ id: row.id, used_at: null }, { used_at: now }) !== 1) {
      this.revoke(session.id);
      return { ok: false, reason: 'reused' };
    }
    this.refreshTokens.insert({
      id: timeOrderedId(now),
      session_id: session.id,
      token_hash: next.hash,
      created_at: now,
      expires_at: now + this.refreshTtlMs,
      used_at: null,
      revoked_at: null,
    });
    // The sliding expiry (and the activity stamp with it) is written only once it would move
    // by `slideSlackMs`: a client refreshing in a loop costs two row writes per rotation, not
    // three, and the session can only end that much *earlier* than an exact slide would put it.
    const expiresAt = now + this.refreshTtlMs;
    if (expiresAt - session.expires_at < this.slideSlackMs) return { ok: true, session, user, token: next.token };
    const patch = { last_activity_at: now, expires_at: expiresAt };
    this.sessions.updateWhere({ id: session.id }, patch);
    // The row was just read in this transaction; re-reading it would cost a query per refresh.
    return { ok: true, session: { ...session, ...patch }, user, token: next.token };
  }

  /**
   * A new refresh token for a live session without presenting the current one (an organization
   * switch). The session's unspent tokens count as used, so an old copy presented later trips
   * reuse detection like any rotated token.
   */
  async reissue(sessionId: string, patch: Patch<SessionRow> = {}): Promise<{ session: SessionRow; token: string } | undefined> {
    const next = await newRefreshToken();
    return this.store.transaction(() => {
      if (!this.live(sessionId)) return undefined;
      const now = this.now();
      this.refreshTokens.updateWhere({ session_id: sessionId, used_at: null, revoked_at: null }, { used_at: now });
      this.refreshTokens.insert({
        id: timeOrderedId(now),
        session_id: sessionId,
        token_hash: next.hash,
        created_at: now,
        expires_at: now + this.refreshTtlMs,
        used_at: null,
        revoked_at: null,
      });
      const session = this.sessions.update(sessionId, { ...patch, last_activity_at: now, expires_at: now + this.refreshTtlMs })!;
      return { session, token: next.token };
    });
  }

  /** The session a refresh token belongs to, without spending it (for sign-out by token). */
  async sessionOf(token: string): Promise<SessionRow | undefined> {
    const row = this.refreshTokens.findOne({ token_hash: await sha256(token) });
    return row ? this.sessions.get(row.session_id) : undefined;
  }

  revoke(sessionId: string): void {
    this.store.transaction(() => {
      const now = this.now();
      this.sessions.updateWhere({ id: sessionId, revoked_at: null }, { revoked_at: now });
      this.refreshTokens.updateWhere({ session_id: sessionId, revoked_at: null }, { revoked_at: now });
    });
  }
}
