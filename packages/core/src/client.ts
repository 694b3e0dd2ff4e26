import type { ApiSignInResponse, ApiTokens, ApiUser, MfaMethod } from './api-types.ts';
import { openTabChannel, type TabChannel, type TabMessage } from './cross-tab.ts';
import { JanuaError } from './errors.ts';
import { invalidResponse, normalizeApi, readJson, send, type SendOptions } from './http.ts';
import { checkSameSite, noteCookieMissing, noteCookieRefused, noteCookieSession, noteUnreachable } from './diagnostics.ts';
import { INTERNALS } from './internal.ts';
import { DEFAULT_MFA_METHODS, PendingStep } from './pending.ts';
import { safeRedirect } from './redirect.ts';
import { EMPTY_LIST, SnapshotStore, type Listener } from './store.ts';
import { Retry } from './retry.ts';
import { ssrCookieWriter, type SsrCookieWriter } from './ssr-cookie.ts';
import { readAccess, refreshLead, type AccessState } from './tokens.ts';
import {
  toUser, toWire,
  type AuthSnapshot, type ChallengeVia, type JanuaClientOptions, type RefreshTransport,
  type SignInParams, type SignInResult, type SignUpParams, type User, type UserPatch,
} from './types.ts';

/**
 * A refresh holds the cross-tab lock; a server that never answers must not freeze every tab's
 * auth behind it.
 */
const REFRESH_TIMEOUT = 20_000;
/** setTimeout overflows past 2^31-1 ms and would fire at once. */
const MAX_TIMER = 2_147_483_647;

const registry = new Map<string, JanuaClient>();

/**
 * The framework-free Janua client: transport, tokens, the auth store and the flows.
 * One per server (see `JanuaClient.for`); the access token lives only in this object.
 */
export class JanuaClient {
  readonly api: string;
  /**
   * Settles (never rejects) once the first restore attempt has. When that attempt could not reach
   * the server, `status` stays `loading` with `error` set and the client keeps trying (backoff, and
   * at once when the browser is back online): an outage is not a sign-out.
   */
  readonly ready: Promise<void>;

  readonly #fetch: typeof fetch;
  readonly #transport: RefreshTransport;
  readonly #allowlist: readonly string[];
  readonly #now: () => number;
  readonly #store = new SnapshotStore();
  readonly #channel: TabChannel | null;
  #access: AccessState | null = null;
  /** Only in `'body'` mode; in cookie mode the browser holds it where script cannot. */
  #refreshToken: string | null = null;
  /** Bumped whenever local auth state is replaced, so late answers for the old state are dropped. */
  #epoch = 0;
  #refreshing: Promise<boolean> | null = null;
  /** A `withRefreshLock` section in progress; refreshes of this client wait for it. */
  #locked: Promise<unknown> | null = null;
  #restoring: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The pending second factor's token: here only, never in the snapshot. */
  readonly #pending = new PendingStep(() => this.cancelPending());
  readonly #tabListeners = new Set<(message: TabMessage) => void>();
  readonly #retry = new Retry();
  /** The opt-in access-token cookie for server rendering (`ssrCookie`), or null. */
  #ssrCookie: SsrCookieWriter | null = null;
  #destroyed = false;
  /** Server errors in a row while restoring (see `#restore`). */
  #faults = 0;

  /**
   * The shared client for `api` (normalized), created on first use with `options`. Of the options,
   * only `ssrCookie` also reaches a client that already exists: an SSR wrapper may run after an
   * element has created the shared client.
   */
  static for(api: string, options: Omit<JanuaClientOptions, 'api'> = {}): JanuaClient {
    const key = normalizeApi(api);
    let client = registry.get(key);
    if (!client) {
      client = new JanuaClient({ ...options, api: key });
      registry.set(key, client);
    } else if (options.ssrCookie && !client.#ssrCookie) {
      client.#ssrCookie = ssrCookieWriter(options.ssrCookie);
      if (client.#access) client.#ssrCookie?.(client.#access.token, client.#access.expiresAt - client.#now());
    }
    return client;
  }

  constructor(options: JanuaClientOptions) {
    this.api = normalizeApi(options?.api);
    const f = options.fetch ?? globalThis.fetch;
    // Browsers throw "Illegal invocation" when fetch is called with another `this`.
    this.#fetch = (input, init) => f(input, init);
    this.#transport = options.refreshTransport ?? (typeof document === 'undefined' ? 'body' : 'cookie');
    this.#allowlist = [...(options.redirectAllowlist ?? [])];
    this.#now = options.now ?? Date.now;
    this.#ssrCookie = ssrCookieWriter(options.ssrCookie);
    if (this.#transport === 'cookie' && typeof document !== 'undefined') checkSameSite(this.api);
    const crossTab = options.crossTab ?? true;
    this.#channel = crossTab ? openTabChannel(`janua:${this.api}`, (m) => this.#onTabMessage(m)) : null;
    // A page back from the back-forward cache shows the session as it was when the visitor left:
    // it may have ended since, or the cookie may hold another account, or one where there was
    // none (signed in without the kit). A refresh says which. No answer leaves things as they are.
    globalThis.addEventListener?.('pageshow', this.#onPageShow);
    if (options.restore === false) {
      this.#store.set({ status: 'signed-out' });
      this.ready = Promise.resolve();
    } else {
      this.ready = this.restore();
    }
    const cookie = this.#transport === 'cookie';
    INTERNALS.set(this, {
      cookie,
      now: this.#now,
      call: async (method, path, body, o = {}) => readJson(o.auth === false || o.token !== undefined
        ? await this.#send(method, path, { body, token: o.token, credentials: cookie && !!o.cookie })
        : await this.#authorized(method, path, body, cookie && !!o.cookie)),
      completeSignIn: (data, via) => this.#completeSignIn(data, via),
      beginChallenge: (token, methods, via) => this.#beginChallenge(token, methods, via),
      adoptTokens: (tokens) => {
        const access = readAccess(tokens, this.#now());
        const user = this.#store.get().user;
        if (!this.#access || user?.id !== access.sub) return false;
        this.#adopt(access, tokens, user);
        return true;
      },
      withRefreshLock: (fn) => this.#withRefreshLock(fn),
      refresh: () => this.#refresh(),
      get: () => this.#store.get(),
      set: (patch) => this.#store.set(patch),
      setUser: (user) => this.#setUser(user),
      signedOut: () => {
        const sid = this.#access?.session.id ?? null;
        this.#clearLocal(null);
        this.#channel?.post({ type: 'signed-out', sid, everywhere: true });
      },
      post: (message) => this.#channel?.post(message),
      tabs: this.#tabListeners,
    });
  }

  subscribe(listener: Listener): () => void {
    return this.#store.subscribe(listener);
  }

  getSnapshot(): AuthSnapshot {
    return this.#store.get();
  }

  get status(): AuthSnapshot['status'] {
    return this.#store.get().status;
  }

  get user(): User | null {
    return this.#store.get().user;
  }

  /**
   * Restores the session from the refresh token (the cookie, or the in-memory token in body
   * mode), then loads the user. Never rejects: a failure leaves `signed-out` with `error` set.
   */
  restore(): Promise<void> {
    this.#restoring ??= this.#restore().finally(() => {
      this.#restoring = null;
    });
    return this.#restoring;
  }

  async #restore(): Promise<void> {
    // Settle in a microtask even when there is nothing to ask: every client starts `loading`.
    await undefined;
    const epoch = this.#epoch;
    if (this.#transport === 'body' && !this.#refreshToken) {
      this.#clearLocal(null);
      return;
    }
    try {
      const ok = await this.#refresh();
      this.#retry.cancel(true);
      this.#faults = 0;
      if (!ok && epoch === this.#epoch) this.#clearLocal(null);
    } catch (error) {
      if (epoch !== this.#epoch) return;
      const e = asJanuaError(error);
      // A server error or a rate limit is no verdict on the session either: tried again too (a
      // limit once it says), a server error three times at most, so a fault that stays does not
      // keep the visitor waiting for good.
      const passing = unreachable(e) || e.status === 429 || (e.status >= 500 && ++this.#faults <= 3);
      if (passing && this.#store.get().status === 'loading' && !this.#destroyed) {
        // No answer is not "signed out": the session may be fine. Say why we wait, and try again.
        if (e.code === 'NETWORK_ERROR') noteUnreachable(this.api);
        this.#store.set({ error: e });
        this.#retry.schedule(() => void this.restore(), (e.retryAfter ?? 0) * 1000);
        return;
      }
      this.#clearLocal(e);
    }
  }

  /** A valid access token (refreshed first when close to expiry), or null when signed out. */
  async getAccessToken(): Promise<string | null> {
    if (this.#restoring) await this.#restoring;
    const access = this.#access;
    if (!access) return null;
    if (access.expiresAt - this.#now() > refreshLead(access.ttl)) return access.token;
    try {
      const ok = await this.#refresh();
      return ok ? this.#access?.token ?? null : null;
    } catch (error) {
      // A network blip near expiry: the old token still works until it actually expires.
      if (this.#access === access && access.expiresAt > this.#now()) return access.token;
      throw error;
    }
  }

  /** An authenticated JSON call to `${api}/api/v1${path}`; a 401 is retried once after a refresh. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return readJson<T>(await this.#authorized(method, path, body, false));
  }

  /** Password sign-in; an MFA account answers `needs_mfa` and the snapshot's `pending` is set. */
  async signIn(params: SignInParams): Promise<SignInResult> {
    const res = await this.#send('POST', '/auth/signin', {
      body: toWire({ email: params?.email, password: params?.password }),
      credentials: this.#transport === 'cookie',
    });
    return this.#completeSignIn(await readJson<ApiSignInResponse>(res), 'password');
  }

  async signUp(params: SignUpParams): Promise<SignInResult> {
    const res = await this.#send('POST', '/auth/signup', {
      body: toWire(params),
      credentials: this.#transport === 'cookie',
    });
    return this.#completeSignIn(await readJson<ApiSignInResponse>(res), 'sign-up');
  }

  /**
   * Second step of an MFA sign-in: a TOTP, SMS or backup code, for the pending step (or an
   * explicit `mfaToken`). A wrong code keeps the step; a dead token (INVALID_TOKEN) ends it;
   * after expiry it rejects MFA_EXPIRED without asking the server.
   */
  async verifyMfa(params: { code: string; mfaToken?: string }): Promise<SignInResult> {
    const token = params?.mfaToken || this.#pendingToken();
    const via = this.#store.get().pending?.via ?? 'password';
    const res = await this.#pendingCall(token, '/mfa/challenge/verify', { mfa_token: token, code: params?.code });
    return this.#completeSignIn(await readJson<ApiSignInResponse>(res), via);
  }

  /** Texts a code for the pending step (rate-limited: 429 with `retryAfter`). */
  async sendMfaCode(params: { method: 'sms' } = { method: 'sms' }): Promise<void> {
    const token = this.#pendingToken();
    await readJson(await this.#pendingCall(token, '/mfa/challenge/send', { mfa_token: token, method: params?.method ?? 'sms' }));
  }

  /** Drops the pending second-factor step (the user chose to start over). */
  cancelPending(): void {
    this.#store.set(this.#pending.drop());
  }


  /** Ends the session on the server and clears every tab, even when the server cannot be reached. */
  async signOut(): Promise<void> {
    const sid = this.#access?.session.id ?? null;
    const cookie = this.#transport === 'cookie';
    try {
      // The cookie may hold a session even when this tab never restored it (say, offline at load).
      if (cookie || this.#access || this.#refreshToken) {
        // The reference server also accepts the refresh token, so an expired access token needs
        // no refresh (which would rotate the family only to revoke it); a server that takes only
        // the Bearer (the contract's word) refuses it, so then refresh and say it again.
        const out = (token: string | null) => this.#send('POST', '/auth/signout', {
          token,
          body: cookie || !this.#refreshToken ? {} : { refresh_token: this.#refreshToken },
          credentials: cookie,
          headers: { 'X-Janua-Client': '1' },
        });
        const token = this.#access?.token ?? null;
        let res = await out(token);
        if (res.status === 401 && token && this.#access?.token === token && await this.#refresh().catch(() => false)) {
          await res.body?.cancel();
          res = await out(this.#access?.token ?? null);
        }
        await res.body?.cancel();
      }
    } catch {
      // The user asked to be signed out; a dead network must not keep them signed in here.
    } finally {
      noteCookieSession(this.api, false);
      this.#clearLocal(null, this.#pending.drop());
      this.#channel?.post({ type: 'signed-out', sid, everywhere: true });
    }
  }

  async updateUser(patch: UserPatch): Promise<User> {
    const user = toUser(await this.request<ApiUser>('PATCH', '/users/me', toWire(patch)));
    this.#setUser(user);
    return user;
  }

  /** `safeRedirect` against the current page, with this client's allowlist. */
  resolveRedirect(target: string | null | undefined, fallback = '/'): string {
    const base = globalThis.location?.href ?? `${this.api}/`;
    return safeRedirect(target, { base, allowlist: this.#allowlist, fallback });
  }

  readonly #onPageShow = (e: Event): void => {
    if ((e as PageTransitionEvent).persisted && (this.#access || this.#transport === 'cookie')) void this.#refresh().catch(() => undefined);
  };

  destroy(): void {
    this.#destroyed = true;
    globalThis.removeEventListener?.('pageshow', this.#onPageShow);
    this.#retry.cancel();
    this.#clearTimer();
    this.#pending.drop();
    this.#tabListeners.clear();
    this.#channel?.close();
    this.#store.clear();
    if (registry.get(this.api) === this) registry.delete(this.api);
  }

  // --- tokens -------------------------------------------------------------------------------

  /** One refresh at a time per client; resolves true when a fresh access token is held. */
  #refresh(): Promise<boolean> {
    if (!this.#refreshing) {
      const epoch = this.#epoch;
      const held = this.#access;
      // A token switch under way spends the refresh token this refresh would present.
      const run = Promise.resolve(this.#locked).then(() => this.#exclusive(() => this.#refreshNow(epoch, held)));
      this.#refreshing = run.finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#refreshing;
  }

  /**
   * Tabs share one rotating cookie: two tabs presenting it at once would look like token theft
   * and revoke the family. Body-mode tokens are per tab, so they need no lock.
   */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const locks = globalThis.navigator?.locks;
    return locks && this.#transport === 'cookie' ? locks.request(`janua-refresh:${this.api}`, fn) as Promise<T> : fn();
  }

  #withRefreshLock<T>(fn: (token: string | null) => Promise<T>): Promise<T> {
    const before = this.#locked;
    const run = (async () => {
      await before;
      while (this.#refreshing) await this.#refreshing.catch(() => undefined);
      return this.#exclusive(() => fn(this.#access?.token ?? null));
    })();
    const locked: Promise<unknown> = run.then(() => undefined, () => undefined).finally(() => {
      if (this.#locked === locked) this.#locked = null;
    });
    this.#locked = locked;
    return run;
  }

  async #refreshNow(epoch: number, held: AccessState | null): Promise<boolean> {
    // A destroyed client asks nothing more of the server: a late caller (an element not yet torn
    // down) would otherwise spend the shared cookie, and hold the tabs' refresh lock, for nobody.
    if (this.#destroyed) return false;
    // While this call waited (for the lock, say), another tab signed out or this one signed in:
    // adopt that state instead of spending the refresh token.
    if (epoch !== this.#epoch) return this.#access !== null;
    // A switch that ran meanwhile already brought fresh tokens.
    if (this.#access !== held && this.#access) return true;
    const cookie = this.#transport === 'cookie';
    const own = this.#refreshToken;
    if (!cookie && !own) return false;
    const call = (token: string | null) => this.#send('POST', '/auth/refresh', {
      body: token ? { refresh_token: token } : {},
      credentials: cookie,
      headers: { 'X-Janua-Client': '1' },
      timeout: REFRESH_TIMEOUT,
    });
    let res = await call(cookie ? null : own);
    // Whether a token of this tab's went in the body (body mode, or the fallback below).
    let sent = !cookie;
    // No cookie came (204: the reference server; 422: a server that wants the body's token, as
    // the contract allows): this tab's own token from its last answer, if it has one.
    if (cookie && own && (res.status === 204 || res.status === 422) && epoch === this.#epoch) {
      await res.body?.cancel();
      res = await call(own);
      sent = true;
    }
    if (epoch !== this.#epoch) {
      await res.body?.cancel();
      return this.#access !== null;
    }
    if (res.status === 204 || (cookie && !own && res.status === 422)) {
      // No session to restore: no token came at all.
      await res.body?.cancel();
      // A 204 is "no cookie came"; a 422 is a server that wants the body's token (none to blame).
      if (cookie && res.status === 204) noteCookieMissing(this.api);
      this.#clearLocal(null);
      return false;
    }
    if (res.status === 400 || res.status === 401 || res.status === 403 || (res.status === 422 && sent)) {
      // The refresh token is spent, revoked or refused: the session is over. (Another 4xx, a
      // proxy's 404 say, is no verdict on it: thrown, as a network error would be.)
      const sid = this.#access?.session.id ?? null;
      await res.body?.cancel();
      if (cookie && res.status === 403) noteCookieRefused(this.api);
      this.#clearLocal(null);
      if (sid) this.#channel?.post({ type: 'signed-out', sid, everywhere: false });
      return false;
    }
    const tokens = await readJson<ApiTokens>(res);
    const access = readAccess(tokens, this.#now());
    let user = this.#store.get().user;
    if (user?.id !== access.sub) {
      // First restore, or another tab signed in someone else and the cookie now holds them.
      const me = await this.#send('GET', '/auth/me', { token: access.token, timeout: REFRESH_TIMEOUT });
      user = toUser(await readJson<ApiUser>(me));
      if (epoch !== this.#epoch) return this.#access !== null;
    }
    this.#adopt(access, tokens, user);
    // Other tabs follow the shared cookie; a refresh on this tab's own token says nothing of it
    // (two tabs with a session each would follow each other round and round).
    if (!(cookie && sent)) this.#channel?.post({ type: 'session', sid: access.session.id });
    return true;
  }

  #completeSignIn(data: ApiSignInResponse, via: ChallengeVia): SignInResult {
    if (data?.mfa_required) {
      if (typeof data.mfa_token !== 'string') throw invalidResponse();
      const methods = Array.isArray(data.mfa_methods) && data.mfa_methods.length ? data.mfa_methods : DEFAULT_MFA_METHODS;
      return this.#beginChallenge(data.mfa_token, methods, via);
    }
    if (!data?.tokens || !data.user) throw invalidResponse();
    const access = readAccess(data.tokens, this.#now());
    const user = toUser(data.user);
    this.#epoch++;
    this.#retry.cancel(true);
    this.#adopt(access, data.tokens, user);
    if (this.#transport === 'cookie') noteCookieSession(this.api, true);
    this.#channel?.post({ type: 'session', sid: access.session.id });
    return { status: 'complete', user };
  }

  #adopt(access: AccessState, tokens: ApiTokens, user: User): void {
    this.#access = access;
    this.#ssrCookie?.(access.token, access.ttl);
    // Body mode's token; in cookie mode the fallback for a server that sets no cookie (the
    // contract promises only this one), used when a refresh finds no cookie.
    if (typeof tokens.refresh_token === 'string') this.#refreshToken = tokens.refresh_token;
    const before = this.#store.get();
    const other = before.user?.id !== user.id;
    // Signed in (here, or by following another tab): a second-factor step still open is moot.
    // A background refresh of the same user leaves it alone. Someone else's organizations go.
    this.#store.set({
      status: 'signed-in', user, session: access.session, error: null,
      ...(other || before.status !== 'signed-in') && this.#pending.drop(),
      ...other && { organizations: EMPTY_LIST, activeOrganization: null },
    });
    this.#schedule();
  }

  #beginChallenge(mfaToken: string, methods: readonly MfaMethod[], via: ChallengeVia): SignInResult {
    this.#store.set({ pending: this.#pending.begin(mfaToken, methods, via, this.#now()) });
    return { status: 'needs_mfa', mfaToken, methods: [...methods] };
  }

  /** The pending step's token, or MFA_EXPIRED (and the step ends) when there is none left. */
  #pendingToken(): string {
    const token = this.#pending.token(this.#store.get().pending, this.#now());
    if (token) return token;
    this.cancelPending();
    throw new JanuaError({ code: 'MFA_EXPIRED', message: 'The sign-in step has expired; sign in again' });
  }

  /** A call on an MFA token; the server calling the token dead ends the step it belongs to. */
  async #pendingCall(token: string, path: string, body: unknown): Promise<Response> {
    const res = await this.#send('POST', path, { body, credentials: this.#transport === 'cookie' });
    if (res.ok) return res;
    const error = await JanuaError.fromResponse(res);
    if (error.code === 'INVALID_TOKEN' && this.#pending.holds(token)) this.cancelPending();
    throw error;
  }

  #setUser(user: User): void {
    if (this.#store.get().user?.id === user.id) this.#store.set({ user });
    this.#channel?.post({ type: 'user', user });
  }

  #schedule(): void {
    this.#clearTimer();
    const access = this.#access;
    if (!access || this.#destroyed) return;
    const delay = access.expiresAt - refreshLead(access.ttl) - this.#now();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // A failure here is retried by the next getAccessToken(); there is no caller to tell.
      this.#refresh().catch(() => undefined);
    }, Math.min(Math.max(delay, 0), MAX_TIMER));
    // In Node (SSR, tests) a pending refresh must not keep the process alive.
    (this.#timer as unknown as { unref?: () => void }).unref?.();
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Signed out here; a pending step survives unless `pending` drops it (an explicit sign-out). */
  #clearLocal(error: JanuaError | null, pending?: { pending: null }): void {
    this.#epoch++;
    this.#access = null;
    this.#refreshToken = null;
    this.#ssrCookie?.(null);
    this.#clearTimer();
    this.#store.set({
      status: 'signed-out', user: null, session: null,
      organizations: EMPTY_LIST, activeOrganization: null, error, ...pending,
    });
  }

  // --- other tabs ---------------------------------------------------------------------------

  #onTabMessage(message: TabMessage): void {
    if (this.#destroyed) return;
    const sid = this.#access?.session.id ?? null;
    switch (message.type) {
      case 'signed-out':
        if (message.everywhere || (sid !== null && message.sid === sid)) this.#clearLocal(null);
        break;
      case 'session':
        // Only the cookie is shared between tabs; a body-mode token belongs to its own tab.
        if (this.#transport === 'cookie' && message.sid !== sid) void this.#followSession(message.sid);
        break;
      case 'user':
        if (this.#store.get().user?.id === message.user.id) this.#store.set({ user: message.user });
        break;
      case 'refresh':
        // Another tab switched the shared session's organization: take the new claims too.
        if (this.#transport === 'cookie' && message.sid === sid) this.#refresh().catch(() => undefined);
        break;
    }
    for (const listener of [...this.#tabListeners]) listener(message);
  }

  async #followSession(sid: string): Promise<void> {
    // Let a refresh or restore already under way finish first; it may already hold `sid`.
    await this.#refreshing?.catch(() => undefined);
    if (this.#restoring) await this.#restoring;
    if (this.#access?.session.id === sid) return;
    await this.restore();
  }

  // --- transport ----------------------------------------------------------------------------

  async #authorized(method: string, path: string, body: unknown, credentials: boolean): Promise<Response> {
    const token = await this.getAccessToken();
    const res = await this.#send(method, path, { body, token, credentials });
    if (res.status !== 401 || !token) return res;
    // A concurrent call may already have refreshed; only refresh if our token is still current.
    if (this.#access?.token === token && !(await this.#refresh())) return res;
    const next = this.#access?.token;
    if (!next || next === token) return res;
    await res.body?.cancel();
    return this.#send(method, path, { body, token: next, credentials });
  }

  #send(method: string, path: string, options?: SendOptions): Promise<Response> {
    return send(this.#fetch, this.api, method, path, options);
  }
}

/** No answer, or a gateway's "the server behind me is down": worth trying again. */
function unreachable(e: JanuaError): boolean {
  return e.code === 'NETWORK_ERROR' || e.status === 502 || e.status === 503 || e.status === 504;
}

function asJanuaError(error: unknown): JanuaError {
  if (JanuaError.is(error)) return error;
  return new JanuaError({ code: 'CLIENT_ERROR', message: 'The session could not be restored', cause: error });
}
