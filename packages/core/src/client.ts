import type { ApiSignInResponse, ApiTokens, ApiUser, MfaMethod } from './api-types.ts';
import { openTabChannel, type TabChannel, type TabMessage } from './cross-tab.ts';
import { JanuaError } from './errors.ts';
import { invalidResponse, normalizeApi, readJson, send, type SendOptions } from './http.ts';
import { safeRedirect } from './redirect.ts';
import { EMPTY_LIST, SnapshotStore, type Listener } from './store.ts';
import { readAccess, refreshLead, type AccessState } from './tokens.ts';
import {
  toUser, toWire,
  type AuthSnapshot, type JanuaClientOptions, type RefreshTransport,
  type SignInParams, type SignInResult, type SignUpParams, type User, type UserPatch,
} from './types.ts';

const DEFAULT_MFA_METHODS: readonly MfaMethod[] = ['totp', 'backup_code'];
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
  /** Settles (never rejects) once the first restore attempt has; `status` is no longer `loading`. */
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
  #restoring: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #destroyed = false;

  /** The shared client for `api` (normalized), created on first use with `options`. */
  static for(api: string, options: Omit<JanuaClientOptions, 'api'> = {}): JanuaClient {
    const key = normalizeApi(api);
    let client = registry.get(key);
    if (!client) {
      client = new JanuaClient({ ...options, api: key });
      registry.set(key, client);
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
    const crossTab = options.crossTab ?? true;
    this.#channel = crossTab ? openTabChannel(`janua:${this.api}`, (m) => this.#onTabMessage(m)) : null;
    if (options.restore === false) {
      this.#store.set({ status: 'signed-out' });
      this.ready = Promise.resolve();
    } else {
      this.ready = this.restore();
    }
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
      if (!ok && epoch === this.#epoch) this.#clearLocal(null);
    } catch (error) {
      if (epoch === this.#epoch) this.#clearLocal(asJanuaError(error));
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

  async signIn(params: SignInParams): Promise<SignInResult> {
    const res = await this.#send('POST', '/auth/signin', {
      body: toWire({ email: params?.email, password: params?.password }),
      credentials: this.#transport === 'cookie',
    });
    return this.#completeSignIn(await readJson<ApiSignInResponse>(res));
  }

  async signUp(params: SignUpParams): Promise<SignInResult> {
    const res = await this.#send('POST', '/auth/signup', {
      body: toWire(params),
      credentials: this.#transport === 'cookie',
    });
    return this.#completeSignIn(await readJson<ApiSignInResponse>(res));
  }

  /** Second step of an MFA sign-in: a TOTP, SMS or backup code for the `mfaToken`. */
  async verifyMfa(params: { mfaToken: string; code: string }): Promise<SignInResult> {
    const res = await this.#send('POST', '/mfa/challenge/verify', {
      body: { mfa_token: params?.mfaToken, code: params?.code },
      credentials: this.#transport === 'cookie',
    });
    return this.#completeSignIn(await readJson<ApiSignInResponse>(res));
  }

  /** Ends the session on the server and clears every tab, even when the server cannot be reached. */
  async signOut(): Promise<void> {
    const sid = this.#access?.session.id ?? null;
    const cookie = this.#transport === 'cookie';
    try {
      // The cookie may hold a session even when this tab never restored it (say, offline at load).
      if (cookie || this.#access || this.#refreshToken) {
        // The server also accepts the refresh token, so an expired access token needs no refresh
        // (which would rotate the family only to revoke it).
        const res = await this.#send('POST', '/auth/signout', {
          token: this.#access?.token ?? null,
          body: cookie || !this.#refreshToken ? {} : { refresh_token: this.#refreshToken },
          credentials: cookie,
          headers: { 'X-Janua-Client': '1' },
        });
        await res.body?.cancel();
      }
    } catch {
      // The user asked to be signed out; a dead network must not keep them signed in here.
    } finally {
      this.#clearLocal(null);
      this.#channel?.post({ type: 'signed-out', sid, everywhere: true });
    }
  }

  async updateUser(patch: UserPatch): Promise<User> {
    const user = toUser(await this.request<ApiUser>('PATCH', '/users/me', toWire(patch)));
    if (this.#store.get().user?.id === user.id) this.#store.set({ user });
    this.#channel?.post({ type: 'user', user });
    return user;
  }

  /** `safeRedirect` against the current page, with this client's allowlist. */
  resolveRedirect(target: string | null | undefined, fallback = '/'): string {
    const base = globalThis.location?.href ?? `${this.api}/`;
    return safeRedirect(target, { base, allowlist: this.#allowlist, fallback });
  }

  destroy(): void {
    this.#destroyed = true;
    this.#clearTimer();
    this.#channel?.close();
    this.#store.clear();
    if (registry.get(this.api) === this) registry.delete(this.api);
  }

  // --- tokens -------------------------------------------------------------------------------

  /** One refresh at a time per client; resolves true when a fresh access token is held. */
  #refresh(): Promise<boolean> {
    if (!this.#refreshing) {
      const epoch = this.#epoch;
      const locks = globalThis.navigator?.locks;
      // Tabs share one rotating cookie: two tabs presenting it at once would look like token
      // theft and revoke the family. Body-mode tokens are per tab, so they need no lock.
      const run = locks && this.#transport === 'cookie'
        ? locks.request(`janua-refresh:${this.api}`, () => this.#refreshNow(epoch)) as Promise<boolean>
        : this.#refreshNow(epoch);
      this.#refreshing = run.finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#refreshing;
  }

  async #refreshNow(epoch: number): Promise<boolean> {
    // While this call waited (for the lock, say), another tab signed out or this one signed in:
    // adopt that state instead of spending the refresh token.
    if (epoch !== this.#epoch) return this.#access !== null;
    const cookie = this.#transport === 'cookie';
    if (!cookie && !this.#refreshToken) return false;
    const res = await this.#send('POST', '/auth/refresh', {
      body: cookie ? {} : { refresh_token: this.#refreshToken },
      credentials: cookie,
      headers: { 'X-Janua-Client': '1' },
      timeout: REFRESH_TIMEOUT,
    });
    if (epoch !== this.#epoch) {
      await res.body?.cancel();
      return this.#access !== null;
    }
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      // The refresh token is spent, revoked or missing: the session is over.
      const sid = this.#access?.session.id ?? null;
      await res.body?.cancel();
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
    this.#channel?.post({ type: 'session', sid: access.session.id });
    return true;
  }

  #completeSignIn(data: ApiSignInResponse): SignInResult {
    if (data?.mfa_required) {
      if (typeof data.mfa_token !== 'string') throw invalidResponse();
      const methods = Array.isArray(data.mfa_methods) && data.mfa_methods.length
        ? [...data.mfa_methods] : [...DEFAULT_MFA_METHODS];
      return { status: 'needs_mfa', mfaToken: data.mfa_token, methods };
    }
    if (!data?.tokens || !data.user) throw invalidResponse();
    const access = readAccess(data.tokens, this.#now());
    const user = toUser(data.user);
    this.#epoch++;
    this.#adopt(access, data.tokens, user);
    this.#channel?.post({ type: 'session', sid: access.session.id });
    return { status: 'complete', user };
  }

  #adopt(access: AccessState, tokens: ApiTokens, user: User): void {
    this.#access = access;
    if (this.#transport === 'body' && typeof tokens.refresh_token === 'string') {
      this.#refreshToken = tokens.refresh_token;
    }
    this.#store.set({ status: 'signed-in', user, session: access.session, error: null });
    this.#schedule();
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

  #clearLocal(error: JanuaError | null): void {
    this.#epoch++;
    this.#access = null;
    this.#refreshToken = null;
    this.#clearTimer();
    this.#store.set({
      status: 'signed-out', user: null, session: null,
      organizations: EMPTY_LIST, activeOrganization: null, error,
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
    }
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

function asJanuaError(error: unknown): JanuaError {
  if (JanuaError.is(error)) return error;
  return new JanuaError({ code: 'CLIENT_ERROR', message: 'The session could not be restored', cause: error });
}
