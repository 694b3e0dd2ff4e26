/**
 * What the feature modules (src/modules/*) reach inside a client. Not exported from the package
 * index: apps get the modules' typed methods, not this. Keyed by the client object, so a module
 * imported by one element costs nothing to the elements that do not import it.
 */
import type { ApiSignInResponse, ApiTokens, MfaMethod } from './api-types.ts';
import type { JanuaClient } from './client.ts';
import type { TabMessage } from './cross-tab.ts';
import { invalidResponse } from './http.ts';
import type { AuthSnapshot, ChallengeVia, SignInResult, User } from './types.ts';

export interface CallOptions {
  /** Send the Bearer token (with one refresh-and-retry on 401). Default true. */
  auth?: boolean;
  /** Send credentials in cookie mode, for answers that set or clear the refresh cookie. */
  cookie?: boolean;
  /** A token to send as is: no refresh, no retry (for calls made while holding the refresh lock). */
  token?: string | null;
}

export interface Internals {
  readonly cookie: boolean;
  now(): number;
  /** A JSON call to `${api}/api/v1${path}`; rejects JanuaError. */
  call<T>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<T>;
  /** Takes a SignInResponse: signs in, or opens the pending second-factor step. */
  completeSignIn(data: ApiSignInResponse, via: ChallengeVia): SignInResult;
  beginChallenge(mfaToken: string, methods: readonly MfaMethod[], via: ChallengeVia): SignInResult;
  /** New tokens for the signed-in session (an organization switch); false if state moved on. */
  adoptTokens(tokens: ApiTokens): boolean;
  /**
   * Runs `fn` while no refresh of this client runs and, in cookie mode, under the cross-tab
   * refresh lock, with the access token held at that moment. `fn` must not refresh.
   */
  withRefreshLock<T>(fn: (token: string | null) => Promise<T>): Promise<T>;
  refresh(): Promise<boolean>;
  get(): AuthSnapshot;
  set(patch: Partial<AuthSnapshot>): boolean;
  /** Replaces the user (when still the signed-in one) here and in the other tabs. */
  setUser(user: User): void;
  /** Clears local state here and in every tab, without a server call (the session is gone). */
  signedOut(): void;
  post(message: TabMessage): void;
  /** Listeners for every valid message from other tabs (after the client's own handling). */
  readonly tabs: Set<(message: TabMessage) => void>;
}

export const INTERNALS = new WeakMap<JanuaClient, Internals>();

export function internals(client: JanuaClient): Internals {
  const found = INTERNALS.get(client);
  if (!found) throw new TypeError('Janua: expected a JanuaClient');
  return found;
}

/** A feature module: one instance per client, made on first use. */
export function defineModule<M>(create: (client: JanuaClient, i: Internals) => M): (client: JanuaClient) => M {
  const made = new WeakMap<JanuaClient, M>();
  return (client) => {
    let module = made.get(client);
    if (!module) made.set(client, (module = create(client, internals(client))));
    return module;
  };
}

const CAMEL = /_([a-z])/g;

/** A wire object with camelCase keys, frozen; anything but an object is an unreadable answer. */
export function camel<T>(value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidResponse();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k.replace(CAMEL, (_, c: string) => c.toUpperCase())] = v;
  return Object.freeze(out) as T;
}

export function camelList<T>(value: unknown): readonly T[] {
  if (!Array.isArray(value)) throw invalidResponse();
  return Object.freeze(value.map((v) => camel<T>(v)));
}

/** camelCase params → a snake_case body, `undefined` dropped, and with `only`, every other key. */
export function snake(params: object | null | undefined, only?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v !== undefined && (!only || only.includes(k))) out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  }
  return out;
}

/** Path segment from a caller's id: an id must never reshape the path. */
export const seg = (id: string): string => encodeURIComponent(String(id));
